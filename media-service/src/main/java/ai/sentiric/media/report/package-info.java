/** The engine's reports turned into platform events. */
@NullMarked
package ai.sentiric.media.report;

import org.jspecify.annotations.NullMarked;
