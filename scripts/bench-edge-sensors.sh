#!/usr/bin/env bash
# JMH benchmarks of the edge agent's sensor drivers against their simulated chips:
# cost per sample of each driver's read path, and the sustained ADXL355 FIFO rate.
#   scripts/bench-edge-sensors.sh            # all, short iterations (a few minutes)
#   scripts/bench-edge-sensors.sh Adxl355    # a subset by regex; extra JMH options may follow
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
# One reactor build (-am): the sibling modules come from their fresh classes, never from ~/.m2.
mvn -B -q -pl edge-agent -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
filter="${1:-de.dos2030.iot.edge.bench}"
shift || true
exec java -cp "edge-agent/target/test-classes:edge-agent/target/classes:$(cat "$cp_file")" \
  org.openjdk.jmh.Main "$filter" "$@"
