#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the tests and prints its DATABASE_URL.
# Installs Debian's postgresql when it is missing (CI runs as root on a clean machine).
# Usage: eval "$(bash scripts/start-postgres.sh)"  → exports VIGIE_TEST_DATABASE_URL
set -euo pipefail
PORT="${PGPORT_TEST:-55432}"
# Tests need no durability (fsync off, faster); a benchmark does: VIGIE_PG_FSYNC=on.
FSYNC="${VIGIE_PG_FSYNC:-off}"

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  echo "installing postgresql (apt)" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

DATA=$(mktemp -d /tmp/vigie-pg.XXXXXX)
# initdb refuses to run as root: the data directory belongs to the postgres user.
chown postgres "$DATA"
su postgres -s /bin/sh -c "$PGBIN/initdb -D $DATA -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $DATA -l $DATA/server.log -w -o '-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=$FSYNC' start >/dev/null"
su postgres -s /bin/sh -c "$PGBIN/createdb -h 127.0.0.1 -p $PORT -U postgres vigie_test"
echo "export VIGIE_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/vigie_test"
echo "export VIGIE_TEST_PGDATA=$DATA"
