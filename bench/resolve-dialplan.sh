#!/usr/bin/env bash
# ResolveDialplan throughput and latency over gRPC against the real user- and dialplan-services.
# Starts its own stack (ports shifted by 30000, infrastructure from SENTIRIC_INFRA, default
# "local": the PostgreSQL/RabbitMQ on this machine, else embedded), then runs the load generator.
# Usage: bench/resolve-dialplan.sh [seconds=20] [rate=5000] [concurrency=64]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SECONDS_PER_PHASE=${1:-20}
RATE=${2:-5000}
CONCURRENCY=${3:-64}
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
[ "${SENTIRIC_SKIP_BUILD:-0}" = "1" ] || ./mvnw -q -B -DskipTests package
LOG=$(mktemp)
SENTIRIC_SKIP_BUILD=1 SENTIRIC_INFRA=${SENTIRIC_INFRA:-local} SENTIRIC_PORT_OFFSET=30000 ./sentiric > "$LOG" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 180); do
  grep -q "Sentiric is running" "$LOG" && break
  kill -0 $STACK 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 1
done
grep -q "Sentiric is running" "$LOG" || { echo "stack did not start"; cat "$LOG"; exit 1; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; client and services share it"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms512m -XX:+AlwaysPreTouch -cp "bench/target/bench-${VERSION}.jar:bench/target/lib/*" ai.sentiric.bench.ResolveDialplanBench \
  127.0.0.1:42021 "$SECONDS_PER_PHASE" "$RATE" "$CONCURRENCY"
