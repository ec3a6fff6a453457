/** Announcements and prompt templates per language, a tenant's overriding the system's. */
@NullMarked
package ai.sentiric.dialplan.prompt;

import org.jspecify.annotations.NullMarked;
