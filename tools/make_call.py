#!/usr/bin/env python3
"""Turns a written call script (seeds/calls/*.script.txt) into a recorded call: Vosk result JSON lines with
word timings, tagged with speaker, exactly as the agent records a live call. Deterministic (fixed seed).

  python3 tools/make_call.py seeds/calls/demo.script.txt > seeds/calls/demo.jsonl
"""
import json
import random
import sys

rng = random.Random(20261128)


def word_seconds(word):
    # ~150 words a minute, longer words take longer
    return 0.22 + 0.045 * len(word) + rng.uniform(-0.04, 0.06)


def main(path):
    t = 0.0
    for raw in open(path, encoding="utf-8"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        speaker, pause, text = [part.strip() for part in line.split("|", 2)]
        t += float(pause)
        words = []
        for w in text.split():
            d = word_seconds(w)
            words.append({"conf": round(rng.uniform(0.82, 1.0), 6), "end": round(t + d, 2), "start": round(t, 2), "word": w})
            t += d + rng.uniform(0.02, 0.12)
        # partial results as Vosk sends them while the utterance grows (every few words), then the final
        for k in range(3, len(words), 4):
            part = words[:k]
            print(json.dumps({"speaker": speaker, "partial": " ".join(w["word"] for w in part), "partial_result": part}))
        print(json.dumps({"speaker": speaker, "result": words, "text": " ".join(w["word"] for w in words)}))


if __name__ == "__main__":
    main(sys.argv[1])
