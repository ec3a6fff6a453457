#!/usr/bin/env bash
# ResolveDialplan throughput and latency over gRPC against the real user- and dialplan-services.
# Usage: bench/resolve-dialplan.sh [seconds=20] [rate=5000] [concurrency=64]
source "$(dirname "$0")/lib.sh"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms512m -XX:+AlwaysPreTouch -cp "bench/target/bench-${VERSION}.jar:bench/target/lib/*" \
  ai.sentiric.bench.ResolveDialplanBench 127.0.0.1:27021 "${1:-20}" "${2:-5000}" "${3:-64}"
