#!/usr/bin/env bash
# Fleet load test: a simulated fleet over MQTT (password + ACL) against a private InfluxDB,
# Mosquitto and one collector; reports throughput, latency, collector CPU/RSS and completeness.
#
#   scripts/load-test.sh [--schools 200] [--bridges 50] [--jvms 5] [--duration 120s] [--settle 30]
#   scripts/load-test.sh --ramp [--quick] [options]   where one machine ends (scripts/lib/load-ramp.sh)
#
# Gateways are derived from firmware-config/examples/{school,bridge}-simulated.yaml (realistic
# rates: a school ~0.9 readings/s, a bridge ~110 readings/s), spread over --jvms fleet JVMs and
# started over 20 s. After --settle seconds the measured window of --duration begins: readings/s
# stored by the collector (its /prometheus counter), collector CPU (utime+stime from /proc) and
# RSS. Then the fleets stop gracefully, the outboxes drain, and `fleet-harness verify` checks
# every journaled reading is in InfluxDB exactly once, per gateway, and prints latency p50/p99
# from each batch's newest edge timestamp to the gateway holding "stored" (InfluxDB accepted
# the write, so it is queryable). Exit 0 only when nothing is missing or duplicated.
# Private services on ports +20000 (InfluxDB 38086, MQTT 31884, collector 38080); state in target/load-test/.
set -euo pipefail
source "$(dirname "$0")/lib/fleet-harness.sh"
if [ "${1:-}" = --ramp ]; then
    source "$(dirname "$0")/lib/load-ramp.sh"
    shift
    ramp_main "$@"
    exit
fi

SCHOOLS=200 BRIDGES=50 JVMS=5 DURATION=120 SETTLE=30
while [ $# -gt 0 ]; do
    case $1 in
        --schools) SCHOOLS=$2; shift 2 ;;
        --bridges) BRIDGES=$2; shift 2 ;;
        --jvms) JVMS=$2; shift 2 ;;
        --duration) DURATION=${2%s}; shift 2 ;;
        --settle) SETTLE=${2%s}; shift 2 ;;
        *) sed -n '2,18p' "$0" >&2; exit 2 ;;
    esac
done

harness_init load-test 20000
say "private services under $RUN"
services_start
collector_start 1
make_plan "$RUN/plan.txt" "$SCHOOLS" "$BRIDGES" lt
say "registering $((SCHOOLS + BRIDGES)) gateways"
register_plan "$RUN/plan.txt"
for j in $(seq 1 "$JVMS"); do # round robin, so every JVM carries schools and bridges
    awk -v n="$JVMS" -v j="$j" '(NR - 1) % n == j - 1' "$RUN/plan.txt" > "$RUN/plan-$j.txt"
    fleet_start "$j" "$RUN/plan-$j.txt" --start-spread 20
done
say "$JVMS fleet JVMs starting $SCHOOLS schools + $BRIDGES bridges; settling $SETTLE s"
sleep "$SETTLE"

cpid=$(pid_of collector-1)
r0=$(metric 1 '^collector_ingest_readings_total'); c0=$(proc_cpu_seconds "$cpid"); t0=$(date +%s.%N)
declare -A f0; for j in $(seq 1 "$JVMS"); do f0[$j]=$(proc_cpu_seconds "$(pid_of fleet-$j)"); done
i0=$(proc_cpu_seconds "$(influx_pid)"); m0=$(proc_cpu_seconds "$(mosquitto_pid)")
rss_max=0 rss_sum=0 rss_n=0
say "measuring for $DURATION s"
end=$((SECONDS + DURATION))
while [ $SECONDS -lt $end ]; do
    rss=$(proc_rss_mib "$cpid"); rss_sum=$((rss_sum + rss)); rss_n=$((rss_n + 1)); [ "$rss" -gt "$rss_max" ] && rss_max=$rss
    sleep 5
done
r1=$(metric 1 '^collector_ingest_readings_total'); c1=$(proc_cpu_seconds "$cpid"); t1=$(date +%s.%N)
fleet_cpu=0; for j in $(seq 1 "$JVMS"); do fleet_cpu=$(echo "$fleet_cpu + $(proc_cpu_seconds "$(pid_of fleet-$j)") - ${f0[$j]}" | bc -l); done
i1=$(proc_cpu_seconds "$(influx_pid)"); m1=$(proc_cpu_seconds "$(mosquitto_pid)")
secs=$(echo "$t1 - $t0" | bc -l)

say "stopping the fleets (graceful: open batches are journaled), then draining the outboxes"
term_all $(for j in $(seq 1 "$JVMS"); do echo "fleet-$j"; done)
drain_fleets "$JVMS"

echo
echo "== load test: $SCHOOLS schools + $BRIDGES bridges in $JVMS JVMs, measured window $(printf %.0f "$secs") s (after $SETTLE s settling) =="
printf 'stored by the collector   %8.0f readings/s (collector_ingest_readings_total)\n' "$(echo "($r1 - $r0) / $secs" | bc -l)"
printf 'collector CPU             %8.1f %% of one core;  RSS mean %d MiB, max %d MiB\n' \
    "$(echo "100 * ($c1 - $c0) / $secs" | bc -l)" "$((rss_sum / (rss_n > 0 ? rss_n : 1)))" "$rss_max"
printf 'fleet JVMs CPU            %8.1f %% of one core (all %d together)\n' "$(echo "100 * $fleet_cpu / $secs" | bc -l)" "$JVMS"
printf 'InfluxDB CPU              %8.1f %%;  Mosquitto CPU %.1f %%\n' "$(echo "100 * ($i1 - $i0) / $secs" | bc -l)" "$(echo "100 * ($m1 - $m0) / $secs" | bc -l)"
echo
verify | tee "$RUN/verify.txt"
