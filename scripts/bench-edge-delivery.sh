#!/usr/bin/env bash
# Benchmarks of the edge agent's delivery side; each prints its figures.
#
#   scripts/bench-edge-delivery.sh outbox    # outbox append+sync throughput per sync policy
#   scripts/bench-edge-delivery.sh drain     # one simulated offline hour of a school gateway, then the drain
#   scripts/bench-edge-delivery.sh rss [S]   # RSS of the agent, simulated bridge, -Xmx48m, sampled for S s (default 60)
#   scripts/bench-edge-delivery.sh startup   # process start -> first reading journaled, 5 runs, with and without CDS
#   scripts/bench-edge-delivery.sh all
#
# rss and startup run the packaged agent against the development Mosquitto (scripts/dev-services.sh start).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/edge-agent"
jar="${EDGE_AGENT_JAR:-$module/target/edge-agent.jar}"
JAVA=${JAVA:-java}
SMALL_HEAP=(-Xmx48m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m)

build() {
    # One reactor build (-am): the sibling modules come from this checkout, never from ~/.m2.
    (cd "$root" && mvn -B -q -pl edge-agent -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
        -Dmdep.outputFile="$module/target/bench-classpath.txt" >&2)
}

bench_java() { # main class, args...
    local cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
    (cd "$module" && "$JAVA" -cp "$cp" "de.dos2030.iot.edge.bench.delivery.$1" "${@:2}")
}

# A copy of an example gateway file with its outbox in a fresh temporary directory.
gateway_copy() { # example-name dir
    sed "s#^  directory: .*#  directory: $2/outbox#" "$root/firmware-config/examples/$1.yaml" > "$2/gateway.yaml"
    echo "$2/gateway.yaml"
}

rss() {
    local seconds=${1:-60} dir; dir=$(mktemp -d)
    local config; config=$(gateway_copy bridge-simulated "$dir")
    "$JAVA" "${SMALL_HEAP[@]}" -jar "$jar" run --config "$config" > "$dir/agent.log" 2>&1 &
    local pid=$! max=0 now=0
    for ((i = 0; i < seconds; i += 5)); do
        sleep 5
        now=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
        (( now > max )) && max=$now
        printf '  t=%3ds RSS %6.1f MB\n' $((i + 5)) "$(echo "$now / 1024" | bc -l)"
    done
    kill -TERM $pid; wait $pid || true
    printf 'agent RSS, simulated bridge profile, -Xmx48m, %d s: max %.1f MB, last %.1f MB (target <= 120 MB)\n' \
        "$seconds" "$(echo "$max / 1024" | bc -l)" "$(echo "$now / 1024" | bc -l)"
    grep -c 'event=' "$dir/agent.log" | xargs printf '  (%s event lines logged)\n'
    rm -rf "$dir"
}

first_reading_ms() { # extra JVM flags...
    local dir; dir=$(mktemp -d)
    local config; config=$(gateway_copy bridge-simulated "$dir")
    "$JAVA" "${SMALL_HEAP[@]}" "$@" -jar "$jar" run --config "$config" > "$dir/agent.log" 2>&1 &
    local pid=$!
    for ((i = 0; i < 100; i++)); do
        grep -q 'event=first-reading-journaled' "$dir/agent.log" && break
        sleep 0.1
    done
    kill -TERM $pid; wait $pid || true
    sed -n 's/.*event=first-reading-journaled.*since-process-start-ms=\([0-9]*\).*/\1/p' "$dir/agent.log"
    rm -rf "$dir"
}

startup() {
    local cds; cds=$(mktemp -d)/agent.jsa
    local dir; dir=$(mktemp -d)
    "$JAVA" -XX:ArchiveClassesAtExit="$cds" -jar "$jar" probe --config "$(gateway_copy bridge-simulated "$dir")" >/dev/null 2>&1 || true
    for variant in plain cds; do
        local flags=() times=()
        [[ $variant == cds ]] && flags=(-Xshare:auto -XX:SharedArchiveFile="$cds")
        for run in 1 2 3 4 5; do times+=("$(first_reading_ms "${flags[@]}")"); done
        printf 'process start -> first reading journaled (%s): %s ms (target < 2000 ms)\n' "$variant" "${times[*]}"
    done
    rm -rf "$dir" "$(dirname "$cds")"
}

case "${1:-all}" in
    outbox|drain|all) build ;;
    *) [[ -f "$jar" ]] || (cd "$root" && mvn -B -q -pl edge-agent -am package -DskipTests >&2) ;;
esac
case "${1:-all}" in
    outbox) bench_java OutboxThroughputBenchmark "${2:-target}" ;;
    drain) bench_java BacklogDrainBenchmark ../firmware-config/examples/school-simulated.yaml "${2:-2}" ;;
    rss) rss "${2:-60}" ;;
    startup) startup ;;
    all) bench_java OutboxThroughputBenchmark target; bench_java BacklogDrainBenchmark ../firmware-config/examples/school-simulated.yaml 2; startup; rss 60 ;;
    *) sed -n '2,10p' "$0"; exit 2 ;;
esac
