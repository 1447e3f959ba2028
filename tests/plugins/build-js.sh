#!/usr/bin/env bash
# Builds the JavaScript detector plugin(s) under tests/plugins/js-*/ into
# components with componentize-js (from npm, pinned by the lock in
# tests/plugins/js-toolchain/), next to the Rust plugins in
# target/plugins/wasm32-wasip2/release/ as palisade_js_NAME.wasm.
# Called by tests/run (so by .ci/run); tests skip the JavaScript plugin when
# its .wasm is absent (and fail when CI is set).
#
# componentize-js embeds SpiderMonkey (StarlingMonkey) and snapshots it with
# Wizer after evaluating the module: an ~12 MB component. Every WASI feature
# of the engine is disabled (`--disable ...`), so the component imports only
# the WIT's `palisade:detector` interfaces: no stdio, clocks, random or http.
# The toolchain is installed with `npm ci` under target/, so nothing global
# changes and the lock is what runs. Needs node (20+) and npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=0.23.0
tools=target/plugins/componentize-js-$VERSION
bin="$tools/node_modules/.bin/componentize-js"
if ! cmp -s tests/plugins/js-toolchain/package-lock.json "$tools/package-lock.json" || [ ! -x "$bin" ]; then
    rm -rf "$tools"
    mkdir -p "$tools"
    cp tests/plugins/js-toolchain/package.json tests/plugins/js-toolchain/package-lock.json "$tools"/
    npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error
fi
out=target/plugins/wasm32-wasip2/release
mkdir -p "$out"
for dir in tests/plugins/js-*/; do
    name=$(basename "$dir")
    name=${name#js-}
    [ "$name" = toolchain ] && continue
    wasm="$out/palisade_js_${name//-/_}.wasm"
    # The module is the directory's one .js file besides its tests.
    main=$(find "$dir" -maxdepth 1 -name '*.js' ! -name '*.test.js' | sort)
    if [ "$(printf '%s\n' "$main" | wc -l)" != 1 ] || [ -z "$main" ]; then
        echo "build-js.sh: $dir must hold exactly one module (.js, besides *.test.js)" >&2
        exit 1
    fi
    "$bin" --wit wit --world-name plugin \
        --disable stdio random clocks http fetch-event \
        -o "$wasm" "$main"
    echo "built $wasm ($(stat -c %s "$wasm") bytes)"
done
