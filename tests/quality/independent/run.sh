#!/usr/bin/env bash
# Decide the independent generator's traffic with the shipped policy and print per-population tables.
#
#   tests/quality/independent/run.sh                 # seeds 1 2, scale 1, shared and --disperse
#   SEEDS="3" SCALE=0.5 OUT=/tmp/indep tests/quality/independent/run.sh
#
# Copies policies/default.toml and verified-orgs.txt to $OUT/policy (wasm paths made absolute), appends the
# generator's evaluation-harness org to the copied list, then for each seed and mode: gen.py → palisade eval
# --summary → analyse.py. Needs a release build (target/release/palisade and target/plugins).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${OUT:-$ROOT/target/indep}
SEEDS=${SEEDS:-"1 2"}
SCALE=${SCALE:-1}
MODES=${MODES:-"shared disperse"}
BIN=${PALISADE:-$ROOT/target/release/palisade}
EVAL_ORG=$(python3 -c "import sys; sys.path.insert(0, '$HERE'); import gen; print(gen.EVAL_ORG)")

mkdir -p "$OUT/policy"
cp "$ROOT/policies/default.toml" "$ROOT/policies/verified-orgs.txt" "$OUT/policy/"
sed -i "s#\"\.\./target/#\"$ROOT/target/#g" "$OUT/policy/default.toml"
printf '\n# the independent generator'"'"'s evaluation harness (tests/quality/independent)\n%s\n' "$EVAL_ORG" \
    >> "$OUT/policy/verified-orgs.txt"
"$BIN" check --policy "$OUT/policy/default.toml" > "$OUT/check.txt"

for seed in $SEEDS; do
    for mode in $MODES; do
        name="s$seed-$mode"
        flag=""
        [ "$mode" = disperse ] && flag="--disperse"
        python3 "$HERE/gen.py" --seed "$seed" --scale "$SCALE" $flag --output "$OUT/$name.jsonl"
        "$BIN" eval --policy "$OUT/policy/default.toml" --input "$OUT/$name.jsonl" \
            --output "$OUT/$name.decisions.jsonl" --summary > "$OUT/$name.summary.txt"
        python3 "$HERE/analyse.py" "$OUT/$name.jsonl" "$OUT/$name.decisions.jsonl" \
            "seed $seed, $mode, scale $SCALE" | tee "$OUT/$name.md"
    done
done
