#!/usr/bin/env bash
# JMH benchmark of the edge pipeline for the bridge profile (issue 5): CPU per second of input
# (ns/op = ns per second of input; / 1311 = ns per sample; / 1e7 = percent of one core) and
# allocation per second of input with the gc profiler (gc.alloc.rate.norm; / 1311 = B/sample).
#   scripts/bench-edge-pipeline.sh                 # both benchmarks, with -prof gc
#   scripts/bench-edge-pipeline.sh -f 3 -i 10      # extra JMH options
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One reactor build (-am): the sibling modules come from their fresh classes, never from ~/.m2.
mvn -B -q -pl edge-agent -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp"
# A private copy of the classes: a build of the module during the minutes of a run must not pull
# them away from under the forked JVMs.
cp -r edge-agent/target/classes "$work/classes"
cp -r edge-agent/target/test-classes "$work/test-classes"
java -cp "$work/test-classes:$work/classes:$(cat "$work/cp")" \
  org.openjdk.jmh.Main 'de.dos2030.iot.edge.bench.pipeline' -prof gc "$@"
