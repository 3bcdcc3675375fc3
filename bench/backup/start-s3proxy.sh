#!/usr/bin/env bash
# start-s3proxy.sh PORT DIR: an S3 API server (s3proxy, filesystem store) on 127.0.0.1:PORT, credentials
# test-ak/test-sk, bucket "backups". Uses the jar the backup-service build copies; prints its pid.
set -euo pipefail
port=$1 dir=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$root/backup-service/target/s3-server/s3proxy.jar
[ -f "$jar" ] || { echo "no $jar: build backup-service first (./mvnw -B -pl backup-service -am install -DskipTests)" >&2; exit 1; }
mkdir -p "$dir/store/backups"
cat > "$dir/s3proxy.conf" <<P
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=test-ak
s3proxy.credential=test-sk
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/store
P
java -Xmx512m -jar "$jar" --properties "$dir/s3proxy.conf" > "$dir/s3proxy.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then break; fi; sleep 0.25
done
echo $pid
