# Sourced by scripts/test.sh: a throwaway PostgreSQL server for the store tests.
#
# Installs Debian's postgresql when it is missing and we may (root, apt-get), starts a private
# cluster in a temporary directory, listening only on a unix socket in that (mode 0700)
# directory, and exports NEWSTALLY_TEST_POSTGRES for pytest. The server and its directory go
# when the shell exits, however it exits. Without PostgreSQL the PostgreSQL tests skip and say
# why; when it is installed but will not start, the run stops with the server's log.

_pg_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
    return 1
}

_pg_as_owner() {
    # initdb and postgres refuse to run as root: run them as the postgres user instead.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_pg_stop() {
    if [ -n "${_PG_DIR:-}" ] && [ -d "$_PG_DIR" ]; then
        _pg_as_owner "$_PG_BIN/pg_ctl" -D "$_PG_DIR/data" -m immediate -s stop >/dev/null 2>&1 || true
        rm -rf "$_PG_DIR"
    fi
}

start_test_postgres() {
    if [ -n "${NEWSTALLY_TEST_POSTGRES:-}" ]; then
        return 0  # the caller brought a server
    fi
    if ! _pg_bindir >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql </dev/null >/dev/null
    fi
    if ! _PG_BIN=$(_pg_bindir); then
        echo "test.sh: PostgreSQL is not installed; the PostgreSQL store tests will skip" >&2
        return 0
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "test.sh: no postgres user to run PostgreSQL as; its tests will skip" >&2
        return 0
    fi
    _PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/newstally-pg.XXXXXX")
    trap _pg_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP
    [ "$(id -u)" = 0 ] && chown postgres: "$_PG_DIR"
    chmod 700 "$_PG_DIR"
    _pg_as_owner "$_PG_BIN/initdb" -D "$_PG_DIR/data" -U newstally -A trust -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$_PG_DIR/initdb.log" 2>&1 \
        || { cat "$_PG_DIR/initdb.log" >&2; return 1; }
    # No TCP at all: the socket lives in the private directory. Durability is not wanted here.
    # (pg_ctl hands -o to a shell line: keep it on one line.)
    local _PG_FAST="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if ! _pg_as_owner "$_PG_BIN/pg_ctl" -D "$_PG_DIR/data" -l "$_PG_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses='' -k $_PG_DIR -c unix_socket_permissions=0700 $_PG_FAST" \
        start </dev/null >/dev/null; then
        cat "$_PG_DIR/server.log" >&2
        return 1
    fi
    export NEWSTALLY_TEST_POSTGRES="postgresql://newstally@/postgres?host=$_PG_DIR"
}
