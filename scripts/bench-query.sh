#!/usr/bin/env bash
# Query latency benchmark: a year of 10-second CO2 data of 20 sensors of a school site written
# straight into InfluxDB's school_raw policy (as an import would), the collector's rollup rebuild
# (POST /admin/rollups/rebuild) waited for, then, interleaved in one run: a 1-year range at 1-day
# windows (mean, min, max) of one sensor through the API (day tier) against the same InfluxQL over
# the raw readings, and a 1-day, 1-minute-window mean through the API (minute tier) against the
# InfluxQL over the raw readings. Prints load and rebuild times, p50/p95 of each and the ratios.
#
#   scripts/bench-query.sh [iterations=400] [days=365] [sensors=20] [gateways=2] [raw-year-iterations=20]
#
# Needs the dev services (scripts/dev-services.sh start). Starts its own collector on :18091 with
# its own InfluxDB database bench_q_<time>, dropped afterwards. COLLECTOR_JAVA_OPTS goes to the
# collector's JVM only (e.g. -XX:StartFlightRecording=filename=/tmp/query.jfr).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ITERATIONS=${1:-400}
DAYS=${2:-365}
SENSORS=${3:-20}
GATEWAYS=${4:-2}
RAW_YEAR_ITERATIONS=${5:-20}
PORT=18091
DB=bench_q_$(date +%s)
ADMIN=bench-admin-token-0123456789
cd "$ROOT"
# A year of 20 sensors takes about 0.5 GB of InfluxDB's disk (WAL and shards) while loaded; dropped afterwards unless KEEP_DB=1.
df -h "$ROOT" | tail -1 | awk '{print "bench: disk free where the checkout is: " $4}'

# Asks InfluxDB itself rather than dev-services.sh status, which reads the pid files of its own
# checkout's .dev-services/ and so says "not running" in a second worktree.
curl -sf http://127.0.0.1:18086/ping >/dev/null || { echo "bench: start the dev services first: scripts/dev-services.sh start" >&2; exit 1; }
# -am: shared-model comes from the reactor (nothing is installed to ~/.m2); the class path is written
# afresh each time, so that it follows the pom.
mvn -B -q -pl collector -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.classpath

curl -sf -XPOST http://127.0.0.1:18086/query --data-urlencode "q=CREATE DATABASE $DB" >/dev/null
curl -sf -XPOST http://127.0.0.1:18086/query --data-urlencode "q=CREATE RETENTION POLICY raw ON $DB DURATION INF REPLICATION 1 DEFAULT" >/dev/null

LOG=$(mktemp -t bench-query.XXXX.log)
MICRONAUT_ENVIRONMENTS= MICRONAUT_SERVER_PORT=$PORT COLLECTOR_ADMIN_TOKEN=$ADMIN COLLECTOR_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) \
DATASOURCES_DEFAULT_URL="jdbc:h2:mem:benchq;DB_CLOSE_DELAY=-1" \
COLLECTOR_INFLUX_URL=http://127.0.0.1:18086 COLLECTOR_INFLUX_DATABASE=$DB \
COLLECTOR_RETENTION_SCHOOL_RAW=INF \
COLLECTOR_MQTT_ENABLED=false COLLECTOR_COAP_ENABLED=false COLLECTOR_LIVENESS_ENABLED=false \
    java ${COLLECTOR_JAVA_OPTS:-} -jar collector/target/collector.jar > "$LOG" 2>&1 &
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
echo "bench: collector pid $PID on :$PORT, database $DB (log $LOG)"

java -cp "collector/target/test-classes:collector/target/classes:$(cat collector/target/bench.classpath)" \
    de.dos2030.iot.collector.bench.QueryBench "http://127.0.0.1:$PORT" "$ADMIN" http://127.0.0.1:18086 "$DB" "$ITERATIONS" "$DAYS" "$SENSORS" "$GATEWAYS" "$RAW_YEAR_ITERATIONS"
