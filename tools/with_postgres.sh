#!/usr/bin/env bash
# Run CMD... against a throwaway PostgreSQL cluster: initdb in a temporary directory as a non-root
# user, pg_ctl start on a free loopback port, CMD with REFRESH_DATABASE_URL set, then stop and remove.
#   tools/with_postgres.sh .venv/bin/pytest -q -m "not browser"
# Exit code: CMD's. Without PostgreSQL's binaries it prints why and exits 77 ("skipped").
set -euo pipefail

find_bin() {
    local name=$1 dir
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/$name" ] && { echo "$dir/$name"; return 0; }
    done
    return 1
}

if ! INITDB=$(find_bin initdb) || ! PG_CTL=$(find_bin pg_ctl); then
    echo "SKIPPED the PostgreSQL pass: initdb/pg_ctl not found (apt-get install postgresql)." >&2
    exit 77
fi

WORK=$(mktemp -d /tmp/pulse-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RUN_AS=()
if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to nobody.
    chown nobody "$WORK"
    RUN_AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

cleanup() {
    "${RUN_AS[@]}" "$PG_CTL" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

"${RUN_AS[@]}" "$INITDB" -D "$WORK/data" -U pulse --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; exit 1; }
"${RUN_AS[@]}" "$PG_CTL" -D "$WORK/data" -l "$WORK/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$WORK -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
    || { cat "$WORK/server.log" >&2; exit 1; }

export REFRESH_DATABASE_URL="postgresql://pulse@127.0.0.1:$PORT/postgres"
echo "PostgreSQL ($("$PG_CTL" --version)) on 127.0.0.1:$PORT (throwaway, $WORK)" >&2
set +e
"$@"
code=$?
set -e
exit $code
