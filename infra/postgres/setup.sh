#!/usr/bin/env bash
# Creates the tongban role and database (idempotent) by running setup.sql.
#
#   TONGBAN_POSTGRES_PASSWORD='…' PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres infra/postgres/setup.sh
#
# Connects as a superuser through the usual libpq variables (PGHOST, PGPORT,
# PGUSER, PGPASSWORD or ~/.pgpass, PGDATABASE default "postgres"). On a Debian
# host with the local cluster, as root:
#   TONGBAN_POSTGRES_PASSWORD='…' runuser -u postgres -- infra/postgres/setup.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${TONGBAN_POSTGRES_PASSWORD:?set TONGBAN_POSTGRES_PASSWORD to the password for the tongban PostgreSQL role}"

printf '[postgres/setup] %s\n' "connecting to ${PGHOST:-<socket>}:${PGPORT:-5432} as ${PGUSER:-$(id -un)}"
psql -X -q -v ON_ERROR_STOP=1 -v password="$TONGBAN_POSTGRES_PASSWORD" \
  -d "${PGDATABASE:-postgres}" -f "$HERE/setup.sql"
printf '[postgres/setup] %s\n' "role and database 'tongban' ready"
