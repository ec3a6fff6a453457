#!/usr/bin/env bash
# SIP call rate against the real fleet (user, dialplan, media, RabbitMQ, Redis all live): SIPp
# places INVITE/100/180/200/ACK/BYE calls (uac-basic-call-expect-200, each held 300 ms) to the
# demo assistant's always-open line +902124548592 at each rate: every call resolves the demo
# dialplan, allocates a real RTP session that sends audio and records the call to a WAV file, and
# carries five events (started, answered, ended, media quality, recording available); each rate
# runs for the given seconds, and the script reports completed and failed calls and INVITE->200
# percentiles. The same run measures SIPp's own UAS on this machine (SIPp's built-in uac against
# its built-in uas) as the ceiling. The calls offer RTP port 29000, where a sink (RtpSink) is
# bound, as a caller's phone would be. A warm-up comes first and is not reported: 30 s each at 20, 50 and 100 calls/s, then 60 s at 200 and 30 s at 1,000 (about 50,000 calls). A
# freshly started fleet runs interpreted code, and a burst at full rate then is an overload it may
# not recover from; after a warm-up of 5,000 calls the JIT compilers still took 15-22 % of every
# service's CPU in the measured minute. The figures are of the steady state a carrier's fleet is
# in after its first minutes (bench/sip-cold-start.sh measures those). Each
# measured rate also reports the CPU each process of the fleet spent per call while the load ran,
# the heap each service allocated and the context switches of each process per call,
# and how many INVITEs admission control refused with 503, and when:
# in each 5 s of the loaded window.
# With rates "max", it searches for the highest rate (a multiple of 25 from 250 to 1500 calls/s)
# that runs its seconds with no failed call, by bisection, each probe after the broker's queue has
# drained from the one before; at that rate it also measures SIPp's own UAS.
# At the end it checks that cdr-service recorded every call the fleet completed (warm-up included)
# as an answered, ended call: calls carried while the broker or cdr-service fell behind count only
# once their records are written, not when SIPp saw the BYE answered. It then prints how
# sip-signaling ended its calls, by reason.
# Usage: bench/sip-calls.sh [seconds=60] [rates="250 500 1000" | max]
source "$(dirname "$0")/lib.sh"
SECONDS_PER_RATE=${1:-60}
RATES=${2:-250 500 1000}
SCENARIO=$PWD/bench/sipp/uac-bench-call-expect-200.xml
WORK=$(mktemp -d)

# The processes of the fleet and the broker, as "name pid" lines.
fleet_pids() {
  for service in sip-signaling-service media-service dialplan-service user-service cdr-service; do
    local pid; pid=$(pgrep -f "${service}-${VERSION}.jar" | head -1 || true)
    [ -n "$pid" ] && echo "$service $pid"
  done
  local broker; broker=$(pgrep -f beam.smp | head -1 || true)
  [ -n "$broker" ] && echo "rabbitmq $broker"
}

# CPU ticks (1/100 s) used so far by each process of the fleet, the broker and PostgreSQL, as
# "name ticks" lines.
fleet_cpu() {
  fleet_pids | while read -r name pid; do echo "$name $(process_ticks "$pid")"; done
  echo "postgresql $(for p in $(pgrep -x postgres); do process_ticks "$p"; done | awk '{s += $1} END {print s + 0}')"
}

# Context switches so far (voluntary + involuntary, summed over every thread) of each process of
# the fleet and the broker, as "name switches" lines: each hand-off of a call from one thread to
# another is a wake-up, and on this VM one costs several microseconds besides the work.
fleet_switches() {
  fleet_pids | while read -r name pid; do
    echo "$name $(process_switches "$pid")"
  done
}

# Bytes each service has allocated so far (JVM heap), as "name bytes" lines: garbage per call is
# work the collector does, and unlike CPU time it hardly depends on what else the machine runs.
# The counter advances at each young collection, so it is left out for dialplan-service, which
# may not collect at all in a minute.
fleet_allocated() {
  for entry in sip-signaling-service:28020 media-service:28030 cdr-service:27050; do
    curl -s "http://127.0.0.1:${entry#*:}/actuator/prometheus" | awk -v name="${entry%%:*}" \
      '/^jvm_gc_memory_allocated_bytes_total/ {printf "%s %.0f\n", name, $2}'
  done
}

# One line of "name value" differences between $4.before and $4.after, each times $3 per call ($5
# calls), printed with format $2 after the label $1.
per_call() {
  awk -v label="$1" -v format="$2" -v scale="$3" -v calls="$5" 'NR == FNR {before[$1] = $2; next}
    {printf "%s%s " format, (n++ ? ", " : "    " label ": "), $1, ($2 - before[$1]) * scale / calls}
    END {print ""}' "$4.before" "$4.after"
}

# Datagrams the kernel dropped so far on sip-signaling's full UDP receive buffer (an ACK or BYE
# among them is a call the records may get wrong, an INVITE a retransmission).
udp_dropped() {
  sip_metric sentiric_sip_udp_dropped_total
}

# INVITEs sip-signaling refused so far by admission control.
shed_count() {
  sip_metric sentiric_sip_calls_shed_total
}


# How sip-signaling ended its calls so far, by reason, as "reason xcount": under overload a call
# the caller completed but whose ACK and BYE never reached the call logic ends by media-timeout or
# ack-timeout 30 s later, its media session sending RTP all that while.
endings() {
  by_reason sentiric_sip_calls_ended_total | sort -k2 -rn | awk '{printf "%s%s x%s", (NR > 1 ? ", " : ""), $1, $2}'
}

# A sip-signaling counter tagged by reason, as "reason count" lines sorted by reason.
by_reason() {
  curl -s "$SIP_METRICS" | awk -v name="$1" 'index($1, name "{") == 1 {
      match($1, /reason="[^"]*"/); n[substr($1, RSTART + 8, RLENGTH - 9)] += $2 }
    END {for (r in n) printf "%s %.0f\n", r, n[r]}' | sort
}

# Why SIPp aborted the calls of a run, from its error log (-trace_err), as "reason xcount": an
# unexpected response and what SIPp was waiting for instead ("503 instead of 100" is admission
# control refusing the INVITE at once; a 503 after the 100 is a set-up that failed), a response that
# never came, or a request retransmitted until SIPp gave up. Messages for calls already aborted
# ("Dead call") are not counted.
failure_reasons() {
  local log; log=$(ls "$1"/*_errors.log 2>/dev/null | head -1 || true)
  if [ -z "$log" ]; then echo "none logged"; return; fi
  grep -oE "while expecting '[0-9A-Z]+' \(index [0-9]+\), received 'SIP/2.0 [0-9]{3}|receive timeout|[Mm]ax retrans[a-z]*" "$log" \
    | sed -E "s/while expecting '([0-9A-Z]+)' \(index [0-9]+\), received 'SIP\/2.0 ([0-9]{3})/\2 instead of \1/; s/[Mm]ax retrans[a-z]*/retransmissions exhausted/" \
    | sort | uniq -c | sort -rn | awk '{n = $1; sub(/^ *[0-9]+ /, ""); printf "%s%s x%d", (NR > 1 ? ", " : ""), $0, n} END {print (NR == 0 ? "none logged" : "")}'
}

# One run: $1 label, $2 rate, then SIPp arguments. Prints calls ok/failed and INVITE->200 percentiles.
measure() {
  local label=$1 rate=$2; shift 2
  local dir=$WORK/$label-$rate
  CLEAN=false
  mkdir -p "$dir"
  # CPU over the loaded window only (SIPp may then wait for its timeout on the last calls).
  fleet_cpu > "$dir/cpu.before"
  head -1 /proc/stat > "$dir/machine.before"
  fleet_allocated > "$dir/alloc.before"
  fleet_switches > "$dir/switches.before"
  local shed_before dropped_before; shed_before=$(shed_count); dropped_before=$(udp_dropped); by_reason sentiric_sip_calls_shed_total > "$dir/shed.before"
  (sleep "$SECONDS_PER_RATE"; fleet_cpu > "$dir/cpu.after"; head -1 /proc/stat > "$dir/machine.after"; fleet_allocated > "$dir/alloc.after"; fleet_switches > "$dir/switches.after") &
  local sampler=$!
  # When the shed calls fell: the count every 5 s of the loaded window (a step up to a new rate
  # sheds differently from the steady state that follows it).
  (for ((t = 0; t < SECONDS_PER_RATE; t += 5)); do shed_count; echo; sleep 5; done; shed_count; echo) > "$dir/shed.timeline" &
  local shed_sampler=$!
  (cd "$dir" && ${SIPP_TIME[@]+"${SIPP_TIME[@]}"} timeout $((SECONDS_PER_RATE + 90)) sipp "$@" -r "$rate" -m $((rate * SECONDS_PER_RATE)) \
      -l $((rate * 4)) -i 127.0.0.1 -p $((30000 + RANDOM % 1000)) -nostdin -trace_stat -fd 5 -trace_rtt -rtt_freq 1000 -trace_err \
      -max_socket 65000 -timeout $((SECONDS_PER_RATE + 60))s > "$dir/sipp.out" 2>&1 || true)
  local stat rtt
  stat=$(ls "$dir"/*_.csv 2>/dev/null | head -1 || true)
  rtt=$(ls "$dir"/*_rtt.csv 2>/dev/null | head -1 || true)
  if [ -z "$stat" ]; then echo "$label $rate/s: SIPp left no statistics"; tail -5 "$dir/sipp.out"; return; fi
  local ok failed
  ok=$(sipp_final "SuccessfulCall(C)" "$stat")
  failed=$(sipp_final "FailedCall(C)" "$stat")
  [[ "$label" == SIPp* ]] || FLEET_COMPLETED=$((FLEET_COMPLETED + ok))
  # A clean run: every call placed completed (SIPp stops placing calls when it gives up).
  [ "$ok" = $((rate * SECONDS_PER_RATE)) ] && [ "$failed" = 0 ] && CLEAN=true
  # SIPp writes its round-trip times every 1,000 calls: a run of fewer calls leaves none.
  if [ -n "$rtt" ]; then awk -F';' 'NR>1 && $2 != "" {print $2}' "$rtt" | sort -n > "$dir/rtt.sorted"; else : > "$dir/rtt.sorted"; fi
  local n p50 p99 max
  n=$(wc -l < "$dir/rtt.sorted")
  p50=$(awk -v n="$n" 'NR==int(n*0.50)+1' "$dir/rtt.sorted")
  p99=$(awk -v n="$n" 'NR==int(n*0.99)+1' "$dir/rtt.sorted")
  max=$(tail -1 "$dir/rtt.sorted")
  printf '%-22s %6s/s  %8s ok  %6s failed  INVITE->200 p50 %s ms  p99 %s ms  max %s ms\n' \
    "$label" "$rate" "$ok" "$failed" "${p50:-?}" "${p99:-?}" "${max:-?}"
  wait "$sampler" "$shed_sampler" 2>/dev/null || true
  if [[ "$label" == sentiric* ]]; then
    by_reason sentiric_sip_calls_shed_total > "$dir/shed.after"
    echo "    INVITEs refused with 503 by admission control: $(( $(shed_count) - shed_before ))$(awk 'NR == FNR {before[$1] = $2; next}
        $2 > before[$1] {printf "%s%s x%d", (n++ ? ", " : " ("), $1, $2 - before[$1]} END {if (n) printf ")"}' "$dir/shed.before" "$dir/shed.after")"
    echo "    shed in each 5 s of the loaded window: $(awk 'NR > 1 {printf "%s%d", (NR > 2 ? " " : ""), $1 - last} {last = $1}' "$dir/shed.timeline")"
    echo "    why SIPp failed calls: $(failure_reasons "$dir")"
    echo "    datagrams dropped on sip-signaling's full UDP receive buffer: $(( $(udp_dropped) - dropped_before ))"
    per_call "CPU per call while the load ran" "%.2f ms" 10 "$dir/cpu" $((rate * SECONDS_PER_RATE))
    # How much of the two cores nobody used (idle and I/O wait): near 0 the machine is saturated,
    # and what it sheds is the CPU it lacks, not admission control's choice.
    awk 'NR == 1 {for (i = 2; i <= NF; i++) {t0 += $i}; i0 = $5 + $6; next}
      {for (i = 2; i <= NF; i++) {t1 += $i}; i1 = $5 + $6}
      END {printf "    the machine idle while the load ran: %.1f %%\n", 100 * (i1 - i0) / (t1 - t0)}' "$dir/machine.before" "$dir/machine.after"
    per_call "heap allocated per call" "%.0f KB" 0.0009765625 "$dir/alloc" $((rate * SECONDS_PER_RATE))
    per_call "context switches per call" "%.1f" 1 "$dir/switches" $((rate * SECONDS_PER_RATE))
    # SIPp's own CPU, the callers' share of the same two cores (with GNU time on the machine).
    if [ -s "$dir/sipp.times" ]; then
      # (its last line: GNU time puts "Command exited with non-zero status" before it when calls failed)
      awk -v calls=$((rate * SECONDS_PER_RATE)) 'END {printf "    SIPp, the callers: %.2f ms of CPU per call\n", ($1 + $2) * 1000 / calls}' "$dir/sipp.times"
    fi
  fi
}

# GNU time around SIPp, for its CPU; the report leaves it out where the machine has no such program.
SIPP_TIME=()
[ -x /usr/bin/time ] && SIPP_TIME=(/usr/bin/time -f "%U %S" -o sipp.times)
FLEET_COMPLETED=0
BENCH_START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# SIPp's UAS, the RTP sink and SIPp's own ports (30000-30999) lie below the ephemeral range, as the
# stack's do (lib.sh).
UAS_PORT=29999
sipp -sn uas -i 127.0.0.1 -p $UAS_PORT -nostdin -bg >/dev/null 2>&1 || true
trap 'kill ${SINK_PID:-} 2>/dev/null; pkill -f "sipp -sn uas -i 127.0.0.1 -p $UAS_PORT" || true; stop_stack; rm -rf "$WORK"' EXIT
"$JAVA_HOME/bin/java" -Xmx32m -cp "bench/target/bench-${VERSION}.jar" ai.sentiric.bench.RtpSink 29000 > /dev/null &
SINK_PID=$!
# Every call, warm-up, fleet and ceiling alike: the demo line, from one caller, offering the sink.
CALL=(-sf "$SCENARIO" -s 902124548592 -key caller 05551112233 -key caller_rtp 29000)

# Messages waiting in cdr-service's queue (the events of calls not yet recorded).
cdr_backlog() {
  rabbitmqctl list_queues -q name messages 2>/dev/null | awk '$1 == "sentiric.cdr-service.events" {print $2}'
}

# Waits (up to 5 minutes) until cdr-service has taken every event off its queue, then 5 s more,
# so that a probe starts where the one before left no work behind. (Without rabbitmqctl, a broker
# not on this machine, it only waits the 5 s.)
drained() {
  local backlog
  for _ in $(seq 1 300); do
    backlog=$(cdr_backlog)
    [ -z "$backlog" ] || [ "$backlog" = 0 ] && break
    sleep 1
  done
  sleep 5
}

# The warm-up ends with 30 s at the top rate (SENTIRIC_BENCH_WARM_TOP, 1,000/s; 0 leaves it out),
# an overload on a slow machine, so that the JIT compilers have seen a loaded fleet's paths (503s
# and their ACKs included) before any measured minute. Stepping from 200/s straight to 1,000/s,
# sip-signaling recompiled 300 methods in the first 5 s and made 106 compiled ones not entrant
# (JAIN-SIP's transaction code most), C2 took up to 0.4 of a core for 8 s, and the minute shed
# most of its calls in those seconds. A carrier's fleet that has carried its traffic for a while is
# in the state after, which is what "sustained" measures; bench/sip-cold-start.sh measures before.
WARM_TOP=${SENTIRIC_BENCH_WARM_TOP:-1000}
for warm in 20 50 100 200 $([ "$WARM_TOP" = 0 ] || echo "$WARM_TOP"); do
  SECONDS_PER_RATE=$([ $warm = 200 ] && echo 60 || echo 30) measure "warm-up (not a result)" $warm 127.0.0.1:20060 "${CALL[@]}" > /dev/null
done
drained

fleet() {
  measure "sentiric (real fleet)" "$1" 127.0.0.1:20060 "${CALL[@]}"
}
ceiling() {
  measure "SIPp uas (ceiling)" "$1" 127.0.0.1:$UAS_PORT "${CALL[@]}"
}

if [ "$RATES" = max ]; then
  # Candidates 250, 275, ..., 1500 by index; low passed (or is the start), high failed (or is past the end).
  low=-1 high=51 probes=""
  while [ $((high - low)) -gt 1 ]; do
    probe=$(( low < 0 ? 0 : (low + high) / 2 ))
    rate=$((250 + 25 * probe))
    drained
    fleet "$rate"
    if $CLEAN; then low=$probe; probes+=" ${rate} clean"; else high=$probe; probes+=" ${rate} failed"; fi
    [ $low -ge 0 ] || break
  done
  if [ $low -lt 0 ]; then
    echo "highest rate with no failed call in ${SECONDS_PER_RATE} s: below 250 calls/s (probes:${probes})"
  else
    best=$((250 + 25 * low))
    echo "highest rate with no failed call in ${SECONDS_PER_RATE} s: ${best} calls/s$([ $high -le 50 ] || echo ', the top of the search') (probes:${probes})"
    ceiling "$best"
  fi
else
  for rate in $RATES; do
    fleet "$rate"
    ceiling "$rate"
  done
fi

drained
CDR_DATABASE=$([ "${SENTIRIC_SCRATCH_DATABASES:-true}" = true ] && echo sentiric_cdr_scratch || echo sentiric_cdr)
recorded=$(psql -h 127.0.0.1 -U postgres -d "$CDR_DATABASE" -Atc "SELECT count(*) FROM calls
  WHERE status = 'COMPLETED' AND disposition = 'ANSWERED' AND created_at >= '$BENCH_START'" 2>/dev/null || echo "?")
echo "cdr-service recorded ${recorded} answered, ended calls of the ${FLEET_COMPLETED} the fleet completed (warm-up included)$(
  [ "$recorded" = "$FLEET_COMPLETED" ] || echo ': NOT ALL RECORDED')"
echo "sip-signaling ended calls, by reason (warm-up included): $(endings)"
# What the records of the run that are not answered, ended calls say (status, disposition, why
# it ended, answered or not): a mismatch above is then a lost record or a call recorded as
# something else (before 2026-12-06 a call whose ACK was lost recorded NO_ANSWER).
if [ "$recorded" != "$FLEET_COMPLETED" ]; then
  psql -h 127.0.0.1 -U postgres -d "$CDR_DATABASE" -Atc "SELECT status, disposition, hangup_reason,
      CASE WHEN answer_time IS NULL THEN 'no answer time' ELSE 'answer time' END, count(*) FROM calls
    WHERE NOT (status = 'COMPLETED' AND disposition = 'ANSWERED') AND created_at >= '$BENCH_START'
    GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC" 2>/dev/null | sed 's/^/    other records: /' || true
fi
