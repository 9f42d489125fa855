#!/usr/bin/env bash
# The DOS IoT demo: the whole system on this machine, in one command.
#
#   scripts/demo.sh                      # runs until Ctrl-C, with a live view
#   scripts/demo.sh --duration 5m        # unattended; exit 0 only if every gateway's readings and
#                                        # at least one alert made it end to end (webhook received),
#                                        # and the classroom, bridge and fleet pages show their sites
#   scripts/demo.sh --speed 300          # classroom time per real second (default 300)
#   scripts/demo.sh --simulate-damage    # the simulated bridge's past 26 hours first (edge-agent history,
#                                        # a minute or two): healthy for 24 h, then f1 3 % less stiff; --duration
#                                        # then also requires the collector's modal-shift alert at the webhook
#
# What it does (all state under target/demo/, git-ignored; wiped at each start):
#   1. installs missing Debian packages (as root: InfluxDB, Mosquitto, curl, jq) and builds the jars once;
#   2. starts a private InfluxDB and Mosquitto (scripts/dev-services.sh with its own ports and
#      directory, so it never disturbs the development services), the collector, and a webhook receiver;
#   3. registers three gateways from firmware-config/examples in the collector's registry and starts
#      their agents: a simulated bridge, a simulated school (school-demo.yaml: the classroom nobody airs,
#      its school day time-lapsed so that the CO2 alarm raises and clears within minutes), a replay of the
#      Munich test bridge's recorded load test (../shared/data), re-stamped onto today's clock;
#   4. marks the school public (its classroom page needs no sign-in), subscribes the webhook receiver to
#      every alert, prints the web pages' and the API's URLs and shows readings, alerts and deliveries live.
# Ctrl-C stops every process it started, and only those (by pid).
#
# Ports (override with the environment variables in brackets): collector HTTP 28080 [DEMO_HTTP_PORT],
# InfluxDB 28086 [DEMO_INFLUX_PORT], Mosquitto 21883 anonymous / 21884 password+ACL [DEMO_MQTT_PORT,
# DEMO_MQTT_AUTH_PORT], CoAP 25683 [DEMO_COAP_PORT], webhook receiver 28090 [DEMO_HOOK_PORT].
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEMO=$ROOT/target/demo
SHARED_DATA=$(cd "$ROOT/.." && pwd)/shared/data
HTTP_PORT=${DEMO_HTTP_PORT:-28080}
INFLUX_PORT=${DEMO_INFLUX_PORT:-28086}
MQTT_PORT=${DEMO_MQTT_PORT:-21883}
MQTT_AUTH_PORT=${DEMO_MQTT_AUTH_PORT:-21884}
COAP_PORT=${DEMO_COAP_PORT:-25683}
HOOK_PORT=${DEMO_HOOK_PORT:-28090}
API=http://127.0.0.1:$HTTP_PORT
ADMIN_TOKEN=demo-admin-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
# A school day in the unaired classroom R204 (firmware-config/examples/school-demo.yaml) from Monday
# 07:40 in Dortmund: at speed 300 the CO2 warning (1000 ppm) raises about 20 s after the agent
# started, escalates to critical (2000 ppm), and clears 3-4 minutes in, when the room has aired
# out overnight below 900 ppm (plus the rule's 30 s clear-after).
SIM_START=2025-03-10T06:40:00Z
SPEED=300
DURATION=
DAMAGE=
EXAMPLES=(bridge-simulated school-demo bridge-replay)

usage() { sed -n '2,27p' "$0" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
        --duration) [ $# -ge 2 ] || usage; DURATION=$2; shift 2 ;;
        --speed) [ $# -ge 2 ] || usage; SPEED=$2; shift 2 ;;
        --simulate-damage) DAMAGE=f1:3%; shift ;;
        -h|--help) usage ;;
        *) echo "demo: unknown argument '$1'" >&2; usage ;;
    esac
done
seconds() { # 90 | 90s | 5m | 1h
    case $1 in
        *h) echo $(( ${1%h} * 3600 )) ;; *m) echo $(( ${1%m} * 60 )) ;; *s) echo "${1%s}" ;; *) echo "$1" ;;
    esac
}
if [ -n "$DURATION" ]; then
    DURATION_S=$(seconds "$DURATION")
    [[ $DURATION_S =~ ^[0-9]+$ ]] && [ "$DURATION_S" -gt 0 ] || { echo "demo: --duration '$DURATION': use e.g. 300, 90s, 5m" >&2; exit 2; }
fi

say() { printf '\033[1mdemo:\033[0m %s\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- stop what we started, only that
PIDS=()          # every process this script started (agents first when stopping: reverse order)
SERVICES_STARTED=
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [ -n "${VIEW_ACTIVE:-}" ] && tput cnorm 2>/dev/null || true
    say "stopping what the demo started"
    local i
    for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
        kill -TERM "${PIDS[i]}" 2>/dev/null || true
    done
    for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
        for _ in $(seq 1 50); do kill -0 "${PIDS[i]}" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "${PIDS[i]}" 2>/dev/null || true
    done
    if [ -n "$SERVICES_STARTED" ]; then
        services stop >/dev/null 2>&1 || true
    fi
    rm -f "$DEMO/demo.pid"
    say "stopped; logs and data are in ${DEMO#$ROOT/}/"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

services() {
    DOS_DEV_SERVICES_DIR=$DEMO/services DOS_INFLUX_PORT=$INFLUX_PORT DOS_INFLUX_RPC_PORT=$((INFLUX_PORT + 2)) \
        DOS_MQTT_PORT=$MQTT_PORT DOS_MQTT_AUTH_PORT=$MQTT_AUTH_PORT DOS_PG_PORT=none "$ROOT/scripts/dev-services.sh" "$@"
}

# ---------------------------------------------------------------- 1. tools and jars
if [ -f "$DEMO/demo.pid" ] && kill -0 "$(cat "$DEMO/demo.pid")" 2>/dev/null; then
    die "a demo is already running (pid $(cat "$DEMO/demo.pid")); stop it first"
fi
command -v java >/dev/null || die "Java 17 is missing: apt-get install -y openjdk-17-jdk-headless"
command -v mvn >/dev/null || die "Maven is missing: apt-get install -y maven"
missing=()
command -v curl >/dev/null || missing+=(curl)
command -v jq >/dev/null || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || die "missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}"
    say "installing ${missing[*]} from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -d "$SHARED_DATA/munich-bridge" ] || die "the recorded data is missing: expected $SHARED_DATA (the shared folder beside this checkout)"

AGENT_JAR=$ROOT/edge-agent/target/edge-agent.jar
COLLECTOR_JAR=$ROOT/collector/target/collector.jar
CONFIG_JAR=$ROOT/firmware-config/target/firmware-config-0.1.0-cli.jar
# A jar is stale when any module's sources or POM changed after it was built (a checkout that moved on).
stale() { [ ! -f "$1" ] || [ -n "$(find "$ROOT"/*/src/main "$ROOT"/*/pom.xml "$ROOT/pom.xml" -newer "$1" -print -quit)" ]; }
if stale "$AGENT_JAR" || stale "$COLLECTOR_JAR" || stale "$CONFIG_JAR"; then
    say "building the jars (mvn -B -q package -DskipTests; a few minutes on a fresh machine)"
    (cd "$ROOT" && mvn -B -q package -DskipTests) || die "the build failed"
fi

rm -rf "$DEMO"
mkdir -p "$DEMO"/{config,logs,agents,webhook,collector}
echo $$ > "$DEMO/demo.pid"

# ---------------------------------------------------------------- 2. services, collector, webhook receiver
say "starting a private InfluxDB (:$INFLUX_PORT) and Mosquitto (:$MQTT_PORT anonymous, :$MQTT_AUTH_PORT password+ACL)"
SERVICES_STARTED=1
services start > "$DEMO/logs/dev-services.log" 2>&1 || { cat "$DEMO/logs/dev-services.log" >&2; die "the services did not start"; }

say "starting the collector (http://127.0.0.1:$HTTP_PORT)"
(
    cd "$ROOT"
    export MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_PORT=$HTTP_PORT COLLECTOR_ADMIN_TOKEN=$ADMIN_TOKEN \
        COLLECTOR_INFLUX_URL=http://127.0.0.1:$INFLUX_PORT \
        COLLECTOR_MQTT_URL=tcp://127.0.0.1:$MQTT_AUTH_PORT COLLECTOR_MQTT_CLIENT_ID=dos-collector-demo \
        COLLECTOR_ALERTS_MQTT_URL=tcp://127.0.0.1:$MQTT_AUTH_PORT \
        COLLECTOR_COAP_PLAIN_PORT=$COAP_PORT COLLECTOR_COAP_SECURE_PORT=$((COAP_PORT + 1)) \
        COLLECTOR_DELIVERY_ALLOWED_PRIVATE_TARGETS=127.0.0.1:$HOOK_PORT \
        COLLECTOR_CONDITION_LEARNING_PERIOD=1d COLLECTOR_CONDITION_MIN_DURATION=30m \
        COLLECTOR_MOSQUITTO_PASSWD_FILE=$DEMO/services/mosquitto/passwd COLLECTOR_MOSQUITTO_ACL_FILE=$DEMO/services/mosquitto/acl \
        COLLECTOR_MOSQUITTO_RELOAD_COMMAND="DOS_DEV_SERVICES_DIR=$DEMO/services $ROOT/scripts/dev-services.sh reload" \
        DATASOURCES_DEFAULT_URL=jdbc:h2:file:$DEMO/collector/registry
    exec java -Xmx384m -jar "$COLLECTOR_JAR"
) > "$DEMO/logs/collector.log" 2>&1 &
PIDS+=($!)

say "starting the webhook receiver (http://127.0.0.1:$HOOK_PORT, log ${DEMO#$ROOT/}/webhook/events.jsonl)"
java "$ROOT/scripts/webhook-receiver/WebhookReceiver.java" --port "$HOOK_PORT" \
    --secret-file "$DEMO/webhook/secrets" --log "$DEMO/webhook/events.jsonl" > "$DEMO/logs/webhook-receiver.log" 2>&1 &
PIDS+=($!)

for _ in $(seq 1 180); do
    curl -fsS "$API/health" >/dev/null 2>&1 && break
    kill -0 "${PIDS[0]}" 2>/dev/null || { tail -30 "$DEMO/logs/collector.log" >&2; die "the collector stopped (log: ${DEMO#$ROOT/}/logs/collector.log)"; }
    sleep 1
done
curl -fsS "$API/health" >/dev/null || { curl -sS "$API/health" >&2 || true; die "the collector is not healthy after 3 minutes (log: ${DEMO#$ROOT/}/logs/collector.log)"; }

admin() { # method path [json]
    curl -fsS -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' ${3:+--data "$3"} "$API$2"
}
ENGINEER_TOKEN=$(admin POST /admin/tokens '{"id":"demo-engineer","name":"demo engineer","role":"engineer"}' | jq -r .token)
VIEWER_TOKEN=$(admin POST /admin/tokens '{"id":"demo-viewer","name":"demo viewer","role":"viewer"}' | jq -r .token)
printf 'admin=%s\nengineer=%s\nviewer=%s\n' "$ADMIN_TOKEN" "$ENGINEER_TOKEN" "$VIEWER_TOKEN" > "$DEMO/api-tokens"
chmod 600 "$DEMO/api-tokens"

# ---------------------------------------------------------------- 3. gateways: register, configure, start
# The example files are copied with the demo's ports, an outbox under target/demo and an absolute
# path to the recorded data; firmware-config validates each copy before any agent starts.
GATEWAYS=()
for example in "${EXAMPLES[@]}"; do
    src=$ROOT/firmware-config/examples/$example.yaml
    id=$(awk '/^id:/ {print $2; exit}' "$src")
    site=$(awk '/^site:/ {s=1; next} s && /^  id:/ {print $2; exit}' "$src")
    kind=$(awk '/^site:/ {s=1; next} s && /^  kind:/ {print $2; exit}' "$src")
    (umask 077; admin POST /admin/gateways "{\"id\":\"$id\",\"siteId\":\"$site\",\"siteKind\":\"$kind\"}" > "$DEMO/agents/$id.registration.json")
    # The agent's credentials file (edge-agent README, "uplinks"): the token serves MQTT, CoAP and HTTP.
    (umask 077; printf 'token=%s\n' "$(jq -r .token "$DEMO/agents/$id.registration.json")" > "$DEMO/agents/$id.credentials")
    cfg=$DEMO/config/$id.yaml
    # Every endpoint gets the gateway's registered credentials (written just above);
    # MQTT goes to the password+ACL listener, where the gateway may publish only on its own topics.
    sed -e "s#tcp://127.0.0.1:11883#tcp://127.0.0.1:$MQTT_AUTH_PORT#" \
        -e "s#coap://127.0.0.1:15683#coap://127.0.0.1:$COAP_PORT#" \
        -e "s#http://127.0.0.1:18080#http://127.0.0.1:$HTTP_PORT#" \
        -e "s#^\(    \)url: \([a-z]*://127.0.0.1:.*\)#&\n\1credentials-file: $DEMO/agents/$id.credentials#" \
        -e "s#^\(  directory:\).*#\1 $DEMO/agents/$id/outbox#" \
        -e "s#file: \(\.\./\)*shared/data/#file: $SHARED_DATA/#" "$src" > "$cfg"
    java -jar "$CONFIG_JAR" validate "$cfg" > "$DEMO/logs/validate-$id.log" 2>&1 \
        || { cat "$DEMO/logs/validate-$id.log" >&2; die "firmware-config refused $cfg"; }
    GATEWAYS+=("$id")
done
# The collector wrote the gateways' accounts to the broker's password and ACL files and reloaded it
# (COLLECTOR_MOSQUITTO_RELOAD_COMMAND) with each registration: the agents log in with their tokens.

# The school's pages are public: no sign-in, and nothing shown that the open-data endpoints would not
# show (collector.open.*: school data from the next day, in 10-minute means). The bridges stay behind
# the sign-in; a classroom display signs in (as the demo viewer) to show the room live.
admin PATCH /api/v1/sites/gs-kley '{"public":true}' > /dev/null || die "could not mark the school gs-kley public"

say "subscribing the webhook receiver to every alert"
SUB=$(curl -fsS -X POST -H "Authorization: Bearer $ENGINEER_TOKEN" -H 'Content-Type: application/json' \
    --data "{\"name\":\"demo webhook\",\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:$HOOK_PORT/dos-alerts\"}" \
    "$API/api/v1/subscriptions")
jq -r .secret <<< "$SUB" > "$DEMO/webhook/secrets"
SUB_ID=$(jq -r .id <<< "$SUB")

# --simulate-damage: the bridge's past through the real chips, pipeline, outbox and uplink on a virtual clock
# (edge-agent history), before its live agent starts: the collector's condition bins only move forward. The
# collector (learning period 1d, min-duration 30m above) learns f1 against temperature from the first 24 h
# and raises modal-shift in the last 2 h; the live agent then goes on with the damaged bridge.
if [ -n "$DAMAGE" ]; then
    from=$(date -u -d "@$(( ($(date +%s) - 26 * 3600) / 600 * 600 ))" +%Y-%m-%dT%H:%M:%SZ)
    say "simulating the bridge's last 26 hours from $from, f1 3 % less stiff after 24 h (edge-agent history, a minute or two)"
    java -Xmx256m -XX:+UseSerialGC -jar "$AGENT_JAR" history --config "$DEMO/config/bridge-sim-p2.yaml" \
        --from "$from" --duration 26h --simulate-damage "$DAMAGE@24h" > "$DEMO/logs/history-bridge-sim-p2.log" 2>&1 \
        || { tail -20 "$DEMO/logs/history-bridge-sim-p2.log" >&2; die "edge-agent history failed"; }
    say "$(grep '^history of' "$DEMO/logs/history-bridge-sim-p2.log")"
fi
START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for id in "${GATEWAYS[@]}"; do
    extra=()
    [ "$id" = school-demo-r204 ] && extra=(--sim-start "$SIM_START" --sim-speed "$SPEED")
    [ "$id" = bridge-sim-p2 ] && [ -n "$DAMAGE" ] && extra=(--simulate-damage "$DAMAGE")
    java -Xmx128m -XX:+UseSerialGC -jar "$AGENT_JAR" run --config "$DEMO/config/$id.yaml" --health-interval 15 "${extra[@]}" \
        > "$DEMO/logs/agent-$id.log" 2>&1 &
    PIDS+=($!)
done
say "started agents: ${GATEWAYS[*]} (classroom time x$SPEED from Monday 07:40)"

# ---------------------------------------------------------------- 4. where to look, live view
cat <<EOF

  Web pages (German; "English" at the top of each page):
    classroom R204, public:  $API/schulen/gs-kley/r204   (anonymous: yesterday, 10-minute means;
                             signed in: live. A classroom display signs in as the demo viewer:
                             $API/anmelden?ziel=/schulen/gs-kley/r204#token=$VIEWER_TOKEN )
    bridges (signed in):     $API/bruecken/ruhrbruecke-schwerte
                             $API/bruecken/unibw-test-bridge
    fleet (signed in):       $API/flotte      also $API/alarme  $API/abos  $API/explorer
    sign in as the demo engineer (the link fills the form; press "Anmelden"):
             $API/anmelden?ziel=/flotte#token=$ENGINEER_TOKEN
  API documentation: $API/swagger-ui/      tokens: ${DEMO#$ROOT/}/api-tokens (viewer, engineer, admin)
    V=\$(sed -n 's/^viewer=//p' target/demo/api-tokens); E=\$(sed -n 's/^engineer=//p' target/demo/api-tokens)
    curl -s -H "Authorization: Bearer \$V" $API/api/v1/gateways | jq
    curl -s -H "Authorization: Bearer \$V" $API/api/v1/sites | jq                 # names, positions, rooms/sections (from the gateways' files)
    curl -s -H "Authorization: Bearer \$V" $API/api/v1/sites/gs-kley | jq
    curl -s -H "Authorization: Bearer \$V" '$API/api/v1/series?quantity=co2&site=gs-kley&location=r204&window=1m' | jq '.series[] | {sensor, siteName, locationName, position}'
    curl -s -H "Authorization: Bearer \$V" '$API/api/v1/series?quantity=co2&gateway=school-demo-r204&quality=any' | jq
    curl -s -H "Authorization: Bearer \$V" '$API/api/v1/series?quantity=strain&gateway=bridge-sim-p2&window=10s&aggregate=mean&format=csv'
    curl -s -H "Authorization: Bearer \$V" '$API/api/v1/series?quantity=vibration_rms&gateway=bridge-replay-munich&format=csv'
    curl -s -H "Authorization: Bearer \$V" '$API/api/v1/alerts?status=all' | jq
    curl -sN -H "Authorization: Bearer \$V" $API/api/v1/alerts/stream          # live alert feed (SSE)
    curl -s -H "Authorization: Bearer \$E" $API/api/v1/subscriptions/$SUB_ID/deliveries | jq
  Open data (no token: public sites, a day late, 10-minute means; a token: all, live; README "Offene Daten"):
    SensorThings API:  $API/sta/v1.1
      curl -s -H "Authorization: Bearer \$V" '$API/sta/v1.1/Things?\$expand=Datastreams(\$expand=Observations(\$top=1;\$orderby=phenomenonTime%20desc))' | jq
    student CSV (today's data needs a token; anonymously it is there from tomorrow):
      curl -s -H "Authorization: Bearer \$V" -o r204.csv '$API/open/v1/sites/gs-kley/locations/r204/$(date +%F).csv?dialect=excel-de'
    catalogue:         $API/open/v1/catalog      (DCAT-AP.de JSON-LD; Turtle with -H 'Accept: text/turtle')
  InfluxDB: curl -sG http://127.0.0.1:$INFLUX_PORT/query --data-urlencode db=dos --data-urlencode "q=SHOW MEASUREMENTS"
  Webhook events: tail -f ${DEMO#$ROOT/}/webhook/events.jsonl       logs: ${DEMO#$ROOT/}/logs/

EOF

influx() { curl -sG "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode db=dos --data-urlencode "q=$1"; }
# Readings stored per gateway since the demo started: every field value of every reading measurement.
readings_json() {
    # Readings live in their site kind's raw policy (bridge_raw, school_raw); the tier policies hold rollups.
    local from="" m kind
    for m in co2 temperature humidity pressure strain acceleration tilt vibration; do
        for kind in bridge school; do from="$from${from:+,}\"${kind}_raw\".$m"; done
    done
    influx "SELECT count(*) FROM $from WHERE time >= '$START' GROUP BY gateway" |
        jq -c '[.results[0].series // [] | .[] | {gw: .tags.gateway, n: ([.values[]? | .[1:][] | numbers] | add // 0)}]
               | group_by(.gw) | map({key: .[0].gw, value: (map(.n) | add)}) | from_entries'
}
webhook_json() { # per gateway raised/cleared as received by the webhook, and totals
    if [ -s "$DEMO/webhook/events.jsonl" ]; then
        jq -s -c '{valid: map(select(.signature == "valid")) | length, invalid: map(select(.signature != "valid")) | length,
                  duplicates: map(select(.duplicate)) | length,
                  by: (map(select(.signature == "valid" and (.duplicate | not)) | .body.event) | group_by(.gatewayId)
                       | map({key: .[0].gatewayId, value: {raised: map(select(.kind == "raised")) | length,
                                                          cleared: map(select(.kind == "cleared")) | length}}) | from_entries),
                  last: (map(select(.signature == "valid")) | .[-5:] | map(.body.event
                       | "\(.time[11:19])  \(.gatewayId)  \(.kind) \(.severity)  \(.message)"))}' "$DEMO/webhook/events.jsonl"
    else
        echo '{"valid":0,"invalid":0,"duplicates":0,"by":{},"last":[]}'
    fi
}
STARTED_S=$(date +%s)
view() {
    local r w elapsed
    r=$(readings_json 2>/dev/null || echo '{}'); [ -n "$r" ] || r='{}'
    w=$(webhook_json)
    elapsed=$(( $(date +%s) - STARTED_S ))
    printf 'DOS IoT demo  %s  running %dm%02ds%s\n' "$(date -u +%H:%M:%S)Z" $((elapsed / 60)) $((elapsed % 60)) \
        "${DURATION:+ of $DURATION}"
    printf '%-22s %10s %8s %8s\n' GATEWAY STORED RAISED CLEARED
    for id in "${GATEWAYS[@]}"; do
        printf '%-22s %10s %8s %8s\n' "$id" "$(jq -r --arg g "$id" '.[$g] // 0' <<< "$r")" \
            "$(jq -r --arg g "$id" '.by[$g].raised // 0' <<< "$w")" "$(jq -r --arg g "$id" '.by[$g].cleared // 0' <<< "$w")"
    done
    printf 'webhook deliveries: %s valid (signature checked), %s refused, %s duplicates\n' \
        "$(jq -r .valid <<< "$w")" "$(jq -r .invalid <<< "$w")" "$(jq -r .duplicates <<< "$w")"
    jq -r '.last[] | "  " + .' <<< "$w" | cut -c1-110
}
alive() {
    local i
    for i in "${PIDS[@]}"; do kill -0 "$i" 2>/dev/null || return 1; done
}

if [ -z "$DURATION" ]; then
    say "live view below; Ctrl-C stops the demo"
    VIEW_ACTIVE=1
    [ -t 1 ] && tput civis 2>/dev/null || true
    up=0
    while true; do
        frame=$(view)
        alive || frame+=$'\n'"a demo process stopped: see ${DEMO#$ROOT/}/logs/"
        if [ -t 1 ]; then
            # back to the top of the previous frame, clear to the end of the screen, draw
            [ "$up" -gt 0 ] && printf '\033[%dA\r' "$up"
            printf '\033[J%s\n' "$frame"
            up=$(( $(wc -l <<< "$frame") ))
        else
            printf '%s\n\n' "$frame"
        fi
        sleep 3
    done
fi

# Unattended: run for the duration, report every 30 s, then judge end to end.
deadline=$(( STARTED_S + DURATION_S ))
while [ "$(date +%s)" -lt "$deadline" ]; do
    sleep $(( deadline - $(date +%s) < 30 ? deadline - $(date +%s) : 30 ))
    view; echo
    alive || { say "a demo process stopped unexpectedly: see ${DEMO#$ROOT/}/logs/"; exit 1; }
done
r=$(readings_json); w=$(webhook_json)
ok=1
for id in "${GATEWAYS[@]}"; do
    n=$(jq -r --arg g "$id" '.[$g] // 0' <<< "$r")
    if [ "$n" -gt 0 ]; then say "PASS $id: $n readings stored"; else say "FAIL $id: no readings stored"; ok=; fi
done
sites=$(curl -fsS -H "Authorization: Bearer $VIEWER_TOKEN" "$API/api/v1/sites" || echo '[]')
for id in "${GATEWAYS[@]}"; do
    place=$(jq -r --arg g "$id" '[.[] | select(.gateways | index($g))][0] | select(.name != null and .position != null)
        | "\(.name) at \(.position.lat), \(.position.lon), \(.locations) location(s)"' <<< "$sites")
    if [ -n "$place" ]; then say "PASS $id: its site is $place"; else say "FAIL $id: its site has no name and position in /api/v1/sites"; ok=; fi
done
# The pages people look at: the public classroom without a session, the bridges and the fleet with the
# session cookie a sign-in (POST /anmelden, with the sign-in form's CSRF token) gives the engineer token.
page() { # name path expected-text [cookie-jar]
    local body code
    body=$(curl -sS ${4:+-b "$4"} -w '\n%{http_code}' "$API$2" 2>&1) || true
    code=${body##*$'\n'}
    if [ "$code" = 200 ] && grep -qF "$3" <<< "$body"; then
        say "PASS $1 page $API$2: 200 with '$3'"
    else
        say "FAIL $1 page $API$2: HTTP $code$(grep -qF "$3" <<< "$body" || echo ", without '$3'")"; ok=
    fi
}
JAR=$DEMO/web-cookies
csrf=$(curl -fsS -c "$JAR" "$API/anmelden" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -sS -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "_csrf=$csrf" --data-urlencode "token=$ENGINEER_TOKEN" \
    --data-urlencode "ziel=/flotte" "$API/anmelden"
grep -q dos_session "$JAR" || { say "FAIL sign-in with the engineer token gave no session cookie"; ok=; }
page classroom /schulen/gs-kley/r204 "Grundschule Kley"
page bridge /bruecken/ruhrbruecke-schwerte "Ruhrbrücke Schwerte" "$JAR"
page bridge /bruecken/unibw-test-bridge "UniBw Munich test bridge" "$JAR"
page fleet /flotte "school-demo-r204" "$JAR"
page sensorthings "/sta/v1.1/Things?%24filter=properties/site%20eq%20'gs-kley'" '"@iot.selfLink"'
raised=$(jq -r '[.by[] | .raised] | add // 0' <<< "$w"); cleared=$(jq -r '[.by[] | .cleared] | add // 0' <<< "$w")
if [ "$raised" -gt 0 ]; then say "PASS alerts end to end: $raised raised, $cleared cleared, received by the webhook"; else say "FAIL no alert reached the webhook"; ok=; fi
if [ -n "$DAMAGE" ]; then
    shift_msg=$(jq -r -s '[.[] | select(.signature == "valid") | .body.event | select(.ruleId == "modal-shift" and .kind == "raised")][0].message // empty' "$DEMO/webhook/events.jsonl" 2>/dev/null)
    if [ -n "$shift_msg" ]; then say "PASS modal-shift reached the webhook: $shift_msg"; else say "FAIL no modal-shift alert reached the webhook (see ${DEMO#$ROOT/}/logs/collector.log, history-bridge-sim-p2.log)"; ok=; fi
fi
school_cleared=$(jq -r '.by["school-demo-r204"].cleared // 0' <<< "$w")
[ "$school_cleared" -gt 0 ] || say "note: the classroom's CO2 alarm has not cleared yet (it needs 3-4 minutes of demo, more on a loaded machine)"
[ -n "$ok" ] || exit 1
exit 0
