# Sourced by scripts/load-test.sh for `--ramp`: where one machine ends. The fleet grows step by
# step (every step adds --step-bridges bridges and --step-schools schools in new fleet JVMs; the
# earlier ones keep running) until the p99 from batch close to "stored" exceeds --p99-limit or
# anything is lost. Per step, over its measured window:
#   journaled/s  readings the gateways' outboxes journaled (generation logs: what was offered)
#   stored/s     readings the collector stored (collector_ingest_readings_total)
#   p50/p99      batch close (outbox entry created) -> the gateway holding "stored", over the
#                batches closed in the window; a batch still unconfirmed when the step is judged
#                (window end + limit + 1 s) counts with its age so far, a lower bound, so it can
#                only make the p99 worse, never hide a backlog
#   lost         readings dead-lettered or evicted in the window, batches the collector refused,
#                failed InfluxDB writes (the final verify is the full check)
#   CPU, RSS     collector, Mosquitto, InfluxDB, the generator JVMs (all together), from /proc;
#                "others" is the machine's busy time minus these (other users of a shared machine)
# After the last step the fleets stop, the outboxes drain and `fleet-harness verify` checks every
# journaled reading is in InfluxDB exactly once. A loss there voids every step.
# shellcheck shell=bash

ramp_usage() {
    cat >&2 <<'EOF'
scripts/load-test.sh --ramp [--quick] [--step-bridges 20] [--step-schools 80] [--step-jvms 2]
                     [--settle 15s] [--step-duration 30s] [--max-steps 6] [--p99-limit 2000ms] [--budget 8m]
  --quick          up to 3 larger, shorter steps: +40 bridges +40 schools (fewer schools: registering
                   them costs time, their readings little), 10 s settle, 20 s measured (3-4 minutes)
  --settle         after all of a step's gateways have started (their JVMs said so)
  --budget         start no step that would end after this long (whole run, setup and verify included)
EOF
    exit 2
}

ramp_main() {
    STEP_BRIDGES=20 STEP_SCHOOLS=80 STEP_JVMS=2 RAMP_SETTLE=15 STEP_SECS=30 MAX_STEPS=6 P99_LIMIT_MS=2000 BUDGET=480
    while [ $# -gt 0 ]; do
        case $1 in
            --quick) STEP_BRIDGES=40 STEP_SCHOOLS=40 STEP_JVMS=2 RAMP_SETTLE=10 STEP_SECS=20 MAX_STEPS=3 BUDGET=240; shift ;;
            --step-bridges) STEP_BRIDGES=$2; shift 2 ;;
            --step-schools) STEP_SCHOOLS=$2; shift 2 ;;
            --step-jvms) STEP_JVMS=$2; shift 2 ;;
            --settle) RAMP_SETTLE=${2%s}; shift 2 ;;
            --step-duration) STEP_SECS=${2%s}; shift 2 ;;
            --max-steps) MAX_STEPS=$2; shift 2 ;;
            --p99-limit) P99_LIMIT_MS=${2%ms}; shift 2 ;;
            --budget) BUDGET=$(( ${2%m} * 60 )); shift 2 ;;
            *) ramp_usage ;;
        esac
    done
    for v in "$STEP_BRIDGES" "$STEP_SCHOOLS" "$STEP_JVMS" "$RAMP_SETTLE" "$STEP_SECS" "$MAX_STEPS" "$P99_LIMIT_MS" "$BUDGET"; do
        [[ $v =~ ^[0-9]+$ ]] || { echo "not a whole number: '$v'" >&2; ramp_usage; }
    done
    [ "$STEP_JVMS" -ge 1 ] && [ "$STEP_JVMS" -le $((STEP_BRIDGES + STEP_SCHOOLS)) ] && [ "$MAX_STEPS" -ge 1 ] \
        && [ "$STEP_SECS" -ge 5 ] || ramp_usage
    local started=$SECONDS
    # the generator is load we do not want to measure: serial GC spends the least CPU on small heaps
    export FLEET_JAVA_OPTS=${FLEET_JAVA_OPTS:--Xmx384m -Xss512k -XX:+UseSerialGC}
    # a reload after every single registration (a shell script each time) made registering 150 gateways
    # take minutes on a busy machine; register_plan syncs and reloads once per step instead
    export COLLECTOR_MOSQUITTO_RELOAD_COMMAND=

    harness_init load-ramp 20000
    say "private services under $RUN"
    services_start
    collector_start 1
    make_plan "$RUN/plan-all.txt" $((STEP_SCHOOLS * MAX_STEPS)) $((STEP_BRIDGES * MAX_STEPS)) rp
    local setup=$((SECONDS - started))

    RAMP_ROWS=() RAMP_LAST_GOOD=0 RAMP_STOP="max steps reached"
    local k jvms=0 step_cost=$((RAMP_SETTLE + STEP_SECS + P99_LIMIT_MS / 1000 + 20)) tail_cost=60
    for k in $(seq 1 "$MAX_STEPS"); do
        if [ $((SECONDS - started + step_cost + tail_cost)) -gt "$BUDGET" ] && [ "$k" -gt 1 ]; then
            RAMP_STOP="budget of $BUDGET s reached"; break
        fi
        ramp_add_step "$k"
        jvms=$((jvms + STEP_JVMS))
        say "step $k: $((k * STEP_BRIDGES)) bridges + $((k * STEP_SCHOOLS)) schools running in $jvms JVMs; settling $RAMP_SETTLE s"
        sleep "$RAMP_SETTLE"
        ramp_measure_step "$k" "$jvms"
        say "step $k: ${RAMP_ROWS[-1]}"
        if [ -n "$RAMP_VERDICT" ]; then RAMP_STOP="step $k: $RAMP_VERDICT"; break; fi
        RAMP_LAST_GOOD=$k
    done

    say "stopping the fleets (graceful: open batches are journaled), then draining the outboxes"
    term_all $(for j in $(seq 1 "$jvms"); do echo "fleet-$j"; done)
    drain_fleets "$jvms"
    local rc=0
    echo
    verify --show 5 | tee "$RUN/verify.txt" || rc=1
    ramp_print_table "$rc" "$setup" $((SECONDS - started))
    [ "$rc" -eq 0 ] && [ "$RAMP_LAST_GOOD" -gt 0 ]
}

ramp_add_step() { # k: the k-th slice of the plan, round robin over STEP_JVMS new fleet JVMs
    local k=$1 j first
    first=$(( (k - 1) * STEP_JVMS ))
    # the k-th block of each kind (awk, not sed: a block of 0 must be empty, and no match is no error)
    awk -v k="$k" -v s="$STEP_SCHOOLS" -v b="$STEP_BRIDGES" \
        '$3 == "school" { i = ++ns; n = s } $3 == "bridge" { i = ++nb; n = b } i > (k - 1) * n && i <= k * n' \
        "$RUN/plan-all.txt" > "$RUN/plan-step-$k.txt"
    # registered step by step (a few a second on a busy machine): a ramp that ends early registers no more
    # four at a time: one by one (curl, jq and a file per gateway) took 50 s per 100 at load average 30
    say "step $k: registering $(wc -l < "$RUN/plan-step-$k.txt") gateways"
    local part pids=()
    for part in 0 1 2 3; do
        awk -v p="$part" '(NR - 1) % 4 == p' "$RUN/plan-step-$k.txt" > "$RUN/plan-step-$k.reg$part"
        register_plan "$RUN/plan-step-$k.reg$part" & pids+=($!)
    done
    for part in "${pids[@]}"; do wait "$part" || fail "registering the gateways of step $k"; done
    # concurrent registrations each rewrite Mosquitto's files from their own registry snapshot, and
    # the last rename wins: one more sync, alone, writes them complete
    admin POST /admin/mosquitto/sync >/dev/null
    "$ROOT/scripts/dev-services.sh" reload >/dev/null
    for j in $(seq 1 "$STEP_JVMS"); do
        awk -v n="$STEP_JVMS" -v j="$j" '(NR - 1) % n == j - 1' "$RUN/plan-step-$k.txt" > "$RUN/plan-$((first + j)).txt"
        fleet_start "$((first + j))" "$RUN/plan-$((first + j)).txt" --start-spread 10
    done
    # settling counts from the moment every gateway runs: a JVM takes 2 s to start on a quiet
    # machine and 25 s on a busy one, and a fixed pause would measure a half-started step
    local deadline=$((SECONDS + 180))
    for j in $(seq $((first + 1)) $((first + STEP_JVMS))); do
        until grep -q 'gateways started' "$RUN/logs/fleet-$j.log" 2>/dev/null; do
            alive "fleet-$j" && [ $SECONDS -lt $deadline ] || return 0 # the measurement reports it
            sleep 1
        done
    done
}

machine_busy_seconds() { awk -v hz="$(getconf CLK_TCK)" '/^cpu /{print ($2+$3+$4+$7+$8+$9)/hz; exit}' /proc/stat; }

ramp_snapshot() { # jvms -> "readings rejects writefail t collector mosquitto influx fleet machine" (seconds)
    local j fleet=0
    alive collector-1 || { echo "dead collector-1"; return; }
    for j in $(seq 1 "$1"); do
        alive "fleet-$j" || { echo "dead fleet-$j"; return; }
        fleet=$(echo "$fleet + $(proc_cpu_seconds "$(pid_of "fleet-$j")")" | bc -l)
    done
    echo "$(metric 1 '^collector_ingest_readings_total') $(metric 1 '^collector_ingest_rejects_total')" \
        "$(metric 1 '^collector_influx_write_failures_total') $(date +%s.%N)" \
        "$(proc_cpu_seconds "$(pid_of collector-1)") $(proc_cpu_seconds "$(mosquitto_pid)")" \
        "$(proc_cpu_seconds "$(influx_pid)") $fleet $(machine_busy_seconds)"
}

ramp_rss() { # jvms -> "collector mosquitto influx fleet" in MiB
    local j fleet=0
    for j in $(seq 1 "$1"); do fleet=$((fleet + $(proc_rss_mib "$(pid_of "fleet-$j")"))); done
    echo "$(proc_rss_mib "$(pid_of collector-1)") $(proc_rss_mib "$(mosquitto_pid)") $(proc_rss_mib "$(influx_pid)") $fleet"
}

# Over every generation log: batches closed in [w0, w1] ms, judged at `now` ms. Prints
# "batches readings unconfirmed lost p50 p99" (latencies in ms; unconfirmed ones with their age so far).
ramp_latency() { # w0 w1 now
    cat "$RUN"/work/*/generated.log 2>/dev/null | awk -v w0="$1" -v w1="$2" -v now="$3" -v lat="$RUN/latencies.txt" '
        $1 == "J" && NF >= 7 { k = $2 " " $3; if (!(k in c)) { c[k] = $6; n[k] = $5 } }
        $1 == "R" && NF == 6 { k = $2 " " $3; if (!(k in r)) { r[k] = $5; why[k] = $4 } }
        END {
            printf "" > lat
            for (k in c) {
                if (c[k] < w0 || c[k] > w1) continue
                b++; readings += n[k]
                if (k in r) { print r[k] - c[k] > lat; if (why[k] != "STORED") lost += n[k] }
                else { print now - c[k] > lat; open++ }
            }
            for (k in r) if (why[k] != "STORED" && r[k] >= w0 && r[k] <= w1 && !(c[k] >= w0 && c[k] <= w1)) lost += n[k]
            printf "%d %d %d %d", b, readings, open, lost
        }'
    local sorted; sorted=$(sort -n "$RUN/latencies.txt")
    echo " $(pct_of "$sorted" 50) $(pct_of "$sorted" 99)"
}

pct_of() { # sorted-lines p -> nearest-rank percentile, "-" for none
    local n; n=$(printf '%s\n' "$1" | grep -c . || true)
    [ "$n" -gt 0 ] || { echo -; return; }
    local i=$(( (n * $2 + 99) / 100 )); [ "$i" -ge 1 ] || i=1
    printf '%s\n' "$1" | sed -n "${i}p"
}

ramp_measure_step() { # k jvms: measures, appends a row to RAMP_ROWS, sets RAMP_VERDICT ("" = good)
    local k=$1 jvms=$2 a b rss w0 w1 secs
    RAMP_VERDICT=""
    a=($(ramp_snapshot "$jvms")); w0=$(date +%s%3N)
    [ "${a[0]}" != dead ] || { RAMP_VERDICT="${a[1]} died (log: $RUN/logs/)"; RAMP_ROWS+=("$k - - $RAMP_VERDICT"); return; }
    sleep "$STEP_SECS"
    b=($(ramp_snapshot "$jvms")); w1=$(date +%s%3N)
    [ "${b[0]}" != dead ] || { RAMP_VERDICT="${b[1]} died (log: $RUN/logs/)"; RAMP_ROWS+=("$k - - $RAMP_VERDICT"); return; }
    rss=($(ramp_rss "$jvms"))
    # judge after limit + 1 s, so every batch closed in the window is either confirmed or known to be late
    sleep $(( P99_LIMIT_MS / 1000 + 1 ))
    local l; l=($(ramp_latency "$w0" "$w1" "$(date +%s%3N)"))
    secs=$(echo "${b[3]} - ${a[3]}" | bc -l)
    pc() { printf '%.0f' "$(echo "100 * (${b[$1]} - ${a[$1]}) / $secs" | bc -l)"; }
    local stored journaled refused others
    stored=$(printf '%.0f' "$(echo "(${b[0]} - ${a[0]}) / $secs" | bc -l)")
    journaled=$(printf '%.0f' "$(echo "${l[1]} * 1000 / ($w1 - $w0)" | bc -l)")
    refused=$(( ${b[1]} - ${a[1]} + ${b[2]} - ${a[2]} ))
    others=$(printf '%.0f' "$(echo "100 * ((${b[8]} - ${a[8]}) - (${b[4]} + ${b[5]} + ${b[6]} + ${b[7]} - ${a[4]} - ${a[5]} - ${a[6]} - ${a[7]})) / $secs" | bc -l)")
    RAMP_ROWS+=("$(printf '%-4s %7d %7d %6d %10d %8d %8s %8s %6s %6d %9s %9s %9s %10s %7s' \
        "$k" $((k * STEP_BRIDGES)) $((k * STEP_SCHOOLS)) $((k * (STEP_BRIDGES + STEP_SCHOOLS))) \
        "$journaled" "$stored" "${l[4]}" "${l[5]}" "${l[2]}" $((l[3] + refused)) \
        "$(pc 4)/${rss[0]}" "$(pc 5)/${rss[1]}" "$(pc 6)/${rss[2]}" "$(pc 7)/${rss[3]}" "$others")")
    if [ "${l[0]}" -eq 0 ]; then RAMP_VERDICT="no batch closed in the window"
    elif [ "${l[5]}" -gt "$P99_LIMIT_MS" ]; then RAMP_VERDICT="p99 ${l[5]} ms > $P99_LIMIT_MS ms"
    elif [ $((l[3] + refused)) -gt 0 ]; then RAMP_VERDICT="lost or refused: ${l[3]} readings dead-lettered/evicted, $refused batches refused or writes failed"
    fi
}

ramp_print_table() { # verify-rc setup-seconds total-seconds
    echo
    echo "== ramp: +$STEP_BRIDGES bridges +$STEP_SCHOOLS schools per step ($STEP_JVMS JVMs), settle $RAMP_SETTLE s," \
        "measured $STEP_SECS s, limit p99 $P99_LIMIT_MS ms; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) =="
    printf '%-4s %7s %7s %6s %10s %8s %8s %8s %6s %6s %9s %9s %9s %10s %7s\n' step bridges schools gws \
        journaled/s stored/s p50-ms p99-ms unconf lost "coll%/MiB" "mosq%/MiB" "infl%/MiB" "gen%/MiB" others%
    local i row
    for i in "${!RAMP_ROWS[@]}"; do
        row=${RAMP_ROWS[$i]}
        if [ $((i + 1)) -eq "$RAMP_LAST_GOOD" ] && [ "$1" -eq 0 ]; then echo "$row  <- last good"; else echo "$row"; fi
    done
    echo "(CPU in % of one core over the measured window, RSS at its end; gen = all generator JVMs together;"
    echo " p50/p99 from batch close to the gateway holding \"stored\"; unconf = batches not yet confirmed when judged)"
    echo "stopped: $RAMP_STOP; setup $2 s, whole run $3 s"
    if [ "$1" -ne 0 ]; then
        echo "RESULT: FAILED: the final verify found readings lost or duplicated (above): no step counts as good"
    elif [ "$RAMP_LAST_GOOD" -eq 0 ]; then
        echo "RESULT: no good step: even step 1 missed the limit"
    else
        echo "RESULT: last good step $RAMP_LAST_GOOD: $((RAMP_LAST_GOOD * STEP_BRIDGES)) bridges + $((RAMP_LAST_GOOD * STEP_SCHOOLS)) schools, nothing lost"
    fi
}
