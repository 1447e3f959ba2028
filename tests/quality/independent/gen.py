#!/usr/bin/env python3
"""An independent traffic generator for Palisade, written from the public description only.

Usage: gen.py --seed N [--scale S] [--days D] [--disperse] [--output FILE]

One JSON request per line (README "Using it" format), sorted by time, labelled `benign:<population>` or
`campaign:<family>`. Deterministic for the arguments. `--disperse` gives every campaign account its own card, an
aged account, a personal org, a popular mail domain, a popular browser client and a residential IP, so only content
and behaviour remain. Python 3 standard library only.
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import agents  # noqa: E402
import benign  # noqa: E402
import harvest  # noqa: E402
import infra as I  # noqa: E402

# The verified organisation whose evaluation harness sends LLM-as-judge prompts (run.sh lists it as verified).
EVAL_ORG = "org-indep-evalharness"

LANG_W = [(30, "en"), (8, "ru"), (8, "es"), (8, "de"), (8, "zh"), (8, "fr"), (8, "ja"), (8, "pt"), (14, "mixed")]
REPLY_IN = {"en": "Answer in English.", "ru": "Ответь по-русски.", "es": "Responde en español.", "de": "Antworte auf Deutsch.",
            "zh": "请用中文回答。", "fr": "Réponds en français.", "ja": "日本語で答えてください。", "pt": "Responda em português."}


class Gen:
    def __init__(self, seed, scale, days, disperse):
        self.seed, self.scale, self.days, self.disperse = seed, scale, days, disperse
        self.rel = I.release_ms(days)
        self.out = []
        self.end = I.T0 + days * I.DAY
        # dispersed identities come from their own stream, so --disperse changes identities, never volumes
        self.drng = self.rng("disperse")

    def rng(self, name):
        return random.Random(f"indep/{self.seed}/{name}")

    def n(self, base):
        return max(1, round(base * self.scale))

    def emit(self, ts, acct, cli, prompt, label, *, system="", model=None, route="/v1/messages", max_out=1024,
             tools=(), stream=False, meta=None):
        if not (I.T0 <= ts < self.end):
            return
        req = {"route": route, "model": model or I.OLD_MODEL, "prompt": prompt, "system_prompt": system,
               "prompt_tokens": I.tokens(prompt) + I.tokens(system) + 60 * len(tools), "max_output_tokens": max_out,
               "tools": list(tools), "stream": stream}
        rec = {"ts_ms": int(ts), "account": dict(acct), "client": dict(cli), "request": req, "label": label}
        if meta:  # ground truth for analyse.py only (intent, language, placement); eval ignores unknown fields
            rec["meta"] = meta
        self.out.append(rec)

    # --- campaign account identity: shared infrastructure, or dispersed ------------------------------------------
    def dispersed(self):
        rng = self.drng
        cc = I.country(rng)
        acct = I.account(rng, tier=rng.choice(["free", "pro", "pro"]), created_ms=I.aged(rng, 60, 900),
                         email=rng.choice(I.COUNTRIES[cc][3]))
        return acct, cc, I.browser(rng)

    def campaign_client(self, rng, acct_cc, fixed):
        """A per-request client: the family's `fixed` one, or a residential one when dispersed."""
        if self.disperse:
            cc, ua = acct_cc
            ip, asn = I.residential(self.drng, cc)
            return I.client(ip, asn, cc, ua)
        return fixed

    # =========================================== benign ===========================================================
    def casual(self):
        rng = self.rng("casual")
        household = None
        for _ in range(self.n(1300)):
            cc = I.country(rng)
            tz, lang, _, mails = I.COUNTRIES[cc]
            lang = "en" if rng.random() < 0.15 else lang
            created = I.aged(rng, 10, 900) if rng.random() > 0.1 else I.T0 - rng.randint(1, 7) * I.DAY
            acct = I.account(rng, tier=rng.choice(["free", "free", "pro"]), created_ms=created, email=rng.choice(mails))
            ua = I.browser(rng)
            ip, asn = I.residential(rng, cc)
            if household and rng.random() < 0.05:  # a second person in the household: same card, same address
                acct["payment_fingerprint"], ip, asn, cc = household
                tz = I.COUNTRIES[cc][0]
            household = (acct["payment_fingerprint"], ip, asn, cc)
            for day in range(self.days):
                if rng.random() > 0.5:
                    continue
                if rng.random() < 0.2:
                    ip, asn = I.residential(rng, cc)
                for _ in range(rng.choice([1, 1, 2])):
                    for ts in I.session(rng, I.local_ts(rng, day, tz, days=self.days), rng.randint(1, 4)):
                        self.emit(ts, acct, I.client(ip, asn, cc, ua), benign.casual(rng, lang), "benign:casual",
                                  model=I.model(rng, ts, self.rel, 0.15, mini=0.3), max_out=rng.choice([1024, 2048, 4096]),
                                  stream=True)

    def vpn(self):
        """People at home behind a commercial VPN: unrelated accounts sharing a few hosting-ASN exit addresses."""
        rng = self.rng("vpn")
        exits = [(I.ip_in(rng, asn), asn) for asn in (9009, 60068) for _ in range(4)]
        for _ in range(self.n(80)):
            cc = I.country(rng)
            tz, lang, _, mails = I.COUNTRIES[cc]
            acct = I.account(rng, tier=rng.choice(["free", "pro"]), created_ms=I.aged(rng, 10, 800), email=rng.choice(mails + ["proton.me"]))
            ua = I.browser(rng)
            for day in range(self.days):
                if rng.random() < 0.5:
                    continue
                ip, asn = rng.choice(exits)
                for ts in I.session(rng, I.local_ts(rng, day, tz, days=self.days), rng.randint(1, 4)):
                    self.emit(ts, acct, I.client(ip, asn, "NL", ua), benign.casual(rng, lang), "benign:vpn",
                              model=I.model(rng, ts, self.rel, 0.15, mini=0.3), max_out=2048, stream=True)

    def platform(self):
        """A legitimate platform reselling the API: one org and bill, a sub-account per customer bot, cloud egress."""
        rng = self.rng("platform")
        org, pf = "org-" + I.hexid(rng), "pf-" + I.hexid(rng, 14)
        egress = [I.cloud(rng) for _ in range(3)]
        ua = I.SDKS[3]
        for _ in range(self.n(40)):
            acct = I.account(rng, tier="startup", created_ms=I.aged(rng, 10, 300), org=org, pf=pf, email="botforge.app")
            kind = rng.choice(["support", "casual", "work"])
            system = rng.choice(benign.SUPPORT_SYSTEM) if kind == "support" else f"You are the assistant of {rng.choice(['a dental clinic', 'a bike shop', 'a yoga studio', 'an accounting firm', 'a hotel'])}. Be brief and friendly."
            per_day = rng.randint(3, 30)
            for day in range(self.days):
                for _ in range(max(0, int(rng.gauss(per_day, per_day / 3)))):
                    ts = I.local_ts(rng, day, rng.choice([-5, 0, 1]), days=self.days)
                    ip, asn, cc = rng.choice(egress)
                    p = {"support": lambda: rng.choice(benign.SUPPORT_MSG), "casual": lambda: benign.casual(rng, "en"),
                         "work": lambda: benign.work(rng)}[kind]()
                    self.emit(ts, acct, I.client(ip, asn, cc, ua), p, "benign:platform", system=system,
                              route="/v1/chat/completions", model=I.model(rng, ts, self.rel, 0.1), max_out=512)

    def newbie(self):
        rng = self.rng("newbie")
        for _ in range(self.n(300)):
            cc = I.country(rng)
            tz, lang, _, mails = I.COUNTRIES[cc]
            lang = lang if lang in benign.NEWBIE and rng.random() < 0.5 else "en"
            start = I.local_ts(rng, rng.randrange(self.days), tz, days=self.days)
            acct = I.account(rng, tier="free", created_ms=start - rng.randint(2, 90) * I.MIN, email=rng.choice(mails))
            ip, asn = I.residential(rng, cc)
            cli = I.client(ip, asn, cc, I.browser(rng))
            asks = rng.sample(benign.NEWBIE[lang], min(len(benign.NEWBIE[lang]), rng.randint(1, 4)))
            for ts, p in zip(I.session(rng, start, len(asks)), asks):
                self.emit(ts, acct, cli, p, "benign:newbie", model=I.model(rng, ts, self.rel, 0.3), stream=True)

    def student(self):
        rng = self.rng("student")
        cohorts = {}
        for _ in range(self.n(250)):
            cc = rng.choice(["US", "GB", "DE", "FR", "ES", "MX", "BR", "RU", "CN", "JP", "IN"])
            tz, lang, _, mails = I.COUNTRIES[cc]
            edu = rng.random() < 0.45
            if edu:  # classes sign up together at term start: a benign sign-up burst
                key = (cc, rng.randint(0, 2))
                cohorts.setdefault(key, I.T0 - rng.randint(20, 60) * I.DAY)
                created = cohorts[key] + rng.randint(0, 40) * I.MIN
                email = f"stud.uni-{key[1]}-{cc.lower()}.edu"
            else:
                created, email = I.aged(rng, 5, 700), rng.choice(mails)
            acct = I.account(rng, tier="edu" if edu else "free", created_ms=created, email=email)
            ip, asn = I.residential(rng, cc)
            ua = I.browser(rng)
            for day in range(self.days):
                if rng.random() < 0.45:
                    continue
                k = rng.randint(10, 20) if rng.random() < 0.15 else rng.randint(1, 5)  # a homework set in one sitting
                for ts in I.session(rng, I.local_ts(rng, day, tz, days=self.days), k, 60, 900):
                    if rng.random() < 0.7:
                        ask = rng.choice(benign.STUDENT_ASK[lang])
                        p = f"{ask}\n\n{harvest.items.problem(rng, lang)}" if rng.random() < 0.7 else f"{harvest.items.problem(rng, lang)}\n{ask}"
                    else:
                        p = rng.choice(benign.STUDENT_OTHER)
                    self.emit(ts, acct, I.client(ip, asn, cc, ua), p, "benign:student",
                              model=I.model(rng, ts, self.rel, 0.15, mini=0.4), max_out=rng.choice([1024, 2048, 4096]), stream=True)

    def teacher(self):
        rng = self.rng("teacher")
        for _ in range(self.n(60)):
            cc = rng.choice(["US", "GB", "ES", "MX", "DE", "FR", "BR", "CA"])
            tz, lang, _, mails = I.COUNTRIES[cc]
            lang = lang if lang in benign.TEACHER else "en"
            acct = I.account(rng, tier=rng.choice(["free", "pro", "edu"]), created_ms=I.aged(rng, 30, 800), email=rng.choice(mails))
            ip, asn = I.residential(rng, cc)
            cli = I.client(ip, asn, cc, I.browser(rng))
            for day in range(self.days):
                if rng.random() < 0.4:
                    continue
                if rng.random() < 0.3:  # grading the class's essays one after another
                    for k, ts in enumerate(I.session(rng, I.local_ts(rng, day, tz, days=self.days), rng.randint(12, 30), 40, 300)):
                        self.emit(ts, acct, cli, benign.grade_pile(rng, k + 1), "benign:teacher",
                                  model=I.model(rng, ts, self.rel, 0.1), max_out=1024, stream=True)
                    continue
                for ts in I.session(rng, I.local_ts(rng, day, tz, days=self.days), rng.randint(1, 4), 60, 900):
                    self.emit(ts, acct, cli, benign.teacher(rng, lang), "benign:teacher",
                              model=I.model(rng, ts, self.rel, 0.1), max_out=rng.choice([2048, 4096]), stream=True)

    def localisation(self):
        rng = self.rng("localisation")
        for org_i in range(max(1, self.n(2))):
            org, pf = "org-" + I.hexid(rng), "pf-" + I.hexid(rng, 14)
            asn, cc = rng.choice(I.BUSINESS_ISP)
            office = [I.ip_in(rng, asn) for _ in range(2)]
            tz = 1
            for _ in range(6):
                acct = I.account(rng, tier="team", created_ms=I.aged(rng, 60, 500), org=org, pf=pf, email=f"lingua{org_i}-l10n.com")
                ua = rng.choice(I.SDKS[:3]) if rng.random() < 0.5 else I.browser(rng)
                for day in range(self.days):
                    k = rng.randint(10, 45)
                    for ts in I.session(rng, I.local_ts(rng, day, tz, I.WORK, self.days), k, 5, 240):
                        self.emit(ts, acct, I.client(rng.choice(office), asn, cc, ua), benign.translate(rng), "benign:localisation",
                                  model=I.model(rng, ts, self.rel, 0.2), max_out=2048)

    def developer(self):
        rng = self.rng("developer")
        for _ in range(self.n(100)):
            cc = rng.choice(["US", "US", "GB", "DE", "FR", "IN", "BR", "CA", "JP", "ES"])
            tz, _, _, mails = I.COUNTRIES[cc]
            acct = I.account(rng, tier=rng.choice(["pro", "pro", "team", "free"]), created_ms=I.aged(rng, 15, 700),
                             email=rng.choice(mails + ["fastmail.com", "proton.me"]))
            ip, asn = I.residential(rng, cc)
            ua = rng.choice(I.AGENT_CLIENTS)
            harness_sys, tools = rng.choice(agents.HARNESS)
            repos = rng.sample(agents.REPOS, rng.choice([1, 1, 2]))
            for day in range(self.days):
                if rng.random() < 0.25:
                    continue
                for _ in range(rng.randint(1, 2)):
                    repo = rng.choice(repos)
                    system = harness_sys.format(root=repo[1])
                    task = agents.dev_prompt(rng, repo) if rng.random() > 0.1 else benign.test_data(rng)
                    k = rng.randint(3, 14)
                    for i, ts in enumerate(I.session(rng, I.local_ts(rng, day, tz, I.WORK, self.days), k, 4, 90)):
                        p = task if i == 0 else f"Tool result ({rng.choice(tools)}):\n```\n{rng.choice(repo[2])}: {rng.choice(agents.ERRORS)}\n```\nContinue with: {task}"
                        self.emit(ts, acct, I.client(ip, asn, cc, ua), p, "benign:developer", system=system,
                                  model=I.model(rng, ts, self.rel, 0.35), max_out=rng.choice([8192, 16384, 32000]),
                                  tools=tools, stream=True)

    def researcher(self):
        rng = self.rng("researcher")
        for _ in range(self.n(100)):
            cc = rng.choice(["US", "GB", "DE", "FR", "CN", "JP", "CA"])
            tz, lang, _, mails = I.COUNTRIES[cc]
            acct = I.account(rng, tier=rng.choice(["research", "pro", "free"]), created_ms=I.aged(rng, 20, 800),
                             email=rng.choice(mails + ["cs.uni-research.edu", "lab.institute.org"]))
            ip, asn = I.residential(rng, cc)
            cli = I.client(ip, asn, cc, I.browser(rng) if rng.random() < 0.7 else rng.choice(I.SDKS[:3]))
            for day in range(self.days):
                if rng.random() < 0.4:
                    continue
                for ts in I.session(rng, I.local_ts(rng, day, tz, I.WORK, self.days), rng.randint(1, 5), 60, 1200):
                    p = rng.choice(benign.RESEARCH) if rng.random() < 0.8 else benign.casual(rng, lang)
                    self.emit(ts, acct, cli, p, "benign:researcher", model=I.model(rng, ts, self.rel, 0.4),
                              max_out=rng.choice([2048, 4096, 8192]), stream=rng.random() < 0.5)

    def analyst(self):
        """Analysts with a copied "expert data analyst" system prompt, their own datasets, several sessions."""
        rng = self.rng("analyst")
        for _ in range(self.n(40)):
            cc = rng.choice(["US", "GB", "DE", "IN", "BR", "CA"])
            tz, _, _, mails = I.COUNTRIES[cc]
            acct = I.account(rng, tier=rng.choice(["pro", "team"]), created_ms=I.aged(rng, 30, 700), email=rng.choice(mails))
            ip, asn = I.residential(rng, cc)
            cli = I.client(ip, asn, cc, I.browser(rng))
            system = rng.choice(benign.ANALYST_SYSTEM)
            ds = rng.choice(benign.ANALYST_DS)
            for day in range(self.days):
                if rng.random() < 0.4:
                    continue
                for ts in I.session(rng, I.local_ts(rng, day, tz, I.WORK, self.days), rng.randint(1, 5), 60, 900):
                    self.emit(ts, acct, cli, benign.analyst(rng, ds), "benign:analyst", system=system,
                              model=I.model(rng, ts, self.rel, 0.2), max_out=4096, stream=True)

    def ops_agent(self):
        """An internal SRE agent: real tool-use loops over real alerts, a few service accounts, steady volume."""
        rng = self.rng("ops_agent")
        org, pf = "org-" + I.hexid(rng), "pf-" + I.hexid(rng, 14)
        egress = [I.cloud(rng) for _ in range(2)]
        tools = ["kubectl", "get_logs", "get_metrics", "page_oncall"]
        for _ in range(3):
            acct = I.account(rng, tier="enterprise", created_ms=I.aged(rng, 100, 600), org=org, pf=pf, email="finchpay.io")
            for day in range(self.days):
                for _ in range(rng.randint(8, 20)):  # alerts a day, each a short tool loop
                    start = I.local_ts(rng, day, 0, [1] * 24, self.days)
                    ip, asn, cc = rng.choice(egress)
                    alert = rng.choice(benign.OPS_ALERT)
                    for step, ts in enumerate(I.session(rng, start, rng.randint(2, 7), 3, 40)):
                        self.emit(ts, acct, I.client(ip, asn, cc, I.SDKS[0]), benign.ops(rng, step, alert), "benign:ops_agent",
                                  system=benign.OPS_SYSTEM, tools=tools, route="/v1/chat/completions",
                                  model=I.model(rng, ts, self.rel, 0.1), max_out=4096)

    def researcher_bench(self):
        """A few researchers running a zero-shot CoT ablation (with / without "Let's think step by step")."""
        rng = self.rng("researcher_bench")
        for _ in range(self.n(6)):
            cc = rng.choice(["US", "GB", "DE", "JP", "CA"])
            tz = I.COUNTRIES[cc][0]
            acct = I.account(rng, tier="research", created_ms=I.aged(rng, 60, 600), email="cs.uni-research.edu")
            ip, asn = I.residential(rng, cc)
            cli = I.client(ip, asn, cc, rng.choice(I.SDKS[:3]))
            for day in rng.sample(range(self.days), rng.randint(1, 2)):
                n = rng.randint(60, 150)
                for i, ts in enumerate(I.session(rng, I.local_ts(rng, day, tz, I.WORK, self.days), n, 1, 6)):
                    self.emit(ts, acct, cli, benign.cot_bench(rng, i % 2 == 0), "benign:researcher_bench",
                              route="/v1/chat/completions", model=I.OLD_MODEL, max_out=512)

    def service(self, name, n_orgs, n_accts, per_day, tier, make, *, sdk, max_out, system=None, org_fixed=None,
                hours=None, route="/v1/chat/completions"):
        """Business service accounts: one org, shared bill and egress, one job at steady volume."""
        rng = self.rng(name)
        for o in range(n_orgs):
            org, pf = org_fixed or ("org-" + I.hexid(rng)), "pf-" + I.hexid(rng, 14)
            egress = [I.cloud(rng) for _ in range(2)]
            ua = sdk or rng.choice(I.SDKS)
            sys_p = system[o % len(system)] if system else ""
            for _ in range(n_accts):
                acct = I.account(rng, tier=tier, created_ms=I.aged(rng, 90, 700), org=org, pf=pf, email=f"{name}{o}.example-corp.com")
                for day in range(self.days):
                    k = max(1, int(rng.gauss(per_day, per_day * 0.15)))
                    for _ in range(k):
                        ts = I.local_ts(rng, day, 0, hours or I.LEISURE, self.days)
                        ip, asn, cc = rng.choice(egress)
                        p, extra = make(rng)
                        self.emit(ts, acct, I.client(ip, asn, cc, ua), p, f"benign:{name}", system=sys_p, route=route,
                                  model=I.model(rng, ts, self.rel, 0.05), max_out=extra.get("max_out", max_out))

    def businesses(self):
        self.service("support_bot", 3, 2, self.n(120), "enterprise", lambda r: (rng_msg(r), {}), sdk=None, max_out=512,
                     system=benign.SUPPORT_SYSTEM)
        self.service("enterprise_batch", 1, 4, self.n(250), "enterprise",
                     lambda r: (benign.batch(r, r.randint(0, 1)), {}), sdk=I.SDKS[0], max_out=256, hours=[1] * 24)
        self.service("eval_harness", 1, 3, self.n(250), "enterprise",
                     lambda r: (benign.judge(r), {}) if r.random() < 0.7 else (benign.long_context(r), {"max_out": 32}),
                     sdk=I.SDKS[1], max_out=1024, org_fixed=EVAL_ORG, hours=I.WORK)
        self.service("eval_startup", 1, 2, self.n(90), "startup", lambda r: (benign.rag_judge(r), {}) if r.random() < 0.7
                     else (benign.judge(r), {}), sdk=I.SDKS[1], max_out=512, hours=I.WORK)
        self.service("moderation", 1, 2, self.n(150), "enterprise", lambda r: (benign.moderation(r), {}), sdk=I.SDKS[4],
                     max_out=512)
        self.service("edu_platform", 1, 3, self.n(120), "enterprise",
                     lambda r: (benign.edu(r, r.choice(["en", "en", "es", "pt"])), {}), sdk=I.SDKS[3], max_out=2048)

    def corporate_nat(self):
        rng = self.rng("corporate_nat")
        org, pf = "org-" + I.hexid(rng), "pf-" + I.hexid(rng, 14)
        asn, cc = I.BUSINESS_ISP[0]
        nat = [I.ip_in(rng, asn) for _ in range(2)]
        onboarding = I.T0 - 120 * I.DAY  # the whole company signed up on one day: a benign burst
        for i in range(self.n(250)):
            created = onboarding + rng.randint(0, 300) * I.MIN if i % 12 else I.T0 - rng.randint(1, 6) * I.DAY
            acct = I.account(rng, tier="team", created_ms=created, org=org, pf=pf, email="northwind-freight.com")
            ua = I.browser(rng)
            for day in range(self.days):
                if rng.random() < 0.4:
                    continue
                for ts in I.session(rng, I.local_ts(rng, day, -5, I.WORK, self.days), rng.randint(1, 3), 30, 600):
                    self.emit(ts, acct, I.client(rng.choice(nat), asn, cc, ua), benign.work(rng), "benign:corporate_nat",
                              model=I.model(rng, ts, self.rel, 0.1), max_out=2048, stream=True)

    # =========================================== campaigns =========================================================
    def harvest_prompt(self, rng, intent):
        return self.harvest_split(rng, intent, 0.0)[1:]

    def harvest_split(self, rng, intent, p_system=0.25):
        """(system prompt, prompt): a quarter of the time the instructions ride in the system prompt, the user turn
        carrying only the item."""
        lang = I.weighted(rng, LANG_W)
        a, b, c = (lang, lang, lang) if lang != "mixed" else tuple(rng.choice(harvest.LANGS) for _ in range(3))
        if rng.random() < p_system:
            system, text = harvest.compose(rng, intent, a, item_lang=b, extra_lang=c, split=True)
            return system, text, {"intent": intent, "lang": lang, "in": "system"}
        text = harvest.compose(rng, intent, a, item_lang=b, extra_lang=c)
        if lang == "mixed" and rng.random() < 0.5:
            text += " " + REPLY_IN[rng.choice(harvest.LANGS)]
        return rng.choice(["", "", "You are a helpful assistant."]), text, {"intent": intent, "lang": lang, "in": "prompt"}

    def pool(self, rng, accts, total, start, end, weights=None):
        """Load-balanced schedule: `total` timestamps evenly spread with jitter, round-robin over a shuffled pool."""
        out, order = [], []
        step = (end - start) / max(1, total)
        for i in range(total):
            if not order:
                order = list(range(len(accts)))
                rng.shuffle(order)
            ts = start + int(i * step + rng.random() * step)
            if weights and rng.random() > weights[int(((ts - I.T0) % I.DAY) // I.HOUR)] / max(weights):
                continue
            out.append((ts, accts[order.pop()]))
        return out

    def family_accounts(self, rng, family, n, *, tiers, org=None, n_cards=None, emails, created):
        accts = []
        cards = ["pf-" + I.hexid(rng, 14) for _ in range(n_cards)] if n_cards else None
        for i in range(n):
            acct = I.account(rng, tier=rng.choice(tiers), created_ms=created(i), org=org,
                             pf=rng.choice(cards) if cards else None, email=rng.choice(emails))
            if self.disperse:
                acct, cc, ua = self.dispersed()
                accts.append((acct, (cc, ua)))
            else:
                accts.append((acct, None))
        return accts

    def shared_harvest(self, family, intents, n_accts, per_acct, *, tiers, reseller, n_cards, ua, n_ips, residential_proxy=False,
                       route="/v1/chat/completions"):
        rng = self.rng(family)
        burst = [I.T0 - rng.randint(8, 30) * I.DAY for _ in range(3)]
        accts = self.family_accounts(rng, family, self.n(n_accts), tiers=tiers,
                                     org=("org-" + I.hexid(rng)) if reseller else None, n_cards=n_cards,
                                     emails=["gmail.com", "outlook.com", "proton.me", "mail.ru", "163.com"],
                                     created=lambda i: burst[i % 3] + rng.randint(0, 90) * I.MIN)
        if residential_proxy:
            ips = [(lambda cc: (I.residential(rng, cc), cc))(I.country(rng)) for _ in range(n_ips)]
            ips = [(ip, asn, cc) for (ip, asn), cc in ips]
        else:
            ips = [I.cloud(rng) for _ in range(n_ips)]
        for ts, (acct, disp) in self.pool(rng, accts, len(accts) * per_acct, I.T0, self.end):
            ip, asn, cc = rng.choice(ips)
            cli = self.campaign_client(rng, disp, I.client(ip, asn, cc, ua))
            system, p, meta = self.harvest_split(rng, rng.choice(intents))
            self.emit(ts, acct, cli, p, f"campaign:{family}", system=system, route=route, meta=meta,
                      model=I.model(rng, ts, self.rel, pivot=0.5), max_out=rng.choice([8192, 16384, 32000]))

    def lowslow(self):
        rng = self.rng("lowslow")
        tlds = ["xyz", "top", "site", "online", "click", "icu"]
        syl = ["mai", "lo", "box", "nest", "ix", "qu", "zen", "ora", "vel", "tup"]
        struct = self.rng("lowslow/struct")
        for cohort in range(self.n(14)):
            born = I.T0 - struct.randint(5, 40) * I.DAY + struct.randint(0, 23) * I.HOUR
            domains = [f"{rng.choice(syl)}{rng.choice(syl)}{rng.randint(10, 99)}.{rng.choice(tlds)}" for _ in range(3)]
            for j in range(struct.randint(30, 55)):
                cc = I.country(rng)
                acct = I.account(rng, tier=rng.choice(["free", "pro"]), created_ms=born + rng.randint(0, 30) * I.MIN,
                                 email=rng.choice(domains))
                ua = I.browser(rng)
                if self.disperse:
                    acct, cc, ua = self.dispersed()
                tz = I.COUNTRIES[cc][0]
                vol = self.rng(f"lowslow/{cohort}/{j}")  # volumes and hours: the same with and without --disperse
                for day in range(self.days):
                    ip, asn = I.residential(rng, cc)  # fresh residential address every day
                    for _ in range(vol.randint(1, 5)):
                        ts = I.local_ts(vol, day, tz, days=self.days)
                        system, meta = "", {"intent": "cover"}
                        if rng.random() < 0.4:  # cover traffic
                            p = benign.casual(rng, I.COUNTRIES[cc][1] if rng.random() < 0.6 else "en")
                            mo = rng.choice([1024, 2048, 4096])
                        else:
                            system, p, meta = self.harvest_split(rng, rng.choice(harvest.INTENTS))
                            mo = rng.choice([4096, 8192, 16384])
                        self.emit(ts, acct, I.client(ip, asn, cc, ua), p, "campaign:lowslow", system=system, meta=meta,
                                  model=I.model(rng, ts, self.rel, pivot=0.5), max_out=mo, stream=True)

    def mimicry(self):
        rng = self.rng("mimicry")
        index = rng.randrange(1000)
        for r in range(self.n(4)):
            org = "org-" + I.hexid(rng)
            egress = [I.cloud(rng) for _ in range(3)]
            born = I.T0 - rng.randint(10, 40) * I.DAY
            accts = self.family_accounts(rng, "mimicry", 20, tiers=["team", "startup"], org=org, n_cards=2,
                                         emails=[f"dev{r}-tools.io"], created=lambda i: born + i * 7 * I.MIN)
            harness = [(rng.choice(agents.HARNESS), rng.choice(I.AGENT_CLIENTS)) for _ in accts]
            for ts, (acct, disp) in self.pool(rng, accts, len(accts) * 30, I.T0, self.end, I.WORK):
                (sys_t, tools), ua = harness[accts.index((acct, disp))]
                index += 1  # every task is the next grid cell: unrelated to the account's previous one
                task = agents.mimic_prompt(rng, index)
                system = sys_t.format(root=agents.project_root(rng))
                ip, asn, cc = rng.choice(egress)
                cli = self.campaign_client(rng, disp, I.client(ip, asn, cc, ua))
                for i, t in enumerate(I.session(rng, ts, rng.randint(1, 3), 5, 60)):
                    p = task if i == 0 else f"Tool result ({rng.choice(tools)}): ok\nContinue with: {task}"
                    self.emit(t, acct, cli, p, "campaign:mimicry", system=system, tools=tools,
                              model=I.model(rng, t, self.rel, pivot=0.5), max_out=rng.choice([16384, 32000]), stream=True)

    def agentic(self):
        rng = self.rng("agentic")
        for r in range(self.n(2)):
            org = "org-" + I.hexid(rng)
            egress = [I.cloud(rng) for _ in range(4)]
            ua = rng.choice(I.SDKS)
            born = I.T0 - rng.randint(10, 40) * I.DAY
            accts = self.family_accounts(rng, "agentic", 25, tiers=["startup", "team"], org=org, n_cards=3,
                                         emails=[f"agentops{r}.ai", "gmail.com"], created=lambda i: born + i * 3 * I.MIN)
            for ts, (acct, disp) in self.pool(rng, accts, len(accts) * 40, I.T0, self.end):
                ip, asn, cc = rng.choice(egress)
                cli = self.campaign_client(rng, disp, I.client(ip, asn, cc, ua))
                p, tools = agents.trajectory_prompt(rng)
                self.emit(ts, acct, cli, p, "campaign:agentic", tools=tools, route="/v1/chat/completions",
                          model=I.model(rng, ts, self.rel, pivot=0.5), max_out=rng.choice([16384, 32000]))

    def hydra(self):
        rng = self.rng("hydra")
        for c in range(self.n(3)):
            cards = ["pf-" + I.hexid(rng, 14) for _ in range(2)]
            asn = rng.choice([9009, 60068, 212238])
            ips = [I.ip_in(rng, asn) for _ in range(6)]
            ua = rng.choice(I.SDKS)
            accts = []
            for i in range(40):  # half the heads replace banned ones on day 2: new sign-ups, same infrastructure
                wave = 0 if i < 20 else 1
                start = I.T0 + wave * (self.days // 2) * I.DAY
                created = (I.T0 - rng.randint(3, 20) * I.DAY) if wave == 0 else start - rng.randint(5, 120) * I.MIN
                acct = I.account(rng, tier=rng.choice(["edu", "research", "startup", "free"]), created_ms=created,
                                 pf=rng.choice(cards), email=rng.choice(["stud.polytech-east.edu", "gmail.com", "research-lab.org", "outlook.com"]))
                disp = None
                if self.disperse:
                    acct, cc, bua = self.dispersed()
                    disp = (cc, bua)
                accts.append((acct, disp, start))
            for wave in (0, 1):
                heads = [(a, d) for a, d, s in accts if (s > I.T0) == bool(wave)]
                lo = I.T0 + wave * (self.days // 2) * I.DAY
                hi = lo + (self.days // 2) * I.DAY if wave == 0 else self.end
                for ts, (acct, disp) in self.pool(rng, heads, len(heads) * 20, lo, hi):
                    cli = self.campaign_client(rng, disp, I.client(rng.choice(ips), asn, "NL", ua))
                    if rng.random() < 0.7:
                        system, p = agents.hydra_prompt(rng)
                        meta = {"intent": "capability"}
                    else:
                        system, (p, meta) = "", self.harvest_prompt(rng, "cot")
                    self.emit(ts, acct, cli, p, "campaign:hydra", system=system, route="/v1/chat/completions", meta=meta,
                              model=I.model(rng, ts, self.rel, pivot=0.5), max_out=rng.choice([8192, 16384]))

    def run(self):
        self.casual(); self.vpn(); self.platform(); self.newbie(); self.student(); self.teacher(); self.localisation(); self.developer()
        self.researcher(); self.researcher_bench(); self.analyst(); self.ops_agent(); self.businesses(); self.corporate_nat()
        self.shared_harvest("cot", ["cot"], 50, 40, tiers=["edu", "research", "startup", "free"], reseller=False,
                            n_cards=5, ua=I.SDKS[1], n_ips=10)
        self.shared_harvest("rubric", ["rubric"], 40, 40, tiers=["startup"], reseller=True, n_cards=1, ua=I.SDKS[3], n_ips=4)
        self.shared_harvest("safe_rewrite", ["safe"], 40, 35, tiers=["free", "pro"], reseller=False, n_cards=3,
                            ua=I.SDKS[5], n_ips=60, residential_proxy=True, route="/v1/messages")
        self.shared_harvest("datagen", ["data"], 40, 45, tiers=["startup", "team"], reseller=True, n_cards=2, ua=I.SDKS[0], n_ips=6)
        self.lowslow(); self.mimicry(); self.agentic(); self.hydra()
        self.out.sort(key=lambda r: (r["ts_ms"], r["account"]["id"]))
        for i, r in enumerate(self.out):
            r["id"] = f"ind{self.seed}-{i:06d}"
        return self.out


def rng_msg(r):
    return r.choice(benign.SUPPORT_MSG)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--days", type=int, default=4)
    ap.add_argument("--disperse", action="store_true")
    ap.add_argument("--output", default="-")
    a = ap.parse_args()
    recs = Gen(a.seed, a.scale, a.days, a.disperse).run()
    f = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    keys = ["id", "ts_ms", "account", "client", "request", "label", "meta"]
    for r in recs:
        f.write(json.dumps({k: r[k] for k in keys if k in r}, ensure_ascii=False) + "\n")
    if f is not sys.stdout:
        f.close()


if __name__ == "__main__":
    main()
