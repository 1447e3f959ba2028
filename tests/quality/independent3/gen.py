#!/usr/bin/env python3
"""Independent traffic generator for Palisade (written from the public description only; see README.md here).

    python3 tests/quality/independent3/gen.py --seed 21 --scale 1 [--disperse] --output traffic.jsonl
    python3 tests/quality/independent3/gen.py --verified-orgs      # the organisation ids to add to verified-orgs

Deterministic for (seed, scale, disperse, days). Python 3 standard library only.
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import benign  # noqa: E402
import campaigns as C  # noqa: E402
import world as W  # noqa: E402


def n(scale, k):
    return max(1, round(k * scale))


def generate(seed, scale, disperse, days):
    """All requests, time-ordered, with ids assigned."""
    root = random.Random(seed)

    def rng():  # one independent stream per population, so adding one does not reshuffle the others
        return random.Random(root.getrandbits(64))

    idn = lambda: C.Ident(rng(), disperse)  # noqa: E731
    recs = []
    # benign majority
    recs += benign.casual(rng(), n(scale, 1000), days)
    recs += benign.students(rng(), n(scale, 320), days)
    recs += benign.teachers(rng(), n(scale, 70), days)
    recs += benign.researchers(rng(), n(scale, 70), days)
    recs += benign.editors(rng(), n(scale, 60), days)
    recs += benign.newbies(rng(), n(scale, 260), days)
    recs += benign.corp_nat(rng(), n(scale, 240), days)
    recs += benign.translators(rng(), n(scale, 18), days)
    recs += benign.developers(rng(), n(scale, 110), days)
    recs += benign.analysts(rng(), n(scale, 40), days)
    recs += benign.eval_harness(rng(), scale, days)
    recs += benign.batch(rng(), scale, days)
    recs += benign.support(rng(), scale, days)
    # campaigns
    recs += C.pool(rng(), idn(), "cot", ["cot"], n(scale, 36), n(scale, 3600), days)
    recs += C.pool(rng(), idn(), "rubric", ["rubric"], n(scale, 24), n(scale, 2400), days, hours=(1, 15))
    recs += C.pool(rng(), idn(), "safe-rewrite", ["rewrite"], n(scale, 20), n(scale, 1800), days)
    recs += C.pool(rng(), idn(), "datagen", ["datagen"], n(scale, 20), n(scale, 1800), days, hours=(0, 12))
    recs += C.low_slow(rng(), idn(), n(scale, 900), days)
    recs += C.mimicry(rng(), idn(), n(scale, 48), days)
    recs += C.agentic(rng(), idn(), n(scale, 30), n(scale, 3200), days)
    recs += C.hydra(rng(), idn(), n(scale, 8), days)
    end = W.START_MS + days * W.DAY
    recs = [x for x in recs if W.START_MS <= x["ts_ms"] < end]
    recs.sort(key=lambda x: (x["ts_ms"], x["account"]["id"]))
    width = len(str(len(recs)))
    out = []
    for i, x in enumerate(recs):
        out.append({"id": f"r-{i:0{width}d}", **x})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--days", type=int, default=4)
    ap.add_argument("--disperse", action="store_true",
                    help="every campaign account gets its own card, an aged account, a popular client and a residential IP")
    ap.add_argument("--output", default="-")
    ap.add_argument("--verified-orgs", action="store_true", help="print the verified organisation ids and exit")
    ap.add_argument("--stats", action="store_true", help="print requests and accounts per label on stderr")
    a = ap.parse_args()
    if a.verified_orgs:
        print(W.EVAL_ORG)
        print(W.BATCH_ORG)
        return
    recs = generate(a.seed, a.scale, a.disperse, a.days)
    f = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    with f:
        for x in recs:
            f.write(json.dumps(x, ensure_ascii=False, separators=(",", ":")) + "\n")
    if a.stats:
        req, acc = {}, {}
        for x in recs:
            req[x["label"]] = req.get(x["label"], 0) + 1
            acc.setdefault(x["label"], set()).add(x["account"]["id"])
        for k in sorted(req):
            print(f"{k:28s} {req[k]:7d} requests {len(acc[k]):6d} accounts", file=sys.stderr)
        print(f"{'total':28s} {len(recs):7d} requests {len({x['account']['id'] for x in recs}):6d} accounts", file=sys.stderr)


if __name__ == "__main__":
    main()
