# Settings shared by scripts/collector-backup and scripts/collector-restore (sourced, not run).
#
# Both read the collector's own environment variables, so the shell that runs the collector runs them too:
#   registry   COLLECTOR_DB_URL (or DATASOURCES_DEFAULT_URL), COLLECTOR_DB_USER, COLLECTOR_DB_PASSWORD;
#              default as scripts/collector: the H2 file collector/data/collector-registry
#   InfluxDB   COLLECTOR_INFLUX_URL (default http://127.0.0.1:18086), COLLECTOR_INFLUX_DATABASE (default dos),
#              COLLECTOR_INFLUX_USERNAME/PASSWORD; the RPC address of `influxd backup/restore` is
#              DOS_BACKUP_INFLUX_RPC (default: the URL's host, port 18088 as scripts/dev-services.sh binds it)
#   collector  COLLECTOR_URL (default http://127.0.0.1:18080) and COLLECTOR_ADMIN_TOKEN (H2 online backup),
#              COLLECTOR_SECRETS_KEY (the key that opens the sealed secrets in the registry)
#   Mosquitto  COLLECTOR_MOSQUITTO_PASSWD_FILE, COLLECTOR_MOSQUITTO_ACL_FILE (default: the dev services' files)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

REGISTRY_URL=${COLLECTOR_DB_URL:-${DATASOURCES_DEFAULT_URL:-jdbc:h2:file:$ROOT/collector/data/collector-registry}}
REGISTRY_USER=${COLLECTOR_DB_USER:-${DATASOURCES_DEFAULT_USERNAME:-}}
REGISTRY_PASSWORD=${COLLECTOR_DB_PASSWORD:-${DATASOURCES_DEFAULT_PASSWORD:-}}
INFLUX_URL=${COLLECTOR_INFLUX_URL:-http://127.0.0.1:18086}
INFLUX_DATABASE=${COLLECTOR_INFLUX_DATABASE:-dos}
INFLUX_HOST=$(printf '%s' "$INFLUX_URL" | sed -E 's#^[a-z]+://([^/:]+).*#\1#')
INFLUX_RPC=${DOS_BACKUP_INFLUX_RPC:-$INFLUX_HOST:18088}
COLLECTOR_API=${COLLECTOR_URL:-http://127.0.0.1:18080}
DEV_SERVICES=${DOS_DEV_SERVICES_DIR:-$ROOT/.dev-services}
MOSQUITTO_PASSWD=${COLLECTOR_MOSQUITTO_PASSWD_FILE:-$DEV_SERVICES/mosquitto/passwd}
MOSQUITTO_ACL=${COLLECTOR_MOSQUITTO_ACL_FILE:-$DEV_SERVICES/mosquitto/acl}

die() { printf '%s: %s\n' "$PROG" "$*" >&2; exit 1; }
say() { printf '%s: %s\n' "$PROG" "$*" >&2; }

# postgresql or h2, from the JDBC URL.
registry_kind() {
    case "$REGISTRY_URL" in
        jdbc:postgresql:*) echo postgresql ;;
        jdbc:h2:file:*) echo h2 ;;
        *) die "registry URL '$REGISTRY_URL' (COLLECTOR_DB_URL): only jdbc:postgresql://... and jdbc:h2:file:... can be backed up" ;;
    esac
}

# libpq's URI for the JDBC URL: JDBC's options (?ssl=...) are not libpq's, so set PGSSLMODE etc. instead.
pg_uri() {
    local rest=${REGISTRY_URL#jdbc:}
    rest=${rest%%\?*}
    [ -n "$REGISTRY_USER" ] && rest="postgresql://$(printf '%s' "$REGISTRY_USER" | sed 's/@/%40/g')@${rest#postgresql://}"
    echo "$rest"
}

# psql/pg_dump/pg_restore with the registry's password, never on the command line.
pg() { PGPASSWORD=$REGISTRY_PASSWORD "$@"; }

# The H2 database's file (path of jdbc:h2:file:PATH;OPTIONS plus .mv.db), as the collector resolves it from its
# working directory: scripts/collector runs in the checkout.
h2_file() {
    local base=${REGISTRY_URL#jdbc:h2:file:}
    base=${base%%;*}
    case "$base" in /*) ;; *) base=$ROOT/${base#./} ;; esac
    echo "$base.mv.db"
}

influx_query() { # InfluxQL statement; prints the JSON answer
    local auth=()
    [ -n "${COLLECTOR_INFLUX_USERNAME:-}" ] && auth=(-u "$COLLECTOR_INFLUX_USERNAME:${COLLECTOR_INFLUX_PASSWORD:-}")
    curl -sS -f "${auth[@]}" -XPOST "$INFLUX_URL/query" --data-urlencode "q=$1" \
        || die "InfluxDB at $INFLUX_URL did not answer '$1' (COLLECTOR_INFLUX_URL)"
}

influx_has_database() { # name
    influx_query "SHOW DATABASES" | grep -q "\[\"$1\"\]"
}

# The first 16 hex digits of SHA-256 over the key text: tells keys apart without revealing one.
key_fingerprint() { printf '%s' "$1" | sha256sum | cut -c1-16; }
