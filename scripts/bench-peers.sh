#!/usr/bin/env bash
# Side by side with Node-RED: the same simulated bridge gateways send the same JSON batches (MQTT v5,
# QoS 1, dos/<site>/<gateway>/batch) through the same Mosquitto, first to a Node-RED flow (MQTT in ->
# function "batch to points" -> node-red-contrib-influxdb's batch output node), then to the collector;
# each contender writes into its own database of the same InfluxDB, where every reading is counted
# exactly, per series. Per contender: an untimed warm-up, then
#   paced     --paced-rate readings/s for --paced seconds, a rate both carry: CPU seconds per stored
#             reading of the contender, Mosquitto and InfluxDB (/proc/<pid>/stat), readings lost;
#   overload  every gateway sends back to back for --overload seconds, as fast as its protocol lets it:
#             towards Node-RED the broker's PUBACK is all a gateway gets, so it sends as fast as
#             Mosquitto takes the batches; towards the collector it keeps every batch in its outbox
#             until the collector answers "stored" (up to --window awaiting at once, the edge agent's
#             default of 4, within the broker's Receive Maximum; "try_later" and silence bring a batch
#             back). Stored within the time = the contender's sustained maximum; afterwards the
#             gateways deliver what they still hold, the contender finishes what it took, and what
#             never arrives is lost. Each phase starts once InfluxDB and Mosquitto are idle.
# Prints both phases, the ratios and the targets (collector >= 2x Node-RED's sustained rate with zero
# loss when paced; no loss in the overload). Method and figures: docs/peers.md.
#
#   scripts/bench-peers.sh [--gateways 20] [--readings 1000] [--paced-rate 10000] [--paced 30]
#                          [--overload 60] [--window 4] [--only collector|node-red]
#
# Needs Node.js >= 18 and npm (Debian 12: apt-get install nodejs npm); installs Node-RED 4.1 and
# node-red-contrib-influxdb from npm once into ${DOS_BENCH_CACHE:-~/.cache/dos-bench}, outside the
# checkout (Node-RED 5 needs Node.js 22). Private InfluxDB and Mosquitto (scripts/dev-services.sh on
# InfluxDB 29086, MQTT 29883), collector on :29080, Node-RED on :29880 (below Linux's ephemeral ports,
# which once held :53880 when Node-RED wanted it), state in target/bench-peers/; everything started
# here is stopped at the end. Default run: 5-6.5 minutes after the build. SKIP_BUILD=1 reuses
# collector/target from an earlier build. ROLLUPS=on runs the collector with its rollup tiers (the
# production default; off here, since the Node-RED flow keeps no tiers: the same work on both sides).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/target/bench-peers
say() { printf '%s bench-peers: %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'bench-peers: %s\n' "$*" >&2; exit 1; }
GATEWAYS=20 READINGS=1000 PACED_RATE=10000 PACED=30 OVERLOAD=60 WINDOW=4 ONLY=
while [ $# -gt 0 ]; do
    case $1 in
        --gateways) GATEWAYS=$2; shift 2 ;;
        --readings) READINGS=$2; shift 2 ;;
        --paced-rate) PACED_RATE=$2; shift 2 ;;
        --paced) PACED=${2%s}; shift 2 ;;
        --overload) OVERLOAD=${2%s}; shift 2 ;;
        --window) WINDOW=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;; # collector or node-red: one contender, for trying things out
        *) sed -n '2,31p' "$0" >&2; exit 2 ;;
    esac
done
case "${ROLLUPS:=off}" in on|off) ;; *) die "ROLLUPS must be on or off, not '$ROLLUPS'" ;; esac
case "$ONLY" in ''|collector|node-red) ;; *) die "--only takes collector or node-red, not '$ONLY'" ;; esac
NODE_RED_VERSION=4.1.8 INFLUX_NODE_VERSION=0.7.0
NR_DIR=${DOS_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dos-bench}/node-red-$NODE_RED_VERSION
INFLUX_PORT=29086 MQTT_PORT=29883 MQTT_AUTH_PORT=29884 HTTP_PORT=29080 NR_PORT=29880
ADMIN_TOKEN=bench-admin-token-$RANDOM$RANDOM

# Node.js first: without it there is nothing to compare with.
command -v node >/dev/null && command -v npm >/dev/null \
    || die "Node.js and npm are missing, so Node-RED cannot run: install them (Debian 12: apt-get install -y nodejs npm) and run again"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" -ge 18 ] || die "Node.js $(node --version) is too old: Node-RED $NODE_RED_VERSION needs 18 or newer"
for port in $INFLUX_PORT $((INFLUX_PORT + 2)) $MQTT_PORT $MQTT_AUTH_PORT $HTTP_PORT $NR_PORT; do
    ! ss -ltnH "sport = :$port" | grep -q . || die "port $port is in use (another bench-peers run?): stop it or wait"
done
if command -v telegraf >/dev/null; then
    TELEGRAF_NOTE="Telegraf $(telegraf --version 2>/dev/null | head -n 1) is installed, but this script does not measure it yet"
else
    TELEGRAF_NOTE="no Telegraf column: Debian 12's archive has no telegraf package (InfluxData's own apt repository is not configured here), and npm's 'telegraf' is an unrelated Telegram library"
fi

if [ -z "${SKIP_BUILD:-}" ]; then
    say "building the collector and the generator (mvn -pl collector -am package)"
    (cd "$ROOT" && mvn -B -q -pl collector -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.classpath)
fi
[ -f "$ROOT/collector/target/collector.jar" ] && [ -f "$ROOT/collector/target/bench.classpath" ] \
    || die "collector/target/collector.jar or bench.classpath missing: run without SKIP_BUILD"

if [ ! -f "$NR_DIR/node_modules/node-red/red.js" ] || [ ! -d "$NR_DIR/node_modules/node-red-contrib-influxdb" ]; then
    say "installing Node-RED $NODE_RED_VERSION and node-red-contrib-influxdb $INFLUX_NODE_VERSION into $NR_DIR (once)"
    mkdir -p "$NR_DIR"
    [ -f "$NR_DIR/package.json" ] || echo '{"name":"dos-bench-node-red","private":true}' > "$NR_DIR/package.json"
    npm install --prefix "$NR_DIR" --no-audit --no-fund --omit=dev \
        "node-red@$NODE_RED_VERSION" "node-red-contrib-influxdb@$INFLUX_NODE_VERSION" > "$NR_DIR/npm-install.log" 2>&1 \
        || { tail -n 20 "$NR_DIR/npm-install.log" >&2; die "npm could not install Node-RED (log: $NR_DIR/npm-install.log)"; }
fi

rm -rf "$WORK"
mkdir -p "$WORK/logs" "$WORK/node-red"
# Fixed copies: another build must not change the jar or the classes under a running benchmark.
cp "$ROOT/collector/target/collector.jar" "$WORK/collector.jar"
cp -r "$ROOT/collector/target/test-classes" "$WORK/test-classes"
CLASSPATH_BENCH="$WORK/test-classes:$(cat "$ROOT/collector/target/bench.classpath")"
RESULTS=$WORK/results.properties

PIDS=()
services() {
    DOS_DEV_SERVICES_DIR=$WORK/services DOS_INFLUX_PORT=$INFLUX_PORT DOS_INFLUX_RPC_PORT=$((INFLUX_PORT + 2)) \
        DOS_MQTT_PORT=$MQTT_PORT DOS_MQTT_AUTH_PORT=$MQTT_AUTH_PORT DOS_PG_PORT=none "$ROOT/scripts/dev-services.sh" "$@"
}
stop_pid() { # pid: TERM, then KILL after 20 s
    kill -TERM "$1" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
    kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
    local p
    for p in "${PIDS[@]}"; do stop_pid "$p"; done
    services stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

services start > "$WORK/logs/dev-services.log" 2>&1 || { cat "$WORK/logs/dev-services.log" >&2; die "private services did not start"; }
INFLUX_PID=$(cat "$WORK/services/influxdb/pid")
MOSQUITTO_PID=$(cat "$WORK/services/mosquitto-anonymous/pid")
say "private InfluxDB :$INFLUX_PORT (pid $INFLUX_PID), Mosquitto :$MQTT_PORT (pid $MOSQUITTO_PID; $(grep -E '^max_' "$WORK/services/mosquitto-anonymous/mosquitto.conf" | tr '\n' ' '))"
curl -sf -XPOST "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode "q=CREATE DATABASE peers_nodered" >/dev/null

bench() { # contender pid collector-url admin-token database policy
    PEERS_PIDS="contender=$2 mosquitto=$MOSQUITTO_PID influxd=$INFLUX_PID" \
        java -cp "$CLASSPATH_BENCH" de.dos2030.iot.collector.bench.peers.PeersBench "$1" "127.0.0.1:$MQTT_PORT" \
        "http://127.0.0.1:$INFLUX_PORT" "$5" "$6" "$3" "$4" "$GATEWAYS" "$READINGS" "$PACED_RATE" "$PACED" \
        "$OVERLOAD" "$WINDOW" "$RESULTS"
}
peak_rss() { awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$1/status"; }

# --- Node-RED -----------------------------------------------------------------------------------
if [ "$ONLY" != collector ]; then
cp "$ROOT/scripts/lib/node-red/flows.json" "$ROOT/scripts/lib/node-red/settings.js" "$WORK/node-red/"
NR_MQTT_PORT=$MQTT_PORT NR_INFLUX_PORT=$INFLUX_PORT NR_INFLUX_DB=peers_nodered NR_HTTP_PORT=$NR_PORT \
    node "$NR_DIR/node_modules/node-red/red.js" --userDir "$WORK/node-red" --settings "$WORK/node-red/settings.js" \
    > "$WORK/logs/node-red.log" 2>&1 &
NR_PID=$!
PIDS+=("$NR_PID")
for _ in $(seq 1 180); do grep -q 'Connected to broker' "$WORK/logs/node-red.log" && break; kill -0 "$NR_PID" 2>/dev/null || break; sleep 0.5; done
grep -q 'Connected to broker' "$WORK/logs/node-red.log" || { tail -n 30 "$WORK/logs/node-red.log" >&2; die "Node-RED did not connect to the broker"; }
sleep 2 # its subscription follows the connection
say "Node-RED $NODE_RED_VERSION on Node.js $(node --version) (pid $NR_PID, http://127.0.0.1:$NR_PORT), flow scripts/lib/node-red/flows.json"
bench node-red "$NR_PID" - - peers_nodered autogen || say "the Node-RED run failed (above); the table shows what it got"
echo "node-red.all.peakRssMiB=$(peak_rss "$NR_PID")" >> "$RESULTS"
stop_pid "$NR_PID"
fi

# --- the collector ------------------------------------------------------------------------------
if [ "$ONLY" != node-red ]; then
(
    cd "$WORK"
    export MICRONAUT_ENVIRONMENTS= MICRONAUT_SERVER_PORT=$HTTP_PORT COLLECTOR_ADMIN_TOKEN=$ADMIN_TOKEN \
        COLLECTOR_SECRETS_KEY=$(head -c 32 /dev/urandom | base64) DATASOURCES_DEFAULT_URL="jdbc:h2:mem:peers;DB_CLOSE_DELAY=-1" \
        COLLECTOR_INFLUX_URL=http://127.0.0.1:$INFLUX_PORT COLLECTOR_INFLUX_DATABASE=peers_collector \
        COLLECTOR_MQTT_URL=tcp://127.0.0.1:$MQTT_PORT COLLECTOR_MQTT_CLIENT_ID=dos-collector-peers \
        COLLECTOR_MQTT_SESSION_EXPIRY=60s COLLECTOR_COAP_ENABLED=false COLLECTOR_RETENTION_BRIDGE_RAW=INF \
        COLLECTOR_ROLLUP_ENABLED=$([ "$ROLLUPS" = on ] && echo true || echo false)
    exec java ${COLLECTOR_JAVA_OPTS:-} -jar "$WORK/collector.jar"
) > "$WORK/logs/collector.log" 2>&1 &
COLLECTOR_PID=$!
PIDS+=("$COLLECTOR_PID")
for _ in $(seq 1 180); do
    curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$HTTP_PORT/health" 2>/dev/null | grep -q '"connected":true' && break
    kill -0 "$COLLECTOR_PID" 2>/dev/null || break
    sleep 0.5
done
curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$HTTP_PORT/health" 2>/dev/null | grep -q '"connected":true' \
    || { tail -n 30 "$WORK/logs/collector.log" >&2; die "the collector did not come up connected"; }
say "collector (pid $COLLECTOR_PID, http://127.0.0.1:$HTTP_PORT), database peers_collector, rollup tiers $ROLLUPS"
bench collector "$COLLECTOR_PID" "http://127.0.0.1:$HTTP_PORT" "$ADMIN_TOKEN" peers_collector bridge_raw \
    || say "the collector run failed (above; log $WORK/logs/collector.log); the table shows what it got"
echo "collector.all.peakRssMiB=$(peak_rss "$COLLECTOR_PID")" >> "$RESULTS"
stop_pid "$COLLECTOR_PID"
fi

say "$GATEWAYS gateways, $READINGS readings per JSON batch, paced $PACED_RATE readings/s for $PACED s, overload $OVERLOAD s, window $WINDOW"
java -cp "$CLASSPATH_BENCH" de.dos2030.iot.collector.bench.peers.PeersTable "$RESULTS" collector node-red
echo "peak RSS (MiB): $(grep -oP '^[a-z-]+(?=\.all\.peakRssMiB=)|(?<=peakRssMiB=).*' "$RESULTS" | paste -sd' ')"
echo "$TELEGRAF_NOTE"
