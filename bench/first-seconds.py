#!/usr/bin/env python3
"""Each reported step's first seconds, 100 ms at a time, beside the server's collections.

Usage: python3 bench/first-seconds.py LOAD_DUMP [GC_LOG]
LOAD_DUMP: written by LoadTool run with -Dpm.load.firstSeconds=FILE.
GC_LOG: the server's -Xlog:gc:file=FILE:timemillis (optional).
Prints, per step and per 100 ms of send time, the events' p99 and max latency, then the collections that began
from 2 s before the step to 3 s into it, in ms from the step's start.
"""
import re
import sys
from collections import defaultdict


def main(dump, gc_log=None):
    steps, events = [], defaultdict(list)
    with open(dump) as f:
        for line in f:
            p = line.split()
            if p[0] == "STEP":
                steps.append((int(p[1]), int(p[2])))
            else:
                events[int(p[0])].append((int(p[1]), int(p[2])))
    pauses = []
    if gc_log:
        with open(gc_log) as f:
            for line in f:
                m = re.match(r"\[(\d+)ms\].*(Pause \w+).*?([0-9.]+)ms$", line.strip())
                if m:
                    pauses.append((int(m.group(1)), m.group(2), float(m.group(3))))
    for rate, t0 in steps:
        print(f"step {rate} events/s: 100 ms of send time, p99 / max ms (events)")
        for k in range(30):
            lat = sorted(l for o, l in events[rate] if k * 100_000 <= o < (k + 1) * 100_000)
            if lat:
                print(f"  {k * 100:5d} ms  {lat[int(len(lat) * 0.99)] / 1000:7.1f} / {lat[-1] / 1000:7.1f}  ({len(lat)})")
        for t, kind, ms in pauses:
            if t0 - 2000 <= t <= t0 + 3000:
                print(f"  collection at {t - t0:+6d} ms: {kind}, {ms:.1f} ms")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(*sys.argv[1:])
