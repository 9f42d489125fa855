#!/usr/bin/env bash
# Alert latency, end to end: from the sample that crosses a threshold (its edge timestamp; the rule
# has raise-after 0) to the webhook receiver having the signed event. p50/p99/max over many alerts.
#
#   scripts/bench-alert-latency.sh [--alerts 200]
#
# A real edge agent replays a square wave (strain 0 / 200 um/m, 0.5 s each, 10 Hz, on the live
# timeline so every sample carries the agent's clock) against a limit of 100 with raise-after 0 and
# clear-after 0: one "raised" and one "cleared" per second. The path is the production one: pipeline
# -> alert lane of the batcher -> MQTT -> collector (ingest, InfluxDB, alert store) -> delivery
# dispatcher -> webhook (HMAC checked). Private InfluxDB/Mosquitto/collector on their own ports
# (dev ports + 40000; the demo uses + 10000, the load test + 20000) under target/bench-alert-latency/; everything started is stopped at the end.
# Target: p99 <= 100 ms. Then the stages (p50/p99/max of each: edge journal, uplink, MQTT to the
# collector, InfluxDB, alert store, delivery dispatcher, webhook POST) from the agent's log, the
# collector's dos.alert.stages lines (COLLECTOR_ALERT_STAGES=DEBUG) and the receiver's arrival times.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/target/bench-alert-latency
ALERTS=200
[ "${1:-}" = --alerts ] && ALERTS=${2:?--alerts N}
HTTP_PORT=58080 INFLUX_PORT=58086 MQTT_PORT=51883 MQTT_AUTH_PORT=51884 COAP_PORT=55683 HOOK_PORT=58090
API=http://127.0.0.1:$HTTP_PORT
ADMIN_TOKEN=bench-admin-token-$RANDOM$RANDOM
AGENT_JAR=$ROOT/edge-agent/target/edge-agent.jar
COLLECTOR_JAR=$ROOT/collector/target/collector.jar
for jar in "$AGENT_JAR" "$COLLECTOR_JAR"; do
    [ -f "$jar" ] || (cd "$ROOT" && mvn -B -q package -DskipTests)
done
command -v jq >/dev/null || { echo "bench: jq is missing (apt-get install -y jq)" >&2; exit 1; }

PIDS=()
services() {
    DOS_DEV_SERVICES_DIR=$WORK/services DOS_INFLUX_PORT=$INFLUX_PORT DOS_INFLUX_RPC_PORT=$((INFLUX_PORT + 2)) \
        DOS_MQTT_PORT=$MQTT_PORT DOS_MQTT_AUTH_PORT=$MQTT_AUTH_PORT DOS_PG_PORT=none "$ROOT/scripts/dev-services.sh" "$@"
}
cleanup() {
    local i
    for (( i=${#PIDS[@]}-1; i>=0; i-- )); do kill -TERM "${PIDS[i]}" 2>/dev/null || true; done
    for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
        for _ in $(seq 1 50); do kill -0 "${PIDS[i]}" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "${PIDS[i]}" 2>/dev/null || true
    done
    services stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$WORK"
mkdir -p "$WORK"/{logs,hook}
services start > "$WORK/logs/dev-services.log" 2>&1

(
    cd "$ROOT"
    export MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_PORT=$HTTP_PORT COLLECTOR_ADMIN_TOKEN=$ADMIN_TOKEN \
        COLLECTOR_INFLUX_URL=http://127.0.0.1:$INFLUX_PORT COLLECTOR_MQTT_URL=tcp://127.0.0.1:$MQTT_AUTH_PORT \
        COLLECTOR_MQTT_CLIENT_ID=dos-collector-bench COLLECTOR_ALERTS_MQTT_URL=tcp://127.0.0.1:$MQTT_AUTH_PORT \
        COLLECTOR_COAP_PLAIN_PORT=$COAP_PORT COLLECTOR_COAP_SECURE_PORT=$((COAP_PORT + 1)) \
        COLLECTOR_DELIVERY_ALLOWED_PRIVATE_TARGETS=127.0.0.1:$HOOK_PORT \
        COLLECTOR_MOSQUITTO_PASSWD_FILE=$WORK/services/mosquitto/passwd COLLECTOR_MOSQUITTO_ACL_FILE=$WORK/services/mosquitto/acl \
        COLLECTOR_MOSQUITTO_RELOAD_COMMAND="DOS_DEV_SERVICES_DIR=$WORK/services $ROOT/scripts/dev-services.sh reload" \
        DATASOURCES_DEFAULT_URL=jdbc:h2:file:$WORK/registry COLLECTOR_ALERT_STAGES=DEBUG
    exec java -Xmx384m -jar "$COLLECTOR_JAR"
) > "$WORK/logs/collector.log" 2>&1 &
PIDS+=($!)
java "$ROOT/scripts/webhook-receiver/WebhookReceiver.java" --port "$HOOK_PORT" --secret-file "$WORK/hook/secrets" \
    --log "$WORK/hook/events.jsonl" > "$WORK/logs/webhook-receiver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 180); do curl -fsS "$API/health" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "$API/health" >/dev/null || { echo "bench: the collector did not come up (see $WORK/logs/collector.log)" >&2; exit 1; }

admin() { curl -fsS -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' ${3:+--data "$3"} "$API$2"; }
# The agent logs in on the password+ACL listener with its registered token, as in production (the
# anonymous listener is a broker process of its own: the collector would never hear it there).
(umask 077; admin POST /admin/gateways '{"id":"bench-latency","siteId":"bench-site","siteKind":"bridge"}' \
    | jq -r '"token=" + .token' > "$WORK/credentials")
admin POST /api/v1/subscriptions "{\"name\":\"latency\",\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:$HOOK_PORT/hook\"}" \
    | jq -r .secret > "$WORK/hook/secrets"

# The square wave: enough rows for the alerts wanted plus a margin (the timestamps are replaced by
# the agent's clock on the live timeline; only their spacing counts).
rows=$(( (ALERTS + 30) * 10 ))
awk -v n="$rows" 'BEGIN { print "time,strain"; for (i = 0; i < n; i++) { s = int(i / 10)
    printf "2024-01-01 %02d:%02d:%02d.%03d,%d\n", int(s / 3600), int(s / 60) % 60, s % 60, (i % 10) * 100, (int(i / 5) % 2) * 200 } }' \
    > "$WORK/square-wave.csv"
cat > "$WORK/gateway.yaml" <<EOF
id: bench-latency
site: {id: bench-site, kind: bridge, name: alert latency bench}
uplink:
  primary: {url: "tcp://127.0.0.1:$MQTT_AUTH_PORT", credentials-file: "$WORK/credentials"}
  batching: {max-readings: 200, max-age: 1s}
  alerts: priority
outbox:
  directory: $WORK/outbox
sensors:
  - id: wave
    driver: ads1115
    source:
      kind: replay
      file: $WORK/square-wave.csv
      columns: {strain: strain}
      timestamp-column: time
    sample-rate: 10Hz
    rules:
      - id: wave-limit
        quantity: strain
        warning-above: 100
        raise-after: 0s
        clear-after: 0s
EOF
java -Xmx128m -XX:+UseSerialGC -jar "$AGENT_JAR" run --config "$WORK/gateway.yaml" > "$WORK/logs/agent.log" 2>&1 &
PIDS+=($!)

echo "bench: waiting for $ALERTS raised alerts at the webhook (about one per second)"
deadline=$(( $(date +%s) + ALERTS * 2 + 120 ))
while true; do
    n=$(cat "$WORK/hook/events.jsonl" 2>/dev/null | grep -c '"kind":"raised"' || true)
    [ "$n" -ge "$ALERTS" ] && break
    [ "$(date +%s)" -lt "$deadline" ] || { echo "bench: only $n raised alerts arrived before the deadline" >&2; break; }
    kill -0 "${PIDS[2]}" 2>/dev/null || { echo "bench: the agent stopped (see $WORK/logs/agent.log)" >&2; exit 1; }
    sleep 2
done
sleep 3 # the last clears

# Latency = receipt at the webhook - the event's edge time (the crossing sample's timestamp), in ms.
jq -s -r '
    def ms: capture("^(?<s>[^.Z]+)(\\.(?<f>[0-9]+))?Z$") | ((.s + "Z") | fromdateiso8601) * 1000
            + ((.f // "0") + "000" | .[0:3] | tonumber);
    def pct($p): sort as $a | $a[((($a | length) - 1) * $p / 100 | floor)];
    def report($kind): [ .[] | select(.signature == "valid" and (.duplicate | not) and .body.event.kind == $kind)
                         | .receivedMs - (.body.event.time | ms) ] | .[5:]
        | "\($kind): n=\(length)  p50=\(pct(50)) ms  p90=\(pct(90)) ms  p99=\(pct(99)) ms  max=\(max) ms  min=\(min) ms";
    report("raised"), report("cleared"),
    "invalid signatures: \([.[] | select(.signature != "valid")] | length), duplicates: \([.[] | select(.duplicate)] | length)"
' "$WORK/hook/events.jsonl" | tee "$WORK/result.txt"
echo "(the first 5 events of each kind are dropped as warm-up; events: $WORK/hook/events.jsonl)"
# Where the time goes: the agent's and the collector's stage lines joined with the receiver's arrivals.
python3 "$ROOT/scripts/lib/alert-stages.py" "$WORK" 5 | tee -a "$WORK/result.txt"
