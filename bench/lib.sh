# Shared by the benchmark scripts: build unless told not to, start the stack (ports shifted by
# 15000, infrastructure from SENTIRIC_INFRA, default "local"), stop it when the script exits. The
# shifted ports stay below the kernel's ephemeral range (32768-60999 here): shifted by 30000, the SIP
# port 35060 was now and then already taken by one of the fleet's own outgoing connections, and the
# stack did not start ("Address already in use"): one start in nine on 2026-12-05.
# After sourcing: $JAVA_HOME, $VERSION, and the stack running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
VERSION=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
[ "${SENTIRIC_SKIP_BUILD:-0}" = "1" ] || ./mvnw -q -B -DskipTests package
STACK_LOG=$(mktemp)
# Recorded calls write a WAV file each: a minute at 500 calls/s is 30,000 files, kept out of run/,
# in memory (/dev/shm) where it has room for them, else under /tmp; SENTIRIC_BENCH_RECORDINGS_IN
# chooses. Not on a disk that the run before deleted its files from: on ext4 without a journal
# (these machines' root filesystem), for a minute and up to six after many files were deleted,
# creating a file passes over every recently deleted inode of its group first (`recently_deleted`
# in the kernel's inode allocator): 490 against 25 us of CPU a file, measured here, which put
# media-service's CPU per call into whichever run followed another.
if [ -z "${SENTIRIC_BENCH_RECORDINGS_IN:-}" ]; then
  SENTIRIC_BENCH_RECORDINGS_IN=/tmp
  [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')" -gt 4000000 ] && SENTIRIC_BENCH_RECORDINGS_IN=/dev/shm
fi
RECORDINGS=$(mktemp -d -p "$SENTIRIC_BENCH_RECORDINGS_IN")
export SENTIRIC_MEDIA_RECORDINGS=$RECORDINGS
# The services run with the stack's JVM options (fixed heaps, G1 aiming at 5 ms pauses; see
# ServiceProcess.javaOptions) unless SENTIRIC_JAVA_OPTS or SENTIRIC_<SERVICE>_JAVA_OPTS say otherwise.
# No -XX:ThreadPriorityPolicy: media's RTP clocks get SCHED_FIFO themselves, and Java priorities
# mapped to nice values (as root) only made the set-up latency worse (150 calls/s: p99 84 ms with
# them, 32 ms without, same build).
# The stack of a benchmark that just ended may hold its ports a few seconds more (two runs back to
# back failed to start on "port already in use").
for _ in $(seq 1 60); do
  ss -ltn 2>/dev/null | grep -qE ':(20060|2[789]0[0-9][0-9]) ' || break
  sleep 1
done
# Empty databases of the run's own (<name>_scratch), dropped when it stops: each run starts from the
# same empty tables, not from the calls of every run before it (sentiric_cdr had grown to 900,000
# calls and 3 GB of events, and runs drifted as it grew). SENTIRIC_SCRATCH_DATABASES=false keeps them.
SENTIRIC_SCRATCH_DATABASES=${SENTIRIC_SCRATCH_DATABASES:-true} \
  SENTIRIC_SKIP_BUILD=1 SENTIRIC_INFRA=${SENTIRIC_INFRA:-local} SENTIRIC_PORT_OFFSET=15000 ./sentiric > "$STACK_LOG" 2>&1 &
STACK_PID=$!
# Stops the stack and removes what it left; a script with more to clean up calls it from its own trap.
stop_stack() {
  kill $STACK_PID 2>/dev/null
  wait $STACK_PID 2>/dev/null || true
  rm -rf "$STACK_LOG" "$RECORDINGS"
}
trap stop_stack EXIT

# sip-signaling's metrics, on the stack's HTTP port.
SIP_METRICS=http://127.0.0.1:28020/actuator/prometheus

# The value of a sip-signaling metric now, summed over its labels (0 before it exists).
sip_metric() {
  curl -s "$SIP_METRICS" | awk -v name="$1" '$1 == name || index($1, name "{") == 1 {s += $2} END {printf "%.0f", s}'
}

# CPU ticks (1/100 s) process $1 has used so far.
process_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# Context switches of process $1 so far, voluntary and involuntary, summed over its threads.
process_switches() {
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s + 0}'
}

# The last value of column $1 (e.g. SuccessfulCall(C)) in SIPp's statistics file $2 (-trace_stat).
sipp_final() {
  awk -F';' -v column="$1" 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == column) c = i} END {print $c}' "$2"
}
for _ in $(seq 1 180); do
  grep -q "Sentiric is running" "$STACK_LOG" && break
  kill -0 $STACK_PID 2>/dev/null || { cat "$STACK_LOG"; exit 1; }
  sleep 1
done
grep -q "Sentiric is running" "$STACK_LOG" || { echo "stack did not start"; cat "$STACK_LOG"; exit 1; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; services, infrastructure and load generator share it"
