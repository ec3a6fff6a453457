-- user-service schema: tenants and their API keys, users and contacts, SIP credentials, operators.

CREATE TABLE tenants (
    id                    VARCHAR(64)  PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]*$'),
    name                  VARCHAR(200) NOT NULL UNIQUE,
    active                BOOLEAN      NOT NULL DEFAULT TRUE,
    default_region        VARCHAR(2)   NOT NULL DEFAULT 'US',
    default_language_code VARCHAR(10)  NOT NULL DEFAULT 'en',
    webhook_url           VARCHAR(2000),
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Keys are random 32-byte secrets; only their SHA-256 is kept, so a leaked table reveals none.
CREATE TABLE tenant_api_keys (
    id          UUID         PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        VARCHAR(100) NOT NULL,
    key_prefix  VARCHAR(16)  NOT NULL,
    key_hash    VARCHAR(64)  NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX tenant_api_keys_tenant ON tenant_api_keys (tenant_id);

CREATE TABLE users (
    id                      UUID         PRIMARY KEY,
    tenant_id               VARCHAR(64)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                    VARCHAR(200),
    user_type               VARCHAR(20)  NOT NULL CHECK (user_type IN ('CALLER', 'AGENT', 'ADMIN')),
    preferred_language_code VARCHAR(10),
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX users_tenant ON users (tenant_id, created_at, id);

-- A contact belongs to one user of one tenant; the same number may be a contact in two tenants.
CREATE TABLE contacts (
    id            BIGSERIAL    PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id       UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_type  VARCHAR(20)  NOT NULL CHECK (contact_type IN ('PHONE', 'EMAIL', 'WHATSAPP', 'TELEGRAM')),
    contact_value VARCHAR(320) NOT NULL,
    is_primary    BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, contact_type, contact_value)
);
CREATE INDEX contacts_user ON contacts (user_id);

-- SIP user names are unique across the platform: a REGISTER names no tenant.
CREATE TABLE sip_credentials (
    id           BIGSERIAL    PRIMARY KEY,
    tenant_id    VARCHAR(64)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id      UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sip_username VARCHAR(64)  NOT NULL UNIQUE,
    realm        VARCHAR(200) NOT NULL,
    ha1_hash     VARCHAR(32)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE operators (
    id            UUID         PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email         VARCHAR(320) NOT NULL UNIQUE,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(20)  NOT NULL CHECK (role IN ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'VIEWER')),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_login_at TIMESTAMPTZ
);
CREATE INDEX operators_tenant ON operators (tenant_id);

-- The platform's own tenant: it owns the shared plans, prompts and announcements.
INSERT INTO tenants (id, name, default_region, default_language_code) VALUES ('system', 'Sentiric System', 'US', 'en');
