#!/usr/bin/env python3
"""Join `palisade eval` decisions to the generator's labels and print markdown tables.

    python3 report.py TRAFFIC.jsonl DECISIONS.jsonl [TITLE]
    python3 report.py --combine OUT_DIR      # one table, accounts enforced per population in every run of OUT_DIR

Per population: requests and accounts enforced (throttle or stronger; `would_action` in shadow mode), benign accounts
challenged or blocked; then, per population, which detectors (score >= 0.5) fired on enforced benign accounts and on
missed campaign accounts, counted in accounts.
"""

import collections
import json
import sys

ENFORCING = {"throttle", "challenge", "block", "deny"}
HARD = {"challenge", "block", "deny"}


def main(traffic, decisions, title=""):
    meta = {}
    with open(traffic, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            meta[r["id"]] = (r.get("label", "unlabelled"), r["account"]["id"])
    reqs = collections.Counter()
    req_enf = collections.Counter()
    accounts = collections.defaultdict(set)
    acc_enf = collections.defaultdict(set)
    acc_hard = collections.defaultdict(set)
    fired = collections.defaultdict(lambda: collections.defaultdict(set))  # (label, account) -> detector -> enforced?
    errors = 0
    with open(decisions, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if "error" in d or d.get("id") not in meta:
                errors += 1
                continue
            label, acct = meta[d["id"]]
            action = d.get("would_action") or d.get("action", "allow")
            reqs[label] += 1
            accounts[label].add(acct)
            if action in ENFORCING:
                req_enf[label] += 1
                acc_enf[label].add(acct)
            if action in HARD:
                acc_hard[label].add(acct)
            for det in d.get("detectors", []):
                if det.get("score", 0) >= 0.5:
                    fired[(label, acct)][det["name"]].add(action in ENFORCING)

    def pct(a, b):
        return f"{100.0 * a / b:.1f}%" if b else "-"

    print(f"### {title}\n" if title else "", end="")
    print("| population | requests | req enforced | accounts | acct enforced | acct challenged/blocked |")
    print("|---|---:|---:|---:|---:|---:|")
    for label in sorted(reqs):
        hard = f"{len(acc_hard[label])}" if label.startswith("benign") else ""
        print(f"| {label} | {reqs[label]} | {pct(req_enf[label], reqs[label])} | {len(accounts[label])} | "
              f"{len(acc_enf[label])} ({pct(len(acc_enf[label]), len(accounts[label]))}) | {hard} |")
    ben = [k for k in reqs if k.startswith("benign")]
    cam = [k for k in reqs if not k.startswith("benign")]
    ben_acc = sum(len(accounts[k]) for k in ben)
    cam_acc = sum(len(accounts[k]) for k in cam)
    print(f"| **all benign** | {sum(reqs[k] for k in ben)} | {pct(sum(req_enf[k] for k in ben), sum(reqs[k] for k in ben))} | {ben_acc} | "
          f"{sum(len(acc_enf[k]) for k in ben)} ({pct(sum(len(acc_enf[k]) for k in ben), ben_acc)}) | {sum(len(acc_hard[k]) for k in ben)} |")
    print(f"| **all campaigns** | {sum(reqs[k] for k in cam)} | {pct(sum(req_enf[k] for k in cam), sum(reqs[k] for k in cam))} | {cam_acc} | "
          f"{sum(len(acc_enf[k]) for k in cam)} ({pct(sum(len(acc_enf[k]) for k in cam), cam_acc)}) | |")
    if errors:
        print(f"\n{errors} decision lines were errors or unmatched.")

    print("\nDetectors (score >= 0.5) on enforced benign accounts (on their enforced requests) and on missed campaign "
          "accounts (any request), in accounts:\n")
    for label in sorted(reqs):
        counts = collections.Counter()
        benign = label.startswith("benign")
        for acct in accounts[label]:
            enforced = acct in acc_enf[label]
            if benign != enforced:
                continue  # benign: only enforced accounts; campaign: only missed ones
            for name, flags in fired.get((label, acct), {}).items():
                if not benign or True in flags:
                    counts[name] += 1
        subject = "enforced" if benign else "missed"
        n = len(acc_enf[label]) if benign else len(accounts[label]) - len(acc_enf[label])
        if n:
            body = ", ".join(f"{k} {v}" for k, v in counts.most_common()) or "none"
            print(f"- {label} ({n} {subject}): {body}")
    print()


def combine(out_dir):
    """One table over every run in OUT: per population, accounts enforced (benign: challenged/blocked count), then requests."""
    import glob
    import os
    runs = []
    for traffic in sorted(glob.glob(os.path.join(out_dir, "traffic-*.jsonl"))):
        tag = os.path.basename(traffic)[len("traffic-"):-len(".jsonl")]
        decisions = os.path.join(out_dir, f"decisions-{tag}.jsonl")
        if not os.path.exists(decisions):
            continue
        acct = {}
        with open(traffic, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                acct[r["id"]] = (r.get("label", "unlabelled"), r["account"]["id"])
        seen, enf, hard = collections.defaultdict(set), collections.defaultdict(set), collections.defaultdict(set)
        nreq, nenf = collections.Counter(), collections.Counter()
        with open(decisions, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d.get("id") not in acct:
                    continue
                label, a = acct[d["id"]]
                action = d.get("would_action") or d.get("action", "allow")
                seen[label].add(a)
                nreq[label] += 1
                if action in ENFORCING:
                    enf[label].add(a)
                    nenf[label] += 1
                if action in HARD:
                    hard[label].add(a)
        runs.append((tag, seen, enf, hard, nreq, nenf))
    labels = sorted({k for r in runs for k in r[1]})
    print("| accounts enforced (challenged/blocked) / requests enforced | " + " | ".join(r[0] for r in runs) + " |")
    print("|---|" + "---:|" * len(runs))
    for label in labels:
        cells = []
        for _, s, e, h, nr, ne in runs:
            n = len(s[label])
            cell = f"{100.0 * len(e[label]) / n:.1f}%" if n else "-"
            if label.startswith("benign") and h[label]:
                cell += f" ({len(h[label])})"
            if n:
                cell += f" / {100.0 * ne[label] / nr[label]:.1f}%"
            cells.append(cell)
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--combine"]:
        combine(sys.argv[2])
    else:
        main(*sys.argv[1:4])
