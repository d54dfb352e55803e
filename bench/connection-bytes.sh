#!/usr/bin/env bash
# What one open connection keeps in the server's heap. The server runs with the recommended flags; LoadTool opens
# its agents and overlays and drives one step; a live-heap histogram is taken during the step and another after the
# sockets have closed. Classes whose count changed by a multiple of the connections (or of the calls, one per agent)
# are the connections' own state; everything else (compilation, reflection, a collection's timing) is left out and
# its total shown. Loopback only, bounded, stops by itself. Needs the JDK's jmap.
# Usage: bash bench/connection-bytes.sh [agents] [overlays] [seconds]   (PM_JAR=other.jar to measure another build)
set -euo pipefail
cd "$(dirname "$0")/.."
agents=${1:-1000}; overlays=${2:-1000}; seconds=${3:-6}
conns=$((agents + overlays))
data=$(mktemp -d)
cleanup() { kill "${server:-}" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

source bench/server-flags.sh
# shellcheck disable=SC2086
java $server_opts -jar "${PM_JAR:-agent/target/pressure-monitor.jar}" server --no-auth --port 0 --data "$data" \
  --max-connections-per-address $((conns + 100)) > "$data/server.out" 2>&1 &
server=$!
for _ in $(seq 1 100); do grep -q "ws://" "$data/server.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'ws://[0-9.]*:[0-9]*' "$data/server.out" | head -1)
[ -n "$url" ] || { echo "the server did not start: $(tail -3 "$data/server.out")" >&2; exit 1; }

port=${url##*:}
open_now() { ss -Htn state established "( sport = :$port )" | wc -l; }
until_open() { # waits (at most a minute) until the server's open connections are $1 $2
  for _ in $(seq 1 600); do [ "$(open_now)" "$1" "$2" ] && return 0; sleep 0.1; done
  echo "gave up waiting for $1 $2 open connections (now $(open_now))" >&2; return 1
}
# LoadTool runs a 3-second warm-up step, then the step of $seconds: the histogram is taken 2 s into the second
( until_open -ge "$conns" && until_open -lt $((conns / 2)) && until_open -ge "$conns" && sleep 2 \
    && jmap -histo:live "$server" > "$data/during.txt" ) &
histo=$!
java -Xmx2g -cp bench/target/benchmarks.jar dev.pressuremonitor.bench.LoadTool "$agents" "$overlays" 500 "$seconds" "$url" "$server" > /dev/null
wait "$histo"
sleep 2 # the sockets' close is seen by the server
jmap -histo:live "$server" > "$data/after.txt"

awk -v conns="$conns" -v calls="$agents" '
  function mult(d, n) { return d >= n - 2 && ((d % n) <= 2 || (n - d % n) <= 2) }
  FNR == NR && $1 ~ /^[0-9]+:$/ { c[$4] = $2; b[$4] = $3; next }
  $1 ~ /^[0-9]+:$/ { c[$4] -= $2; b[$4] -= $3 }
  END {
    for (k in c) {
      if (mult(c[k], conns) || mult(c[k], calls)) { kept += b[k]; if (b[k] >= 16 * conns) top[k] = b[k] } else other += b[k]
    }
    printf "%d connections (%d agents, %d overlays): %.0f bytes kept per connection; %.1f MB of other changes left out\n", conns, calls, conns - calls, kept / conns, other / 1e6
    n = 0; for (k in top) order[++n] = k
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (top[order[j]] > top[order[i]]) { t = order[i]; order[i] = order[j]; order[j] = t }
    for (i = 1; i <= n && i <= 15; i++) printf "  %6.0f bytes  %s\n", top[order[i]] / conns, order[i]
  }' "$data/during.txt" "$data/after.txt"
