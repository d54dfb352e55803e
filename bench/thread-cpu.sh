#!/usr/bin/env bash
# Where a process's CPU goes over time, by thread name: every INTERVAL seconds, one line with the clock ticks
# (1/100 s) each kind of thread used since the last line (threads of one name with a number are summed, e.g. the
# network threads). Reads /proc only (Linux); stops when the process does.
# Usage: bash bench/thread-cpu.sh PID [interval seconds, default 0.25] > threads.txt
set -euo pipefail
shopt -s extglob
pid=$1; interval=${2:-0.25}
[ -d "/proc/$pid" ] || { echo "no process $pid: give the pid of the server (shown by compare-relay.sh)" >&2; exit 2; }
start=$EPOCHREALTIME
declare -A last
while [ -d "/proc/$pid" ]; do
  declare -A used=()
  for stat in /proc/"$pid"/task/*/stat; do
    # read without a process of its own: the sampler must not take the processor it is measuring
    { read -r line < "$stat"; } 2>/dev/null || continue   # a thread that ended meanwhile
    name=${line#*\(}; name=${name%\)*}; name=${name%%+([0-9-])}; name=${name// /_}; name=${name:-thread}
    rest=${line##*) }; read -r -a f <<< "$rest"
    ticks=$(( f[11] + f[12] )); tid=${stat%/stat}; tid=${tid##*/}
    used[$name]=$(( ${used[$name]:-0} + ticks - ${last[$tid]:-$ticks} ))
    last[$tid]=$ticks
  done
  printf '%7.2f' "$(( ${EPOCHREALTIME/./} - ${start/./} ))e-6"
  for n in "${!used[@]}"; do [ "${used[$n]}" -gt 0 ] && printf ' %s=%d' "$n" "${used[$n]}"; done
  echo
  sleep "$interval"
done
