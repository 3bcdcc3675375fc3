#!/usr/bin/env bash
# bench/backup/run.sh [KEYS] [CONFIG_MB] [RUNS] [MODE]
# Backs up the same data, on the same machine, in the same run, with the plan's pipeline (redis-cli --rdb,
# tar czf, openssl enc -aes-256-cbc, upload) and with backup-service's code; then restores the Redis keys
# with a plain pipelined RESTORE (redis-cli --pipe) and with backup-service's apply pass.
# MODE: all (default) or ours (backup-service only, for the memory check at 10x data).
# Needs: python3, redis-server, redis-cli, openssl, curl, bc; the project built (install -DskipTests).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
keys=${1:-1000000} mb=${2:-200} runs=${3:-3} mode=${4:-all}
work=${BENCH_DIR:-$(mktemp -d /tmp/mcpdr-backup-bench.XXXXXX)}
redis_port=${REDIS_PORT:-16391} restore_port=${RESTORE_PORT:-16392} s3_port=${S3_PORT:-18090}
# As the service runs (containers/Dockerfile.jvm; k8s/base/backup-service.yaml's 256 MiB heap): the serial
# collector, a small initial heap, malloc's free memory returned. BENCH_JVM_OPTS and BENCH_MALLOC_ARENA_MAX
# replace them, to compare other settings (BENCH_JVM_OPTS='-Xms256m -Xmx256m -XX:+UseSerialGC', the earlier ones).
read -r -a jvm <<<"${BENCH_JVM_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m -XX:TrimNativeHeapInterval=30000}"
arenas=${BENCH_MALLOC_ARENA_MAX-2}
jvm_env=()
[ -z "$arenas" ] || jvm_env=("MALLOC_ARENA_MAX=$arenas")   # the service's JVM only, not the plan's tools
s3=http://127.0.0.1:$s3_port/backups

cd "$root"
./mvnw -B -q -o -pl backup-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath" >/dev/null
cp="$root/backup-service/target/test-classes:$root/backup-service/target/classes:$(cat "$work/classpath")"
bench() { env "${jvm_env[@]}" java "${jvm[@]}" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" \
  io.mcpbridge.dr.backup.bench.BackupBenchMain "$@"; }

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for d in "$work/data/redis" "$work/restore"; do
    [ -f "$d/redis.pid" ] && kill "$(cat "$d/redis.pid")" 2>/dev/null || true
  done
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "backup-service's JVM: ${jvm[*]}${arenas:+, MALLOC_ARENA_MAX=$arenas}"
echo "data: $keys keys, $mb MB of configs in $work"
"$here/make-data.sh" "$work/data" "$redis_port" "$keys" "$mb"
# Both sides read the store as a replica does (redis-cli --rdb; backup-service's snapshot): neither waits the
# server's default 5 s for more replicas to share a diskless snapshot. The plan's pipeline sets it too.
redis-cli -p "$redis_port" config set repl-diskless-sync-delay 0 >/dev/null
pids+=("$("$here/start-s3proxy.sh" "$s3_port" "$work/s3")")
export BENCH_KEY=${BENCH_KEY:-$(openssl rand -base64 32)}

# backup-service runs as the service does, one long-lived process: its first backup (cold: the JIT compiles
# meanwhile) is reported apart; then each round runs the plan's pipeline and one backup-service backup, so
# both meet the same machine state. Dirty pages are flushed before every timed step.
coproc OURS { bench serve "$s3" "$work/data" "$redis_port" 2>"$work/ours.log"; }
# Waits for the next result line of the backup-service process (in this shell: the coprocess's descriptors
# do not reach subshells) into $out.
result() { out=; local l; while read -r l <&"${OURS[0]}"; do case $l in cold*|warm*) out=$l; return;; esac; done; }
result; echo "backup-service: $out" | tee "$work/ours.txt"
for run in $(seq 1 "$runs"); do
  if [ "$mode" = all ]; then
    sync
    echo "run $run plan pipeline: $("$here/plan-pipeline.sh" "$work/data" "$redis_port" "$s3" | tr '\n' ' ')"
  fi
  sync
  echo backup >&"${OURS[1]}"
  result; echo "run $run backup-service: $out" | tee -a "$work/ours.txt"
done
exec {OURS[1]}>&-
wait "$OURS_PID" 2>/dev/null || true
backup_id=$(tail -1 "$work/ours.txt" | sed -E 's/.*backup_id=([^ ]+).*/\1/')

start_empty_redis() {
  rm -rf "$work/restore"; mkdir -p "$work/restore"
  redis-server --port "$restore_port" --bind 127.0.0.1 --dir "$work/restore" --save '' --appendonly no \
    --daemonize yes --pidfile "$work/restore/redis.pid" --logfile "$work/restore/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$restore_port" ping >/dev/null 2>&1 && return; sleep 0.1; done
}
stop_redis() { kill "$(cat "$work/restore/redis.pid")"; for _ in $(seq 1 100); do [ -f "$work/restore/redis.pid" ] || return 0; sleep 0.1; done; }

if [ "$mode" = all ]; then
  echo "baseline input: $(bench resp "$redis_port" "$work/restore.resp")"
  start_empty_redis
  for run in $(seq 1 "$runs"); do
    redis-cli -p "$restore_port" flushall sync >/dev/null
    s=$(date +%s.%N)
    redis-cli -p "$restore_port" --pipe < "$work/restore.resp" >/dev/null
    echo "run $run plain pipelined RESTORE (redis-cli --pipe): seconds=$(echo "$(date +%s.%N) - $s" | bc) keys=$(redis-cli -p "$restore_port" dbsize)"
  done
  # The apply pass empties the Redis before each run, untimed.
  bench apply "$s3" "$backup_id" "$restore_port" $((runs + 1)) | sed 's/^/backup-service: /'
  stop_redis
fi
