#!/usr/bin/env bash
# cdr-service ingest: committed events/s beside a bare consumer's rate (the broker's ceiling here),
# and how soon a call's row reads COMPLETED after its call.ended. Runs against the local
# RabbitMQ (amqp://guest:guest@127.0.0.1:5672) and PostgreSQL, starting its own stack.
# Usage: bench/cdr-ingest.sh [calls=40000] [visibility calls/s=300] [visibility seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CALLS=${1:-40000}
RATE=${2:-300}
DURATION=${3:-20}
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
[ "${SENTIRIC_SKIP_BUILD:-0}" = "1" ] || ./mvnw -q -B -DskipTests package
LOG=$(mktemp)
SENTIRIC_SKIP_BUILD=1 SENTIRIC_INFRA=local SENTIRIC_PORT_OFFSET=30000 ./sentiric > "$LOG" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 180); do
  grep -q "Sentiric is running" "$LOG" && break
  kill -0 $STACK 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 1
done
grep -q "Sentiric is running" "$LOG" || { echo "stack did not start"; cat "$LOG"; exit 1; }
echo "machine: $(nproc) cores; broker, database, cdr-service and load generator share it"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "bench/target/bench-${VERSION}.jar:bench/target/lib/*" ai.sentiric.bench.CdrIngestBench \
  amqp://guest:guest@127.0.0.1:5672 jdbc:postgresql://127.0.0.1:5432/sentiric_cdr "$CALLS" "$RATE" "$DURATION"
