-- Demo routes for local runs and tests (the tenants and users live in user-service's demo data).
INSERT INTO dialplans (tenant_id, id, description, action_type, action_data) VALUES
    ('sentiric_demo', 'DP_DEMO_WELCOME', 'Demo AI assistant', 'START_AI_CONVERSATION',
     '{"welcome_announcement_id": "ANNOUNCE_GUEST_WELCOME", "system_prompt_id": "PROMPT_SYSTEM_DEFAULT", "record": "true"}'),
    ('sentiric_demo', 'DP_DEMO_OFF_HOURS', 'Closed notice', 'PLAY_ANNOUNCEMENT', '{"announcement_id": "ANNOUNCE_SYSTEM_OFF_HOURS"}'),
    ('acme_us', 'DP_ACME_SUPPORT', 'Acme support bot', 'START_AI_CONVERSATION', '{"system_prompt_id": "PROMPT_SYSTEM_DEFAULT"}');

INSERT INTO schedules (id, tenant_id, name, time_zone, weekly_hours, holidays) VALUES
    ('5c0e2b1a-0000-4000-8000-000000000001', 'sentiric_demo', 'Office hours', 'Europe/Istanbul',
     '{"MONDAY": [{"from": "09:00", "to": "18:00"}], "TUESDAY": [{"from": "09:00", "to": "18:00"}],
       "WEDNESDAY": [{"from": "09:00", "to": "18:00"}], "THURSDAY": [{"from": "09:00", "to": "18:00"}],
       "FRIDAY": [{"from": "09:00", "to": "18:00"}]}',
     '["2026-01-01", "2026-04-23", "2026-05-01", "2026-10-29"]');

INSERT INTO sip_trunks (tenant_id, name, allowed_cidrs, codecs) VALUES
    ('sentiric_demo', 'local-carrier', '["127.0.0.0/8", "::1/128"]', '["PCMU", "PCMA", "telephone-event"]');

INSERT INTO inbound_routes (phone_number, tenant_id, active_dialplan_id, off_hours_dialplan_id, failsafe_dialplan_id,
                            default_language_code, schedule_id, sip_trunk_id) VALUES
    ('+902124548590', 'sentiric_demo', 'DP_DEMO_WELCOME', 'DP_DEMO_OFF_HOURS', 'DP_SYSTEM_FAILSAFE', 'tr',
     '5c0e2b1a-0000-4000-8000-000000000001', 1);
INSERT INTO inbound_routes (phone_number, tenant_id, active_dialplan_id, failsafe_dialplan_id, maintenance_mode,
                            default_language_code) VALUES
    ('+902124548591', 'sentiric_demo', 'DP_DEMO_WELCOME', 'DP_SYSTEM_MAINTENANCE', TRUE, 'tr');
INSERT INTO inbound_routes (phone_number, tenant_id, active_dialplan_id, default_language_code, block_anonymous) VALUES
    ('+14155550100', 'acme_us', 'DP_ACME_SUPPORT', 'en', TRUE),
    ('+902124548599', 'sentiric_demo', 'DP_ECHO_TEST', 'tr', FALSE);
