package ai.sentiric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pack's wire form: what a publisher joins, a consumer splits back into the very same events. */
class EventPacksTests {

    @Test
    void aJoinedPackSplitsIntoTheEventsAsTheyWere() throws Exception {
        List<String> events = List.of("{\"callId\":\"a\",\"callEnded\":{\"reason\":\"caller_bye\"}}",
                "{\"callId\":\"b]},[{\\\"\"}", "{\"nested\":{\"list\":[1,[2,{}],\"]\"]}}");

        byte[] pack = EventPacks.join(events.stream().map(EventPacksTests::bytes).toList());

        assertThat(text(pack)).isEqualTo("[" + String.join(",", events) + "]");
        assertThat(EventPacks.split(pack)).extracting(EventPacksTests::text).containsExactlyElementsOf(events);
    }

    @Test
    void aBodyThatIsNotAnArrayIsOneEventAsItCame() throws Exception {
        byte[] one = bytes("{\"callId\":\"a\"}");
        assertThat(EventPacks.split(one)).containsExactly(one);
        byte[] notJson = bytes("{not json");
        assertThat(EventPacks.split(notJson)).as("left for the event parser to refuse").containsExactly(notJson);
    }

    @Test
    void whitespaceAnywhereBetweenTheEventsIsAllowed() throws Exception {
        assertThat(EventPacks.split(bytes(" \n[ {\"a\":1} ,\t{\"b\": \"x y\"}\r\n] ")))
                .extracting(EventPacksTests::text).containsExactly("{\"a\":1}", "{\"b\": \"x y\"}");
        assertThat(EventPacks.split(bytes("[]"))).isEmpty();
        assertThat(EventPacks.split(bytes("[ 7, \"s\", true ]"))).as("elements of any kind; the event parser judges them")
                .extracting(EventPacksTests::text).containsExactly("7", "\"s\"", "true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "[{\"a\":1}", "[{\"a\":1},", "[{\"a\":1} {\"b\":2}]", "[{\"a\":1}]x", "[,]",
            "[{\"a\":1},]", "[{\"a\":\"open]", "[{\"a\":{}]", "[{\"a\":{}]}]", "[}]"})
    void aMalformedPackIsRefusedWhole(String body) {
        assertThatThrownBy(() -> EventPacks.split(bytes(body))).isInstanceOf(InvalidProtocolBufferException.class)
                .hasMessageStartingWith("malformed pack of events");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
