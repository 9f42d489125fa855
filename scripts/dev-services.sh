#!/usr/bin/env bash
# Local InfluxDB 1.x, Mosquitto and PostgreSQL for development, tests and the demo.
#
#   scripts/dev-services.sh start|stop|status|reload
#
# Both run from Debian's packages, bound to 127.0.0.1 on fixed non-default ports so they never
# clash with system services. Data, configuration, logs and pid files live in .dev-services/
# (git-ignored). `start` is idempotent; `stop` stops only the processes this script started.
# `reload` makes Mosquitto re-read its password and ACL files (after the collector regenerated them).
#
#   InfluxDB HTTP API   http://127.0.0.1:18086   database "dos" created on start
#   Mosquitto           tcp://127.0.0.1:11884    username/password and ACL from .dev-services/mosquitto/{passwd,acl}:
#                                                as in production, where the collector and the gateways meet
#   Mosquitto           tcp://127.0.0.1:11883    anonymous, development only: a broker process of its own, so that
#                                                nothing published there reaches a client of :11884 (an anonymous
#                                                client cannot pose as a gateway to a collector on :11884, nor read
#                                                gateways' batches and acks); for tests that need just any broker
#   PostgreSQL          127.0.0.1:15432          user "dos", password "dos-dev-secret", database "dos" (the
#                                                collector's registry when MICRONAUT_ENVIRONMENTS=postgres; PostgresIT)
#
# Private instances (load and chaos tests) override the ports and the state directory:
#   DOS_DEV_SERVICES_DIR, DOS_INFLUX_PORT, DOS_INFLUX_RPC_PORT, DOS_MQTT_PORT, DOS_MQTT_AUTH_PORT,
#   DOS_MQTT_AUTH_EXTRA_BIND (one more address for the password+ACL listener, e.g. a veth's), DOS_PG_PORT
#   ("none": no PostgreSQL, for instances whose collectors keep their registry in H2), DOS_INFLUX_PORT ("none":
#   no InfluxDB, for instances that only need a broker).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${DOS_DEV_SERVICES_DIR:-$ROOT/.dev-services}
INFLUX_PORT=${DOS_INFLUX_PORT:-18086}
INFLUX_RPC_PORT=${DOS_INFLUX_RPC_PORT:-18088}
MQTT_PORT=${DOS_MQTT_PORT:-11883}
MQTT_AUTH_PORT=${DOS_MQTT_AUTH_PORT:-11884}
MQTT_AUTH_EXTRA_BIND=${DOS_MQTT_AUTH_EXTRA_BIND:-}
PG_PORT=${DOS_PG_PORT:-15432}
PG_USER=dos
PG_PASSWORD=dos-dev-secret
DATABASE=dos
# The collector's own broker account on the authenticated listener (development secret).
COLLECTOR_MQTT_USER=collector
COLLECTOR_MQTT_PASSWORD=collector-dev-secret

log() { printf 'dev-services: %s\n' "$*"; }
die() { printf 'dev-services: %s\n' "$*" >&2; exit 1; }

ensure_packages() {
    local missing=()
    command -v influxd >/dev/null || missing+=(influxdb)
    command -v influx >/dev/null || missing+=(influxdb-client)
    [ -x "$(mosquitto_bin)" ] || missing+=(mosquitto)
    command -v mosquitto_pub >/dev/null || missing+=(mosquitto-clients)
    command -v coap-client-notls >/dev/null || missing+=(libcoap3-bin)
    command -v curl >/dev/null || missing+=(curl)
    # the collector's browser tests (web/*BrowserIT): headless Chromium and its driver, from Debian
    command -v chromium >/dev/null || missing+=(chromium)
    command -v chromedriver >/dev/null || missing+=(chromium-driver)
    # the open-data export test (opendata/OpenExportIT): LibreOffice Calc opens the excel-de CSV headless
    command -v soffice >/dev/null || missing+=(libreoffice-calc)
    command -v python3 >/dev/null || missing+=(python3)  # OpenExportIT: Python's csv module reads the RFC 4180 export
    [ "$PG_PORT" = none ] || [ -n "$(pg_bin)" ] || missing+=(postgresql)
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$(id -u)" -ne 0 ]; then
        die "missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}"
    fi
    log "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
}

mosquitto_bin() { command -v mosquitto || echo /usr/sbin/mosquitto; }

pg_bin() { # the newest installed PostgreSQL's bin directory, empty when there is none
    local d; d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] && [ -x "$d/postgres" ] && echo "$d"
}

running() { # pidfile
    [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

wait_until() { # description seconds command...
    local what=$1 seconds=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}

start_influxdb() {
    local dir=$STATE/influxdb
    if running "$dir/pid"; then log "InfluxDB already running (pid $(cat "$dir/pid"))"; return; fi
    mkdir -p "$dir/meta" "$dir/data" "$dir/wal"
    cat > "$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$INFLUX_RPC_PORT"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$INFLUX_PORT"
  log-enabled = false
  max-body-size = 50000000
[logging]
  level = "warn"
CONF
    nohup influxd run -config "$dir/influxdb.conf" > "$dir/influxd.log" 2>&1 &
    echo $! > "$dir/pid"
    if ! wait_until "InfluxDB" 30 curl -sf "http://127.0.0.1:$INFLUX_PORT/ping"; then
        tail -n 20 "$dir/influxd.log" >&2
        die "InfluxDB did not answer on 127.0.0.1:$INFLUX_PORT within 30 s (log: $dir/influxd.log)"
    fi
    curl -sf -XPOST "http://127.0.0.1:$INFLUX_PORT/query" --data-urlencode "q=CREATE DATABASE $DATABASE" >/dev/null \
        || die "could not create database $DATABASE"
    log "InfluxDB on http://127.0.0.1:$INFLUX_PORT (pid $(cat "$dir/pid"), database $DATABASE)"
}

# Bounds against floods and poison messages, for both brokers: no packet over the collector's 1 MiB payload
# limit plus 64 KiB for topic and properties (what the collector itself declares as its maximum packet size);
# a larger publish disconnects its sender and never enters a queue. A disconnected client's queue holds at
# most 256 MB.
broker_limits() {
    printf '%s\n' 'max_queued_messages 100000' 'max_packet_size 1114112' 'max_queued_bytes 268435456' \
        'max_inflight_messages 20'
}

start_mosquitto() {
    local dir=$STATE/mosquitto
    if running "$dir/pid"; then log "Mosquitto already running (pid $(cat "$dir/pid"))"; return; fi
    mkdir -p "$dir/data"
    # The password and ACL files hold the gateways' password hashes: the broker's user only.
    (umask 077; [ -f "$dir/passwd" ] || : > "$dir/passwd")
    if [ ! -s "$dir/passwd" ]; then
        mosquitto_passwd -b "$dir/passwd" "$COLLECTOR_MQTT_USER" "$COLLECTOR_MQTT_PASSWORD"
    fi
    if [ ! -f "$dir/acl" ]; then
        (umask 077; printf 'user %s\ntopic readwrite #\n' "$COLLECTOR_MQTT_USER" > "$dir/acl")
    fi
    chmod 600 "$dir/passwd" "$dir/acl"
    # The broker runs as the invoking user (as root too: it would otherwise drop to user "mosquitto", which
    # cannot reach a checkout in a private directory such as root's home or a mktemp -d).
    cat > "$dir/mosquitto.conf" <<CONF
user $(id -un)
per_listener_settings true
persistence true
persistence_location $dir/data/
log_dest file $dir/mosquitto.log
log_type error
log_type warning
log_type notice
$(broker_limits)

listener $MQTT_AUTH_PORT 127.0.0.1
allow_anonymous false
password_file $dir/passwd
acl_file $dir/acl
CONF
    if [ -n "$MQTT_AUTH_EXTRA_BIND" ]; then
        printf '\nlistener %s %s\nallow_anonymous false\npassword_file %s\nacl_file %s\n' \
            "$MQTT_AUTH_PORT" "$MQTT_AUTH_EXTRA_BIND" "$dir/passwd" "$dir/acl" >> "$dir/mosquitto.conf"
    fi
    : > "$dir/stdout.log"
    nohup "$(mosquitto_bin)" -c "$dir/mosquitto.conf" >> "$dir/stdout.log" 2>&1 &
    echo $! > "$dir/pid"
    if ! wait_until "Mosquitto" 15 mosquitto_pub -h 127.0.0.1 -p "$MQTT_AUTH_PORT" \
            -u "$COLLECTOR_MQTT_USER" -P "$COLLECTOR_MQTT_PASSWORD" -t dev-services/ping -m up -q 1; then
        tail -n 20 "$dir/stdout.log" "$dir/mosquitto.log" >&2 2>/dev/null || true
        die "Mosquitto did not answer on 127.0.0.1:$MQTT_AUTH_PORT within 15 s (log: $dir/mosquitto.log)"
    fi
    log "Mosquitto on tcp://127.0.0.1:$MQTT_AUTH_PORT (password+ACL) (pid $(cat "$dir/pid"))"
}

# The anonymous development broker: its own process, so its topics never mix with the authenticated one's.
start_mosquitto_anonymous() {
    local dir=$STATE/mosquitto-anonymous
    if running "$dir/pid"; then log "anonymous Mosquitto already running (pid $(cat "$dir/pid"))"; return; fi
    mkdir -p "$dir/data"
    cat > "$dir/mosquitto.conf" <<CONF
user $(id -un)
persistence true
persistence_location $dir/data/
log_dest file $dir/mosquitto.log
log_type error
log_type warning
log_type notice
$(broker_limits)

listener $MQTT_PORT 127.0.0.1
allow_anonymous true
CONF
    : > "$dir/stdout.log"
    nohup "$(mosquitto_bin)" -c "$dir/mosquitto.conf" >> "$dir/stdout.log" 2>&1 &
    echo $! > "$dir/pid"
    if ! wait_until "Mosquitto" 15 mosquitto_pub -h 127.0.0.1 -p "$MQTT_PORT" -t dev-services/ping -m up -q 1; then
        tail -n 20 "$dir/stdout.log" "$dir/mosquitto.log" >&2 2>/dev/null || true
        die "anonymous Mosquitto did not answer on 127.0.0.1:$MQTT_PORT within 15 s (log: $dir/mosquitto.log)"
    fi
    log "anonymous Mosquitto on tcp://127.0.0.1:$MQTT_PORT (development only) (pid $(cat "$dir/pid"))"
}

# PostgreSQL refuses to run as root: as root it runs as the package's user "postgres".
as_pg_user() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# PostgreSQL's directory: $STATE/postgres, or, when user postgres cannot reach the checkout (root's home,
# a mktemp -d), a directory of its own under /var/tmp that $STATE/postgres links to.
postgres_dir() {
    local dir=$STATE/postgres
    if [ "$(id -u)" -eq 0 ] && [ ! -L "$dir" ] && ! runuser -u postgres -- test -x "$STATE"; then
        local outside
        outside=/var/tmp/dos-iot-postgres/$(printf '%s' "$STATE" | sha1sum | cut -c1-12)
        mkdir -p "$outside" && chmod 0711 /var/tmp/dos-iot-postgres && chown postgres "$outside" && chmod 0700 "$outside"
        { [ ! -d "$dir" ] || rmdir "$dir"; } && ln -s "$outside" "$dir"
    fi
    [ -L "$dir" ] && dir=$(readlink -f "$dir")
    echo "$dir"
}

start_postgres() {
    local dir bin; bin=$(pg_bin)
    if running "$STATE/postgres/pid"; then log "PostgreSQL already running (pid $(cat "$STATE/postgres/pid"))"; return; fi
    dir=$(postgres_dir)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_pg_user test -w "$dir" || die "PostgreSQL runs as user postgres, which cannot reach $dir: make its parent directories traversable (chmod o+x), or start without PostgreSQL (DOS_PG_PORT=none)"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        printf '%s\n' "$PG_PASSWORD" > "$dir/pwfile"
        [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pwfile"
        as_pg_user "$bin/initdb" -D "$dir/data" -U "$PG_USER" --pwfile="$dir/pwfile" --auth=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
        rm -f "$dir/pwfile"
    fi
    if ! as_pg_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir -c fsync=off -c synchronous_commit=off" start >/dev/null; then
        tail -n 20 "$dir/postgres.log" >&2
        die "PostgreSQL did not start on 127.0.0.1:$PG_PORT (log: $dir/postgres.log)"
    fi
    head -n 1 "$dir/data/postmaster.pid" > "$dir/pid"
    if ! PGPASSWORD=$PG_PASSWORD "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1; then
        PGPASSWORD=$PG_PASSWORD "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$DATABASE"
    fi
    log "PostgreSQL on 127.0.0.1:$PG_PORT (pid $(cat "$dir/pid"), user $PG_USER, database $DATABASE)"
}

stop_postgres() {
    local dir=$STATE/postgres
    [ -L "$dir" ] && dir=$(readlink -f "$dir")
    if running "$dir/pid"; then
        as_pg_user "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
        log "PostgreSQL stopped (pid $(cat "$dir/pid"))"
    else
        log "PostgreSQL was not running"
    fi
    rm -f "$dir/pid"
}

stop_one() { # name dir
    local name=$1 pidfile=$2/pid
    if running "$pidfile"; then
        local pid; pid=$(cat "$pidfile")
        kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
        log "$name stopped (pid $pid)"
    else
        log "$name was not running"
    fi
    rm -f "$pidfile"
}

status_one() { # name dir url
    if running "$2/pid"; then log "$1 running (pid $(cat "$2/pid")) on $3"; else log "$1 not running"; return 1; fi
}

case "${1:-}" in
    start)
        ensure_packages
        mkdir -p "$STATE"
        [ "$INFLUX_PORT" = none ] || start_influxdb
        start_mosquitto
        start_mosquitto_anonymous
        [ "$PG_PORT" = none ] || start_postgres
        ;;
    stop)
        stop_one "anonymous Mosquitto" "$STATE/mosquitto-anonymous"
        stop_one Mosquitto "$STATE/mosquitto"
        [ "$INFLUX_PORT" = none ] || stop_one InfluxDB "$STATE/influxdb"
        [ "$PG_PORT" = none ] || stop_postgres
        ;;
    status)
        rc=0
        [ "$INFLUX_PORT" = none ] || status_one InfluxDB "$STATE/influxdb" "http://127.0.0.1:$INFLUX_PORT" || rc=1
        status_one Mosquitto "$STATE/mosquitto" "tcp://127.0.0.1:$MQTT_AUTH_PORT (password+ACL)" || rc=1
        status_one "anonymous Mosquitto" "$STATE/mosquitto-anonymous" "tcp://127.0.0.1:$MQTT_PORT" || rc=1
        [ "$PG_PORT" = none ] || status_one PostgreSQL "$STATE/postgres" "127.0.0.1:$PG_PORT" || rc=1
        exit $rc
        ;;
    reload)
        running "$STATE/mosquitto/pid" || die "Mosquitto is not running"
        kill -HUP "$(cat "$STATE/mosquitto/pid")"
        log "Mosquitto re-reads passwd and acl"
        ;;
    *)
        echo "usage: $0 start|stop|status|reload" >&2
        exit 2
        ;;
esac
