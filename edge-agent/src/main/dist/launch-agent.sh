#!/usr/bin/env bash
# Starts the DOS IoT edge agent from its A/B slots: systemd's ExecStart (dos-edge-agent.service).
#
#   launch-agent.sh run --config /etc/dos-edge-agent/gateway.yaml
#
# Before each start it looks at <agent dir>/pending.json, which the agent writes when it switched `current`
# to a new release (edge.update.AgentUpdater) and deletes once the new agent proved healthy:
#   - `current` does not point at the pending slot: the switch never happened (stopped in between): forget it;
#   - the deadline passed, or the new agent was started twice already (it crashed or hung at start):
#     switch `current` back to the previous slot, write reverted.json with the reason, list the release in
#     `failed` (never offered again), delete pending.json;
#   - otherwise count this start in pending.json.
# Then it execs Java on <agent dir>/current/edge-agent.jar, so the JVM is the service's main process.
# Every file change is a write to a temporary name and a rename: a kill -9 at any point leaves `current`
# on a complete slot, and the next start finishes the job.
#
# Environment: DOS_AGENT_DIR (default $STATE_DIRECTORY/agent, systemd's StateDirectory, else
# /var/lib/dos-edge-agent/agent), DOS_JAVA (default java), DOS_JAVA_OPTS (default: the small-heap flags below),
# DOS_NOW (epoch seconds, for tests).
set -euo pipefail

AGENT_DIR=${DOS_AGENT_DIR:-${STATE_DIRECTORY:-/var/lib/dos-edge-agent}/agent}
JAVA=${DOS_JAVA:-java}
# Small-heap flags for a Pi: 48 MiB heap, serial GC, C1 only, class data sharing for a fast start (an
# archive made for another jar is ignored by -Xshare:auto).
DEFAULT_OPTS="-Xmx48m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=64m \
-XX:ReservedCodeCacheSize=16m -XX:+ExitOnOutOfMemoryError -Xshare:auto \
-XX:SharedArchiveFile=/var/cache/dos-edge-agent/agent.jsa"
read -r -a JAVA_OPTS <<< "${DOS_JAVA_OPTS:-$DEFAULT_OPTS}"
now=${DOS_NOW:-$(date +%s)}

say() { printf 'launch-agent: %s\n' "$*" >&2; }
# The value of one key of pending.json (one key a line, as PendingUpdate writes it).
field() { sed -n "s/^[[:space:]]*\"$1\":[[:space:]]*\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}[[:space:]]*\$/\1/p" "$2" | head -n 1; }
sync_dir() { sync "$AGENT_DIR" 2>/dev/null || sync; }
# Writes stdin to a file through a temporary file, fsync and rename.
write_atomically() {
    cat > "$1.part"
    sync "$1.part" 2>/dev/null || sync
    mv -f "$1.part" "$1"
    sync_dir
}
switch_to() {
    ln -sfn "$1" "$AGENT_DIR/current.next"
    mv -fT "$AGENT_DIR/current.next" "$AGENT_DIR/current"
    sync_dir
}

pending="$AGENT_DIR/pending.json"
if [ -f "$pending" ]; then
    version=$(field version "$pending")
    sha256=$(field sha256 "$pending")
    slot=$(field slot "$pending")
    previous=$(field previous "$pending")
    deadline=$(field deadline "$pending")
    watch=$(field watch "$pending")
    starts=$(field starts "$pending")
    current=$(readlink "$AGENT_DIR/current" 2>/dev/null || true)
    reason=""
    if ! [[ "$slot" =~ ^[ab]$ && "$previous" =~ ^[ab]$ && "$deadline" =~ ^[0-9]+$ && "$starts" =~ ^[0-9]+$ ]]; then
        say "pending.json is unreadable: keeping current -> $current and removing it"
        mv -f "$pending" "$AGENT_DIR/pending.unreadable"
    elif [ "$current" != "$slot" ] && [ "$current" = "$previous" ]; then
        say "update to $version was stopped before the switch: current stays $current"
        rm -f "$pending"; sync_dir
    elif [ "$now" -ge "$deadline" ]; then
        reason="new agent $version did not report healthy within $watch"
    elif [ "$starts" -ge 2 ]; then
        reason="new agent $version crashed at start twice"
    else
        sed "s/^\([[:space:]]*\"starts\":[[:space:]]*\)[0-9]*/\1$((starts + 1))/" "$pending" | write_atomically "$pending"
        say "starting new agent $version from slot $slot (start $((starts + 1)), healthy by $(date -u -d "@$deadline" +%FT%TZ 2>/dev/null || echo "$deadline"))"
    fi
    if [ -n "$reason" ]; then
        say "$reason: switching back to slot $previous"
        printf '{\n  "version": "%s",\n  "sha256": "%s",\n  "reason": "%s",\n  "at": %s\n}\n' \
            "$version" "$sha256" "$reason" "$now" | write_atomically "$AGENT_DIR/reverted.json"
        if ! grep -qxF "$version $sha256" "$AGENT_DIR/failed" 2>/dev/null; then
            { cat "$AGENT_DIR/failed" 2>/dev/null || true; echo "$version $sha256"; } | write_atomically "$AGENT_DIR/failed"
        fi
        switch_to "$previous"
        rm -f "$pending"; sync_dir
    fi
fi

jar="$AGENT_DIR/current/edge-agent.jar"
if [ ! -f "$jar" ]; then
    say "no agent at $jar: install with scripts/install-gateway.sh (it puts the jar in slot a and current -> a)"
    exit 1
fi
export DOS_AGENT_DIR="$AGENT_DIR"
exec "$JAVA" "${JAVA_OPTS[@]}" -jar "$jar" "$@"
