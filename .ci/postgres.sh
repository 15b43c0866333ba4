# Sourced by .ci/run: a PostgreSQL server for the ledger test (PostgresLedgerTest). Uses the machine's PostgreSQL,
# installing it from Debian's packages when it is missing; a throwaway database and a random password per run.
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main >/dev/null
fi
set -- $(pg_lsclusters -h | head -1)
pg_ctlcluster "$1" "$2" start 2>/dev/null || true
PG_PORT=${3:-5432}
PG_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
su postgres -c "PGOPTIONS=--client-min-messages=warning psql -p $PG_PORT -qc 'DROP DATABASE IF EXISTS gpm2dv_ci' -c 'DROP ROLE IF EXISTS gpm2dv_ci' \
  -c \"CREATE ROLE gpm2dv_ci LOGIN PASSWORD '$PG_PASSWORD'\" -c 'CREATE DATABASE gpm2dv_ci OWNER gpm2dv_ci'" >/dev/null
export GPM2DV_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/gpm2dv_ci"
export GPM2DV_TEST_POSTGRES_USER=gpm2dv_ci GPM2DV_TEST_POSTGRES_PASSWORD="$PG_PASSWORD"
