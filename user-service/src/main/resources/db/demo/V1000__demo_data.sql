-- Demo data for local runs and tests: a Turkish demo tenant with a known caller, an agent with a
-- SIP account, and operators. Production deployments leave db/demo out of spring.flyway.locations.

INSERT INTO tenants (id, name, default_region, default_language_code, webhook_url)
VALUES ('sentiric_demo', 'Sentiric Demo', 'TR', 'tr', NULL),
       ('acme_us', 'Acme Support US', 'US', 'en', NULL);

INSERT INTO users (id, tenant_id, name, user_type, preferred_language_code) VALUES
    ('6f1c7a2e-0000-4000-8000-000000000001', 'sentiric_demo', 'Ayşe Yılmaz', 'CALLER', 'tr'),
    ('6f1c7a2e-0000-4000-8000-000000000002', 'sentiric_demo', 'Demo Agent', 'AGENT', 'tr'),
    ('6f1c7a2e-0000-4000-8000-000000000003', 'acme_us', 'John Carter', 'CALLER', 'en'),
    ('6f1c7a2e-0000-4000-8000-000000000004', 'acme_us', 'Acme Agent', 'AGENT', 'en');

INSERT INTO contacts (tenant_id, user_id, contact_type, contact_value, is_primary) VALUES
    ('sentiric_demo', '6f1c7a2e-0000-4000-8000-000000000001', 'PHONE', '+905551112233', TRUE),
    ('sentiric_demo', '6f1c7a2e-0000-4000-8000-000000000001', 'EMAIL', 'ayse@example.com', TRUE),
    ('sentiric_demo', '6f1c7a2e-0000-4000-8000-000000000002', 'PHONE', '+905559998877', TRUE),
    ('acme_us', '6f1c7a2e-0000-4000-8000-000000000003', 'PHONE', '+14155550123', TRUE),
    ('acme_us', '6f1c7a2e-0000-4000-8000-000000000004', 'PHONE', '+14155550199', TRUE);

-- SIP accounts 1001 (demo) and 2001 (acme), passwords "demo-1001-pass" and "acme-2001-pass", realm sentiric.local.
INSERT INTO sip_credentials (tenant_id, user_id, sip_username, realm, ha1_hash) VALUES
    ('sentiric_demo', '6f1c7a2e-0000-4000-8000-000000000002', '1001', 'sentiric.local', md5('1001:sentiric.local:demo-1001-pass')),
    ('acme_us', '6f1c7a2e-0000-4000-8000-000000000004', '2001', 'sentiric.local', md5('2001:sentiric.local:acme-2001-pass'));

-- Operators: admin@sentiric.local / sentiric-admin-password (platform), demo@sentiric.local / sentiric-demo-password.
INSERT INTO operators (id, tenant_id, email, password_hash, role) VALUES
    ('7a2e6f1c-0000-4000-8000-000000000001', 'system', 'admin@sentiric.local',
     '$argon2id$v=19$m=16384,t=2,p=1$4nLRb2c+cnPs2bxE//KzgQ$0TIQ7YAnEOw86yClkGyl8uR+xuJj5fxkhK1BVL7u+dA', 'PLATFORM_ADMIN'),
    ('7a2e6f1c-0000-4000-8000-000000000002', 'sentiric_demo', 'demo@sentiric.local',
     '$argon2id$v=19$m=16384,t=2,p=1$jlPFRJN68he+aeGmd3pQzA$NiifyxUa6xrsiL3Ssx+Ocx84+e2jpSX6SwTa8ZWTLYI', 'TENANT_ADMIN');

-- API key of the demo tenant: sk_demo_0123456789abcdefghijklmnopqrstuv
INSERT INTO tenant_api_keys (id, tenant_id, name, key_prefix, key_hash) VALUES
    ('8b3f7a2d-0000-4000-8000-000000000001', 'sentiric_demo', 'demo key', 'sk_demo_01',
     'cf3efea5f0f305629cc89c44cb98c076e441f9ceb4500c25af0c38530b496c32');
