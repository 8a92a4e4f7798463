#!/usr/bin/env bash
# Stop the server started by pg_up.sh and remove its files.
set -u
[ -n "${PGROOT:-}" ] && [ -d "$PGROOT" ] || exit 0
cd /
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >&2 || true
rm -rf "$PGROOT"
