package ai.sentiric.media.engine.session;

/** Why an inbound datagram was counted and dropped instead of played. */
public enum DropReason {
    NOT_RTP, WRONG_PAYLOAD_TYPE, STRANGER, OVERSIZED, RTCP
}
