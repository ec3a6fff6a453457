/** dialplan-service: routes, plans, schedules, trunks, announcements and prompts; ResolveDialplan. */
@NullMarked
package ai.sentiric.dialplan;

import org.jspecify.annotations.NullMarked;
