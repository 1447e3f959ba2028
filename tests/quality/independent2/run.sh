#!/usr/bin/env bash
# Independent traffic (gen.py) decided by the real binary and plugins under a copy of the shipped policy.
#
#   tests/quality/independent2/run.sh                    # seeds 11 and 12, scale 1, shared and --disperse
#   SEEDS="11" SCALE=0.5 OUT=/tmp/ind2 tests/quality/independent2/run.sh
#
# The copy of policies/verified-orgs.txt gets this generator's two verified organisations appended (its eval
# harness and its enterprise batch customer); plugin paths in the copied policy point back at target/plugins.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
SEEDS="${SEEDS:-11 12}"
SCALE="${SCALE:-1}"
OUT="${OUT:-$root/target/quality-independent2}"
BIN="${BIN:-$root/target/release/palisade}"
POLICY_SRC="${POLICY:-$root/policies/default.toml}"
mkdir -p "$OUT/policy"
policy_dir="$(cd "$(dirname "$POLICY_SRC")" && pwd)"
# relative paths in the policy (plugins) are resolved from the copy's directory: make them absolute
sed -e "s#\"\\.\\./#\"$policy_dir/../#g" "$POLICY_SRC" > "$OUT/policy/policy.toml"
cp "$policy_dir/verified-orgs.txt" "$OUT/policy/verified-orgs.txt"
{
  echo "# independent2 generator: its verified evaluation harness and enterprise batch organisations"
  python3 -c "import sys; sys.path.insert(0, '$here'); import gen; print(gen.VERIFIED_EVAL_ORG); print(gen.VERIFIED_BATCH_ORG)"
} >> "$OUT/policy/verified-orgs.txt"

for seed in $SEEDS; do
  for mode in shared disperse; do
    flag=""
    [ "$mode" = disperse ] && flag="--disperse"
    traffic="$OUT/traffic-$seed-$mode.jsonl"
    python3 "$here/gen.py" --seed "$seed" --scale "$SCALE" $flag --output "$traffic"
    "$BIN" eval --policy "$OUT/policy/policy.toml" --input "$traffic" --output "$OUT/decisions-$seed-$mode.jsonl" \
      --summary > "$OUT/summary-$seed-$mode.txt"
    python3 "$here/report.py" "$traffic" "$OUT/decisions-$seed-$mode.jsonl" "seed $seed, $mode, scale $SCALE"
  done
done
echo "### All runs: accounts enforced (benign: challenged/blocked count) / requests enforced, per population"
python3 "$here/report.py" --combine "$OUT"
