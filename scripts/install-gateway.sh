#!/usr/bin/env bash
# Installs the DOS IoT edge agent on a Raspberry Pi (Raspberry Pi OS / Debian 12).
#
#   sudo scripts/install-gateway.sh --config gateway.yaml [--credentials FILE] [--jar edge-agent.jar] [--yes]
#   scripts/install-gateway.sh --config gateway.yaml --dry-run     # print every step, change nothing
#   sudo scripts/install-gateway.sh --config gateway.yaml --enroll https://collector:18443 --claim CODE [--ca-file ca.pem]
#       enrol with a one-time claim code instead of a copied credentials file: the agent fetches its
#       token and writes /etc/dos-edge-agent/credentials.properties (root:dos-edge, 0640) before it starts
#
# Steps: validate the gateway file (refuse a broken one) -> openjdk-17-jre-headless -> system user
# dos-edge in the i2c/spi/gpio groups -> launcher to /opt/dos-edge-agent, jar to slot a of
# /var/lib/dos-edge-agent/agent (current -> a; updates use slot b), config (and credentials) to
# /etc/dos-edge-agent, data under /var/lib/dos-edge-agent -> boot config lines from
# `firmware-config boot-config` (asks before a reboot) -> class-data archive for a fast start ->
# systemd unit dos-edge-agent.service, enabled and (re)started.
#
# Environment (for tests and unusual images): DOS_BOOT_CONFIG (default /boot/firmware/config.txt,
# or /boot/config.txt on older images), DOS_JAVA (default java).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
USER_NAME=dos-edge
OPT=/opt/dos-edge-agent
ETC=/etc/dos-edge-agent
VAR=/var/lib/dos-edge-agent
CACHE=/var/cache/dos-edge-agent
UNIT=/etc/systemd/system/dos-edge-agent.service
UNIT_SOURCE="$root/edge-agent/src/main/dist/dos-edge-agent.service"
LAUNCHER_SOURCE="$root/edge-agent/src/main/dist/launch-agent.sh"
SLOTS=$VAR/agent
JAVA=${DOS_JAVA:-java}

enroll_url="" claim="" ca_file=""
config="" credentials="" jar="$root/edge-agent/target/edge-agent.jar" dry_run=false assume_yes=false

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }
die() { printf 'install-gateway: %s\n' "$*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }
# Every change to the machine goes through run: printed always, executed unless --dry-run.
run() {
    if $dry_run; then printf '[dry-run] %s\n' "$*"; else printf '+ %s\n' "$*"; "$@"; fi
}

while [ $# -gt 0 ]; do
    case "$1" in
        --config) config=${2:?--config needs a file}; shift 2 ;;
        --credentials) credentials=${2:?--credentials needs a file}; shift 2 ;;
        --jar) jar=${2:?--jar needs a file}; shift 2 ;;
        --enroll) enroll_url=${2:?--enroll needs the collector URL}; shift 2 ;;
        --claim) claim=${2:?--claim needs the claim code}; shift 2 ;;
        --ca-file) ca_file=${2:?--ca-file needs a PEM file}; shift 2 ;;
        --dry-run) dry_run=true; shift ;;
        --yes|-y) assume_yes=true; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done
[ -n "$config" ] || { usage >&2; die "--config FILE is required"; }
[ -f "$config" ] || die "gateway file '$config' does not exist"
[ -f "$jar" ] || die "agent jar '$jar' is missing: build it with 'mvn -B -pl edge-agent -am package -DskipTests' or pass --jar"
[ -z "$credentials" ] || [ -f "$credentials" ] || die "credentials file '$credentials' does not exist"
[ -z "$enroll_url" ] || [ -n "$claim" ] || die "--enroll needs --claim CODE (from: scripts/collector-gateways claim ...)"
[ -z "$claim" ] || [ -n "$enroll_url" ] || die "--claim needs --enroll COLLECTOR_URL"
[ -z "$enroll_url" ] || [ -z "$credentials" ] || die "use either --credentials FILE or --enroll/--claim, not both"
[ -z "$ca_file" ] || [ -f "$ca_file" ] || die "CA file '$ca_file' does not exist"
$dry_run || [ "$(id -u)" -eq 0 ] || die "run as root (sudo), or with --dry-run to see the steps"
command -v apt-get >/dev/null || $dry_run || die "apt-get not found: this script is for Raspberry Pi OS / Debian"

if [ -n "${DOS_BOOT_CONFIG:-}" ]; then boot_config=$DOS_BOOT_CONFIG
elif [ -f /boot/firmware/config.txt ]; then boot_config=/boot/firmware/config.txt
else boot_config=/boot/config.txt; fi

$dry_run && echo "install-gateway: dry run: nothing on this machine will be changed"

step "1/7 Java runtime"
if command -v "$JAVA" >/dev/null && "$JAVA" -version 2>&1 | grep -q 'version "\(1[7-9]\|2[0-9]\)'; then
    echo "Java 17 or newer is present: $("$JAVA" -version 2>&1 | head -1)"
else
    run apt-get update -qq
    run apt-get install -y openjdk-17-jre-headless
fi

step "2/7 Validate $config"
if command -v "$JAVA" >/dev/null; then
    if ! "$JAVA" -cp "$jar" de.dos2030.iot.config.cli.FirmwareConfigCli validate "$config"; then
        die "refusing to install: '$config' has the problems above. Fix them and run again."
    fi
else
    $dry_run || die "java is still missing after installing openjdk-17-jre-headless"
    echo "[dry-run] would validate $config once Java is installed (validation runs before any other change)"
fi

step "3/7 System user $USER_NAME"
if id "$USER_NAME" >/dev/null 2>&1; then
    echo "user $USER_NAME exists"
else
    run useradd --system --home-dir "$VAR" --no-create-home --shell /usr/sbin/nologin "$USER_NAME"
fi
groups=()
for g in i2c spi gpio; do
    if getent group "$g" >/dev/null; then groups+=("$g"); else echo "group $g does not exist on this image (no such bus enabled yet): skipped"; fi
done
[ ${#groups[@]} -eq 0 ] || run usermod -a -G "$(IFS=,; echo "${groups[*]}")" "$USER_NAME"

step "4/7 Files"
run install -d -m 0755 "$OPT"
run install -m 0755 "$LAUNCHER_SOURCE" "$OPT/launch-agent.sh"
run install -d -m 0750 -o root -g "$USER_NAME" "$ETC"
run install -m 0640 -o root -g "$USER_NAME" "$config" "$ETC/gateway.yaml"
if [ -n "$credentials" ]; then
    run install -m 0640 -o root -g "$USER_NAME" "$credentials" "$ETC/$(basename "$credentials")"
fi
if [ -n "$enroll_url" ]; then
    # The code is a secret until used: shown masked, never in full.
    enroll_args=(enroll --collector "$enroll_url" --credentials "$ETC/credentials.properties" --owner "root:$USER_NAME"
        --config "$ETC/gateway.yaml")
    [ -z "$ca_file" ] || enroll_args+=(--ca-file "$ca_file")
    if $dry_run; then
        printf '[dry-run] %s -jar %s %s --claim %s-****-****-****\n' "$JAVA" "$OPT/edge-agent.jar" "${enroll_args[*]}" "${claim:0:4}"
    else
        printf '+ %s -jar %s %s --claim %s-****-****-****\n' "$JAVA" "$OPT/edge-agent.jar" "${enroll_args[*]}" "${claim:0:4}"
        "$JAVA" -jar "$OPT/edge-agent.jar" "${enroll_args[@]}" --claim "$claim" \
            || die "enrolment failed (see above); nothing was started. Ask the operator for a new code if it was used."
    fi
    echo "note: the gateway file's endpoints must name credentials-file: $ETC/credentials.properties"
fi
run install -d -m 0750 -o "$USER_NAME" -g "$USER_NAME" "$VAR" "$CACHE"
# A/B slots (docs/operations.md): this jar in slot a, current -> a; an install replaces any
# agent update still on trial.
run install -d -m 0750 -o "$USER_NAME" -g "$USER_NAME" "$SLOTS" "$SLOTS/a"
run install -m 0644 -o "$USER_NAME" -g "$USER_NAME" "$jar" "$SLOTS/a/edge-agent.jar"
agent_version=$("$JAVA" -jar "$jar" --version 2>/dev/null | awk '{print $2}' || true)
if $dry_run; then echo "[dry-run] write ${agent_version:-the version of the jar} to $SLOTS/a/VERSION"; else echo "${agent_version:-unknown}" > "$SLOTS/a/VERSION"; fi
run ln -sfn a "$SLOTS/current"
run rm -f "$SLOTS/pending.json"
echo "note: relative paths in the gateway file (outbox directory, credentials, replay files) resolve against $ETC;"
echo "      use absolute paths under $VAR for the outbox."

step "5/7 Boot configuration ($boot_config)"
if command -v "$JAVA" >/dev/null; then
    wanted=$("$JAVA" -cp "$jar" de.dos2030.iot.config.cli.FirmwareConfigCli boot-config "$config" | grep -v '^#' | grep -v '^$' || true)
else
    wanted=""
    echo "[dry-run] would compute the lines with firmware-config boot-config once Java is installed"
fi
missing=()
while IFS= read -r line; do
    [ -n "$line" ] || continue
    grep -qxF "$line" "$boot_config" 2>/dev/null || missing+=("$line")
done <<< "$wanted"
reboot_needed=false
if [ ${#missing[@]} -eq 0 ]; then
    echo "boot configuration already has every line the sensors need"
else
    printf 'missing in %s:\n' "$boot_config"; printf '  %s\n' "${missing[@]}"
    if $dry_run; then
        printf '[dry-run] append to %s:\n' "$boot_config"; printf '[dry-run]   %s\n' "# added by install-gateway.sh for the DOS IoT edge agent" "${missing[@]}"
    else
        cp "$boot_config" "$boot_config.dos-backup" 2>/dev/null || true
        { echo "# added by install-gateway.sh for the DOS IoT edge agent"; printf '%s\n' "${missing[@]}"; } >> "$boot_config"
        echo "+ appended ${#missing[@]} lines to $boot_config (backup: $boot_config.dos-backup)"
    fi
    reboot_needed=true
fi

step "6/7 Fast start (class-data sharing archive)"
run timeout 120 "$JAVA" -XX:ArchiveClassesAtExit="$CACHE/agent.jsa" -jar "$SLOTS/current/edge-agent.jar" probe --config "$ETC/gateway.yaml"
run chown "$USER_NAME:$USER_NAME" "$CACHE/agent.jsa"

step "7/7 systemd unit"
run install -m 0644 "$UNIT_SOURCE" "$UNIT"
run systemctl daemon-reload
run systemctl enable dos-edge-agent.service
if $reboot_needed; then
    echo "The boot configuration changed: the buses come up only after a reboot. The agent starts then."
    if $dry_run; then
        echo "[dry-run] would ask: Reboot now? [y/N]"
    elif $assume_yes; then
        echo "--yes given: not rebooting on my own; reboot when convenient (sudo reboot)."
    else
        read -r -p "Reboot now? [y/N] " answer
        case "$answer" in [yY]*) run systemctl reboot ;; *) echo "Reboot later with: sudo reboot" ;; esac
    fi
else
    run systemctl restart dos-edge-agent.service
fi
echo
echo "install-gateway: done$($dry_run && echo ' (dry run: nothing was changed)'). Logs: journalctl -u dos-edge-agent -f"
