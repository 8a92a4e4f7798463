#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 as the postgres user; print the exports.
# Usage: eval "$(bash .ci/pg_up.sh)"
set -euo pipefail
PGBIN="$(pg_config --bindir)"
PGPORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
PGROOT="$(mktemp -d /tmp/jianfu-pg.XXXXXX)"
chown postgres:postgres "$PGROOT"
cd "$PGROOT"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 \
  --locale=C.UTF-8 >"$PGROOT/initdb.log"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >&2
runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres jianfu_test
echo "export PGROOT=$PGROOT PGBIN=$PGBIN PGPORT=$PGPORT"
echo "export JIANFU_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:$PGPORT/jianfu_test"
