#!/usr/bin/env bash
# SensorThings benchmark (issue 18): "the latest observation of every Datastream of 500 Things" in one
# request, Things?$expand=Datastreams($expand=Observations($top=1;$orderby=phenomenonTime desc)).
# Loads 50 school sites of 10 rooms (CO2, temperature, humidity each: 1500 Datastreams) through the
# HTTP door, then times the request with a viewer token (answered from the collector's last values,
# no InfluxDB) and a few times anonymously (the public tier: 10-minute means read from InfluxDB).
#
#   scripts/bench-sta.sh [things=500] [iterations=300] [anonymous-iterations=3]
#
# Needs the dev services (scripts/dev-services.sh start). Starts its own collector on :18093 with its
# own InfluxDB database bench_sta_<time>, dropped afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
THINGS=${1:-500}
ITERATIONS=${2:-300}
ANONYMOUS=${3:-3}
PORT=18093
DB=bench_sta_$(date +%s)
ADMIN=bench-admin-token-0123456789
cd "$ROOT"
curl -sf http://127.0.0.1:18086/ping >/dev/null || { echo "bench: start the dev services first: scripts/dev-services.sh start" >&2; exit 1; }
mvn -B -q -pl collector -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.classpath

LOG=$(mktemp -t bench-sta.XXXX.log)
MICRONAUT_ENVIRONMENTS= MICRONAUT_SERVER_PORT=$PORT COLLECTOR_ADMIN_TOKEN=$ADMIN COLLECTOR_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) \
DATASOURCES_DEFAULT_URL="jdbc:h2:mem:benchsta;DB_CLOSE_DELAY=-1" \
COLLECTOR_INFLUX_URL=http://127.0.0.1:18086 COLLECTOR_INFLUX_DATABASE=$DB \
COLLECTOR_MQTT_ENABLED=false COLLECTOR_COAP_ENABLED=false COLLECTOR_LIVENESS_ENABLED=false \
    java ${COLLECTOR_JAVA_OPTS:-} -jar collector/target/collector.jar > "$LOG" 2>&1 &
PID=$!
cleanup() {
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    curl -sf -XPOST http://127.0.0.1:18086/query --data-urlencode "q=DROP DATABASE $DB" >/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
    sleep 0.3
done
echo "bench: collector pid $PID on :$PORT, database $DB (log $LOG)"
java -cp "collector/target/test-classes:collector/target/classes:$(cat collector/target/bench.classpath)" \
    de.dos2030.iot.collector.bench.StaBench "http://127.0.0.1:$PORT" "$ADMIN" "$THINGS" "$ITERATIONS" "$ANONYMOUS"
