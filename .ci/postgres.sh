#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback for the store tests and prints the JDBC URL they use.
# Usage: source .ci/postgres.sh start | bash .ci/postgres.sh stop
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
case "${1:-start}" in
  start)
    pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main restart
    for _ in $(seq 1 30); do
      su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
      sleep 1
    done
    su postgres -c "psql -qtAc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pm') THEN CREATE ROLE pm LOGIN PASSWORD 'pm'; END IF; END \\\$\\\$;\""
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'pm_test'\"" | grep -q 1 \
      || su postgres -c "createdb -O pm pm_test"
    export PM_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:5432/pm_test?user=pm&password=pm"
    ;;
  stop)
    pg_ctlcluster "$version" main stop || true
    ;;
esac
