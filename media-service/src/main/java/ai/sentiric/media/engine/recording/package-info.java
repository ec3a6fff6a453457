/** Time-aligned call recording to WAV. */
@NullMarked
package ai.sentiric.media.engine.recording;

import org.jspecify.annotations.NullMarked;
