/** RTP sessions over UDP: the engine, its receive loop and its 20 ms clock. */
@NullMarked
package ai.sentiric.media.engine.session;

import org.jspecify.annotations.NullMarked;
