#!/usr/bin/env bash
# Cost of the collector's condition monitoring (baseline/residual update) per stored mode reading, at
# simulated time with an in-memory port. Usage: scripts/bench-condition.sh [simulated days, default 20].
# The figures go into collector/README.md ("Condition monitoring").
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
mvn -B -q -pl collector -am test-compile -DskipTests
mvn -B -q -pl collector dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
cp=$(cat target/bench-classpath.txt)
exec java -cp "collector/target/test-classes:collector/target/classes:shared-model/target/classes:$cp" \
    de.dos2030.iot.collector.condition.ConditionBench "$@"
