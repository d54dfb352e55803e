#!/usr/bin/env python3
"""Labelled lines for `eval`, rewritten as transcripts and notes often write speech, to measure how much of the
detector's hearing depends on the surface of the words. Each variant starts from the line as Vosk gives it (lower
case, no punctuation) except `no-apostrophes`, which only drops apostrophes. Deterministic (seeded); labels and the
prospect's words are kept.

  spoken          the line as Vosk gives it, nothing more (what the others are compared with)
  no-apostrophes  "don't" -> "dont", "we're" -> "were", "let's" -> "lets"
  restarts        a twentieth of the words said twice ("i i think")
  you-know        "you know" or "i mean" before a twentieth of the words
  like            "like" after half the forms of "be" ("we're like the only ones")
  hesitations     "uh" or "um" before about 6% of the words
  homophones      half of the sound-alikes swapped ("you're"/"your", "there"/"their", "to"/"too")

Run: python3 tools/make_surface_variants.py test restarts > /tmp/restarts.jsonl      (the held-out test domains)
     python3 tools/make_surface_variants.py dev no-apostrophes > /tmp/bare.jsonl     (every other domain)
     java -jar agent/target/pressure-monitor.jar eval /tmp/restarts.jsonl"""
import json, os, random, re, sys

KINDS = ("spoken", "no-apostrophes", "restarts", "you-know", "like", "hesitations", "homophones")
if len(sys.argv) != 3 or sys.argv[1] not in ("test", "dev") or sys.argv[2] not in KINDS:
    sys.exit(__doc__)
split, kind = sys.argv[1], sys.argv[2]
corpus = "seeds/corpus"
held = set(json.load(open(f"{corpus}/split.json"))["test"])
domains = sorted(f[:-len(".jsonl")] for f in os.listdir(f"{corpus}/domains") if f.endswith(".jsonl"))
domains = [d for d in domains if (d in held) == (split == "test")]
rng = random.Random(7)
BE = {"is", "are", "was", "were", "am", "it's", "that's", "we're", "you're", "they're", "i'm", "he's", "she's", "there's"}
SOUND_ALIKE = {"your": "you're", "you're": "your", "there": "their", "their": "there", "they're": "there",
               "its": "it's", "it's": "its", "to": "too", "too": "to", "then": "than", "than": "then",
               "know": "no", "no": "know", "we're": "were", "were": "we're", "right": "write", "here": "hear",
               "hear": "here", "by": "buy", "buy": "by", "wait": "weight"}


def spoken(text):
    words = re.sub(r"[^a-z0-9'\s]+", " ", text.lower().replace("\u2019", "'")).split()
    # an apostrophe is kept only inside a word, as in the recogniser's vocabulary
    return [w if re.fullmatch(r"[a-z0-9]+'[a-z]+", w) else w.strip("'") for w in words]


def variant(text):
    if kind == "no-apostrophes":
        return text.replace("'", "").replace("\u2019", "")
    out = []
    words = spoken(text)
    for i, w in enumerate(words):
        if kind == "like":
            out.append(w)
            if w in BE and i + 1 < len(words) and rng.random() < 0.5:
                out.append("like")
            continue
        r = rng.random()
        if kind == "restarts" and r < 0.05:
            out.append(w)
        elif kind == "you-know" and r < 0.05:
            out.append(rng.choice(["you know", "i mean"]))
        elif kind == "hesitations" and r < 0.06:
            out.append(rng.choice(["uh", "um"]))
        elif kind == "homophones" and w in SOUND_ALIKE and r < 0.5:
            w = SOUND_ALIKE[w]
        out.append(w)
    return " ".join(out)


for domain in domains:
    for line in open(f"{corpus}/domains/{domain}.jsonl"):
        if not line.strip():
            continue
        row = json.loads(line)
        row["text"] = variant(row["text"])
        print(json.dumps(row, ensure_ascii=False))
