-- dialplan-service schema. A tenant's plans, announcements and templates may override the
-- `system` tenant's by using the same id: look-ups try the tenant first, then `system`.

CREATE TABLE dialplans (
    tenant_id   VARCHAR(64)  NOT NULL,
    id          VARCHAR(64)  NOT NULL CHECK (id ~ '^[A-Za-z0-9_.-]+$'),
    description VARCHAR(500) NOT NULL DEFAULT '',
    action_type VARCHAR(40)  NOT NULL CHECK (action_type IN
        ('START_AI_CONVERSATION', 'PROCESS_GUEST_CALL', 'PLAY_ANNOUNCEMENT', 'TRANSFER', 'ECHO_TEST')),
    action_data JSONB        NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

-- weekly_hours: {"MONDAY": [{"from": "09:00", "to": "18:00"}], ...}; a day not named is closed.
-- holidays: ["2026-01-01", ...], closed all day in the schedule's time zone.
CREATE TABLE schedules (
    id           UUID         PRIMARY KEY,
    tenant_id    VARCHAR(64)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    time_zone    VARCHAR(64)  NOT NULL,
    weekly_hours JSONB        NOT NULL DEFAULT '{}',
    holidays     JSONB        NOT NULL DEFAULT '[]',
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);

CREATE TABLE sip_trunks (
    id            BIGSERIAL    PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    allowed_cidrs JSONB        NOT NULL DEFAULT '[]',
    codecs        JSONB        NOT NULL DEFAULT '["PCMU", "PCMA", "telephone-event"]',
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);

-- phone_number is E.164 with its '+'.
CREATE TABLE inbound_routes (
    phone_number          VARCHAR(20)  PRIMARY KEY CHECK (phone_number ~ '^\+[1-9][0-9]{1,14}$'),
    tenant_id             VARCHAR(64)  NOT NULL,
    active_dialplan_id    VARCHAR(64),
    off_hours_dialplan_id VARCHAR(64),
    failsafe_dialplan_id  VARCHAR(64),
    guest_dialplan_id     VARCHAR(64),
    maintenance_mode      BOOLEAN      NOT NULL DEFAULT FALSE,
    default_language_code VARCHAR(10)  NOT NULL DEFAULT 'en',
    block_anonymous       BOOLEAN      NOT NULL DEFAULT FALSE,
    schedule_id           UUID         REFERENCES schedules (id),
    sip_trunk_id          BIGINT       REFERENCES sip_trunks (id),
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX inbound_routes_tenant ON inbound_routes (tenant_id, phone_number);

CREATE TABLE announcements (
    tenant_id     VARCHAR(64)   NOT NULL,
    id            VARCHAR(64)   NOT NULL,
    language_code VARCHAR(10)   NOT NULL,
    audio_path    VARCHAR(500)  NOT NULL,
    text          VARCHAR(2000) NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id, language_code)
);

CREATE TABLE prompt_templates (
    tenant_id     VARCHAR(64)  NOT NULL,
    id            VARCHAR(64)  NOT NULL,
    language_code VARCHAR(10)  NOT NULL,
    template_type VARCHAR(20)  NOT NULL CHECK (template_type IN ('PROMPT', 'SYSTEM_PROMPT', 'RAG_PROMPT', 'SMS', 'EMAIL')),
    content       TEXT         NOT NULL,
    PRIMARY KEY (tenant_id, id, language_code)
);

-- The platform's own plans: the failsafe that always plays, maintenance, the guest entry.
INSERT INTO dialplans (tenant_id, id, description, action_type, action_data) VALUES
    ('system', 'DP_SYSTEM_FAILSAFE', 'Apologise and hang up', 'PLAY_ANNOUNCEMENT', '{"announcement_id": "ANNOUNCE_SYSTEM_ERROR"}'),
    ('system', 'DP_SYSTEM_MAINTENANCE', 'Maintenance notice', 'PLAY_ANNOUNCEMENT', '{"announcement_id": "ANNOUNCE_SYSTEM_MAINTENANCE"}'),
    ('system', 'DP_GUEST_ENTRY', 'Unknown caller: create a guest and converse', 'PROCESS_GUEST_CALL',
     '{"welcome_announcement_id": "ANNOUNCE_GUEST_WELCOME", "system_prompt_id": "PROMPT_SYSTEM_DEFAULT"}'),
    ('system', 'DP_ECHO_TEST', 'Line test: the caller hears themselves', 'ECHO_TEST', '{}');

INSERT INTO announcements (tenant_id, id, language_code, audio_path, text) VALUES
    ('system', 'ANNOUNCE_SYSTEM_ERROR', 'en', 'audio/en/system_error.wav', 'We are sorry, a technical problem prevents us from taking your call. Please try again later.'),
    ('system', 'ANNOUNCE_SYSTEM_ERROR', 'tr', 'audio/tr/system_error.wav', 'Üzgünüz, teknik bir sorun nedeniyle çağrınızı şu anda alamıyoruz. Lütfen daha sonra tekrar deneyin.'),
    ('system', 'ANNOUNCE_SYSTEM_MAINTENANCE', 'en', 'audio/en/maintenance.wav', 'Our service is under maintenance. Please call again later.'),
    ('system', 'ANNOUNCE_SYSTEM_MAINTENANCE', 'tr', 'audio/tr/maintenance.wav', 'Hizmetimiz bakımdadır. Lütfen daha sonra tekrar arayın.'),
    ('system', 'ANNOUNCE_GUEST_WELCOME', 'en', 'audio/en/guest_welcome.wav', 'Welcome. How can I help you?'),
    ('system', 'ANNOUNCE_GUEST_WELCOME', 'tr', 'audio/tr/guest_welcome.wav', 'Hoş geldiniz. Size nasıl yardımcı olabilirim?'),
    ('system', 'ANNOUNCE_SYSTEM_GOODBYE', 'en', 'audio/en/goodbye.wav', 'Thank you for calling. Goodbye.'),
    ('system', 'ANNOUNCE_SYSTEM_GOODBYE', 'tr', 'audio/tr/goodbye.wav', 'Aradığınız için teşekkürler. İyi günler.'),
    ('system', 'ANNOUNCE_SYSTEM_CANT_HEAR_YOU', 'en', 'audio/en/cant_hear_you.wav', 'I could not hear you. Could you say that again?'),
    ('system', 'ANNOUNCE_SYSTEM_CANT_UNDERSTAND', 'en', 'audio/en/cant_understand.wav', 'Sorry, I did not understand. Could you rephrase?'),
    ('system', 'ANNOUNCE_SYSTEM_MAX_FAILURES', 'en', 'audio/en/max_failures.wav', 'I am having trouble understanding. Please call again later. Goodbye.'),
    ('system', 'ANNOUNCE_SYSTEM_OFF_HOURS', 'en', 'audio/en/off_hours.wav', 'We are closed now. Please call again during our opening hours.'),
    ('system', 'ANNOUNCE_SYSTEM_OFF_HOURS', 'tr', 'audio/tr/off_hours.wav', 'Şu anda kapalıyız. Lütfen çalışma saatlerimizde tekrar arayın.');

INSERT INTO prompt_templates (tenant_id, id, language_code, template_type, content) VALUES
    ('system', 'PROMPT_SYSTEM_DEFAULT', 'en', 'SYSTEM_PROMPT', 'You are a helpful, professional voice assistant. Answer in at most two short sentences.'),
    ('system', 'PROMPT_SYSTEM_DEFAULT', 'tr', 'SYSTEM_PROMPT', 'Yardımsever ve profesyonel bir sesli asistansın. En fazla iki kısa cümleyle yanıt ver.'),
    ('system', 'PROMPT_WELCOME_KNOWN_USER', 'en', 'PROMPT', 'Greet {user_name} warmly by name and ask in one short sentence how you can help.'),
    ('system', 'PROMPT_WELCOME_GUEST', 'en', 'PROMPT', 'Greet the caller warmly and ask in one short sentence how you can help.'),
    ('system', 'PROMPT_SYSTEM_RAG', 'en', 'RAG_PROMPT', 'Answer only from the information below. If it is not there, say politely that you do not have the details; never guess.\n\n### Information\n{context}\n\n### Question\n{query}');
