#!/usr/bin/env bash
# A freshly started fleet under calls at once: the moment the stack reports it is running, SIPp
# places calls (bench/sipp/uac-bench-call-expect-200.xml, as bench/sip-calls.sh) at the given rate
# for 30 s; reports completed and failed calls, how many of the failed admission control refused,
# and the failures per 5 s. What a rolling restart looks like to the carrier.
# Usage: bench/sip-cold-start.sh [rate=20]
source "$(dirname "$0")/lib.sh"
RATE=${1:-20}
SCENARIO=$PWD/bench/sipp/uac-bench-call-expect-200.xml
WORK=$(mktemp -d)
trap 'kill ${SINK_PID:-} 2>/dev/null; stop_stack; rm -rf "$WORK"' EXIT
"$JAVA_HOME/bin/java" -Xmx32m -cp "bench/target/bench-${VERSION}.jar" ai.sentiric.bench.RtpSink 29000 > /dev/null &
SINK_PID=$!
(cd "$WORK" && timeout 150 sipp 127.0.0.1:20060 -sf "$SCENARIO" \
    -s 902124548592 -key caller 05551112233 -key caller_rtp 29000 -r "$RATE" -m $((RATE * 30)) -l $((RATE * 4)) \
    -i 127.0.0.1 -p $((30000 + RANDOM % 1000)) -nostdin -trace_stat -fd 5 -timeout 120s > sipp.out 2>&1 || true)
stat=$(ls "$WORK"/*_.csv | head -1)
awk -F';' 'NR == 1 {for (i = 1; i <= NF; i++) {if ($i == "SuccessfulCall(C)") ok = i; if ($i == "FailedCall(C)") failed = i}}
  END {printf "cold start, %s calls/s for 30 s: %d ok, %d failed\n", rate, $ok, $failed}' rate="$RATE" "$stat"
echo "    INVITEs refused with 503 by admission control: $(sip_metric sentiric_sip_calls_shed_total)"
awk -F';' 'NR == 1 {for (i = 1; i <= NF; i++) {if ($i == "FailedCall(P)") f = i; if ($i == "ElapsedTime(C)") t = i}}
  NR > 1 && $f > 0 {printf "    failed by %s: %d\n", $t, $f}' "$stat"
