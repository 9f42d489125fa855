#!/usr/bin/env bash
# Bytes per reading and encode/decode time per reading: JSON vs. our CBOR vs. InfluxDB line protocol.
# Prints a table; the figures go into shared-model/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
mvn -B -q -pl shared-model test-compile
mvn -B -q -pl shared-model dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench-classpath.txt"
cp=$(cat target/bench-classpath.txt)
exec java -cp "shared-model/target/test-classes:shared-model/target/classes:$cp" de.dos2030.iot.model.bench.CodecReport "$@"
