/** What a session plays to the caller: clips and growing streams, queued per session. */
@NullMarked
package ai.sentiric.media.engine.playback;

import org.jspecify.annotations.NullMarked;
