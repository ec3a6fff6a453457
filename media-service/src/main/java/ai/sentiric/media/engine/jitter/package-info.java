/** The inbound side's reordering and its RFC 3550 receiver statistics. */
@NullMarked
package ai.sentiric.media.engine.jitter;

import org.jspecify.annotations.NullMarked;
