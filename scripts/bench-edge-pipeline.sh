#!/usr/bin/env bash
# JMH benchmark of the edge pipeline for the bridge profile (issue 5): CPU per second of input
# (ns/op = ns per second of input; / 1311 = ns per sample; / 1e7 = percent of one core) and
# allocation per second of input with the gc profiler (gc.alloc.rate.norm; / 1311 = B/sample).
#   scripts/bench-edge-pipeline.sh                 # both benchmarks, with -prof gc
#   scripts/bench-edge-pipeline.sh -f 3 -i 10      # extra JMH options
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -pl edge-agent test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -pl edge-agent dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec java -cp "edge-agent/target/test-classes:edge-agent/target/classes:$(cat "$cp_file")" \
  org.openjdk.jmh.Main 'de.dos2030.iot.edge.bench.pipeline' -prof gc "$@"
