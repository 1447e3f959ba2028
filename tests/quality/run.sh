#!/usr/bin/env bash
# Detection quality on held-out traffic: the README's sets A–F, decided with a policy, as markdown tables.
#
#   tests/quality/run.sh                      # policies/default.toml, files under target/quality
#   POLICY=path/to/policy.toml OUT=/tmp/q tests/quality/run.sh
#
# Sets (none is the tuning set, variant 0 / seed 1):
#   A–D  the original held-out sets: other seeds, banks (variants 1–3), sizes and mixes; every population.
#   E    the issue-12 populations at double weight, seed 505, variant 3 (bank B, perturbed numbers).
#   F    E with --disperse: every campaign account with its own card, aged account, popular client and
#        residential /24, so only content and behaviour remain; the ablation table compares E and F per
#        campaign family.
# Needs the release build (`cargo build --release -p palisade`); builds the table printer (an example of the
# palisade-traffic crate) if it is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${PALISADE:-$root/target/release/palisade}
policy=${POLICY:-$root/policies/default.toml}
out=${OUT:-$root/target/quality}
table=$root/target/release/examples/quality_table

[ -x "$bin" ] || { echo "no $bin: run cargo build --release -p palisade first" >&2; exit 1; }
if [ ! -x "$table" ] || [ "$table" -ot "$root/tests/traffic/examples/quality_table.rs" ]; then
    (cd "$root" && cargo build --release -q -p palisade-traffic --example quality_table)
fi
mkdir -p "$out"

new="multilingual-harvest=2,paraphrase-factory=2,low-and-slow=2,agent-mimicry=2"
new="$new,eval-harness=2,education-platform=2,localisation=2,support-bot=2,curious-signup=2"
declare -A sets=(
    [A]="--seed 101 --variant 1"
    [B]="--seed 202 --variant 2 --scale 2"
    [C]="--seed 303 --variant 3 --mix reseller-network=3,casual=2"
    [D]="--seed 404 --variant 1 --mix enterprise-batch=3,corporate-nat=3,researcher=3,new-signup=3"
    [E]="--seed 505 --variant 3 --mix $new"
    [F]="--seed 505 --variant 3 --mix $new --disperse"
)

args=()
for s in A B C D E F; do
    # shellcheck disable=SC2086 # the set's flags are words on purpose
    "$bin" gen ${sets[$s]} --output "$out/$s.jsonl" 2>/dev/null
    "$bin" eval --policy "$policy" --input "$out/$s.jsonl" --output /dev/null \
        --summary --summary-json "$out/$s.json" > "$out/$s.summary.txt" 2>&1
    echo "set $s: palisade gen ${sets[$s]}" >&2
    args+=("$s=$out/$s.json")
done

echo "policy: $policy"
echo
"$table" "${args[@]}" --ablation E F
