#!/usr/bin/env bash
# Fault injection with zero loss: while a simulated fleet runs, kill -9 and restart the collector,
# Mosquitto and InfluxDB at random moments, kill -9 fleet JVMs (their gateways restart from their
# journals) and cut gateways off the network (a network namespace whose veth link is pulled).
# Afterwards the fleets stop, the outboxes drain, and `fleet-harness verify` checks:
#   - every reading any gateway journaled is in InfluxDB exactly once (count per gateway),
#   - every alert event is in InfluxDB, and delivered to a webhook subscriber exactly once.
# Prints the faults injected and the results; exits non-zero on any loss or duplicate.
#
#   scripts/chaos-test.sh [--schools 12] [--bridges 4] [--duration 300] [--seed N]
#
# Needs root for the network namespace (ip netns, veth). Private services on ports +25000
# (InfluxDB 43086, MQTT 36884 and 10.213.7.1:36884 for the namespace, collector 43080,
# webhook receiver 43090); state in target/chaos/. The shared dev services are not touched.
set -euo pipefail
source "$(dirname "$0")/lib/fleet-harness.sh"

SCHOOLS=12 BRIDGES=4 DURATION=300 SEED=$$
while [ $# -gt 0 ]; do
    case $1 in
        --schools) SCHOOLS=$2; shift 2 ;;
        --bridges) BRIDGES=$2; shift 2 ;;
        --duration) DURATION=${2%s}; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        *) sed -n '2,16p' "$0" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" -eq 0 ] || fail "needs root for ip netns (the network cut)"
RANDOM=$SEED

harness_init chaos 25000
NETNS=dos-chaos-$$ VETH=doschaos0
HOST_IP=10.213.7.1 NS_IP=10.213.7.2
ip link del "$VETH" 2>/dev/null || true
ip netns add "$NETNS"
ip link add "$VETH" type veth peer name doschaos1
ip link set doschaos1 netns "$NETNS"
ip addr add "$HOST_IP/30" dev "$VETH" && ip link set "$VETH" up
ip netns exec "$NETNS" ip addr add "$NS_IP/30" dev doschaos1
ip netns exec "$NETNS" ip link set doschaos1 up
ip netns exec "$NETNS" ip link set lo up
export DOS_MQTT_AUTH_EXTRA_BIND=$HOST_IP

FAULTS=$RUN/faults.tsv
: > "$FAULTS"
T0=$SECONDS
fault() { printf '%s\t%s\t%s\n' "$((SECONDS - T0))" "$1" "$2" >> "$FAULTS"; say "FAULT $1: $2"; }

say "seed $SEED; private services under $RUN"
services_start
collector_start 1
make_plan "$RUN/plan.txt" "$SCHOOLS" "$BRIDGES" ch
# three fleet JVMs: two on the host, one (the first school and the first bridge) inside the namespace
grep -E -- '-(school|bridge)-0001 ' "$RUN/plan.txt" > "$RUN/plan-3.txt"
grep -v -E -- '-(school|bridge)-0001 ' "$RUN/plan.txt" | awk 'NR % 2 == 1' > "$RUN/plan-1.txt"
grep -v -E -- '-(school|bridge)-0001 ' "$RUN/plan.txt" | awk 'NR % 2 == 0' > "$RUN/plan-2.txt"
register_plan "$RUN/plan.txt"
webhook_start
start_fleet() { # j
    if [ "$1" = 3 ]; then
        FLEET_PREFIX="ip netns exec $NETNS" FLEET_BROKER=tcp://$HOST_IP:$DOS_MQTT_AUTH_PORT fleet_start 3 "$RUN/plan-3.txt" --start-spread 2
    else
        fleet_start "$1" "$RUN/plan-$1.txt" --start-spread 5
    fi
    disown "$(pid_of "fleet-$1")" # no job-control "Killed" notice when a fault kills it
}
for j in 1 2 3; do start_fleet $j; done
say "fleet: $SCHOOLS schools + $BRIDGES bridges in 3 JVMs (one in netns $NETNS); faults for $DURATION s"

# The faults, each at a random moment; the order is shuffled, gaps random.
faults=(collector mosquitto influxdb gateways-1 gateways-2 netcut collector influxdb gateways-3)
mapfile -t order < <(for f in "${faults[@]}"; do echo "$RANDOM $f"; done | sort -n | cut -d' ' -f2)
slot=$((DURATION / (${#order[@]} + 1)))
for f in "${order[@]}"; do
    sleep $((slot / 2 + RANDOM % slot))
    down=$((3 + RANDOM % 10))
    case $f in
        collector)
            fault collector "kill -9 (pid $(pid_of collector-1)), restart after ${down} s"
            kill9 collector-1; sleep "$down"; collector_start 1 ;;
        mosquitto)
            fault mosquitto "kill -9 (pid $(mosquitto_pid)), restart after ${down} s"
            service_kill9 mosquitto; sleep "$down"; services_start >/dev/null ;;
        influxdb)
            fault influxdb "kill -9 (pid $(influx_pid)), restart after ${down} s"
            service_kill9 influxdb; sleep "$down"; services_start >/dev/null ;;
        gateways-*)
            j=${f#gateways-}
            fault "gateways-$j" "kill -9 fleet JVM $j ($(wc -l < "$RUN/plan-$j.txt") gateways, pid $(pid_of fleet-$j)), restart after ${down} s"
            kill9 "fleet-$j"; sleep "$down"; start_fleet "$j" ;;
        netcut)
            cut=$((30 + RANDOM % 40))
            fault netcut "veth link of namespace $NETNS down for ${cut} s ($(wc -l < "$RUN/plan-3.txt") gateways cut off, no FIN/RST)"
            ip link set "$VETH" down; sleep "$cut"; ip link set "$VETH" up ;;
    esac
done
sleep $((slot / 2))
say "faults done at $((SECONDS - T0)) s; stopping the fleets gracefully, then draining"
term_all fleet-1 fleet-2 fleet-3
drain_fleets 3

# Alert deliveries: a delivery interrupted by the collector's kill is retried after its lease; wait for them.
say "waiting for alert deliveries to settle (up to 240 s)"
deadline=$((SECONDS + 240))
until verify --webhook-log "$RUN/webhook.jsonl" > "$RUN/verify.txt" 2>&1; do
    [ $SECONDS -lt $deadline ] || break
    sleep 15
done

echo
echo "== chaos test: $SCHOOLS schools + $BRIDGES bridges, $DURATION s of faults, seed $SEED =="
printf '%-6s %-12s %s\n' "t (s)" fault detail
while IFS=$'\t' read -r t f d; do printf '%-6s %-12s %s\n' "$t" "$f" "$d"; done < "$FAULTS"
echo
printf 'collector sequence gaps seen: %s; MQTT batches left unanswered (no ack, gateway re-sent): %s\n' \
    "$(metric 1 '^collector_sequence_gaps_total')" "$(metric 1 '^collector_mqtt_unanswered_total')"
cat "$RUN/verify.txt"
grep -q '^RESULT: OK' "$RUN/verify.txt"
