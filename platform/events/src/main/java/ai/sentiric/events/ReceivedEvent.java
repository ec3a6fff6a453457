package ai.sentiric.events;

import ai.sentiric.proto.event.v1.EventEnvelope;

/** An event with the message body it arrived in (UTF-8 JSON), for consumers that keep the original. */
public record ReceivedEvent(EventEnvelope event, byte[] body) {
}
