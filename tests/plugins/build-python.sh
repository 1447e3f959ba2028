#!/usr/bin/env bash
# Builds the Python detector plugin(s) under tests/plugins/python-*/ into
# components with componentize-py (from PyPI, pinned), next to the Rust
# plugins in target/plugins/wasm32-wasip2/release/ as palisade_python_NAME.wasm.
# Called by .ci/run; tests skip the Python plugin when its .wasm is absent
# (and fail when CI is set).
#
# componentize-py 0.25.x emits WASI 0.2 imports, which the host's wasmtime
# (48) links by semver; its CPython runtime makes an ~18 MB component.
# componentize-py is installed in a venv of its own under target/, so the
# system's Python is left alone and the pin is what runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=0.25.1
venv=target/plugins/componentize-py-$VERSION
if ! "$venv/bin/componentize-py" --version 2>/dev/null | grep -qx "componentize-py $VERSION"; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "componentize-py==$VERSION"
fi
out=target/plugins/wasm32-wasip2/release
mkdir -p "$out"
# Each plugin is componentized from a copy under target/: componentize-py
# writes __pycache__ beside the sources, and host/build.rs watches
# tests/plugins (a new file there would rebuild the host).
for dir in tests/plugins/python-*/; do
    name=$(basename "$dir")
    name=${name#python-}
    wasm="$out/palisade_python_${name//-/_}.wasm"
    src=target/plugins/python-src/$name
    rm -rf "$src"
    mkdir -p "$src"
    cp "$dir"*.py "$src"/
    "$venv/bin/componentize-py" -d wit -w plugin componentize -p "$src" app -o "$wasm"
    echo "built $wasm ($(stat -c %s "$wasm") bytes)"
done
