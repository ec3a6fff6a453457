package ai.sentiric.media.engine.playback;

/** How a playback ended: played to the end, or cut off (barge-in, end of call). */
public record PlaybackResult(boolean finished, long playedMillis) {
}
