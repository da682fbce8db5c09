#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the test suite and print its URL.
#
#   eval "$(scripts/start-postgres.sh)"     # exports NEWSGRAPH_TEST_POSTGRES_URL
#
# Installs nothing: PostgreSQL (Debian's postgresql-15 or `postgresql`) must be installed.
# Run as root: the server runs as the `postgres` user through runuser, in a fresh data
# directory under /tmp, on a free loopback port, trusting local connections only.
# Stop it with: runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA" stop  (paths printed on stderr).
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
    echo "start-postgres: no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql-15)" >&2
    exit 1
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "start-postgres: run as root (the server itself runs as the postgres user)" >&2
    exit 1
fi

DATA=$(mktemp -d /tmp/newsgraph-pg.XXXXXX)
chown postgres:postgres "$DATA"
chmod 700 "$DATA"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
DB=newsgraph_test

runuser -u postgres -- "$PG_BIN/initdb" --pgdata="$DATA/data" --auth=trust --username=postgres \
    --encoding=UTF8 --locale=C.UTF-8 >"$DATA/initdb.log" 2>&1 \
    || { cat "$DATA/initdb.log" >&2; exit 1; }
# Sockets live in the data dir too, so nothing outside it is touched.
runuser -u postgres -- "$PG_BIN/pg_ctl" --pgdata="$DATA/data" --log="$DATA/server.log" --wait \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA -c fsync=off" start >"$DATA/pg_ctl.log" 2>&1 \
    || { cat "$DATA/pg_ctl.log" "$DATA/server.log" >&2; exit 1; }
runuser -u postgres -- "$PG_BIN/createdb" --host=127.0.0.1 --port="$PORT" --username=postgres "$DB"

echo "start-postgres: data in $DATA/data, stop with: runuser -u postgres -- $PG_BIN/pg_ctl -D $DATA/data stop" >&2
echo "export NEWSGRAPH_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$PORT/$DB"
