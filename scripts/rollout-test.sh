#!/usr/bin/env bash
# Rollout benchmark (issue 20): a staged configuration rollout to N simulated school gateways over MQTT
# (password + ACL) against a private InfluxDB, Mosquitto and one collector.
#
#   scripts/rollout-test.sh [--gateways 50] [--jvms 2] [--baseline 180] [--apply-watch 20s] [--no-broken] [--keep-max-age]
#
# The gateways run school-simulated.yaml with a CO2 warning at 300 ppm (so that every room has an
# active alarm), take remote configurations (fleet-harness run --remote-config) and settle. Then a
# rollout of a file that differs in earnest (CO2 warning 350 ppm, batching max-age 30 s -> 20 s):
# canary, steps 10,50,100, pace 0 s. Measured: push -> "completed" (every gateway COMMITTED), per step;
# broker messages (every publish, counted by a '#' subscriber) in the rollout window against an
# equally long window just before the push (--keep-max-age: the threshold alone changes, so the
# difference is what the rollout itself costs, not the shorter batching); active alarms before and
# after (must all still be active, none cleared "rule removed"). Phase 2 (unless --no-broken): a file whose BME280 sits at 0x77 while
# the simulated chip answers at 0x76: the canary must roll back, the rollout stop, nobody else be asked.
# Finally the fleets stop gracefully, the outboxes drain, and `fleet-harness verify` checks every
# journaled reading is in InfluxDB exactly once. Exit 0 only when all of that holds.
# Private services on ports +35000 (InfluxDB 53086, MQTT 46884, collector 53080); state in target/rollout-test/.
set -euo pipefail
source "$(dirname "$0")/lib/fleet-harness.sh"
source "$(dirname "$0")/lib/rollout-measure.sh"

GATEWAYS=50 JVMS=2 BASELINE=180 APPLY_WATCH=20s BROKEN=1 PREFIX=rt MAX_AGE=20s
while [ $# -gt 0 ]; do
    case $1 in
        --gateways) GATEWAYS=$2; shift 2 ;;
        --jvms) JVMS=$2; shift 2 ;;
        --baseline) BASELINE=${2%s}; shift 2 ;;
        --apply-watch) APPLY_WATCH=$2; shift 2 ;;
        --no-broken) BROKEN=0; shift ;;
        --keep-max-age) MAX_AGE=30s; shift ;; # only the CO2 threshold changes: the rollout's own messages
        *) sed -n '2,19p' "$0" >&2; exit 2 ;;
    esac
done

harness_init rollout-test 35000
say "private services under $RUN"
services_start
collector_start 1
make_plan "$RUN/plan.txt" "$GATEWAYS" 0 "$PREFIX"
say "registering $GATEWAYS gateways"
register_plan "$RUN/plan.txt"
# The running file: every room's CO2 rule warns from 300 ppm (outdoor air has ~420), so alarms are active.
export SCHOOL_TEMPLATE=$RUN/school.yaml
sed '0,/^        quantity: co2$/s/^\(        quantity: co2\)$/\1\n        warning-above: 300\n        critical-above: 5000/' \
    "$ROOT/firmware-config/examples/school-simulated.yaml" > "$SCHOOL_TEMPLATE"
grep -q 'warning-above: 300' "$SCHOOL_TEMPLATE" || fail "could not set the CO2 threshold in $SCHOOL_TEMPLATE"
broker_counter_start "$RUN/broker-messages.txt"
for j in $(seq 1 "$JVMS"); do
    awk -v n="$JVMS" -v j="$j" '(NR - 1) % n == j - 1' "$RUN/plan.txt" > "$RUN/plan-$j.txt"
    fleet_start "$j" "$RUN/plan-$j.txt" --remote-config --apply-watch "$APPLY_WATCH" --start-spread 10
done
first=$(awk 'NR==1{print $1}' "$RUN/plan.txt"); first_site=$(awk 'NR==1{print $2}' "$RUN/plan.txt")
second=$(awk 'NR==2{print $1}' "$RUN/plan.txt")
all=$(awk '{print $1}' "$RUN/plan.txt" | paste -sd,)
say "$JVMS fleet JVMs starting $GATEWAYS school gateways; settling 60 s, then a $BASELINE s baseline window"
sleep 60
installed=$(find "$RUN/work" -name gateway.yaml | wc -l)
[ "$installed" -eq "$GATEWAYS" ] || fail "only $installed of $GATEWAYS gateways wrote gateway.yaml (logs: $RUN/logs)"
sleep "$BASELINE"

# The rollout file: the first gateway's own file with its ids as placeholders (paths included), changed.
sed -e "s/$first_site/{{site}}/g" -e "s/$first/{{gateway}}/g" "$RUN/work/$first/gateway.yaml" \
    | sed -e 's/warning-above: 300\(\.0\)\?$/warning-above: 350/' -e "s/max-age: 30s/max-age: $MAX_AGE/" > "$RUN/rollout.yaml"
grep -q 'warning-above: 350$' "$RUN/rollout.yaml" && grep -q "max-age: $MAX_AGE\$" "$RUN/rollout.yaml" ||
    fail "the rollout file does not differ as intended: diff $RUN/work/$first/gateway.yaml $RUN/rollout.yaml"
active_alerts > "$RUN/alerts-before.txt"
say "$(wc -l < "$RUN/alerts-before.txt") alarms active; pushing the rollout"
push() { # file canary -> rollout id
    COLLECTOR_URL=http://127.0.0.1:$(collector_http 1) "$ROOT/scripts/collector-gateways" rollout "$1" \
        --gateways "$all" --canary "$2" --steps 10,50,100 --pace 0s --watch 2m | jq -r .id
}
t_push=$(date +%s.%N)
id=$(push "$RUN/rollout.yaml" "$first")
view=$(rollout_wait "$id" 900)
t_done=$(date +%s.%N)
printf '%s\n' "$view" > "$RUN/rollout-1.json"
status=$(jq -r .status <<< "$view")
took=$(echo "$t_done - $t_push" | bc -l)
say "rollout $id: $status after $(printf %.1f "$took") s (seen by polling every second)"
committed=$(jq '[.steps[].gateways[] | select(.status == "committed")] | length' <<< "$view")
actives=$(find "$RUN/work" -path '*/state/config/active.yaml' | wc -l)
sleep 10 # alarm events of the last step's gateways reach the collector
active_alerts > "$RUN/alerts-after.txt"
kept=$(comm -12 <(cut -d' ' -f1-3 "$RUN/alerts-before.txt") <(cut -d' ' -f1-3 "$RUN/alerts-after.txt") | wc -l)
removed=$(cleared_by_rule_removal)
# The rollout window is as long as the rollout took; the baseline is as long, just before the push.
window=$(printf %.0f "$took"); [ "$window" -le "$BASELINE" ] || window=$BASELINE
rest=$(echo "$t_push + $window - $(date +%s.%N)" | bc -l)
[ "${rest%%.*}" -gt 0 ] 2>/dev/null && sleep "$rest"
broker_counts "$RUN/broker-messages.txt" "$(echo "$t_push - $window" | bc -l)" "$t_push" > "$RUN/broker-baseline.txt"
broker_counts "$RUN/broker-messages.txt" "$t_push" "$(echo "$t_push + $window" | bc -l)" > "$RUN/broker-rollout.txt"

broken_result="not run (--no-broken)"
if [ "$BROKEN" = 1 ]; then
    # Same file, BME280 at 0x77: the simulated chip stays at 0x76, so the sensor never answers.
    sed 's/address: 0x76/address: 0x77/; s/address: "0x76"/address: "0x77"/; s/address: 118$/address: 119/' \
        "$RUN/rollout.yaml" > "$RUN/broken.yaml"
    cmp -s "$RUN/rollout.yaml" "$RUN/broken.yaml" && fail "could not move the BME280 in $RUN/broken.yaml"
    say "phase 2: a rollout whose BME280 address is wrong, canary $second"
    tb=$(date +%s.%N)
    id2=$(push "$RUN/broken.yaml" "$second")
    view2=$(rollout_wait "$id2" 300)
    printf '%s\n' "$view2" > "$RUN/rollout-2.json"
    asked=$(jq '[.steps[].gateways[] | select(.sentAt != null)] | length' <<< "$view2")
    broken_result="$(jq -r .status <<< "$view2") after $(printf %.0f "$(echo "$(date +%s.%N) - $tb" | bc -l)") s, gateways asked $asked of $GATEWAYS, canary $(jq -r '.steps[0].gateways[0].status' <<< "$view2"): $(jq -r '.reason // .steps[0].gateways[0].reason' <<< "$view2")"
    say "$broken_result"
fi

say "stopping the fleets (graceful: open batches are journaled), then draining the outboxes"
term counter
term_all $(for j in $(seq 1 "$JVMS"); do echo "fleet-$j"; done)
drain_fleets "$JVMS"
verify > "$RUN/verify.txt" 2>&1 || true

echo
echo "== rollout test: $GATEWAYS school gateways in $JVMS JVMs, max-age 30s -> $MAX_AGE, apply-watch $APPLY_WATCH, steps canary,10,50,100, pace 0 s =="
printf 'push -> %s (all committed)   %6.1f s   (collector: createdAt -> finishedAt %s s)\n' "$status" "$took" \
    "$(jq -r '((.finishedAt // .createdAt) | sub("\\.[0-9]+"; "") | fromdateiso8601) - (.createdAt | sub("\\.[0-9]+"; "") | fromdateiso8601)' <<< "$view")"
echo "gateways committed          $committed of $GATEWAYS (state/config/active.yaml on $actives)"
echo "step  gateways  asked  first-ask->last-report s  push->last-report s  statuses"
rollout_steps "$view" | awk '{printf "%-5s %-9s %-6s %-25s %-20s %s\n", ($1 == 0 ? "canary" : $1), $2, $3, $4, $5, $6}'
echo "alarms active before        $(wc -l < "$RUN/alerts-before.txt"); still active after: $kept; cleared 'rule removed': $removed"
echo "broker messages, ${window} s windows (kind: baseline before push / rollout window / extra)"
join -a1 -a2 -e 0 -o 0,1.2,2.2 "$RUN/broker-baseline.txt" "$RUN/broker-rollout.txt" |
    awk '{printf "  %-10s %7d %7d %+7d\n", $1, $2, $3, $3 - $2}'
echo "broken file (phase 2)       $broken_result"
cat "$RUN/verify.txt"
ok=1
[ "$status" = completed ] && [ "$committed" -eq "$GATEWAYS" ] || ok=0
[ "$kept" -eq "$(wc -l < "$RUN/alerts-before.txt")" ] && [ "$removed" -eq 0 ] || ok=0
grep -q '^RESULT: OK' "$RUN/verify.txt" || ok=0
[ "$BROKEN" = 0 ] || [[ $broken_result == failed*"asked 1 of"* ]] || ok=0
[ "$ok" = 1 ] && echo "ROLLOUT TEST: OK" || { echo "ROLLOUT TEST: FAILED"; exit 1; }
