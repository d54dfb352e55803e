#!/usr/bin/env python3
"""Long turns for `eval`, made from labelled lines: each line said after one of its domain's no-pressure lines, and
half of them before another too, labelled as the line. A rep on a real call often says two or three sentences in one
breath, and the corpus holds one to three; this measures whether a pressing sentence is still heard among neutral ones.
--spoken writes them as Vosk gives them: lower case, no punctuation. Deterministic (seeded).

Run: python3 tools/make_long_turns.py test > /tmp/long.jsonl            (the held-out test domains)
     python3 tools/make_long_turns.py DOMAIN... --spoken > /tmp/long.jsonl
     java -jar agent/target/pressure-monitor.jar eval /tmp/long.jsonl"""
import json, random, re, sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
spoken = "--spoken" in sys.argv
if not args:
    sys.exit(__doc__)
corpus = "seeds/corpus"
domains = json.load(open(f"{corpus}/split.json"))["test"] if args == ["test"] else args
rng = random.Random(7)


def said(text):
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s']", " ", text.lower())).strip() if spoken else text


for domain in domains:
    rows = [json.loads(l) for l in open(f"{corpus}/domains/{domain}.jsonl") if l.strip()]
    none = [r["text"] for r in rows if r["label"] == "NONE"]
    for row in rows:
        before, after = rng.choice(none), rng.choice(none)
        if row["text"] in (before, after):
            continue
        turn = dict(row)
        turn["text"] = said(" ".join([before, row["text"]] + ([after] if rng.random() < 0.5 else [])))
        if turn.get("context"):
            turn["context"] = said(turn["context"])
        print(json.dumps(turn, ensure_ascii=False))
