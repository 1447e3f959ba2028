#!/usr/bin/env python3
"""Join `palisade eval` decisions to the generator's labels and accounts; print markdown tables.

Usage: analyse.py INPUT.jsonl DECISIONS.jsonl [TITLE]

Per population: requests and accounts enforced (throttle or stronger), benign accounts challenged or blocked; then,
per population, which detectors (score >= 0.5) fired on enforced benign accounts and on missed campaign accounts
(account counts), to find signals that do not generalise.
"""

import collections
import json
import sys

ENFORCE = {"throttle", "challenge", "block"}
HARD = {"challenge", "block"}
FIRE = 0.5


def load(inp, dec):
    meta = {}
    with open(inp, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            meta[r["id"]] = (r["label"], r["account"]["id"], r.get("meta") or {})
    rows = []
    with open(dec, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if "error" in d and "action" not in d:
                continue
            label, acct, m = meta.get(d.get("id"), ("?", "?", {}))
            action = d.get("would_action") or d.get("action", "allow")
            fired = {x["name"] for x in d.get("detectors", []) if (x.get("score") or 0) >= FIRE}
            rules = {x if isinstance(x, str) else x.get("name", "?") for x in d.get("rules", [])}
            rows.append((label, acct, action, fired, m, rules))
    return rows


def main():
    inp, dec = sys.argv[1], sys.argv[2]
    title = sys.argv[3] if len(sys.argv) > 3 else dec
    rows = load(inp, dec)
    req = collections.Counter()
    req_enf = collections.Counter()
    accts = collections.defaultdict(set)
    enf_accts = collections.defaultdict(set)
    hard_accts = collections.defaultdict(set)
    fired_enforced = collections.defaultdict(lambda: collections.defaultdict(set))  # label -> acct -> detectors
    fired_any = collections.defaultdict(lambda: collections.defaultdict(set))
    by_cell = collections.defaultdict(lambda: [0, 0])  # (intent, lang) -> [enforced, total]
    by_place = collections.defaultdict(lambda: [0, 0])  # (intent, placement)
    benign_rules = collections.defaultdict(collections.Counter)
    for label, acct, action, fired, m, rules in rows:
        if m.get("intent"):
            cell = by_cell[(m["intent"], m.get("lang", "-"))]
            place = by_place[(m["intent"], m.get("in", "-"))]
            cell[1] += 1
            place[1] += 1
            if action in ENFORCE:
                cell[0] += 1
                place[0] += 1
        if label.startswith("benign") and action in ENFORCE:
            benign_rules[label].update(rules)
        req[label] += 1
        accts[label].add(acct)
        fired_any[label][acct] |= fired
        if action in ENFORCE:
            req_enf[label] += 1
            enf_accts[label].add(acct)
            fired_enforced[label][acct] |= fired
        if action in HARD:
            hard_accts[label].add(acct)

    def pct(a, b):
        return f"{100.0 * a / b:.1f}%" if b else "-"

    print(f"\n### {title}\n")
    print("| population | requests | enforced req | accounts | enforced accts | challenged/blocked accts |")
    print("|---|---:|---:|---:|---:|---:|")
    for group in ("benign", "campaign"):
        labels = sorted(label for label in req if label.split(":")[0] == group)
        tr = te = ta = tea = tha = 0
        for label in labels:
            na, nea, nha = len(accts[label]), len(enf_accts[label]), len(hard_accts[label])
            print(f"| {label} | {req[label]} | {req_enf[label]} ({pct(req_enf[label], req[label])}) | {na} | "
                  f"{nea} ({pct(nea, na)}) | {nha if group == 'benign' else '-'} |")
            tr, te, ta, tea, tha = tr + req[label], te + req_enf[label], ta + na, tea + nea, tha + nha
        if labels:
            print(f"| **all {group}** | {tr} | {te} ({pct(te, tr)}) | {ta} | {tea} ({pct(tea, ta)}) | "
                  f"{tha if group == 'benign' else '-'} |")

    print("\nDetectors (score >= 0.5) on enforced benign accounts / on missed campaign accounts (account counts):\n")
    for label in sorted(req):
        if label.startswith("benign"):
            per = fired_enforced[label]
            kind = "enforced"
        else:
            per = {a: fired_any[label][a] for a in accts[label] if a not in enf_accts[label]}
            kind = "missed"
        if not per:
            continue
        c = collections.Counter(d for s in per.values() for d in s)
        none = sum(1 for s in per.values() if not s)
        det = ", ".join(f"{k} {v}" for k, v in c.most_common())
        rl = ", ".join(f"{k} {v}" for k, v in benign_rules[label].most_common()) if label.startswith("benign") else ""
        print(f"- {label} ({len(per)} {kind}): {det or '-'}{f'; none fired: {none}' if none else ''}"
              f"{f' (rules on enforced requests: {rl})' if rl else ''}")

    print("\nDetectors (score >= 0.5) on enforced campaign accounts (account counts):\n")
    for label in sorted(req):
        if not label.startswith("campaign"):
            continue
        per = fired_enforced[label]
        c = collections.Counter(d for s in per.values() for d in s)
        print(f"- {label} ({len(per)} enforced): {', '.join(f'{k} {v}' for k, v in c.most_common()) or '-'}")

    if by_cell:
        langs = sorted({lang for _, lang in by_cell})
        intents = sorted({i for i, _ in by_cell})
        print("\nCampaign requests enforced, by intent × language (enforced/total; all families):\n")
        print("| intent | " + " | ".join(langs) + " | in system prompt | in user prompt |")
        print("|---|" + "---:|" * (len(langs) + 2))
        for i in intents:
            cells = [f"{by_cell[(i, lang)][0]}/{by_cell[(i, lang)][1]}" if by_cell[(i, lang)][1] else "" for lang in langs]
            sp, up = by_place[(i, "system")], by_place[(i, "prompt")]
            cells += [f"{sp[0]}/{sp[1]}" if sp[1] else "", f"{up[0]}/{up[1]}" if up[1] else ""]
            print(f"| {i} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
