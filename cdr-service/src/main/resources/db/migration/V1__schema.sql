-- cdr-service schema. The calls row is a projection of the call's events, merged so that any
-- order and any duplication of the same events gives the same row: times merge by LEAST, the
-- status by the GREATEST rank (a late call.started never reopens a COMPLETED call), facts that
-- can come from two sources by source rank. Status, disposition and duration are derived.

CREATE TABLE call_events (
    event_id        UUID         PRIMARY KEY,
    call_id         VARCHAR(200),
    tenant_id       VARCHAR(64),
    event_type      VARCHAR(100) NOT NULL,
    event_timestamp TIMESTAMPTZ  NOT NULL,
    trace_id        VARCHAR(64),
    payload         JSON         NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX call_events_call ON call_events (call_id, event_timestamp);

CREATE TABLE calls (
    call_id            VARCHAR(200) PRIMARY KEY,
    tenant_id          VARCHAR(64),
    tenant_rank        SMALLINT     NOT NULL DEFAULT 0,
    user_id            VARCHAR(64),
    contact_id         BIGINT,
    identity_rank      SMALLINT     NOT NULL DEFAULT 0,
    caller_number      VARCHAR(32),
    callee_number      VARCHAR(32),
    direction          VARCHAR(10),
    trunk_name         VARCHAR(100),
    dialplan_id        VARCHAR(64),
    resolution         VARCHAR(30),
    start_time         TIMESTAMPTZ,
    answer_time        TIMESTAMPTZ,
    end_time           TIMESTAMPTZ,
    status_rank        SMALLINT     NOT NULL DEFAULT 0,
    ended_disposition  VARCHAR(20),
    sip_code           INTEGER,
    hangup_reason      VARCHAR(200),
    hangup_source      VARCHAR(20),
    recording_url      TEXT,
    outcome_type       VARCHAR(100),
    outcome_summary    TEXT,
    outcome_at         TIMESTAMPTZ,
    mos                NUMERIC(4, 2),
    packets_received   BIGINT,
    packets_lost       BIGINT,
    jitter_ms          NUMERIC(10, 3),
    total_cost         NUMERIC(18, 6) NOT NULL DEFAULT 0,
    currency           VARCHAR(3),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    status             VARCHAR(12)  GENERATED ALWAYS AS (
        CASE status_rank WHEN 3 THEN 'COMPLETED' WHEN 2 THEN 'ANSWERED' WHEN 1 THEN 'RINGING' ELSE 'PENDING' END) STORED,
    disposition        VARCHAR(20)  GENERATED ALWAYS AS (
        CASE WHEN status_rank < 3 THEN NULL
             WHEN ended_disposition IS NOT NULL AND ended_disposition <> 'ANSWERED' THEN ended_disposition
             WHEN answer_time IS NOT NULL THEN 'ANSWERED'
             ELSE 'NO_ANSWER' END) STORED,
    -- Talk time: answer to end, never negative; a call never answered lasted 0 s, not since year 1.
    duration_seconds   INTEGER      GENERATED ALWAYS AS (
        CASE WHEN answer_time IS NULL OR end_time IS NULL OR end_time < answer_time THEN 0
             ELSE CAST(FLOOR(EXTRACT(EPOCH FROM (end_time - answer_time))) AS INTEGER) END) STORED,
    sort_time          TIMESTAMPTZ  GENERATED ALWAYS AS (COALESCE(start_time, answer_time, end_time)) STORED
);
CREATE INDEX calls_tenant_time ON calls (tenant_id, sort_time DESC, call_id DESC);

-- One row per dialog turn (seed 002 CDR-FEAT-01). A re-sent turn keeps the latest version.
CREATE TABLE call_dialog_events (
    call_id            VARCHAR(200) NOT NULL,
    turn_number        INTEGER      NOT NULL,
    tenant_id          VARCHAR(64),
    event_id           UUID         NOT NULL,
    occurred_at        TIMESTAMPTZ  NOT NULL,
    user_text          TEXT         NOT NULL DEFAULT '',
    agent_text         TEXT         NOT NULL DEFAULT '',
    knowledge_sources  JSONB        NOT NULL DEFAULT '[]',
    stt_ms             INTEGER,
    llm_first_token_ms INTEGER,
    llm_total_ms       INTEGER,
    tts_first_audio_ms INTEGER,
    response_ms        INTEGER,
    interrupted        BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (call_id, turn_number)
);

-- Price of one unit of a resource from valid_from (inclusive) to valid_to (exclusive).
-- A tenant's own model beats the platform's (tenant_id NULL); a model-specific price beats the
-- resource's general one (model NULL).
CREATE TABLE cost_models (
    id            BIGSERIAL    PRIMARY KEY,
    tenant_id     VARCHAR(64),
    resource_type VARCHAR(30)  NOT NULL,
    model         VARCHAR(100),
    unit_cost     NUMERIC(18, 10) NOT NULL CHECK (unit_cost >= 0),
    currency      VARCHAR(3)   NOT NULL,
    valid_from    TIMESTAMPTZ  NOT NULL,
    valid_to      TIMESTAMPTZ,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX cost_models_lookup ON cost_models (resource_type, valid_from);

-- One row per cost.usage.reported event (seed 002 CDR-FEAT-02).
CREATE TABLE usage_records (
    event_id      UUID          PRIMARY KEY,
    call_id       VARCHAR(200)  NOT NULL,
    tenant_id     VARCHAR(64),
    service_name  VARCHAR(100),
    resource_type VARCHAR(30)   NOT NULL,
    model         VARCHAR(100),
    quantity      NUMERIC(18, 6) NOT NULL,
    unit_cost     NUMERIC(18, 10),
    cost          NUMERIC(18, 6) NOT NULL DEFAULT 0,
    currency      VARCHAR(3),
    occurred_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX usage_records_call ON usage_records (call_id);

-- The platform's list prices (USD), valid from the start of 2025.
INSERT INTO cost_models (tenant_id, resource_type, model, unit_cost, currency, valid_from) VALUES
    (NULL, 'TELEPHONY_MINUTE', NULL, 0.0050, 'USD', '2025-01-01T00:00:00Z'),
    (NULL, 'STT_SECOND', NULL, 0.0002, 'USD', '2025-01-01T00:00:00Z'),
    (NULL, 'LLM_INPUT_TOKEN', NULL, 0.00000015, 'USD', '2025-01-01T00:00:00Z'),
    (NULL, 'LLM_OUTPUT_TOKEN', NULL, 0.0000006, 'USD', '2025-01-01T00:00:00Z'),
    (NULL, 'TTS_CHARACTER', NULL, 0.000015, 'USD', '2025-01-01T00:00:00Z');
