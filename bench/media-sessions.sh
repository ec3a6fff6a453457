#!/usr/bin/env bash
# Concurrent bidirectional G.711 sessions against the real media-service: each receives and sends
# 50 packets/s. Reports the media process's CPU, memory per session, outbound pacing (p99
# deviation from each session's 20 ms grid, measured where the packets arrive, by kernel timestamps) and loss, at each
# session count; then the AllocatePort + ReleasePort rate.
# Usage: bench/media-sessions.sh [seconds=20] [counts="250 500 1000"]
source "$(dirname "$0")/lib.sh"
MEDIA_PID=$(pgrep -f "media-service-${VERSION}.jar" | head -1)
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xms256m -cp "bench/target/bench-${VERSION}.jar:bench/target/lib/*" \
  ai.sentiric.bench.MediaSessionsBench 127.0.0.1:28031 "$MEDIA_PID" "${1:-20}" ${2:-250 500 1000}
curl -s http://127.0.0.1:28030/actuator/prometheus | grep -E '^sentiric_media_pacing_deviation_microseconds\{.*quantile' \
  | sed 's/^/server-side clock lateness (us): /'
