#!/usr/bin/env bash
# Same load, same run: our server (its own process, storing every event) against the reference ws relay on
# Node.js (fan-out only). Loopback only; each step is bounded; both servers are stopped at the end.
# Usage: bash bench/compare-relay.sh [agents] [overlays] [rates] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
agents=${1:-1000}; overlays=${2:-1000}; rates=${3:-1000,2000,4000,8000}; seconds=${4:-8}
(cd bench/ws-relay && npm install --no-audit --no-fund --silent)
data=$(mktemp -d)
cleanup() { kill "${ours:-}" "${relay:-}" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

# the server runs with the JVM flags README.md recommends (bench/server-flags.sh); PM_SERVER_JAVA_OPTS overrides them
source bench/server-flags.sh
java $server_opts -jar agent/target/pressure-monitor.jar server --no-auth --port 0 --data "$data" --max-connections-per-address $((2 * (agents + overlays) + 100)) > "$data/ours.out" 2>/dev/null &
ours=$!
node bench/ws-relay/relay.js 0 > "$data/relay.out" &
relay=$!
for _ in $(seq 1 100); do grep -q "ws://" "$data/ours.out" 2>/dev/null && grep -q "ws://" "$data/relay.out" 2>/dev/null && break; sleep 0.1; done
ours_url=$(grep -o 'ws://[0-9.]*:[0-9]*' "$data/ours.out" | head -1)
relay_url=$(grep -o 'ws://[0-9.]*:[0-9]*' "$data/relay.out" | head -1)

uptime
echo "## Pressure Monitor server ($ours_url, pid $ours, java $server_opts)"
# a load run that fails (a step that cannot connect on a busy machine) says why and leaves the other target's run
java -Xmx2g -cp bench/target/benchmarks.jar dev.pressuremonitor.bench.LoadTool "$agents" "$overlays" "$rates" "$seconds" "$ours_url" "$ours" 2>"$data/ours.err" \
  || { echo "load run against our server failed:"; grep -v '^\s*at ' "$data/ours.err" | tail -3; }
echo
echo "## Reference relay: Node.js $(node --version) + ws ($relay_url, pid $relay)"
java -Xmx2g -cp bench/target/benchmarks.jar dev.pressuremonitor.bench.LoadTool "$agents" "$overlays" "$rates" "$seconds" "$relay_url" "$relay" 2>"$data/relay.err" \
  || { echo "load run against the relay failed:"; grep -v '^\s*at ' "$data/relay.err" | tail -3; }
uptime
