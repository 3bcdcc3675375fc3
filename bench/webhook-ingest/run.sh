#!/usr/bin/env bash
# Ingest benchmark: health-monitor's Alertmanager webhook (answers after Kafka acks=all) next to
# Prometheus Alertmanager's own POST /api/v2/alerts (in memory), with wrk on the same machine.
#
#   bench/webhook-ingest/run.sh                      # DURATION=20s WARMUP=5s by default
#   DURATION=3s WARMUP=1s bench/webhook-ingest/run.sh
#
# Starts a Kafka broker, health-monitor and Alertmanager on 127.0.0.1, runs every case, prints a
# Markdown table and stops everything it started, on success and on failure alike.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
TIMEOUT=${TIMEOUT:-10s}        # per request; health-monitor itself gives Kafka 10 s to acknowledge
THREADS=2
BODIES=(1 100)                 # alerts per request
CONNECTIONS=(16 64)
KAFKA_PORT=${KAFKA_PORT:-29092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-29093}
HM_PORT=${HM_PORT:-28081}
AM_PORT=${AM_PORT:-29193}      # not 29093: that one is Kafka's controller
AM_BIN=/usr/bin/prometheus-alertmanager
MAX_BODY=1048576               # health-monitor's quarkus.http.limits.max-body-size (1M)
# health-monitor's JVM as the services run it (containers/Dockerfile.jvm, devstack's ServiceJvm); set both to
# compare others, e.g. HM_JVM_OPTS=-Xmx256m HM_MALLOC_ARENA_MAX= for the JVM's defaults.
HM_JVM_OPTS=${HM_JVM_OPTS--XX:+UseParallelGC -Xms32m -XX:TrimNativeHeapInterval=30000 -XX:SharedArchiveFile=app-cds.jsa -Xmx256m}
HM_MALLOC_ARENA_MAX=${HM_MALLOC_ARENA_MAX-2}

HM_URL=http://127.0.0.1:$HM_PORT/api/v1/alertmanager
AM_URL=http://127.0.0.1:$AM_PORT/api/v2/alerts

WORK=$(mktemp -d "${TMPDIR:-/tmp}/webhook-ingest.XXXXXX")
PIDS=()        # services we started, stopped in reverse order
WRK_PID=""

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# Stops what this script started, by pid: TERM first (the broker flushes its log), KILL after 20 s.
cleanup() {
  local status=$? pid i
  trap - EXIT INT TERM
  [[ -n $WRK_PID ]] && kill -TERM "$WRK_PID" 2>/dev/null || true
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT      # exit runs the EXIT trap, so Ctrl-C and kill also clean up
trap 'exit 143' TERM

fail() {
  log "FAILED: $*"
  local f
  for f in "$WORK"/*.log; do
    [[ -f $f ]] || continue
    echo "--- last lines of $(basename "$f")" >&2
    tail -n 30 "$f" >&2
  done
  exit 1
}

# --- tools -------------------------------------------------------------------------------------------
install_tools() {
  command -v wrk >/dev/null && [[ -x $AM_BIN ]] && return
  log "installing wrk and prometheus-alertmanager"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y wrk prometheus-alertmanager >/dev/null ||
    { apt-get update >/dev/null && apt-get install -y wrk prometheus-alertmanager >/dev/null; }
  command -v wrk >/dev/null || fail "wrk is still missing"
  [[ -x $AM_BIN ]] || fail "$AM_BIN is still missing"
}

# --- waiting, always bounded -------------------------------------------------------------------------
port_free() { [[ -z $(ss -Hltn "sport = :$1") ]]; }

# wait_for SECONDS PID WHAT COMMAND...: polls COMMAND until it succeeds, the process dies or time runs out.
wait_for() {
  local seconds=$1 pid=$2 what=$3; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || fail "$what exited while starting"
    ((SECONDS < deadline)) || fail "$what not ready after ${seconds}s"
    sleep 0.5
  done
}

http_ok() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1") == 200 ]]; }

# --- services ----------------------------------------------------------------------------------------
# Runs from copies, so a rebuild of the project during the run cannot swap classes under us.
start_kafka() {
  local dir=$WORK/kafka classpath="" entry entries
  mkdir -p "$dir/lib"
  cp -r "$ROOT/devstack/target/classes" "$dir/classes"
  IFS=: read -r -a entries <"$ROOT/devstack/target/classpath.txt" || true   # no final newline is fine
  for entry in "${entries[@]}"; do
    if [[ $entry == "$ROOT"/* ]]; then     # a module of this project: copy it too
      cp -r "$entry" "$dir/lib/"
      entry=$dir/lib/$(basename "$entry")
    fi
    classpath+=:$entry
  done
  java -Xmx512m -cp "$dir/classes$classpath" io.mcpbridge.dr.devstack.KafkaBrokerMain \
    "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$dir/data" >"$WORK/kafka.log" 2>&1 &
  PIDS+=($!)
  wait_for 120 $! "Kafka broker" grep -q "Kafka broker ready" "$WORK/kafka.log"
}

start_health_monitor() {
  # -a: the AppCDS archive serves only the jars it was made with, which the JVM knows by size and time.
  cp -a "$ROOT/health-monitor/target/quarkus-app" "$WORK/health-monitor"
  [[ -f $WORK/health-monitor/quarkus-run.jar ]] || fail "health-monitor is not built"
  # In its directory, with a relative jar: the archive is used only with the class path it was made with.
  # shellcheck disable=SC2086
  (cd "$WORK/health-monitor" && MALLOC_ARENA_MAX=$HM_MALLOC_ARENA_MAX MCPDR_WEBHOOK_TOKEN=$TOKEN exec java $HM_JVM_OPTS \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$HM_PORT" \
    -Dkafka.bootstrap.servers=127.0.0.1:"$KAFKA_PORT" \
    -Dmcpdr.probes.enabled=false -Dquarkus.log.console.json.enabled=false \
    -jar quarkus-run.jar >"$WORK/health-monitor.log" 2>&1) &
  PIDS+=($!)
  # Readiness includes the Kafka connection.
  wait_for 120 $! "health-monitor" http_ok "http://127.0.0.1:$HM_PORT/q/health/ready"
}

start_alertmanager() {
  # One route to a receiver without integrations, and no group_by: a single aggregation group, so the
  # benchmark measures ingest, not thousands of groups or outgoing notifications.
  cat >"$WORK/alertmanager.yml" <<'EOF'
route:
  receiver: blackhole
receivers:
  - name: blackhole
EOF
  "$AM_BIN" --config.file="$WORK/alertmanager.yml" --storage.path="$WORK/alertmanager-data" \
    --web.listen-address=127.0.0.1:"$AM_PORT" --cluster.listen-address= --log.level=warn \
    >"$WORK/alertmanager.log" 2>&1 &
  PIDS+=($!)
  wait_for 60 $! "Alertmanager" http_ok "http://127.0.0.1:$AM_PORT/-/ready"
}

# --- sample requests ---------------------------------------------------------------------------------
# Same shapes as ingest.lua builds, with ids of run 0 (wrk runs use 1 and up, so nothing repeats).
sample_alert() { # ID FORMAT(hm|am)
  local id=$1 starts
  starts=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  local common='"labels":{"alertname":"McpBenchAlert","instance":"bench-'$id'","job":"mcp-gateway","severity":"warning"},"annotations":{"summary":"benchmark alert","description":"synthetic alert '$id' for the ingest benchmark"},"startsAt":"'$starts'"'
  local gen='"generatorURL":"http://127.0.0.1:9090/graph?g0.expr=up%3D%3D0"'
  if [[ $2 == hm ]]; then
    printf '{"status":"firing",%s,"endsAt":"0001-01-01T00:00:00Z",%s,"fingerprint":"%s"}' "$common" "$gen" "$id"
  else
    printf '{%s,%s}' "$common" "$gen"
  fi
}

sample_body() { # FORMAT COUNT SEQ
  local alerts=() i
  for ((i = 0; i < $2; i++)); do alerts+=("$(sample_alert "$(printf '000000%08x%02x' "$3" "$i")" "$1")"); done
  local joined
  joined=$(IFS=,; echo "${alerts[*]}")
  if [[ $1 == hm ]]; then
    printf '{"version":"4","groupKey":"{}:{alertname=\\"McpBenchAlert\\"}","truncatedAlerts":0,"status":"firing","receiver":"mcp-dr","groupLabels":{"alertname":"McpBenchAlert"},"commonLabels":{"alertname":"McpBenchAlert","job":"mcp-gateway","severity":"warning"},"commonAnnotations":{"summary":"benchmark alert"},"externalURL":"http://127.0.0.1:9093","alerts":[%s]}' "$joined"
  else
    printf '[%s]' "$joined"
  fi
}

# Posts one body with curl, shows the answer, and fails unless it is 2xx. Also creates the topic.
check_sample() { # NAME FORMAT COUNT SEQ URL [curl args]
  local name=$1 format=$2 count=$3 seq=$4 url=$5; shift 5
  local file=$WORK/sample.json code
  sample_body "$format" "$count" "$seq" >"$file"
  code=$(curl -s -o "$WORK/sample.out" -w '%{http_code}' --max-time 30 -X POST \
    -H 'Content-Type: application/json' "$@" --data-binary @"$file" "$url") || code=000
  echo "- $name, $count alert(s), $(wc -c <"$file") bytes: HTTP $code $(head -c 300 "$WORK/sample.out")"
  [[ $code == 2?? ]] || fail "$name answered HTTP $code to a sample request"
}

# --- wrk ---------------------------------------------------------------------------------------------
RUN=0
ROWS=()
declare -A COMPLETED   # alerts in requests wrk saw completed, per target
SAMPLES=()

# run_wrk TARGET URL ALERTS CONNECTIONS DURATION [wrk args]: leaves the RESULT line in $RESULT.
run_wrk() {
  local target=$1 url=$2 alerts=$3 conns=$4 duration=$5; shift 5
  RUN=$((RUN + 1))
  local out=$WORK/wrk-$RUN.out
  # In the background and waited for, so INT/TERM reach the trap at once instead of after wrk ends.
  wrk -t"$THREADS" -c"$conns" -d"$duration" --timeout "$TIMEOUT" --latency "$@" \
    -s "$HERE/ingest.lua" "$url" -- "$target" "$alerts" "$RUN" >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || { WRK_PID=""; cat "$out" >&2; fail "wrk failed against $target"; }
  WRK_PID=""
  RESULT=$(grep '^RESULT ' "$out") || { cat "$out" >&2; fail "wrk printed no RESULT line"; }
  local sample
  sample=$(grep '^ERROR_SAMPLE ' "$out" || true)
  [[ -n $sample ]] && SAMPLES+=("$target, $alerts alert(s), $conns connections: ${sample#ERROR_SAMPLE }")
  kill -0 "${PIDS[@]}" 2>/dev/null || fail "a service died during the run"
  return 0
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" ${RESULT#RESULT }"; }

add_row() { # TARGET ALERTS CONNECTIONS
  local rps alerts_s errors socket
  rps=$(field rps)
  alerts_s=$(awk -v r="$rps" -v n="$2" 'BEGIN { printf "%.0f", r * n }')
  (($(field body_bytes) < MAX_BODY)) || fail "a $2-alert body has $(field body_bytes) bytes, over the 1 MiB limit"
  socket=$(($(field connect) + $(field read) + $(field write) + $(field timeout)))
  errors="$(field non2xx) non-2xx, $socket socket"
  ((socket == 0)) || errors+=" (connect $(field connect), read $(field read), write $(field write), timeout $(field timeout))"
  ROWS+=("| $1 | $2 alert(s), $(field body_bytes) B | $3 | $rps | $alerts_s | $(field p50_ms) | $(field p99_ms) | $errors |")
}

bench_target() { # TARGET URL [wrk args]
  local target=$1 url=$2 alerts conns; shift 2
  log "$target: warm-up $WARMUP"
  run_wrk "$target" "$url" 100 16 "$WARMUP" "$@"
  log "$target warm-up: $RESULT"
  for alerts in "${BODIES[@]}"; do
    for conns in "${CONNECTIONS[@]}"; do
      sleep 2   # let the previous run's backlog drain (Kafka batches, Go GC) before measuring
      log "$target: $alerts alert(s) per request, $conns connections, $DURATION"
      run_wrk "$target" "$url" "$alerts" "$conns" "$DURATION" "$@"
      log "$RESULT"
      add_row "$target" "$alerts" "$conns"
      COMPLETED[$target]=$((${COMPLETED[$target]:-0} + $(field requests) * alerts))
    done
  done
}

# Proves the runs measured real publishing, not the duplicate path: health-monitor's own counters.
check_published() {
  local metrics published duplicates
  metrics=$(curl -s --max-time 10 "http://127.0.0.1:$HM_PORT/q/metrics") || fail "no metrics from health-monitor"
  published=$(awk '/^mcpdr_alerts_published_total/ { n += $NF } END { printf "%d", n }' <<<"$metrics")
  duplicates=$(awk '/^mcpdr_alerts_duplicates_total/ { n += $NF } END { printf "%d", n }' <<<"$metrics")
  echo "health-monitor counters: $published alerts published to Kafka, $duplicates duplicates" \
    "(measured runs completed ${COMPLETED[health-monitor]:-0} alerts; samples and warm-up add to published)."
  ((duplicates == 0)) || fail "health-monitor saw $duplicates duplicate alerts: the ids are not unique"
}

# --- main --------------------------------------------------------------------------------------------
install_tools
for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$HM_PORT" "$AM_PORT"; do
  port_free "$port" || fail "port $port on 127.0.0.1 is in use (override with KAFKA_PORT, KAFKA_CONTROLLER_PORT, HM_PORT, AM_PORT)"
done
TOKEN=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')

echo "# Webhook ingest benchmark"
echo
echo "- Date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "- Machine: $(nproc) CPU(s), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "- Memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- Java: $(java -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
echo "- wrk: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), Alertmanager: $("$AM_BIN" --version 2>&1 | head -n 1)"
echo "- Project commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "- health-monitor's JVM: $HM_JVM_OPTS${HM_MALLOC_ARENA_MAX:+, MALLOC_ARENA_MAX=$HM_MALLOC_ARENA_MAX}"
echo "- Runs: wrk -t$THREADS, warm-up $WARMUP per target, $DURATION per case, request timeout $TIMEOUT"
echo

log "starting Kafka on 127.0.0.1:$KAFKA_PORT"
start_kafka
log "starting health-monitor on 127.0.0.1:$HM_PORT"
start_health_monitor
log "starting Alertmanager on 127.0.0.1:$AM_PORT"
start_alertmanager

echo "Sample requests:"
check_sample health-monitor hm 1 1 "$HM_URL" -H "Authorization: Bearer $TOKEN"
check_sample health-monitor hm 100 2 "$HM_URL" -H "Authorization: Bearer $TOKEN"
check_sample alertmanager am 1 3 "$AM_URL"
check_sample alertmanager am 100 4 "$AM_URL"
echo

bench_target health-monitor "$HM_URL" -H "Authorization: Bearer $TOKEN"
bench_target alertmanager "$AM_URL"

echo "| target | body | connections | requests/s | alerts/s | p50 ms | p99 ms | errors |"
echo "|---|---|---|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "health-monitor answers after Kafka acknowledged every alert (acks=all); Alertmanager keeps alerts in memory only."
check_published
if ((${#SAMPLES[@]} > 0)); then
  echo
  echo "First non-2xx answer per case:"
  printf -- '- %s\n' "${SAMPLES[@]}"
fi
