#!/usr/bin/env bash
# What refusing an INVITE costs sip-signaling, as it refuses most of them under overload: the fleet
# starts with max-calls 0 (SENTIRIC_SIP_MAXCALLS), so that every INVITE is refused with 503 and
# Retry-After before anything is resolved or allocated, by the same path as admission control's
# refusals, and SIPp places INVITE / 503 / ACK at each rate for the given seconds (after 20 s at
# the first rate, unreported). Reports, per INVITE, sip-signaling's CPU, heap allocated and context
# switches, the refusals it counted and the datagrams its socket dropped; SIPp's own CPU beside it.
# Usage: bench/sip-refusals.sh [seconds=30] [rates="500 1000 2000"]
export SENTIRIC_SIP_MAXCALLS=0
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RATE=${1:-30}
RATES=${2:-500 1000 2000}
SCENARIO=$PWD/bench/sipp/uac-bench-refused-expect-503.xml
WORK=$(mktemp -d)
trap 'stop_stack; rm -rf "$WORK"' EXIT
SIP=$(pgrep -f "sip-signaling-service-${VERSION}.jar" | head -1)

run() {
  local rate=$1 seconds=$2 dir=$WORK/$1-$2
  mkdir -p "$dir"
  local t0 a0 s0 r0 d0
  t0=$(process_ticks $SIP); a0=$(sip_metric jvm_gc_memory_allocated_bytes_total); s0=$(process_switches $SIP)
  r0=$(sip_metric sentiric_sip_calls_rejected_total); d0=$(sip_metric sentiric_sip_udp_dropped_total)
  (cd "$dir" && /usr/bin/time -f "%U %S" -o sipp.times timeout $((seconds + 60)) sipp 127.0.0.1:20060 -sf "$SCENARIO" \
      -s 902124548592 -key caller 05551112233 -key caller_rtp 29000 -r "$rate" -m $((rate * seconds)) -l $((rate * 4)) \
      -i 127.0.0.1 -p $((30000 + RANDOM % 1000)) -nostdin -trace_stat -fd 5 -max_socket 65000 \
      -timeout $((seconds + 30))s > sipp.out 2>&1 || true)
  local t1 a1 s1 r1 d1 invites stat ok failed
  t1=$(process_ticks $SIP); a1=$(sip_metric jvm_gc_memory_allocated_bytes_total); s1=$(process_switches $SIP)
  r1=$(sip_metric sentiric_sip_calls_rejected_total); d1=$(sip_metric sentiric_sip_udp_dropped_total)
  invites=$((rate * seconds))
  stat=$(ls "$dir"/*_.csv 2>/dev/null | head -1 || true)
  ok=$(sipp_final "SuccessfulCall(C)" "$stat")
  failed=$(sipp_final "FailedCall(C)" "$stat")
  printf '%6s/s  %7s refused as expected  %5s failed  sip-signaling per INVITE: %.1f us CPU, %.1f KB heap, %.2f context switches; refusals counted %d, datagrams dropped %d; SIPp %.1f us CPU\n' \
    "$rate" "$ok" "$failed" "$(echo "($t1 - $t0) * 10000 / $invites" | bc -l)" "$(echo "($a1 - $a0) / 1024 / $invites" | bc -l)" \
    "$(echo "($s1 - $s0) / $invites" | bc -l)" $((r1 - r0)) $((d1 - d0)) \
    "$(awk -v n="$invites" 'END {print ($1 + $2) * 1000000 / n}' "$dir/sipp.times")"
}

set -- $RATES
run "$1" 20 > /dev/null
for rate in $RATES; do
  run "$rate" "$SECONDS_PER_RATE"
done
