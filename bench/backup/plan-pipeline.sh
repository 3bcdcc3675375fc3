#!/usr/bin/env bash
# plan-pipeline.sh DIR REDIS_PORT S3_URL: the disaster-recovery plan's backup.sh steps on make-data.sh's data,
# each timed: redis-cli --rdb, copy, tar czf, openssl enc -aes-256-cbc, upload (SigV4 PUT).
# S3_URL like http://127.0.0.1:18080/bucket ; credentials in S3_AK / S3_SK.
set -euo pipefail
dir=$1 port=$2 s3=$3
out=$(mktemp -d); ts=$(date +%Y%m%d-%H%M%S); b=$out/$ts; mkdir -p "$b"
t() { local s=$(date +%s.%N); "$@"; echo "$(echo "$(date +%s.%N) - $s" | bc)"; }
redis-cli -p "$port" config set repl-diskless-sync-delay 0 >/dev/null
s0=$(date +%s.%N)
r1=$(t redis-cli -p "$port" --rdb "$b/redis.rdb" 2>/dev/null | tail -1)
r2=$(t cp -r "$dir/configs" "$b/configs" | tail -1)
cp -r "$dir/certs" "$b/certs"
echo "{\"timestamp\":\"$ts\"}" > "$b/manifest.json"
r3=$(t tar -czf "$out/$ts.tar.gz" -C "$out" "$ts" | tail -1)
r4=$(t openssl enc -aes-256-cbc -pbkdf2 -in "$out/$ts.tar.gz" -out "$out/$ts.tar.gz.enc" -k benchpass | tail -1)
r5=$(t curl -fsS --aws-sigv4 "aws:amz:us-east-1:s3" --user "${S3_AK:-test-ak}:${S3_SK:-test-sk}" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T "$out/$ts.tar.gz.enc" "$s3/daily/$ts.tar.gz.enc" | tail -1)
total=$(echo "$(date +%s.%N) - $s0" | bc)
echo "rdb=$r1 copy=$r2 tar.gz=$r3 openssl=$r4 upload=$r5 size=$(stat -c %s "$out/$ts.tar.gz.enc")"
echo "plan pipeline total seconds: $total"
rm -rf "$out"
