package ai.sentiric.dialplan.plan;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A plan: one action and its parameters, owned by a tenant (or by `system`, for every tenant). */
@Entity
@Table(name = "dialplans")
@IdClass(Dialplan.Key.class)
public class Dialplan {

    /** The primary key: a plan id is unique within its tenant. */
    public static class Key implements Serializable {
        private String tenantId = "";
        private String id = "";

        protected Key() {
        }

        public Key(String tenantId, String id) {
            this.tenantId = tenantId;
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.tenantId.equals(tenantId) && key.id.equals(id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, id);
        }
    }

    @Id
    private String tenantId;
    @Id
    private String id;
    private String description;
    @Enumerated(EnumType.STRING)
    private ActionType actionType;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, String> actionData = new LinkedHashMap<>();
    private Instant updatedAt = Instant.now();

    protected Dialplan() {
        this("", "", "", ActionType.PLAY_ANNOUNCEMENT, Map.of());
    }

    public Dialplan(String tenantId, String id, String description, ActionType actionType, Map<String, String> actionData) {
        this.tenantId = tenantId;
        this.id = id;
        this.description = description;
        this.actionType = actionType;
        this.actionData = new LinkedHashMap<>(actionData);
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public String getTenantId() { return tenantId; }
    public String getId() { return id; }
    public String getDescription() { return description; }
    public ActionType getActionType() { return actionType; }
    public Map<String, String> getActionData() { return Map.copyOf(actionData); }
    public Instant getUpdatedAt() { return updatedAt; }

    void change(String description, ActionType actionType, Map<String, String> actionData) {
        this.description = description;
        this.actionType = actionType;
        this.actionData = new LinkedHashMap<>(actionData);
    }
}
