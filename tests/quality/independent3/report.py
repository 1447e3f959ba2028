#!/usr/bin/env python3
"""Join `palisade eval` decisions to the generator's labels and print markdown tables.

    python3 report.py --input traffic.jsonl --decisions decisions.jsonl [--title T]

Per population: requests and accounts, and how many were enforced (throttle or stronger; `would_action` in shadow
mode); benign accounts challenged or blocked. Then, per population, which detectors (score >= 0.5) fired on the
enforced benign accounts and on the missed campaign accounts (counts of accounts).
"""

import argparse
import json

ENFORCED = {"throttle", "challenge", "block"}
HARD = {"challenge", "block"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--decisions", required=True)
    ap.add_argument("--title", default="")
    a = ap.parse_args()

    meta = {}
    with open(a.input, encoding="utf-8") as f:
        for line in f:
            x = json.loads(line)
            meta[x["id"]] = (x.get("label", "unlabelled"), x["account"]["id"])

    req_n, req_enf = {}, {}
    acc_all, acc_enf, acc_hard = {}, {}, {}
    fired = {}  # (label, account) -> set of detectors >= 0.5 on any request
    fired_enf = {}  # (label, account) -> set of detectors >= 0.5 on enforced requests
    errors = 0
    with open(a.decisions, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if "error" in d or d.get("id") not in meta:
                errors += 1
                continue
            label, acct = meta[d["id"]]
            action = d.get("would_action") or d.get("action", "allow")
            req_n[label] = req_n.get(label, 0) + 1
            acc_all.setdefault(label, set()).add(acct)
            names = {det["name"] for det in d.get("detectors", []) if det.get("score", 0) >= 0.5}
            fired.setdefault((label, acct), set()).update(names)
            if action in ENFORCED:
                req_enf[label] = req_enf.get(label, 0) + 1
                acc_enf.setdefault(label, set()).add(acct)
                fired_enf.setdefault((label, acct), set()).update(names)
            if action in HARD:
                acc_hard.setdefault(label, set()).add(acct)

    def pct(k, n):
        return f"{100.0 * k / n:.1f}%" if n else "-"

    if a.title:
        print(f"### {a.title}\n")
    print("| population | requests | enforced req | share | accounts | enforced acc | share |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label in sorted(req_n, key=lambda s: (not s.startswith("benign"), s)):
        n, e = req_n[label], req_enf.get(label, 0)
        an, ae = len(acc_all[label]), len(acc_enf.get(label, ()))
        print(f"| {label} | {n} | {e} | {pct(e, n)} | {an} | {ae} | {pct(ae, an)} |")
    for side in ("benign", "campaign"):
        labels = [l for l in req_n if l.startswith(side)]
        n = sum(req_n[l] for l in labels)
        e = sum(req_enf.get(l, 0) for l in labels)
        an = sum(len(acc_all[l]) for l in labels)
        ae = sum(len(acc_enf.get(l, ())) for l in labels)
        print(f"| **all {side}** | {n} | {e} | {pct(e, n)} | {an} | {ae} | {pct(ae, an)} |")
    hard = sum(len(acc_hard.get(l, ())) for l in req_n if l.startswith("benign"))
    print(f"\nbenign accounts challenged or blocked: {hard}" + (f"; undecided/error lines: {errors}" if errors else ""))

    print("\n| population | accounts | detectors >= 0.5 (accounts) |")
    print("|---|---:|---|")
    for label in sorted(req_n, key=lambda s: (not s.startswith("benign"), s)):
        if label.startswith("benign"):
            accts = acc_enf.get(label, set())
            src, what = fired_enf, "enforced"
        else:
            accts = acc_all[label] - acc_enf.get(label, set())
            src, what = fired, "missed"
        if not accts:
            continue
        counts = {}
        for acct in accts:
            for name in src.get((label, acct), ()):
                counts[name] = counts.get(name, 0) + 1
        shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))) or "(none)"
        print(f"| {label} ({what}) | {len(accts)} | {shown} |")
    print()


if __name__ == "__main__":
    main()
