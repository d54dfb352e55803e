#!/usr/bin/env bash
# One server on PostgreSQL (the several-servers set-up, one server of it) under LoadTool's load, and what PostgreSQL
# absorbed meanwhile: commits, rows, bytes on disk and WAL per stored event, and its CPU. Loopback only, bounded,
# stops by itself. Needs Debian's PostgreSQL running (source .ci/postgres.sh start) and this script run as root
# (it makes a fresh database 'pm_bench' as the postgres user and reads /proc).
# Usage: bash bench/one-server-postgres.sh [agents] [overlays] [rates] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
agents=${1:-1000}; overlays=${2:-1000}; rates=${3:-260,1000,2000,4000}; seconds=${4:-8}
db=pm_bench
if ! su postgres -c "dropdb --if-exists $db" || ! su postgres -c "createdb -O pm $db"; then
  echo "cannot make a fresh database $db (is another run or a StoreBench still using it?)" >&2; exit 1
fi
jdbc="jdbc:postgresql://127.0.0.1:5432/$db?user=pm&password=pm"
pg="postgresql://pm:pm@127.0.0.1:5432/$db"
q() { psql "$pg" -Atc "$1"; }
ticks() { # CPU ticks (user + system) of the given processes
  local t=0; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"
}
pgpids() { pgrep -d' ' -x postgres || true; }
out=$(mktemp -d)
cleanup() { kill "${server:-}" 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT

# the server runs with the JVM flags README.md recommends (bench/server-flags.sh); PM_SERVER_JAVA_OPTS overrides them
source bench/server-flags.sh
# shellcheck disable=SC2086
java $server_opts -jar agent/target/pressure-monitor.jar server --no-auth --port 0 --db "$jdbc" \
  --max-connections-per-address $((2 * (agents + overlays) + 100)) > "$out/server.out" 2>/dev/null &
server=$!
for _ in $(seq 1 300); do grep -q "ws://" "$out/server.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'ws://[0-9.]*:[0-9]*' "$out/server.out" | head -1)

stats="SELECT xact_commit, tup_inserted FROM pg_stat_database WHERE datname = '$db'"
read -r c0 i0 < <(q "$stats" | tr '|' ' ')
w0=$(q "SELECT pg_current_wal_lsn() - '0/0'"); t0=$(ticks $(pgpids)); s0=$(date +%s.%N)

echo "## One server on PostgreSQL ($url, pid $server): $agents agents, $overlays overlays"
java -Xmx2g -cp bench/target/benchmarks.jar dev.pressuremonitor.bench.LoadTool "$agents" "$overlays" "$rates" "$seconds" "$url" "$server" 2>/dev/null

s1=$(date +%s.%N); t1=$(ticks $(pgpids)); w1=$(q "SELECT pg_current_wal_lsn() - '0/0'")
read -r c1 i1 < <(q "$stats" | tr '|' ' ')
events=$(q "SELECT count(*) FROM events"); calls=$(q "SELECT count(*) FROM calls")
bytes=$(q "SELECT pg_total_relation_size('events') + pg_total_relation_size('alerts') + pg_total_relation_size('calls')")
hz=$(getconf CLK_TCK)
echo
elapsed=$(echo "$s1 - $s0" | bc)
echo "## What PostgreSQL absorbed: $events events in $calls calls stored in $(printf '%.0f' "$elapsed") s, $(echo "$events / $elapsed" | bc) events/s"
echo "(LoadTool does not resend: events still queued in the server's writer when it stops are not counted)"
echo "| per stored event | commits | rows inserted | bytes on disk (tables + indexes) | WAL bytes (whole cluster) | PostgreSQL CPU ms |"
echo "|---|---|---|---|---|---|"
echo "$events $((c1 - c0)) $((i1 - i0)) $bytes $((w1 - w0)) $((t1 - t0)) $hz" | awk '{printf "| | %.3f | %.2f | %.0f | %.0f | %.3f |\n", $2/$1, $3/$1, $4/$1, $5/$1, $6*1000/$7/$1}'
