package ai.sentiric.user.user;

import ai.sentiric.proto.event.v1.ChangeKind;
import java.util.UUID;

/** Published inside the transaction that changed a user; announced on the bus once it committed. */
public record UserChanged(String tenantId, UUID userId, ChangeKind kind) {
}
