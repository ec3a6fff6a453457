/** PCM between the 8 kHz of the wire and the 16 kHz the agent hears. */
@NullMarked
package ai.sentiric.media.engine.audio;

import org.jspecify.annotations.NullMarked;
