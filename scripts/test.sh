#!/usr/bin/env bash
# The one test command: builds everything, starts the local InfluxDB and Mosquitto, runs the unit
# tests (*Test) and the integration tests (*IT) of every module, and stops the services again
# (only if this run started them), also when something fails. Exits non-zero on any failure.
#
#   scripts/test.sh [extra Maven arguments, e.g. -pl collector]
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "test.sh: Java 17 is missing: apt-get install -y openjdk-17-jdk-headless" >&2; exit 1; }
command -v mvn >/dev/null || { echo "test.sh: Maven is missing: apt-get install -y maven" >&2; exit 1; }

already_running=false
scripts/dev-services.sh status >/dev/null 2>&1 && already_running=true
if ! $already_running; then
    trap 'scripts/dev-services.sh stop' EXIT
fi
scripts/dev-services.sh start

mvn -B verify "$@"
