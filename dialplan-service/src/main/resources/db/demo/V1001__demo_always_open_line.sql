-- The demo assistant with no office hours: what it does does not depend on when it is called, so
-- bench/sip-calls.sh measures the same recorded AI call at any hour (the office-hours line plays
-- the closed notice instead, unrecorded, outside 09:00-18:00 Istanbul time).
INSERT INTO inbound_routes (phone_number, tenant_id, active_dialplan_id, failsafe_dialplan_id, default_language_code, sip_trunk_id)
VALUES ('+902124548592', 'sentiric_demo', 'DP_DEMO_WELCOME', 'DP_SYSTEM_FAILSAFE', 'tr', 1);
