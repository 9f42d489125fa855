# Sourced by scripts/rollout-test.sh (after lib/fleet-harness.sh): broker message counting, rollout
# polling and the alarm snapshots.
# shellcheck shell=bash

COLLECTOR_MQTT_USER=collector COLLECTOR_MQTT_PASSWORD=collector-dev-secret # scripts/dev-services.sh's account

# Every application message the broker accepts, as "<unix-seconds.nanos> <topic>", one a line. Mosquitto
# does not let an ACL pattern '#' match $SYS topics, so $SYS/broker/messages/received is out of reach
# of every account the harness has: the collector's account (ACL 'readwrite #') subscribes to '#'
# instead, at QoS 0, without the retained messages present at subscription (-R). Its own deliveries are
# not counted (they are not publishes to the broker).
broker_counter_start() { # file
    mosquitto_sub -h 127.0.0.1 -p "$DOS_MQTT_AUTH_PORT" -u "$COLLECTOR_MQTT_USER" -P "$COLLECTOR_MQTT_PASSWORD" \
        -i "rollout-test-counter-$$" -q 0 -R -t '#' -F '%U %t' > "$1" 2> "$RUN/logs/counter.log" &
    echo $! > "$RUN/pids/counter"
}

# Messages in [from, to) by kind (the topic's last part, e.g. batch, health, desired, ack), "kind count" lines.
broker_counts() { # file from to
    awk -v a="$2" -v b="$3" '$1 >= a && $1 < b { n = split($2, p, "/"); k[p[n]]++; t++ }
        END { for (x in k) printf "%s %d\n", x, k[x]; printf "total %d\n", t + 0 }' "$1" | sort
}

# Polls rollout ID until it leaves "running" (or LIMIT seconds); prints the final view's JSON.
rollout_wait() { # id limit
    local deadline=$((SECONDS + $2)) view status
    while :; do
        view=$(admin GET "/admin/rollouts/$1")
        status=$(jq -r .status <<< "$view")
        [ "$status" != running ] && break
        [ $SECONDS -lt $deadline ] || { say "rollout $1 still running after $2 s"; break; }
        sleep 1
    done
    printf '%s\n' "$view"
}

# Per step: gateways, first request -> last report (s), push -> last report (s); from the view's timestamps.
rollout_steps() { # view-json
    jq -r '(.createdAt | sub("\\.[0-9]+"; "") | fromdateiso8601) as $t0
        | .steps[] | [.gateways[] | select(.sentAt != null)] as $sent
        | ($sent | map(.sentAt | sub("\\.[0-9]+"; "") | fromdateiso8601) | min) as $s
        | ($sent | map(.doneAt // empty | sub("\\.[0-9]+"; "") | fromdateiso8601) | max) as $d
        | "\(.step) \(.gateways | length) \($sent | length) \(if $d and $s then $d - $s else "-" end) \(if $d then $d - $t0 else "-" end) \([.gateways[].status] | group_by(.) | map("\(.[0]):\(length)") | join(","))"' <<< "$1"
}

# Active alerts of this run's gateways: "gateway alert-id rule severity" lines, sorted.
active_alerts() {
    admin GET "/api/v1/alerts/active" | jq -r --arg p "$PREFIX-" \
        '.[] | select(.gatewayId | startswith($p)) | "\(.gatewayId) \(.alertId) \(.ruleId) \(.severity)"' | sort
}

# Alerts of this run's gateways the gateways cleared because a configuration removed their rule.
cleared_by_rule_removal() {
    admin GET "/api/v1/alerts?status=cleared&limit=1000" | jq -r --arg p "$PREFIX-" \
        '[.[] | select((.gatewayId | startswith($p)) and ((.message // "") | test("rule removed")))] | length'
}
