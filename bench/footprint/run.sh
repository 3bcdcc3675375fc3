#!/usr/bin/env bash
# Footprint of the four services as the local run starts them: start time, resident memory idle, peak
# resident memory under load, and resident memory when idle again.
#
#   bench/footprint/run.sh                 # IDLE=120 SESSIONS=200000
#   MCPDR_SERVICE_JVM_OPTIONS='-XX:+UseG1GC' bench/footprint/run.sh    # other JVM settings, to compare
#
# Builds nothing (run `./mvnw -B -DskipTests package` first). Starts the local run (devstack's LocalStack,
# as ./dr-local does) in a scratch directory, so its Kafka log, Redis data and backups start empty, and:
#   start    each service's time from its process's start to its HTTP port (the local run's own measure),
#            and the time Quarkus reports ("started in", from the JVM's start of main)
#   alone    each service's own start, without the others starting beside it: a second instance of it
#            started STARTS times (default 3) in the idle local run, Quarkus's "started in", median
#   idle     resident memory (VmRSS) every 5 s for IDLE seconds after the last service started: the median
#            and the highest sample. Idle means no outside load: the local run's own schedules go on (a
#            backup every 2 minutes, drills, probes every 5 s).
#   load     then, one after the other: SESSIONS sessions written to the session store and a backup of
#            them (drctl backup now), the gateway made unhealthy (an incident: detected, recovered by
#            restart, notified), a backup-verification drill (drctl) and 20 s of Alertmanager webhook load
#            (wrk, 16 connections); the peak resident memory (VmHWM) of each service over the whole run
#   after    resident memory IDLE/2 seconds after the load
# Prints a Markdown table; stops everything it started.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
IDLE=${IDLE:-120}
SESSIONS=${SESSIONS:-200000}
SERVICES=(health-monitor notifier backup-service recovery-coordinator)
PORTS=(19092 19093 16379 16380 18080 19091 18099 18081 18082 18083 18084)   # the local run's

WORK=$(mktemp -d "${TMPDIR:-/tmp}/footprint.XXXXXX")
STACK_PID=""

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $STACK_PID ]] && kill -0 "$STACK_PID" 2>/dev/null; then
    kill -TERM "$STACK_PID" 2>/dev/null || true     # the local run stops its children on SIGTERM
    for _ in $(seq 1 120); do kill -0 "$STACK_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$STACK_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  log "FAILED: $*"
  [[ -f $WORK/stack.log ]] && tail -n 30 "$WORK/stack.log" >&2
  exit 1
}

command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || fail "wrk is missing (apt-get install wrk)"; }
for service in "${SERVICES[@]}"; do
  [[ -f $ROOT/$service/target/quarkus-app/quarkus-run.jar ]] || fail "$service is not built"
  ln -s "$ROOT/$service" "$WORK/$service"     # the local run finds each service under its root
done
[[ -f $ROOT/devstack/target/classpath.txt ]] || fail "devstack is not built"
for port in "${PORTS[@]}"; do
  [[ -z $(ss -Hltn "sport = :$port") ]] || fail "port $port is in use: is ./dr-local running?"
done

# --- start -------------------------------------------------------------------------------------------
log "starting the local run in $WORK"
java -cp "$ROOT/devstack/target/classes:$(cat "$ROOT/devstack/target/classpath.txt")" \
  io.mcpbridge.dr.devstack.LocalStack "$WORK" >"$WORK/stack.log" 2>&1 &
STACK_PID=$!
deadline=$((SECONDS + 300))
until grep -qs "drctl status" "$WORK/stack.log"; do
  kill -0 "$STACK_PID" 2>/dev/null || fail "the local run exited"
  ((SECONDS < deadline)) || fail "the local run was not up within 300 s"
  sleep 1
done

declare -A PID LISTENING STARTED
declare -A HTTP_PORT=([health-monitor]=18081 [notifier]=18082 [backup-service]=18083 [recovery-coordinator]=18084)
for service in "${SERVICES[@]}"; do
  PID[$service]=$(pgrep -f -- "-Dquarkus.http.port=${HTTP_PORT[$service]} ") || fail "no process for $service"
  LISTENING[$service]=$(sed -n "s/.*$service is listening, \([0-9.]*\) s after its start.*/\1/p" "$WORK/stack.log")
  STARTED[$service]=$(sed -n 's/.*started in \([0-9.]*\)s\..*/\1/p' "$WORK/.local/logs/$service.log" | head -n 1)
done

rss_mib() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
hwm_mib() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# --- idle --------------------------------------------------------------------------------------------
log "idle for ${IDLE}s, sampling resident memory every 5 s"
declare -A SAMPLES
for ((t = 0; t < IDLE; t += 5)); do
  sleep 5
  for service in "${SERVICES[@]}"; do SAMPLES[$service]+="$(rss_mib "${PID[$service]}") "; done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
highest() { tr ' ' '\n' | grep -v '^$' | sort -n | tail -n 1; }

# --- start alone -------------------------------------------------------------------------------------
# In the local run each service starts while the one before it is still busy (its consumers joining, its
# compiler and its after-start work) on the same two cores. Its own start is measured here: a second instance
# of it, with its command line, directory and environment, on another HTTP port (it joins its consumer group
# and leaves again), started STARTS times while the rest of the local run is idle; Quarkus's "started in".
STARTS=${STARTS:-3}
declare -A ALONE
start_alone() {
  local pid=$1 port=$2 args=() environment=() started=""
  mapfile -d '' args <"/proc/$pid/cmdline"
  mapfile -d '' environment <"/proc/$pid/environ"
  args=("${args[@]/-Dquarkus.http.port=$port/-Dquarkus.http.port=$((port + 100))}")
  (cd "/proc/$pid/cwd" && exec env -i "${environment[@]}" "${args[@]}") >"$WORK/alone.log" 2>&1 &
  local alone=$! deadline=$((SECONDS + 60))
  until started=$(sed -n 's/.*started in \([0-9.]*\)s\..*/\1/p' "$WORK/alone.log" | head -n 1) && [[ -n $started ]]; do
    kill -0 "$alone" 2>/dev/null || { tail -n 20 "$WORK/alone.log" >&2; fail "a second instance exited"; }
    ((SECONDS < deadline)) || fail "a second instance did not start within 60 s"
    sleep 0.2
  done
  kill -TERM "$alone"
  wait "$alone" 2>/dev/null || true
  echo "$started"
}
for service in "${SERVICES[@]}"; do
  log "starting a second $service alone, $STARTS times"
  for ((i = 0; i < STARTS; i++)); do
    ALONE[$service]+="$(start_alone "${PID[$service]}" "${HTTP_PORT[$service]}") "
    sleep 5
  done
done

# --- load --------------------------------------------------------------------------------------------
export MCPDR_CONFIG=$WORK/.local/drctl.properties
drctl() { "$ROOT/drctl" "$@"; }
log "writing $SESSIONS sessions, then a backup"
# In the protocol's own form (redis-cli --pipe): SET session:N {json} EX 86400.
awk -v n="$SESSIONS" 'BEGIN {
  for (i = 0; i < n; i++) {
    key = sprintf("session:%08d", i)
    value = sprintf("{\"user\":\"u%d\",\"scopes\":[\"tools\"],\"seq\":%d}", i, i)
    printf "*5\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n$2\r\nEX\r\n$5\r\n86400\r\n", length(key), key, length(value), value
  }
}' | redis-cli -p 16379 --pipe >/dev/null || fail "the sessions could not be written"
drctl backup now >/dev/null || fail "drctl backup now failed"

log "the gateway made unhealthy: an incident, recovered and notified"
curl -fsS -X POST http://127.0.0.1:18099/sim/gateway/unhealthy >/dev/null || fail "the simulator did not answer"
deadline=$((SECONDS + 180))
until drctl incidents --all 2>/dev/null | grep -i gateway | grep -qi resolved; do
  ((SECONDS < deadline)) || fail "the gateway's incident was not resolved within 180 s"
  sleep 2
done
log "a backup-verification drill"
drctl drill run backup-verification >/dev/null || fail "the drill failed"

log "webhook load: 20 s, 16 connections, single alerts"
token=$(sed -n 's/.*Bearer \([0-9a-f]*\).*/\1/p' "$WORK/stack.log" | head -n 1)
wrk -t2 -c16 -d20s -H "Authorization: Bearer $token" -s "$ROOT/bench/webhook-ingest/ingest.lua" \
  http://127.0.0.1:18081/api/v1/alertmanager -- health-monitor 1 1 >"$WORK/wrk.out" 2>&1 || fail "wrk failed"
WEBHOOK=$(sed -n 's/^RESULT .*rps=\([0-9.]*\).*/\1/p' "$WORK/wrk.out")

declare -A PEAK
for service in "${SERVICES[@]}"; do PEAK[$service]=$(hwm_mib "${PID[$service]}"); done
log "idle again for $((IDLE / 2))s"
sleep $((IDLE / 2))

# --- report ------------------------------------------------------------------------------------------
echo "# Service footprint in the local run"
echo
echo "- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "- Machine: $(nproc) CPU(s), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "- Java: $(java -version 2>&1 | sed -n 2p)"
echo "- JVM settings: ${MCPDR_SERVICE_JVM_OPTIONS:-as the local run sets them (devstack ServiceJvm)}"
echo "- Idle ${IDLE} s; load: $SESSIONS sessions backed up, webhook at $WEBHOOK requests/s for 20 s, one incident, one drill"
echo
echo "| service | listening after (s) | Quarkus started in (s) | started in, alone (median of $STARTS) | RSS idle, median (MiB) | RSS idle, highest | peak RSS under load | RSS idle after load | threads | JVM command line |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for service in "${SERVICES[@]}"; do
  pid=${PID[$service]}
  args=$(tr '\0' ' ' <"/proc/$pid/cmdline" | grep -o -- ' -X[^ ]*' | sed "s#$WORK/##" | tr -d '\n')
  echo "| $service | ${LISTENING[$service]} | ${STARTED[$service]} | $(median <<<"${ALONE[$service]}") |" \
    "$(median <<<"${SAMPLES[$service]}") |" \
    "$(highest <<<"${SAMPLES[$service]}") | ${PEAK[$service]} | $(rss_mib "$pid") |" \
    "$(awk '/^Threads/ { print $2 }' "/proc/$pid/status") | \`${args# }\` |"
done
