"""`keywords` in Python: prompts that ask for hidden reasoning, and how often.

The Python twin of tests/plugins/keywords (Rust): the same settings, the same
score, the same reasons and tags, so the two decide alike on the same
requests (tests/all/python_plugin.rs checks it). It is also what
`palisade plugin new NAME --lang python` writes.

Build (componentize-py generates the `wit_world` bindings from the WIT):

    componentize-py -d wit -w plugin componentize app -o keywords.wasm

Score: 0.25 per keyword found (at most 0.5), plus up to 0.5 as the account's
matching prompts in the window approach `burst`. A prompt without a keyword
scores 0 and is not counted.
"""

import json

from componentize_py_types import Err
from wit_world import exports
from wit_world.imports import aggregates, types

NAME = "keywords"

DEFAULTS = {
    "keywords": ["reasoning", "step by step", "chain of thought", "show your work"],
    "window_ms": 3_600_000,
    "burst": 5,
}


def parse_settings(text):
    """The settings as a dict, or raises Err naming the offending setting."""
    try:
        given = json.loads(text)
    except ValueError as e:
        raise Err(f"settings are not JSON: {e}")
    if not isinstance(given, dict):
        raise Err("settings must be a table")
    for key in given:
        if key not in DEFAULTS:
            raise Err(f"unknown field `{key}`, expected one of `keywords`, `window_ms`, `burst`")
    settings = dict(DEFAULTS, **given)
    keywords = settings["keywords"]
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise Err("keywords: must be a list of strings")
    if not keywords or any(k == "" for k in keywords):
        raise Err("keywords: give at least one, and no empty ones")
    for key in ("window_ms", "burst"):
        value = settings[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise Err(f"{key}: must be a non-negative integer")
        if value == 0:
            raise Err(f"{key}: must be at least 1")
    # ASCII-only lower-casing, as the Rust twin's `to_ascii_lowercase`.
    settings["keywords"] = [k.encode().lower() for k in keywords]
    return settings


SETTINGS = None


class Detector(exports.Detector):
    def describe(self):
        return types.Metadata(
            name=NAME,
            version="0.1.0",
            description="prompts that ask for hidden reasoning, counted per account",
            reads=types.Fields.PROMPT,
            uses_aggregates=True,
        )

    def validate_settings(self, settings):
        parse_settings(settings)

    def configure(self, settings):
        global SETTINGS
        SETTINGS = parse_settings(settings)

    def detect(self, request):
        s = SETTINGS
        if s is None:
            return types.Verdict(0.0, ["plugin called before configure"], ["unconfigured"])
        prompt = (request.call.prompt or "").encode().lower()
        hits = [k for k in s["keywords"] if k in prompt]
        if not hits:
            return types.Verdict(0.0, [], [])
        burst = s["burst"]
        n = aggregates.counter_add(f"hits:{request.account.id}", s["window_ms"], 1)
        content = min(0.25 * float(len(hits)), 0.5)
        repeat = 0.5 * float(min(n, burst)) / float(burst)
        tags = ["reasoning-keywords"]
        if n >= burst:
            tags.append("keyword-burst")
        return types.Verdict(
            score=content + repeat,
            reasons=[
                "asks for " + ", ".join(k.decode() for k in hits),
                f"{n} such prompts from this account in the window",
            ],
            tags=tags,
        )
