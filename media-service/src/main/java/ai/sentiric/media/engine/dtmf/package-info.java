/** RFC 4733 telephone-events to DTMF digits. */
@NullMarked
package ai.sentiric.media.engine.dtmf;

import org.jspecify.annotations.NullMarked;
