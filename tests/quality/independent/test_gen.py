#!/usr/bin/env python3
"""Self-checks of the independent generator: `python3 tests/quality/independent/test_gen.py`."""

import ipaddress
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gen  # noqa: E402

SCALE = 0.1


def run(seed, disperse=False):
    return gen.Gen(seed, SCALE, 4, disperse).run()


class GenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.shared = run(3)
        cls.dispersed = run(3, disperse=True)

    def test_same_arguments_give_the_same_traffic(self):
        self.assertEqual(self.shared, run(3))

    def test_disperse_changes_identities_not_volumes_or_timing(self):
        def shape(recs):  # low-and-slow keeps human hours in its (new) country's time zone
            return sorted((r["label"], r["ts_ms"] if r["label"] != "campaign:lowslow" else 0) for r in recs)

        self.assertEqual(shape(self.shared), shape(self.dispersed))

    def test_every_line_has_the_required_fields_and_a_valid_ip(self):
        for r in self.shared + self.dispersed:
            self.assertTrue(r["id"] and r["account"]["id"] and r["request"]["prompt"])
            ipaddress.ip_address(r["client"]["ip"])
            self.assertTrue(r["label"].startswith(("benign:", "campaign:")))

    def test_every_population_and_family_is_present(self):
        labels = {r["label"] for r in self.shared}
        for family in ["cot", "rubric", "safe_rewrite", "datagen", "lowslow", "mimicry", "agentic", "hydra"]:
            self.assertIn(f"campaign:{family}", labels)
        self.assertIn("benign:eval_harness", labels)

    def test_campaigns_are_a_minority_of_accounts(self):
        accts = {}
        for r in self.shared:
            accts[r["account"]["id"]] = r["label"].startswith("campaign:")
        self.assertLess(sum(accts.values()), len(accts) / 2)

    def test_dispersed_campaign_accounts_share_no_card(self):
        cards = {}
        for r in self.dispersed:
            if r["label"].startswith("campaign:"):
                cards.setdefault(r["account"]["payment_fingerprint"], set()).add(r["account"]["id"])
        self.assertTrue(all(len(a) == 1 for a in cards.values()))

    def test_the_evaluation_harness_is_the_verified_org(self):
        orgs = {r["account"]["org"] for r in self.shared if r["label"] == "benign:eval_harness"}
        self.assertEqual(orgs, {gen.EVAL_ORG})


if __name__ == "__main__":
    unittest.main()
