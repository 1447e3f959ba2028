#!/usr/bin/env bash
# Decide the independent generator's traffic with a copy of the shipped policy and print markdown tables.
#
#   tests/quality/independent3/run.sh                   # seeds 21 22, shared and --disperse, files under target/indep3
#   SEEDS="21" SCALE=0.5 OUT=/tmp/i3 POLICY=path/to/policy.toml tests/quality/independent3/run.sh
#
# The policy and its verified-orgs list are copied to $OUT/policy; the generator's verified organisations
# (evaluation harness, enterprise batch job: `gen.py --verified-orgs`) are appended to the copied list.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
BIN=${BIN:-$ROOT/target/release/palisade}
OUT=${OUT:-$ROOT/target/indep3}
SEEDS=${SEEDS:-"21 22"}
SCALE=${SCALE:-1}
POLICY=${POLICY:-$ROOT/policies/default.toml}
DEADLINE_SCALE=${DEADLINE_SCALE:-10}

[ -x "$BIN" ] || { echo "no $BIN: build it first (cargo build --release -p palisade)" >&2; exit 1; }
mkdir -p "$OUT/policy"

# Copy the policy; plugin paths and list files are relative to the policy file, so make plugin paths absolute
# and copy list files beside the copy.
python3 - "$POLICY" "$OUT/policy" <<'EOF'
import os, re, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
base = os.path.dirname(os.path.abspath(src))
text = open(src, encoding="utf-8").read()
def wasm(m):
    p = m.group(2)
    return m.group(1) + (p if os.path.isabs(p) else os.path.normpath(os.path.join(base, p))) + m.group(3)
text = re.sub(r'^(\s*wasm\s*=\s*")([^"]+)(")', wasm, text, flags=re.M)
for m in re.finditer(r'^\s*file\s*=\s*"([^"]+)"', text, flags=re.M):
    shutil.copy(os.path.join(base, m.group(1)), os.path.join(dst, m.group(1)))
open(os.path.join(dst, "policy.toml"), "w", encoding="utf-8").write(text)
EOF
LIST="$OUT/policy/verified-orgs.txt"
[ -f "$LIST" ] || { echo "the policy has no verified-orgs.txt list" >&2; exit 1; }
{ echo "# independent3 generator: evaluation harness and enterprise batch organisations"; python3 "$HERE/gen.py" --verified-orgs; } >> "$LIST"
"$BIN" check --policy "$OUT/policy/policy.toml" > "$OUT/policy/check.txt"

for seed in $SEEDS; do
  for mode in shared disperse; do
    flag=""; [ "$mode" = disperse ] && flag="--disperse"
    in="$OUT/traffic-$seed-$mode.jsonl"
    dec="$OUT/decisions-$seed-$mode.jsonl"
    python3 "$HERE/gen.py" --seed "$seed" --scale "$SCALE" $flag --output "$in"
    "$BIN" eval --policy "$OUT/policy/policy.toml" --input "$in" --output "$dec" --summary \
      --deadline-scale "$DEADLINE_SCALE" > "$OUT/summary-$seed-$mode.txt"
    python3 "$HERE/report.py" --input "$in" --decisions "$dec" --title "seed $seed, $mode (scale $SCALE)" \
      | tee "$OUT/table-$seed-$mode.md"
  done
done
