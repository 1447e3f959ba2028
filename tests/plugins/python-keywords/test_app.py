"""Unit tests of app.py, natively, with the host's aggregates replaced by a
plain counter. Needs the generated bindings on the path:

    componentize-py -d wit -w plugin bindings bindings
    PYTHONPATH=bindings python3 -m unittest
"""

import unittest

import app
from componentize_py_types import Err
from wit_world.imports import types


class Counters:
    """Counts without windows: enough for requests within one window."""

    def __init__(self):
        self.counts = {}

    def counter_add(self, key, window_ms, n):
        self.counts[key] = self.counts.get(key, 0) + n
        return self.counts[key]


def request(account, prompt):
    return types.Request(
        id="r",
        ts_ms=0,
        account=types.Account(account, None, None, None, None, None),
        client=types.Client(None, None, None, None, None),
        call=types.Call(None, None, prompt, None, None, None, None, None),
    )


class DetectorTest(unittest.TestCase):
    def setUp(self):
        app.aggregates.counter_add = Counters().counter_add
        self.detector = app.Detector()
        self.detector.configure('{"burst": 2}')

    def test_a_run_of_matching_prompts_scores_higher_than_one(self):
        ask = request("a", "Think STEP BY STEP and show your reasoning")
        self.assertEqual(self.detector.detect(ask).score, 0.5 + 0.25)
        second = self.detector.detect(ask)
        self.assertEqual(second.score, 1.0)
        self.assertIn("keyword-burst", second.tags)
        self.assertEqual(self.detector.detect(request("b", "reasoning")).score, 0.25 + 0.25)
        self.assertEqual(self.detector.detect(request("a", "hello")).score, 0.0)

    def test_settings_errors_name_the_setting(self):
        for settings, name in [('{"burst": 0}', "burst"), ('{"brust": 3}', "brust")]:
            with self.assertRaises(Err) as caught:
                self.detector.validate_settings(settings)
            self.assertIn(name, caught.exception.value)


if __name__ == "__main__":
    unittest.main()
