"""Tone accuracy against hand annotation (see scripts/tone).

  tone.py score ANNOTATIONS   < edges.json   accuracy, macro-F1 and confusion table of the annotated items
  tone.py items [ANNOTATIONS] < edges.json   every evidence item as an annotation line (tone null),
                                              those already annotated keeping their tone

edges.json is `entente edges DIR --max-evidence 0 --format json`. An item is one piece of
evidence of an edge: (article, sentence, kind, source, target) and its text (the quote for
a quotation, else the sentence); a co-occurrence matches either way round. An annotated
item whose sentence index moved (the segmenter changed) still matches by its text.
"""
import json
import os
import sys

LABELS = [-1, 0, 1]
# TONE_MISSES=1: every item scored otherwise than annotated, on stderr.
SHOW = os.environ.get("TONE_MISSES") == "1"
# TONE_CUES=1: for every cue word, on stderr, how often the items it set were scored right.
CUES = os.environ.get("TONE_CUES") == "1"
NAME = {-1: "conflictual", 0: "neutral", 1: "cooperative"}


def evidence(graph):
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    out = []
    for e in graph["edges"]:
        s, t = names[e["source"]], names[e["target"]]
        for v in e["evidence"]:
            out.append((v["article"], v["sentence"], e["kind"], s, t, v.get("quote") or v["text"], v.get("tone", 0), v.get("tone_cues", [])))
    out.sort(key=lambda x: (x[0], x[1], x[2], x[3], x[4]))
    return out


def index(found):
    by_key, by_text = {}, {}
    for it in found:
        a, sent, kind, s, t, text = it[:6]
        pairs = [(s, t), (t, s)] if kind == "cooccurrence" else [(s, t)]
        for x, y in pairs:
            by_key.setdefault((a, sent, kind, x, y), []).append(it)
            by_text.setdefault((a, kind, x, y), []).append(it)
    return by_key, by_text


def match(item, by_key, by_text):
    key = (item["article"], item["sentence"], item["kind"], item["source"], item["target"])
    cands = [v for v in by_key.get(key, []) if item["text"] in v[5] or v[5] in item["text"]]
    if not cands:
        cands = [v for v in by_text.get(key[:1] + key[2:], []) if item["text"] in v[5] or v[5].startswith(item["text"][:60])]
    return cands[0] if cands else None


def macro_f1(confusion):
    """The mean over the three classes of each class's F1 (0 for a class neither annotated nor scored)."""
    f1 = []
    for l in LABELS:
        tp = confusion[(l, l)]
        scored = sum(confusion[(g, l)] for g in LABELS)
        gold = sum(confusion[(l, p)] for p in LABELS)
        f1.append(2 * tp / (scored + gold) if scored + gold else 0.0)
    return sum(f1) / len(f1)


def score(path, graph):
    items = json.load(open(path))["items"]
    by_key, by_text = index(evidence(graph))
    confusion = {(g, p): 0 for g in LABELS for p in LABELS}
    unmatched = []
    cues = {}
    for it in items:
        v = match(it, by_key, by_text)
        if v is None:
            unmatched.append(it)
            continue
        confusion[(it["tone"], v[6])] += 1
        for c in set(c.lower() for c in v[7]):
            right, wrong = cues.get(c, (0, 0))
            cues[c] = (right + 1, wrong) if it["tone"] == v[6] else (right, wrong + 1)
        if SHOW and it["tone"] != v[6]:
            print(f"miss: gold {it['tone']:+d} scored {v[6]:+d} {v[7]} | {it['source']} / {it['target']} ({it['kind']}): {it['text'][:300]}", file=sys.stderr)
    n = sum(confusion.values())
    right = sum(confusion[(l, l)] for l in LABELS)
    gold = {l: sum(confusion[(l, p)] for p in LABELS) for l in LABELS}
    print(f"items: {n}, unmatched: {len(unmatched)}")
    print(f"tone accuracy: {right / n:.3f} ({right}/{n})" if n else "tone accuracy: -")
    if n:
        print(f"all neutral: {gold[0] / n:.3f}")
        # Neutral dominates most text: how well the two stances themselves are found.
        for l in (-1, 1):
            scored = sum(confusion[(g, l)] for g in LABELS)
            p = f"{confusion[(l, l)] / scored:.2f}" if scored else "-"
            r = f"{confusion[(l, l)] / gold[l]:.2f}" if gold[l] else "-"
            print(f"{NAME[l]}: precision {p}, recall {r}")
        print(f"macro-F1: {macro_f1(confusion):.3f} (all neutral {macro_f1({(g, p): gold[g] if p == 0 else 0 for g in LABELS for p in LABELS}):.3f})")
    print()
    print("gold \\ scored".ljust(14) + "".join(NAME[p].rjust(13) for p in LABELS))
    for g in LABELS:
        print(NAME[g].ljust(14) + "".join(str(confusion[(g, p)]).rjust(13) for p in LABELS))
    if CUES:
        for c, (right, wrong) in sorted(cues.items(), key=lambda x: (-x[1][1], -x[1][0], x[0])):
            print(f"cue: {c!r} right {right} wrong {wrong}", file=sys.stderr)
    for it in unmatched:
        print(f"unmatched: {it['article']} sentence {it['sentence']} {it['source']} / {it['target']}: {it['text'][:80]}", file=sys.stderr)
    return len(unmatched)


def items(path, graph):
    known = json.load(open(path))["items"] if path else []
    found = evidence(graph)
    by_key, by_text = index(found)
    tone = {}
    for it in known:
        v = match(it, by_key, by_text)
        if v is not None:
            tone[v[:6]] = it["tone"]
    seen = set()
    for v in found:
        if v[:6] in seen:
            continue
        seen.add(v[:6])
        a, sent, kind, s, t, text = v[:6]
        line = {"article": a, "sentence": sent, "kind": kind, "source": s, "target": t, "text": text, "tone": tone.get(v[:6])}
        print(json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    mode, path = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
    graph = json.load(sys.stdin)
    if mode == "score":
        sys.exit(1 if score(path, graph) else 0)
    items(path, graph)
