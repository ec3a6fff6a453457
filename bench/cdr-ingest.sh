#!/usr/bin/env bash
# cdr-service ingest: committed events/s beside a bare consumer's rate (the broker's ceiling here),
# and how soon a call's row reads COMPLETED after its call.ended, on the local RabbitMQ and PostgreSQL.
# Event ids as the platform makes them (UUID version 7), or "random" (version 4, as before 2026-12-06).
# Usage: bench/cdr-ingest.sh [calls=40000] [visibility calls/s=300] [visibility seconds=20] [ids=v7|random]
source "$(dirname "$0")/lib.sh"
CDR_DATABASE=$([ "${SENTIRIC_SCRATCH_DATABASES:-true}" = true ] && echo sentiric_cdr_scratch || echo sentiric_cdr)
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "bench/target/bench-${VERSION}.jar:bench/target/lib/*" ai.sentiric.bench.CdrIngestBench \
  amqp://guest:guest@127.0.0.1:5672 jdbc:postgresql://127.0.0.1:5432/$CDR_DATABASE "${1:-40000}" "${2:-300}" "${3:-20}" "${4:-v7}"
