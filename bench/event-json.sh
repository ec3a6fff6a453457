#!/usr/bin/env bash
# Rendering events as JSON in one process, no stack: protobuf's JsonFormat printer against
# EventCodec.encode (WireJson), on the four events of a call, rounds alternated; median ns and
# bytes allocated per event.
# Usage: bench/event-json.sh [rounds=15] [events per round=200000]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
[ "${SENTIRIC_SKIP_BUILD:-0}" = "1" ] || ./mvnw -q -B -DskipTests package -pl bench -am
"$JAVA_HOME/bin/java" -Xms256m -Xmx256m -cp "bench/target/bench-${VERSION}.jar:bench/target/lib/*" \
  ai.sentiric.bench.EventJsonBench "${1:-15}" "${2:-200000}"
