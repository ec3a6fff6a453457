#!/usr/bin/env bash
# What the order of event ids costs PostgreSQL: cdr-service keys its raw events (call_events) by
# the eventId its producers chose. Inserts the same events, 200 a transaction as cdr-service
# commits them, into two copies of call_events: one keyed by random UUIDs (version 4, what the
# publishers made before 2026-12-06) and one by UUIDs of version 7 (Unix milliseconds first, what
# they make now), taking turns, and prints for each the time and the WAL per 1,000 events (medians
# of the rounds). Needs only the local PostgreSQL; works in a database of its own, dropped at the end.
# Usage: bench/event-ids.sh [events per round=200000] [rounds=3]
set -euo pipefail
EVENTS=${1:-200000}
ROUNDS=${2:-3}
DB=sentiric_bench_event_ids
export PGOPTIONS='-c client_min_messages=warning'
PSQL=(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
trap '"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB" > /dev/null' EXIT

"${PSQL[@]}" -d $DB <<'SQL'
-- cdr-service's call_events (V1__schema.sql), twice.
CREATE TABLE events_v4 (
    event_id UUID PRIMARY KEY, call_id VARCHAR(200), tenant_id VARCHAR(64), event_type VARCHAR(100) NOT NULL,
    event_timestamp TIMESTAMPTZ NOT NULL, trace_id VARCHAR(64), payload JSON NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE INDEX ON events_v4 (call_id, event_timestamp);
CREATE TABLE events_v7 (LIKE events_v4 INCLUDING ALL);
-- RFC 9562: version 7 is 48 bits of Unix milliseconds, the version, 12 random bits, the variant and
-- 62 random bits; version 4 has random bits where 7 has the time. Both made the same way, at the same cost.
CREATE FUNCTION uuid_of(version int) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT (CASE version WHEN 7 THEN lpad(to_hex(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0')
                         ELSE substr(md5(random()::text), 1, 12) END
            || version || substr(md5(random()::text), 1, 3)
            || to_hex(8 + floor(random() * 4)::int) || substr(md5(random()::text), 1, 15))::uuid $$;
-- One round: the given number of events, five a call, committed 200 at a time.
CREATE PROCEDURE fill(version int, events int, round int) LANGUAGE plpgsql AS $$
DECLARE first int;
BEGIN
  FOR first IN 0 .. events - 1 BY 200 LOOP
    EXECUTE format('INSERT INTO events_v%s SELECT uuid_of(%s), $1 || ''-'' || ((n + $2) / 5) || ''@192.0.2.10'', ''demo'', ''call.started'',
                    clock_timestamp(), md5(((n + $2) / 5)::text), $3 FROM generate_series(0, 199) AS n',
                   version, version)
      USING round, first, ('{"callStarted":{"fromUri":"sip:05551112233@192.0.2.10","toUri":"sip:902124548592@203.0.113.5",'
                           || '"dialplanResolution":{"plan":"' || repeat('x', 420) || '"}}}')::json;
    COMMIT;
  END LOOP;
END $$;
SQL

declare -A millis wal
for round in $(seq 1 "$ROUNDS"); do
  for version in 4 7; do
    line=$("${PSQL[@]}" -d $DB -At <<SQL
SELECT pg_current_wal_insert_lsn() AS before, clock_timestamp() AS started \gset
CALL fill($version, $EVENTS, $round);
SELECT round(extract(epoch FROM clock_timestamp() - :'started') * 1000),
       pg_wal_lsn_diff(pg_current_wal_insert_lsn(), :'before');
SQL
)
    millis[$version]+="${line%%|*} "
    wal[$version]+="${line##*|} "
    echo "round $round, version $version: ${line%%|*} ms, $(( ${line##*|} / 1048576 )) MB of WAL"
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
for version in 4 7; do
  m=$(echo "${millis[$version]}" | median)
  w=$(echo "${wal[$version]}" | median)
  awk -v v=$version -v m="$m" -v w="$w" -v n="$EVENTS" \
    'BEGIN {printf "UUID version %s: %.1f ms and %.0f KB of WAL per 1,000 events (median of the rounds)\n", v, m * 1000 / n, w / 1024 * 1000 / n}'
done
"${PSQL[@]}" -d $DB -At -c "SELECT 'primary key index after the rounds: version 4 ' || pg_size_pretty(pg_relation_size('events_v4_pkey'))
                                   || ', version 7 ' || pg_size_pretty(pg_relation_size('events_v7_pkey'))"
