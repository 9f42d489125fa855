#!/usr/bin/env bash
# Ingest benchmark: simulated bridge gateways send CBOR batches over HTTP and over MQTT to a
# collector on this machine, each with up to [in-flight] batches awaiting their "stored" answer, as
# the edge agent's live lane does (in-flight=1: one batch at a time); readings/s are counted in
# InfluxDB. In the same run the same number of points goes straight to InfluxDB as line protocol
# in 5000-point requests: the ceiling. Untimed warm-up rounds come first, until the collector's JIT
# compiler takes under 5 % of its CPU (at most 8 rounds). Then rounds of (ceiling, HTTP, MQTT), each
# phase once the previous one's work is done (InfluxDB's compactions, the collector's rollup
# catch-up, whose cost per reading is printed), a door's clock running from all its gateways
# connected to the last answer (gateways connect once, not per batch); the medians of the ratios
# within each round are the result: this machine's speed drifts between minutes, so one phase each
# was noise.
# 1000 readings a batch is what the bridge example configs batch (batching.max-readings); a
# bridge's 400+ readings/s fill it in about 2 s.
#
#   scripts/bench-ingest.sh [gateways=50] [batches-per-gateway=20] [readings-per-batch=1000] [in-flight=4] [rounds=5]
#
# ROLLUPS=off runs the collector without rollup tiers (no dirty windows marked, no worker), for the
# comparison; the default is on, as in production:
#   ROLLUPS=off scripts/bench-ingest.sh
# The bench's readings are from 2025, so the collector keeps bridge readings for ever here
# (collector.retention.bridge-raw=INF): with the 30-day default InfluxDB would drop them on arrival.
#
# COLLECTOR_JAVA_OPTS goes to the collector's JVM only, e.g. to profile it:
#   COLLECTOR_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/ingest.jfr scripts/bench-ingest.sh
#
# Needs the dev services (scripts/dev-services.sh start). Starts its own collector (HTTP 18090,
# MQTT anonymous listener, own InfluxDB database bench_<time>), dropped afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GATEWAYS=${1:-50}
BATCHES=${2:-20}
READINGS=${3:-1000}
IN_FLIGHT=${4:-4}
ROUNDS=${5:-5}
case "${ROLLUPS:=on}" in on) ROLLUP_ENABLED=true ;; off) ROLLUP_ENABLED=false ;; *) echo "bench: ROLLUPS must be on or off, not '$ROLLUPS'" >&2; exit 2 ;; esac
PORT=18090
DB=bench_$(date +%s)
ADMIN=bench-admin-token-0123456789
cd "$ROOT"

"$ROOT/scripts/dev-services.sh" status >/dev/null || { echo "bench: start the dev services first: scripts/dev-services.sh start" >&2; exit 1; }
# One reactor build (-am): the sibling modules come from this checkout, never from ~/.m2.
mvn -B -q -pl collector -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.classpath

LOG=$(mktemp -t bench-collector.XXXX.log)
MICRONAUT_ENVIRONMENTS= MICRONAUT_SERVER_PORT=$PORT COLLECTOR_ADMIN_TOKEN=$ADMIN COLLECTOR_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) \
DATASOURCES_DEFAULT_URL="jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" \
COLLECTOR_INFLUX_URL=http://127.0.0.1:18086 COLLECTOR_INFLUX_DATABASE=$DB \
COLLECTOR_MQTT_URL=tcp://127.0.0.1:11883 COLLECTOR_MQTT_SHARE_GROUP=$DB COLLECTOR_MQTT_CLIENT_ID=$DB \
COLLECTOR_MQTT_SESSION_EXPIRY=60s COLLECTOR_COAP_ENABLED=false \
COLLECTOR_ROLLUP_ENABLED=$ROLLUP_ENABLED COLLECTOR_RETENTION_BRIDGE_RAW=INF \
    java ${COLLECTOR_JAVA_OPTS:-} -jar collector/target/collector.jar > "$LOG" 2>&1 &
PID=$!
cleanup() {
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    curl -sf -XPOST http://127.0.0.1:18086/query --data-urlencode "q=DROP DATABASE $DB" >/dev/null || true
}
trap cleanup EXIT
# Up to 3 minutes: a collector starting beside other builds on two cores took 62 s.
for _ in $(seq 600); do
    curl -sf -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$PORT/health" 2>/dev/null | grep -q '"connected":true' && break
    kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
    sleep 0.3
done
curl -sf -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$PORT/health" 2>/dev/null | grep -q '"connected":true' \
    || { echo "bench: the collector did not report healthy within 3 minutes (log $LOG)" >&2; exit 1; }
echo "bench: collector pid $PID on :$PORT, database $DB, rollups $ROLLUPS (log $LOG)"

# CPU per process during each phase: the collector, InfluxDB and Mosquitto of the dev services, the generator itself.
STATE=${DOS_DEV_SERVICES_DIR:-.dev-services}
export BENCH_PIDS="collector=$PID influxd=$(cat "$STATE/influxdb/pid") mosquitto=$(cat "$STATE/mosquitto/pid")"
java -cp "collector/target/test-classes:collector/target/classes:$(cat collector/target/bench.classpath)" \
    de.dos2030.iot.collector.bench.IngestBench "http://127.0.0.1:$PORT" "$ADMIN" http://127.0.0.1:18086 "$DB" \
    tcp://127.0.0.1:11883 "$GATEWAYS" "$BATCHES" "$READINGS" "$IN_FLIGHT" "$ROUNDS"
