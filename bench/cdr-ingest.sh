#!/usr/bin/env bash
# cdr-service ingest: committed events/s beside a bare consumer's rate (the broker's ceiling here),
# and how soon a call's row reads COMPLETED after its call.ended, on the local RabbitMQ and PostgreSQL.
# Usage: bench/cdr-ingest.sh [calls=40000] [visibility calls/s=300] [visibility seconds=20]
source "$(dirname "$0")/lib.sh"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "bench/target/bench-${VERSION}.jar:bench/target/lib/*" ai.sentiric.bench.CdrIngestBench \
  amqp://guest:guest@127.0.0.1:5672 jdbc:postgresql://127.0.0.1:5432/sentiric_cdr "${1:-40000}" "${2:-300}" "${3:-20}"
