#!/usr/bin/env bash
# Open-data export benchmark: a calendar year of 10-second CO2 readings of one room (one sensor)
# written straight into InfluxDB, the rollup tiers rebuilt, then the year as one CSV through
# GET /open/v1/sites/bench-site/locations/r1/<year>.csv, at 10-minute windows and (unless RAW=0) as
# every 10-second sample, by a collector whose heap is capped (-Xmx, default 128m). Prints rows, time,
# rows/s, bytes and the collector's peak heap use during each export (jstat samples every 100 ms:
# eden + survivors + old generation in use).
#
#   scripts/bench-export.sh [year=2025] [xmx=128m]
#
# Needs the dev services (scripts/dev-services.sh start). Starts its own collector on :18092 with its
# own InfluxDB database bench_x_<time>, dropped afterwards unless KEEP_DB=1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
YEAR=${1:-2025}
XMX=${2:-128m}
PORT=18092
DB=bench_x_$(date +%s)
ADMIN=bench-admin-token-0123456789
cd "$ROOT"
curl -sf http://127.0.0.1:18086/ping >/dev/null || { echo "bench: start the dev services first: scripts/dev-services.sh start" >&2; exit 1; }
command -v jstat >/dev/null || { echo "bench: jstat (from the JDK) is needed to read the heap" >&2; exit 1; }
mvn -B -q -pl collector -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.classpath

curl -sf -XPOST http://127.0.0.1:18086/query --data-urlencode "q=CREATE DATABASE $DB" >/dev/null
curl -sf -XPOST http://127.0.0.1:18086/query --data-urlencode "q=CREATE RETENTION POLICY raw ON $DB DURATION INF REPLICATION 1 DEFAULT" >/dev/null
LOG=$(mktemp -t bench-export.XXXX.log)
MICRONAUT_ENVIRONMENTS= MICRONAUT_SERVER_PORT=$PORT COLLECTOR_ADMIN_TOKEN=$ADMIN COLLECTOR_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) \
DATASOURCES_DEFAULT_URL="jdbc:h2:mem:benchx;DB_CLOSE_DELAY=-1" \
COLLECTOR_INFLUX_URL=http://127.0.0.1:18086 COLLECTOR_INFLUX_DATABASE=$DB \
COLLECTOR_RETENTION_SCHOOL_RAW=INF \
COLLECTOR_MQTT_ENABLED=false COLLECTOR_COAP_ENABLED=false COLLECTOR_LIVENESS_ENABLED=false \
    java -Xmx"$XMX" ${COLLECTOR_JAVA_OPTS:-} -jar collector/target/collector.jar > "$LOG" 2>&1 &
PID=$!
cleanup() {
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    if [ -n "${KEEP_DB:-}" ]; then echo "bench: kept database $DB (KEEP_DB)"; else
    curl -sf -XPOST http://127.0.0.1:18086/query --data-urlencode "q=DROP DATABASE $DB" >/dev/null || true; fi
}
trap cleanup EXIT
for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
    sleep 0.3
done
echo "bench: collector pid $PID on :$PORT with -Xmx$XMX, database $DB (log $LOG)"
java -cp "collector/target/test-classes:collector/target/classes:$(cat collector/target/bench.classpath)" \
    de.dos2030.iot.collector.bench.ExportBenchLoad "http://127.0.0.1:$PORT" "$ADMIN" http://127.0.0.1:18086 "$DB" "$YEAR"

heap_mb() { # jstat -gc columns: S0U S1U EU OU are 3, 4, 6, 8 (KB)
    awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { u = $3 + $4 + $6 + $8; if (u > max) max = u } END { printf "%.0f", max / 1024 }' "$1"
}
export_once() { # label query
    local label=$1 query=$2 samples out start end rows bytes
    samples=$(mktemp) out=$(mktemp)
    jstat -gc "$PID" 100 > "$samples" &
    local jstat_pid=$!
    start=$(date +%s.%N)
    curl -sf -H "Authorization: Bearer $ADMIN" -o "$out" "http://127.0.0.1:$PORT/open/v1/sites/bench-site/locations/r1/$YEAR.csv?$query"
    end=$(date +%s.%N)
    kill "$jstat_pid"; wait "$jstat_pid" 2>/dev/null || true
    rows=$(($(wc -l < "$out") - 1)); bytes=$(stat -c %s "$out")
    awk -v l="$label" -v r="$rows" -v b="$bytes" -v s="$start" -v e="$end" -v h="$(heap_mb "$samples")" -v x="$XMX" 'BEGIN {
        t = e - s; printf "export %-22s %9d rows in %6.1f s: %8.0f rows/s, %6.1f MB, peak heap in use %s MB (-Xmx%s)\n", l, r, t, r / t, b / 1e6, h, x }'
    rm -f "$samples" "$out"
}
# The admin token is an API token too: the exports see everything, live, without the public tier.
export_once "$YEAR at 10m windows" "window=10m&dialect=rfc4180"
export_once "$YEAR at 10m windows" "window=10m&dialect=rfc4180"
if [ "${RAW:-1}" != 0 ]; then
    export_once "$YEAR every 10 s sample" "dialect=rfc4180"
fi
