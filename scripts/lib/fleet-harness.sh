# Sourced by scripts/load-test.sh, chaos-test.sh and two-collectors-test.sh: a private InfluxDB and
# Mosquitto (scripts/dev-services.sh with other ports and a state directory under target/), N
# collector instances, fleet JVMs (fleet-harness run), a webhook receiver, and clean-up of exactly
# what was started here (pid files under $RUN/pids). Never touches the shared dev services.
#
#   harness_init NAME PORT_OFFSET      RUN=target/NAME (wiped), ports = dev ports + PORT_OFFSET
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ADMIN_TOKEN=dev-admin-token-change-me

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { printf '%s FAILED: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

harness_init() { # name port-offset
    RUN=$ROOT/target/$1
    local off=$2
    rm -rf "$RUN"
    mkdir -p "$RUN/pids" "$RUN/logs" "$RUN/work" "$RUN/registry"
    export DOS_DEV_SERVICES_DIR=$RUN/services
    export DOS_INFLUX_PORT=$((18086 + off)) DOS_INFLUX_RPC_PORT=$((18088 + off))
    export DOS_MQTT_PORT=$((11883 + off)) DOS_MQTT_AUTH_PORT=$((11884 + off))
    export DOS_PG_PORT=none # the harness's collectors keep their registry in H2
    INFLUX_URL=http://127.0.0.1:$DOS_INFLUX_PORT
    PORT_OFFSET=$off
    WEBHOOK_PORT=$((18090 + off))
    # Someone else's services on these ports would answer our health checks: refuse to start.
    local port busy=()
    for port in "$DOS_INFLUX_PORT" "$DOS_INFLUX_RPC_PORT" "$DOS_MQTT_PORT" "$DOS_MQTT_AUTH_PORT" "$WEBHOOK_PORT" \
                $((18080 + off)) $((18081 + off)); do
        ss -ltnH "sport = :$port" | grep -q . && busy+=("$port")
    done
    [ ${#busy[@]} -eq 0 ] || fail "ports ${busy[*]} are in use (another test or the demo?): stop it or wait"
    # Fixed copies of the jars: another engineer's rebuild must not change them under a running test.
    [ -f "$ROOT/collector/target/collector.jar" ] || fail "collector/target/collector.jar missing: mvn -B -q -pl collector package -DskipTests"
    [ -f "$ROOT/fleet-harness/target/fleet-harness.jar" ] || fail "fleet-harness/target/fleet-harness.jar missing: mvn -B -q -pl fleet-harness -am package -DskipTests"
    cp "$ROOT/collector/target/collector.jar" "$RUN/collector.jar"
    cp "$ROOT/fleet-harness/target/fleet-harness.jar" "$RUN/fleet-harness.jar"
    trap harness_cleanup EXIT
    trap 'exit 130' INT TERM
}

pid_of() { cat "$RUN/pids/$1" 2>/dev/null; }
alive() { local p; p=$(pid_of "$1") && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

kill9() { # name: SIGKILL a process this harness started
    local p; p=$(pid_of "$1") || return 0
    kill -9 "$p" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    rm -f "$RUN/pids/$1"
}

term() { # name: SIGTERM, then SIGKILL after 30 s
    local p; p=$(pid_of "$1") || return 0
    kill "$p" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
    rm -f "$RUN/pids/$1"
}

term_all() { # names...: SIGTERM them all at once, wait for each
    local n pids=()
    for n in "$@"; do term "$n" & pids+=($!); done
    for n in "${pids[@]}"; do wait "$n" || true; done
}

harness_cleanup() {
    set +e
    for f in "$RUN"/pids/*; do [ -f "$f" ] && term "$(basename "$f")"; done
    "$ROOT/scripts/dev-services.sh" stop >/dev/null 2>&1
    [ -n "${NETNS:-}" ] && ip netns del "$NETNS" 2>/dev/null
    [ -n "${VETH:-}" ] && ip link del "$VETH" 2>/dev/null
    return 0
}

services_start() { "$ROOT/scripts/dev-services.sh" start | sed 's/^/    /'; }
influx_pid() { cat "$DOS_DEV_SERVICES_DIR/influxdb/pid"; }
mosquitto_pid() { cat "$DOS_DEV_SERVICES_DIR/mosquitto/pid"; }
service_kill9() { # influxdb|mosquitto
    local pidfile=$DOS_DEV_SERVICES_DIR/$1/pid
    kill -9 "$(cat "$pidfile")" 2>/dev/null || true
    sleep 0.3
}

collector_http() { echo $((18080 + PORT_OFFSET + $1 - 1)); }

collector_start() { # instance (1, 2, ...)
    local i=$1 http; http=$(collector_http "$i")
    (
        cd "$RUN"
        export MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_PORT=$http
        export COLLECTOR_INFLUX_URL=$INFLUX_URL
        export COLLECTOR_MQTT_URL=tcp://127.0.0.1:$DOS_MQTT_AUTH_PORT COLLECTOR_ALERTS_MQTT_URL=tcp://127.0.0.1:$DOS_MQTT_AUTH_PORT
        export COLLECTOR_MQTT_CLIENT_ID=dos-collector-$(basename "$RUN")-$i
        export COLLECTOR_COAP_PLAIN_PORT=$((15683 + PORT_OFFSET + 10 * i)) COLLECTOR_COAP_SECURE_PORT=$((15684 + PORT_OFFSET + 10 * i))
        export COLLECTOR_MOSQUITTO_PASSWD_FILE=$DOS_DEV_SERVICES_DIR/mosquitto/passwd
        export COLLECTOR_MOSQUITTO_ACL_FILE=$DOS_DEV_SERVICES_DIR/mosquitto/acl
        # DOS_DEV_SERVICES_DIR: this run's broker; preset empty, the collector reloads nothing and register_plan reloads once
        export COLLECTOR_MOSQUITTO_RELOAD_COMMAND=${COLLECTOR_MOSQUITTO_RELOAD_COMMAND-"$ROOT/scripts/dev-services.sh reload"}
        export COLLECTOR_DELIVERY_ALLOWED_PRIVATE_TARGETS=127.0.0.1:$WEBHOOK_PORT # the local webhook receiver
        # One H2 registry file for every instance: AUTO_SERVER lets the second process in through the first.
        export DATASOURCES_DEFAULT_URL="jdbc:h2:file:$RUN/registry/collector-registry;AUTO_SERVER=TRUE"
        exec java ${COLLECTOR_JAVA_OPTS:--Xmx512m} -jar "$RUN/collector.jar" >> "$RUN/logs/collector-$i.log" 2>&1
    ) &
    echo $! > "$RUN/pids/collector-$i"
    disown $! # no job-control "Killed" notice when the chaos test kills it
    local deadline=$((SECONDS + 90))
    until curl -sf "http://127.0.0.1:$http/health" >/dev/null 2>&1; do
        alive "collector-$i" || { tail -n 30 "$RUN/logs/collector-$i.log" >&2; fail "collector $i died at start"; }
        [ $SECONDS -lt $deadline ] || { tail -n 30 "$RUN/logs/collector-$i.log" >&2; fail "collector $i not healthy after 90 s"; }
        sleep 0.5
    done
}

admin() { # method path [json] -> body; instance 1
    curl -sS -f -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
        ${3:+--data "$3"} "http://127.0.0.1:$(collector_http 1)$2"
}

# plan file lines: "<gateway-id> <site-id> school|bridge"
make_plan() { # file schools bridges prefix
    local f=$1 s=$2 b=$3 p=$4 i
    : > "$f"
    for i in $(seq 1 "$s"); do printf '%s-school-%04d %s-gs-%04d school\n' "$p" "$i" "$p" "$i" >> "$f"; done
    for i in $(seq 1 "$b"); do printf '%s-bridge-%04d %s-br-%04d bridge\n' "$p" "$i" "$p" "$i" >> "$f"; done
}

register_plan() { # plan: registers every gateway, writes its mqtt.properties, syncs Mosquitto's passwd+acl
    local id site kind token
    while read -r id site kind; do
        [ -n "$id" ] || continue
        token=$(admin POST /admin/gateways "{\"id\":\"$id\",\"siteId\":\"$site\",\"siteKind\":\"$kind\"}" | jq -r .token)
        [ -n "$token" ] && [ "$token" != null ] || fail "could not register $id"
        mkdir -p "$RUN/work/$id"
        printf 'username=%s\npassword=%s\n' "$id" "$token" > "$RUN/work/$id/mqtt.properties"
    done < "$1"
    admin POST /admin/mosquitto/sync >/dev/null
    "$ROOT/scripts/dev-services.sh" reload >/dev/null
}

fleet_start() { # name plan [extra fleet options...]; FLEET_PREFIX (e.g. "ip netns exec ns") runs it elsewhere
    local name=$1 plan=$2; shift 2
    ${FLEET_PREFIX:-} java ${FLEET_JAVA_OPTS:--Xmx384m -Xss512k} -jar "$RUN/fleet-harness.jar" run --plan "$plan" --work "$RUN/work" \
        --broker "${FLEET_BROKER:-tcp://127.0.0.1:$DOS_MQTT_AUTH_PORT}" \
        --school-template "${SCHOOL_TEMPLATE:-$ROOT/firmware-config/examples/school-simulated.yaml}" \
        --bridge-template "${BRIDGE_TEMPLATE:-$ROOT/firmware-config/examples/bridge-simulated.yaml}" "$@" \
        >> "$RUN/logs/fleet-$name.log" 2>&1 &
    echo $! > "$RUN/pids/fleet-$name"
}

webhook_start() { # starts the receiver and subscribes it to every alert
    : > "$RUN/webhook-secrets"
    java "$ROOT/scripts/webhook-receiver/WebhookReceiver.java" --port "$WEBHOOK_PORT" --secret-file "$RUN/webhook-secrets" \
        --log "$RUN/webhook.jsonl" > "$RUN/logs/webhook.log" 2>&1 &
    echo $! > "$RUN/pids/webhook"
    local deadline=$((SECONDS + 60))
    until curl -sf "http://127.0.0.1:$WEBHOOK_PORT/health" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || fail "webhook receiver did not start (log: $RUN/logs/webhook.log)"
        sleep 0.5
    done
    # subscriptions belong to an engineer: issue an API token with that role, subscribe with it
    local engineer
    engineer=$(admin POST /admin/tokens '{"id":"fleet-test","name":"fleet test subscriber","role":"engineer"}' | jq -r .token)
    [ -n "$engineer" ] && [ "$engineer" != null ] || fail "could not issue an engineer API token"
    curl -sS -f -X POST -H "Authorization: Bearer $engineer" -H 'Content-Type: application/json' \
        --data "{\"name\":\"fleet test\",\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:$WEBHOOK_PORT/hook\"}" \
        "http://127.0.0.1:$(collector_http 1)/api/v1/subscriptions" | jq -r .secret > "$RUN/webhook-secrets"
    grep -q '^whsec_' "$RUN/webhook-secrets" || fail "subscription without a secret"
}

waiting_batches() { # journaled batches not yet released, over all gateways' generation logs
    cat "$RUN"/work/*/generated.log 2>/dev/null | awk '$1=="J"&&NF>=7{j[$2" "$3]=1} $1=="R"&&NF==6{r[$2" "$3]=1}
        END{n=0; for(k in j) if(!(k in r)) n++; print n}'
}

wait_drained() { # seconds: until every outbox is empty (the fleets keep running; call after stopping them)
    local deadline=$((SECONDS + $1)) w
    while :; do
        w=$(waiting_batches)
        [ "$w" -eq 0 ] && return 0
        [ $SECONDS -lt $deadline ] || { say "still $w batches waiting after $1 s"; return 1; }
        sleep 2
    done
}

proc_cpu_seconds() { # pid: user+system CPU seconds so far
    awk -v hz="$(getconf CLK_TCK)" '{print ($14+$15)/hz}' "/proc/$1/stat"
}
proc_rss_mib() { awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$1/status"; }

metric() { # instance metric-line-regex: sums matching samples of /prometheus
    curl -sf -m 20 -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$(collector_http "$1")/prometheus" | grep -E "$2" | awk '{s+=$NF} END{printf "%.0f", s}'
}

verify() { # [extra options]
    java -jar "$RUN/fleet-harness.jar" verify --work "$RUN/work" --influx "$INFLUX_URL" "$@"
}

drain_fleets() { # jvms: after the fleets stopped, send what their outboxes still hold (no new readings)
    local j rc=0
    say "draining: $(waiting_batches) batches journaled but not yet confirmed"
    for j in $(seq 1 "$1"); do fleet_start "drain-$j" "$RUN/plan-$j.txt" --drain --drain-timeout "${DRAIN_TIMEOUT:-180}"; done
    for j in $(seq 1 "$1"); do wait "$(pid_of "fleet-drain-$j")" || rc=1; rm -f "$RUN/pids/fleet-drain-$j"; done
    say "drained (exit $rc); waiting batches now $(waiting_batches)"
}
