-- The line test records the call, so an operator can listen to what the caller heard.
UPDATE dialplans SET action_data = '{"record": "true"}', updated_at = now()
 WHERE tenant_id = 'system' AND id = 'DP_ECHO_TEST';
