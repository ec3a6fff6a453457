package ai.sentiric.cdr.ingest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One validated event, split into the rows it writes. */
record IngestedEvent(
        UUID eventId, String eventType, @Nullable String callId, @Nullable String tenantId, OffsetDateTime timestamp,
        String traceId, String payloadJson,
        @Nullable CallFacts facts, @Nullable DialogTurn turn, @Nullable Usage usage) {

    /** A row of call_dialog_events. */
    record DialogTurn(int turnNumber, String userText, String agentText, List<String> knowledgeSources, int sttMs,
                      int llmFirstTokenMs, int llmTotalMs, int ttsFirstAudioMs, int responseMs, boolean interrupted) {
    }

    /** A row of usage_records, before its cost is looked up. */
    record Usage(String resourceType, @Nullable String model, double quantity, @Nullable String serviceName) {
    }
}
