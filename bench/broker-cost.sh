#!/usr/bin/env bash
# What the local RabbitMQ costs per event: 600-byte messages (a call.started) at each rate to a
# durable queue with publisher confirms and one acknowledgement per message, as the services do;
# the broker's CPU per message, persistent (what the platform publishes) beside transient, to a
# classic queue of version 1 (what the services declare) and of version 2. A recorded call
# carries 5 events (call.started, call.answered, call.ended, media.quality,
# call.recording.available), so 5 times the figure is about the broker's share of a call's CPU.
# Needs no stack, only the broker on this machine.
# Usage: bench/broker-cost.sh [seconds=10] [rates="600 2000 4000"]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
[ "${SENTIRIC_SKIP_BUILD:-0}" = "1" ] || ./mvnw -q -B -DskipTests package -pl bench -am
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "bench/target/bench-${VERSION}.jar:bench/target/lib/*" ai.sentiric.bench.BrokerCostBench \
  "${SENTIRIC_AMQP_URL:-amqp://guest:guest@127.0.0.1:5672}" "${1:-10}" ${2:-600 2000 4000}
