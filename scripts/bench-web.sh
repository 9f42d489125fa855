#!/usr/bin/env bash
# Web page benchmarks (issue 17), against a collector of their own:
#
#   fleet      registers 500 gateways, lets each (but every tenth) send a batch with readings, an alert
#              and its health through the HTTP door, signs in through the sign-in form and times the
#              full HTML answer of /flotte over one keep-alive connection: p50/p95/p99/max and the
#              page's size. Target: p95 <= 100 ms.
#   classroom  a gateway reports a public school and a week of its room's air (a reading a minute);
#              once rolled up: the page's weight (first load with every asset, gzip; a refresh), then
#              200 viewers (and first 20) watch it for 60 s, each reloading the full page every 10 s
#              and polling /jetzt every 2 s between, as classroom.js does: p50/p95/p99/max of both,
#              and the InfluxDB statements a minute the collector sent (its metric
#              collector.query.influx.statements), which must not grow with the viewers.
#              Targets: HTML p95 <= 50 ms, first load < 150 KB, refresh < 10 KB.
#
#   scripts/bench-web.sh [all|fleet|classroom] [gateways=500] [iterations=400] [viewers=200] [seconds=60]
#
# Needs the dev services (scripts/dev-services.sh start). Starts its own collector on :18092 with
# its own InfluxDB database bench_w_<time>, dropped afterwards, and an in-memory registry.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WHICH=all
case ${1:-} in all|fleet|classroom) WHICH=$1; shift ;; esac
GATEWAYS=${1:-500}
ITERATIONS=${2:-400}
VIEWERS=${3:-200}
SECONDS_WATCHED=${4:-60}
PORT=18092
DB=bench_w_$(date +%s)
ADMIN=bench-admin-token-0123456789
cd "$ROOT"

curl -sf http://127.0.0.1:18086/ping >/dev/null || { echo "bench: start the dev services first: scripts/dev-services.sh start" >&2; exit 1; }
mvn -B -q -pl collector -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.classpath

LOG=$(mktemp -t bench-web.XXXX.log)
MICRONAUT_ENVIRONMENTS= MICRONAUT_SERVER_PORT=$PORT COLLECTOR_ADMIN_TOKEN=$ADMIN COLLECTOR_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) \
DATASOURCES_DEFAULT_URL="jdbc:h2:mem:benchw;DB_CLOSE_DELAY=-1" \
COLLECTOR_INFLUX_URL=http://127.0.0.1:18086 COLLECTOR_INFLUX_DATABASE=$DB \
COLLECTOR_MQTT_ENABLED=false COLLECTOR_COAP_ENABLED=false COLLECTOR_LIVENESS_ENABLED=false \
COLLECTOR_INGEST_RATE_BURST=100000 \
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

CP="collector/target/test-classes:collector/target/classes:$(cat collector/target/bench.classpath)"
if [ "$WHICH" != classroom ]; then
    java -cp "$CP" de.dos2030.iot.collector.bench.WebBench "http://127.0.0.1:$PORT" "$ADMIN" "$GATEWAYS" "$ITERATIONS"
fi
if [ "$WHICH" != fleet ]; then
    java -cp "$CP" de.dos2030.iot.collector.bench.ClassroomBench "http://127.0.0.1:$PORT" "$ADMIN" "$VIEWERS" "$SECONDS_WATCHED"
fi
