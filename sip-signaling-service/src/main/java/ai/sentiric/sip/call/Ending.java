package ai.sentiric.sip.call;

import ai.sentiric.proto.event.v1.Disposition;
import ai.sentiric.proto.event.v1.HangupSource;

/** How a call ended, as {@code call.ended} reports it. */
record Ending(String reason, int sipCode, String sipReason, HangupSource source, Disposition disposition) {
}
