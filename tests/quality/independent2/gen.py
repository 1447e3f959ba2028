#!/usr/bin/env python3
"""Independent labelled traffic for Palisade, written only from the public description.

Writes JSONL (one request per line, sorted by ts_ms) in the input format of `palisade eval`:
benign populations (`benign:<population>`) and distillation campaigns (`campaign:<family>`) over a few days.

    python3 gen.py --seed 11 --scale 1 [--disperse] --output traffic.jsonl

`--disperse` gives every campaign account its own card, an aged account, a popular browser client, a popular mail
domain and a fresh residential IP, so that only content and behaviour remain as evidence.

Python 3 standard library only; the same arguments always give the same bytes.
"""

import argparse
import calendar
import datetime
import hashlib
import json
import math
import random
import sys

import banks
import para

DAY = 86_400_000
HOUR = 3_600_000
MINUTE = 60_000
START = calendar.timegm(datetime.datetime(2026, 11, 2).timetuple()) * 1000
DAYS = 4
RELEASE = START + int(2.4 * DAY)  # a new model appears part-way through the window
VERIFIED_EVAL_ORG = "org-ind2-evalharness"
VERIFIED_BATCH_ORG = "org-ind2-ledgerline"


def sub_rng(seed, name):
    """A generator per population, so adding one population does not reshuffle the others."""
    h = hashlib.sha256(f"{seed}/{name}".encode()).hexdigest()
    return random.Random(int(h[:16], 16))


def hexid(rng, n=10):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


# ---------------------------------------------------------------- clients and networks

BROWSERS = [
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
     "t13d1517h2_8daaf6152771_b1ff8ab2d16f", 34),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
     "t13d1517h2_8daaf6152771_b1ff8ab2d16f", 18),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
     "t13d2014h2_a09f3c656075_14788d8d241b", 14),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
     "t13d1715h2_5b57614c22b0_3d5424432f57", 9),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
     "t13d1517h2_8daaf6152771_b1ff8ab2d16f", 10),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
     "t13d2014h2_a09f3c656075_14788d8d241b", 10),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
     "t13d1516h2_8daaf6152771_02713d6af862", 5),
]

SDKS = [
    ("python-httpx/0.27.2", "t13d1812h1_85036bcba153_b26ce05bbdd6"),
    ("python-requests/2.32.3", "t13d1812h1_85036bcba153_375ca2c5e164"),
    ("node-fetch/3.3.2", "t13d1011h2_61a7ad8aa9b6_3b5074b1b5d0"),
    ("OpenAI/Python 1.54.3", "t13d1812h1_85036bcba153_b26ce05bbdd6"),
    ("axios/1.7.7", "t13d1011h2_61a7ad8aa9b6_3b5074b1b5d0"),
    ("Go-http-client/2.0", "t13d1310h2_e8f1e7e78f70_a0e9f5f7b6c1"),
    ("curl/8.5.0", "t13d3112h2_e8f1e7e78f70_6bebaf5329ac"),
]

AGENT_CLIENTS = [
    ("forge-cli/2.3.1 (darwin; arm64) node/22.11.0", "t13d1011h2_61a7ad8aa9b6_3b5074b1b5d0"),
    ("forge-cli/2.3.0 (linux; x64) node/20.18.0", "t13d1011h2_61a7ad8aa9b6_3b5074b1b5d0"),
    ("tessera-vscode/0.41.2 vscode/1.95.3", "t13d1517h2_8daaf6152771_b1ff8ab2d16f"),
    ("pilotcode/1.8.4 python/3.12.7", "t13d1812h1_85036bcba153_b26ce05bbdd6"),
]

# (asn, country, first octets) for residential ISPs and for hosting / proxy networks
RESIDENTIAL = [
    (7922, "US", [24, 73, 98, 67]), (701, "US", [71, 108, 173]), (20115, "US", [47, 66, 97]),
    (3320, "DE", [79, 84, 91, 93]), (3215, "FR", [86, 90, 92]), (12322, "FR", [78, 82, 88]),
    (2856, "GB", [81, 86, 109]), (3352, "ES", [80, 83, 88]), (12389, "RU", [95, 178, 188]),
    (8402, "RU", [85, 89, 95]), (4134, "CN", [58, 113, 116, 183]), (4837, "CN", [60, 123, 221]),
    (2516, "JP", [106, 111, 182]), (4713, "JP", [114, 153, 180]), (28573, "BR", [177, 179, 189]),
    (18881, "BR", [177, 186, 191]), (3269, "IT", [79, 87, 93]), (1136, "NL", [77, 84, 145]),
    (9808, "CN", [111, 112, 117]), (6830, "AT", [62, 80, 84]), (27699, "BR", [179, 187, 200]),
    (5089, "GB", [62, 82, 86]), (577, "CA", [65, 70, 142]), (1221, "AU", [101, 110, 124]),
]
HOSTING = [
    (16509, "US", [3, 18, 34, 52]), (15169, "US", [34, 35]), (14061, "US", [137, 159, 167]),
    (24940, "DE", [49, 78, 88, 95]), (16276, "FR", [51, 54, 141]), (20473, "US", [45, 66, 144]),
    (45102, "SG", [8, 47, 149]), (63949, "US", [45, 139, 172]), (9009, "GB", [185, 194]),
]
COUNTRY_TZ = {"US": -6, "CA": -5, "DE": 1, "FR": 1, "GB": 0, "ES": 1, "RU": 3, "CN": 8, "JP": 9, "BR": -3,
              "IT": 1, "NL": 1, "AT": 1, "AU": 10, "SG": 8, "IN": 5}
LANG_COUNTRIES = {"en": ["US", "GB", "CA", "AU"], "ru": ["RU"], "es": ["ES"], "de": ["DE", "AT"], "zh": ["CN"],
                  "fr": ["FR"], "ja": ["JP"], "pt": ["BR"], "mixed": ["NL", "DE", "SG", "US"]}
POPULAR_MAIL = ["gmail.com"] * 8 + ["outlook.com"] * 3 + ["yahoo.com", "icloud.com", "hotmail.com", "proton.me"]
LOCAL_MAIL = {"RU": ["yandex.ru", "mail.ru"], "CN": ["qq.com", "163.com"], "DE": ["gmx.de", "web.de"],
              "FR": ["orange.fr", "free.fr"], "JP": ["yahoo.co.jp", "docomo.ne.jp"], "BR": ["uol.com.br", "bol.com.br"],
              "ES": ["telefonica.net"], "AT": ["gmx.at"]}


def ip_in(rng, firsts, prefix=None):
    if prefix:
        return f"{prefix}.{rng.randint(2, 254)}"
    return f"{rng.choice(firsts)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(2, 254)}"


def residential_client(rng, country=None):
    choices = [r for r in RESIDENTIAL if country is None or r[1] == country] or RESIDENTIAL
    asn, cc, firsts = rng.choice(choices)
    ua, tls = weighted_browser(rng)
    return {"ip": ip_in(rng, firsts), "asn": asn, "country": cc, "user_agent": ua, "tls_fingerprint": tls}


def weighted_browser(rng):
    total = sum(b[2] for b in BROWSERS)
    x = rng.uniform(0, total)
    for ua, tls, w in BROWSERS:
        x -= w
        if x <= 0:
            return ua, tls
    return BROWSERS[0][0], BROWSERS[0][1]


def hosting_client(rng, sdk=True):
    asn, cc, firsts = rng.choice(HOSTING)
    ua, tls = rng.choice(SDKS) if sdk else weighted_browser(rng)
    return {"ip": ip_in(rng, firsts), "asn": asn, "country": cc, "user_agent": ua, "tls_fingerprint": tls}


def mail_for(rng, country):
    local = LOCAL_MAIL.get(country)
    if local and rng.random() < 0.5:
        return rng.choice(local)
    return rng.choice(POPULAR_MAIL)


# ---------------------------------------------------------------- accounts and timing


class Account:
    def __init__(self, rng, prefix, *, tier="free", org=None, created=None, pf=None, mail=None, client=None, lang="en"):
        self.id = f"acct-{prefix}-{hexid(rng, 8)}"
        self.tier = tier
        self.org = org or f"org-{hexid(rng, 10)}"
        self.created = created if created is not None else START - rng.randint(20, 900) * DAY - rng.randint(0, DAY)
        self.pf = pf if pf is not None else (f"pf-{hexid(rng, 12)}" if tier != "free" or rng.random() < 0.3 else None)
        self.client = client or residential_client(rng)
        self.mail = mail or mail_for(rng, self.client["country"])
        self.lang = lang
        self.tz = COUNTRY_TZ.get(self.client["country"], 0)
        self.route = "/v1/chat/completions" if rng.random() < 0.3 else "/v1/messages"
        self.stream = self.client["user_agent"].startswith("Mozilla") or rng.random() < 0.3
        self.state = {}

    def record(self):
        a = {"id": self.id, "created_ms": self.created, "tier": self.tier, "org": self.org, "email_domain": self.mail}
        if self.pf:
            a["payment_fingerprint"] = self.pf
        return a


def human_times(rng, acct, per_day, days=DAYS, start=START, workday=False):
    """Sessions at local waking (or working) hours; a few requests a few minutes apart in each."""
    out = []
    for d in range(days):
        day0 = start + d * DAY
        n = poisson(rng, per_day)
        while n > 0:
            if workday:
                hour = rng.choice([9, 10, 10, 11, 11, 13, 14, 14, 15, 16, 16, 17])
            else:
                hour = rng.choice([8, 9, 11, 12, 13, 17, 19, 20, 20, 21, 21, 22, 23])
            t = day0 + (hour - acct.tz) * HOUR + rng.randint(0, HOUR - 1)
            burst = min(n, 1 + poisson(rng, 1.5))
            for _ in range(burst):
                out.append(t)
                t += rng.randint(40_000, 9 * MINUTE)
            n -= burst
    return [t for t in out if start <= t < START + DAYS * DAY]


def steady_times(rng, count, start=START, end=START + DAYS * DAY, jitter=0.3):
    """Evenly spread, machine-paced requests (a job queue or a load balancer)."""
    if count <= 0:
        return []
    step = (end - start) / count
    return [start + int(i * step + rng.uniform(-jitter, jitter) * step) % (end - start) for i in range(count)]


def poisson(rng, lam):
    if lam <= 0:
        return 0
    # Knuth's method; exp(-lam) stays representable for the rates used here (at most a few hundred)
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def pick_model(rng, acct, t, eager=False):
    """Before the release everyone is on frontier-1 (some on the mini); campaigns pivot fast and hard."""
    if t >= RELEASE:
        lag = acct.state.setdefault("pivot_lag", rng.randint(1, 20) * HOUR if eager else rng.randint(10, 60) * HOUR)
        share = 0.5 if eager else 0.15
        if t >= RELEASE + lag and rng.random() < share:
            return "frontier-2"
    return "frontier-mini" if rng.random() < (0.05 if eager else 0.2) else "frontier-1"


def enroll(rng, acct, lag):
    """Campaign accounts of one family move to a new model together: a family lag, a little per-account jitter."""
    acct.state["pivot_lag"] = lag + rng.randint(0, 2 * HOUR)


def tokens(*texts):
    """A rough tokenizer: four ASCII characters a token, most other characters one each."""
    ascii_chars = sum(1 for x in texts for ch in (x or "") if ord(ch) < 128)
    other = sum(len(x or "") for x in texts) - ascii_chars
    return max(1, ascii_chars // 4 + int(other * 0.8))


def req(acct, t, label, prompt, *, model, system=None, tools=None, max_out=1024, stream=None, route=None, client=None):
    return {
        "ts_ms": int(t),
        "account": acct.record(),
        "client": dict(client or acct.client),
        "request": {"route": route or acct.route, "model": model, "prompt": prompt, "system_prompt": system or "",
                    "prompt_tokens": tokens(prompt, system), "max_output_tokens": max_out,
                    "tools": list(tools or []), "stream": acct.stream if stream is None else stream},
        "label": label,
    }


# ---------------------------------------------------------------- benign populations


def benign(seed, scale, out):
    n = lambda x: max(1, int(round(x * scale)))  # noqa: E731

    # casual users: any language, a few prompts on a few days
    rng = sub_rng(seed, "casual")
    for _ in range(n(1300)):
        lang = rng.choice(["en"] * 10 + ["es", "de", "fr", "pt", "ru", "zh", "ja"])
        a = Account(rng, "c", tier=rng.choice(["free"] * 4 + ["pro"]),
                    client=residential_client(rng, rng.choice(LANG_COUNTRIES[lang])), lang=lang)
        for t in human_times(rng, a, rng.choice([0.4, 0.8, 1.5, 3])):
            out.append(req(a, t, "benign:casual", banks.casual(rng, lang), model=pick_model(rng, a, t),
                           max_out=rng.choice([512, 1024, 2048])))

    # students asking to be walked through single problems
    rng = sub_rng(seed, "student")
    for _ in range(n(280)):
        lang = rng.choice(["en"] * 6 + ["es", "de", "pt", "fr", "zh", "ru", "ja"])
        cc = rng.choice(LANG_COUNTRIES[lang])
        a = Account(rng, "s", tier=rng.choice(["free", "free", "edu"]), client=residential_client(rng, cc), lang=lang,
                    mail=rng.choice(banks.UNIVERSITY_MAIL.get(cc, ["student.example.edu"])) if rng.random() < 0.5 else None)
        for t in human_times(rng, a, rng.choice([1, 2, 4])):
            out.append(req(a, t, "benign:student", banks.student(rng, lang), model=pick_model(rng, a, t)))

    # teachers: rubrics for their class, grading a few of their students' pieces
    rng = sub_rng(seed, "teacher")
    for _ in range(n(70)):
        lang = rng.choice(["en"] * 4 + ["de", "es", "fr"])
        a = Account(rng, "t", tier=rng.choice(["free", "pro"]), client=residential_client(rng, rng.choice(LANG_COUNTRIES[lang])),
                    lang=lang)
        a.state["class"] = banks.teacher_class(rng)
        for t in human_times(rng, a, rng.choice([1, 2, 3]), workday=rng.random() < 0.5):
            out.append(req(a, t, "benign:teacher", banks.teacher(rng, a.state["class"]), model=pick_model(rng, a, t)))

    # researchers discussing chain of thought, reward models and distillation in the abstract
    rng = sub_rng(seed, "researcher")
    labs = [f"org-{hexid(rng, 10)}" for _ in range(6)]
    for _ in range(n(70)):
        a = Account(rng, "r", tier=rng.choice(["pro", "research", "research"]), org=rng.choice(labs) if rng.random() < 0.6 else None,
                    mail=rng.choice(banks.RESEARCH_MAIL) if rng.random() < 0.7 else None)
        for t in human_times(rng, a, rng.choice([1, 2, 5]), workday=True):
            out.append(req(a, t, "benign:researcher", banks.researcher(rng), model=pick_model(rng, a, t),
                           max_out=rng.choice([2048, 4096])))

    # new sign-ups trying a few prompts, some curious about how the model reasons
    rng = sub_rng(seed, "newsignup")
    for _ in range(n(320)):
        lang = rng.choice(["en"] * 7 + ["es", "de", "fr", "pt", "ru", "zh", "ja"])
        day = rng.uniform(0, DAYS - 0.3)
        created = START + int(day * DAY)
        a = Account(rng, "n", tier="free", created=created, pf=None,
                    client=residential_client(rng, rng.choice(LANG_COUNTRIES[lang])), lang=lang)
        k = rng.randint(1, 6)
        t = created + rng.randint(1, 40) * MINUTE
        for _ in range(k):
            if t >= START + DAYS * DAY:
                break
            out.append(req(a, t, "benign:newsignup", banks.newsignup(rng, lang), model=pick_model(rng, a, t)))
            t += rng.randint(1, 25) * MINUTE

    # developers with coding agents, coming back to the same repository
    rng = sub_rng(seed, "developer")
    for _ in range(n(230)):
        base = residential_client(rng) if rng.random() < 0.7 else hosting_client(rng)
        base["user_agent"], base["tls_fingerprint"] = rng.choice(AGENT_CLIENTS)
        a = Account(rng, "d", tier=rng.choice(["pro", "pro", "team", "free"]), client=base)
        a.state["repo"] = banks.repo(rng)
        a.state["agent"] = rng.randrange(len(banks.AGENT_SYSTEMS))
        for t in human_times(rng, a, rng.choice([2, 5, 9]), workday=True):
            p, sysp, tools = banks.developer(rng, a.state["repo"], a.state["agent"])
            out.append(req(a, t, "benign:developer", p, system=sysp, tools=tools, model=pick_model(rng, a, t),
                           max_out=rng.choice([4096, 8192, 16384]), stream=True))

    # localisation team: one company, a dozen linguists, translating product strings all day
    rng = sub_rng(seed, "localisation")
    org, pf, dom = f"org-{hexid(rng, 10)}", f"pf-{hexid(rng, 12)}", "lingvaworks.eu"
    office = residential_client(rng, "DE")
    office["asn"] = 3320
    for _ in range(n(14)):
        c = dict(office)
        c["ip"] = office["ip"].rsplit(".", 1)[0] + f".{rng.randint(2, 30)}"
        a = Account(rng, "l", tier="team", org=org, pf=pf, mail=dom, client=c)
        for t in human_times(rng, a, rng.choice([10, 18]), workday=True):
            out.append(req(a, t, "benign:localisation", banks.localisation(rng), model=pick_model(rng, a, t)))

    # support bots: a few service accounts answering customers with one system prompt
    rng = sub_rng(seed, "supportbot")
    for company in range(3):
        org, pf = f"org-{hexid(rng, 10)}", f"pf-{hexid(rng, 12)}"
        cl = hosting_client(rng)
        name = banks.SUPPORT_COMPANIES[company]
        for _ in range(2):
            a = Account(rng, "b", tier="enterprise", org=org, pf=pf, mail=name[1], client=cl)
            for t in human_times(rng, a, 90 * scale):
                p, s = banks.support(rng, name)
                out.append(req(a, t, "benign:support_bot", p, system=s, model="frontier-mini" if company else "frontier-1",
                               max_out=600))

    # enterprise batch: one verified organisation, a classification / extraction template at steady volume
    rng = sub_rng(seed, "batch")
    cl = hosting_client(rng)
    pf = f"pf-{hexid(rng, 12)}"
    for i in range(3):
        a = Account(rng, "e", tier="enterprise", org=VERIFIED_BATCH_ORG, pf=pf, mail="ledgerline.com", client=cl)
        for t in steady_times(rng, n(1200)):
            out.append(req(a, t, "benign:enterprise_batch", banks.batch(rng, i % 2), model="frontier-mini", max_out=300))

    # evaluation harness of a verified organisation: LLM-as-judge prompts and long-context items
    rng = sub_rng(seed, "evalharness")
    cl = hosting_client(rng)
    pf = f"pf-{hexid(rng, 12)}"
    for i in range(4):
        a = Account(rng, "h", tier="enterprise", org=VERIFIED_EVAL_ORG, pf=pf, mail="quantaeval.ai", client=cl)
        for t in steady_times(rng, n(900), jitter=0.45):
            if rng.random() < 0.15:
                p = banks.longcontext(rng)
                out.append(req(a, t, "benign:eval_harness", p, model=pick_model(rng, a, t), max_out=256))
            else:
                p, s = banks.judge(rng)
                out.append(req(a, t, "benign:eval_harness", p, system=s, model=pick_model(rng, a, t), max_out=512))

    # data analysts asking about their own datasets, coming back to them
    rng = sub_rng(seed, "analyst")
    for _ in range(n(60)):
        a = Account(rng, "a", tier=rng.choice(["pro", "free", "team"]))
        for t in human_times(rng, a, rng.choice([1, 3, 5]), workday=True):
            out.append(req(a, t, "benign:data_analyst", banks.analyst_question(rng), model=pick_model(rng, a, t), max_out=4096))

    # a small startup grading its own support bot with an LLM judge; not on any verified list
    rng = sub_rng(seed, "startupevals")
    org, pf, cl = f"org-{hexid(rng, 10)}", f"pf-{hexid(rng, 12)}", hosting_client(rng)
    for _ in range(2):
        a = Account(rng, "u", tier="pro", org=org, pf=pf, mail="helpdeskly.io", client=cl, created=START - rng.randint(90, 400) * DAY)
        for t in human_times(rng, a, 60 * scale, workday=True):
            out.append(req(a, t, "benign:startup_evals", banks.startup_judge(rng), model="frontier-mini", max_out=300))

    # a university course: a class signs up in one burst from the campus network and works the same problem sets
    rng = sub_rng(seed, "course")
    cc = rng.choice(["US", "DE", "GB", "BR", "ES"])
    campus = residential_client(rng, cc)
    net = campus["ip"].rsplit(".", 2)[0]
    signup = START + rng.randint(0, DAYS - 2) * DAY + (10 - COUNTRY_TZ.get(cc, 0)) * HOUR
    lang = {"US": "en", "GB": "en", "DE": "de", "BR": "pt", "ES": "es"}[cc]
    dom = rng.choice(banks.UNIVERSITY_MAIL[cc])
    for _ in range(n(45)):
        c = dict(campus)
        c["ip"] = f"{net}.{rng.randint(0, 255)}.{rng.randint(2, 254)}"
        c["user_agent"], c["tls_fingerprint"] = weighted_browser(rng)
        a = Account(rng, "k", tier="edu", created=signup + rng.randint(0, 90 * MINUTE), pf=None, mail=dom, client=c, lang=lang)
        times = [signup + rng.randint(95, 200) * MINUTE] + human_times(rng, a, rng.choice([1, 2, 3]), start=signup + DAY,
                                                                         days=DAYS)
        for t in [t for t in times if t < START + DAYS * DAY]:
            out.append(req(a, t, "benign:course_cohort", banks.student(rng, lang), model=pick_model(rng, a, t)))

    # a hackathon: developers sign up on the day from the venue's network, code all day, most never come back
    rng = sub_rng(seed, "hackathon")
    venue = residential_client(rng, "US")  # the venue's business line: one ISP, two NAT addresses
    venue_ips = [venue["ip"], venue["ip"].rsplit(".", 1)[0] + f".{rng.randint(2, 254)}"]
    day0 = START + rng.randint(1, DAYS - 1) * DAY + (9 + 5) * HOUR
    for _ in range(n(60)):
        c = dict(venue)
        c["ip"] = rng.choice(venue_ips)
        c["user_agent"], c["tls_fingerprint"] = rng.choice(SDKS[:5] + AGENT_CLIENTS)
        a = Account(rng, "q", tier="free", created=day0 + rng.randint(0, 2 * HOUR), pf=None, client=c, mail=rng.choice(POPULAR_MAIL))
        a.tz = -5
        a.state["repo"] = banks.repo(rng)
        agent = rng.randrange(len(banks.AGENT_SYSTEMS))
        t = a.created + rng.randint(5, 60) * MINUTE
        while t < day0 + 12 * HOUR and t < START + DAYS * DAY:
            p, sysp, tools = banks.developer(rng, a.state["repo"], agent)
            out.append(req(a, t, "benign:hackathon", p, system=sysp, tools=tools, model=pick_model(rng, a, t), max_out=8192))
            t += rng.randint(3, 50) * MINUTE

    # corporate NAT: many employees, two egress addresses, one domain, one bill
    rng = sub_rng(seed, "corpnat")
    org, pf = f"org-{hexid(rng, 10)}", f"pf-{hexid(rng, 12)}"
    gws = [residential_client(rng, "US") for _ in range(2)]
    for g in gws:
        g["asn"], g["user_agent"] = 7018, g["user_agent"]
    for _ in range(n(160)):
        c = dict(rng.choice(gws))
        c["user_agent"], c["tls_fingerprint"] = weighted_browser(rng)
        a = Account(rng, "w", tier="team", org=org, pf=pf, mail="hollisbrandt.com", client=c)
        a.tz = -5
        for t in human_times(rng, a, rng.choice([1, 3, 6]), workday=True):
            out.append(req(a, t, "benign:corporate_nat", banks.office(rng), model=pick_model(rng, a, t)))

    # education platform: tutoring service generating worked solutions and quizzes for learners
    rng = sub_rng(seed, "eduplatform")
    org, pf = f"org-{hexid(rng, 10)}", f"pf-{hexid(rng, 12)}"
    cl = hosting_client(rng)
    for i in range(3):
        a = Account(rng, "p", tier="enterprise", org=org, pf=pf, mail="brightpath-learning.com", client=cl)
        for t in human_times(rng, a, 140 * scale):
            p, s = banks.eduplatform(rng)
            out.append(req(a, t, "benign:edu_platform", p, system=s, model="frontier-mini", max_out=1500))


# ---------------------------------------------------------------- campaigns


LANGS = ["en", "en", "en", "ru", "es", "de", "zh", "fr", "ja", "pt", "mixed"]


def disperse_account(rng, prefix, lang="en"):
    """What --disperse gives every campaign account: nothing shared, nothing fresh."""
    cc = rng.choice(LANG_COUNTRIES[lang])
    return Account(rng, prefix, tier=rng.choice(["free", "pro", "pro"]),
                   created=START - rng.randint(60, 1200) * DAY, pf=f"pf-{hexid(rng, 12)}",
                   client=residential_client(rng, cc), mail=rng.choice(POPULAR_MAIL), lang=lang)


def campaigns(seed, scale, disperse, out):
    n = lambda x: max(1, int(round(x * scale)))  # noqa: E731

    # four intent pools behind reseller proxies: reasoning traces, grading, safe rewrites, training data
    for fam, gen_fn, size, rate in [("cot_harvest", banks.harvest_cot, 45, 16), ("reward_grading", banks.harvest_rubric, 30, 15),
                                     ("safe_rewrite", banks.harvest_rewrite, 30, 14), ("datagen", banks.harvest_datagen, 30, 12)]:
        rng = sub_rng(seed, fam)
        proxies = [hosting_client(rng, sdk=rng.random() < 0.5) for _ in range(4)]
        reseller = f"org-{hexid(rng, 10)}"
        burst = START - rng.randint(2, 30) * DAY
        pfs = [f"pf-{hexid(rng, 12)}" for _ in range(max(2, size // 8))]
        fam_para = para.Family(rng)
        lag = rng.randint(2, 20) * HOUR
        for _ in range(n(size)):
            lang = rng.choice(LANGS)
            if disperse:
                a = disperse_account(rng, "x", lang if lang != "mixed" else "en")
            else:
                c = dict(rng.choice(proxies))
                c["ip"] = c["ip"].rsplit(".", 1)[0] + f".{rng.randint(2, 254)}"
                a = Account(rng, "x", tier=rng.choice(["pro", "startup", "research"]), org=reseller if rng.random() < 0.7 else None,
                            created=burst + rng.randint(0, 6 * HOUR), pf=rng.choice(pfs), client=c,
                            mail=rng.choice(["mailbox-relay.net", f"{hexid(rng, 5)}.inboxfast.io"]), lang=lang)
            enroll(rng, a, lag)
            times = human_times(rng, a, rate, workday=False) if disperse else steady_times(rng, rate * DAYS, jitter=0.5)
            for t in times:
                p = gen_fn(rng, a.lang if disperse else rng.choice(LANGS), fam_para)
                out.append(req(a, t, f"campaign:{fam}", p, model=pick_model(rng, a, t, eager=True),
                               max_out=rng.choice([4096, 8192]), client=a.client))

    # hydra clusters: many accounts on shared cards, one network, one TLS stack; load-balanced round the clock
    rng = sub_rng(seed, "hydra")
    fam_para = para.Family(rng)
    lag = rng.randint(2, 20) * HOUR
    for cl in range(3):
        asn, cc, firsts = rng.choice(HOSTING)
        net = f"{rng.choice(firsts)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}"
        ua, tls = rng.choice(SDKS)
        pfs = [f"pf-{hexid(rng, 12)}" for _ in range(2)]
        burst = START - rng.randint(1, 10) * DAY
        accts = []
        for _ in range(n(22)):
            if disperse:
                accts.append(disperse_account(rng, "y"))
            else:
                c = {"ip": ip_in(rng, firsts, net), "asn": asn, "country": cc, "user_agent": ua, "tls_fingerprint": tls}
                accts.append(Account(rng, "y", tier=rng.choice(["edu", "research", "startup"]), created=burst + rng.randint(0, 3 * HOUR),
                                     pf=rng.choice(pfs), client=c, mail=rng.choice(["edu-mail.space", "uni-access.org", "labpass.dev"])))
        for a in accts:
            enroll(rng, a, lag)
        if disperse:
            slots = sorted(((t, a) for a in accts for t in human_times(rng, a, 22)), key=lambda x: x[0])
        else:
            slots = [(t, accts[i % len(accts)]) for i, t in enumerate(steady_times(rng, len(accts) * 45, jitter=0.05))]
        for t, a in slots:
            intent = rng.choice([banks.harvest_cot, banks.harvest_rubric, banks.harvest_rewrite, banks.harvest_datagen])
            p = intent(rng, rng.choice(LANGS), fam_para)
            out.append(req(a, t, "campaign:hydra", p, model=pick_model(rng, a, t, eager=True), max_out=8192))

    # low-and-slow: thousands of light accounts at human hours, a third to a half cover traffic
    rng = sub_rng(seed, "lowslow")
    fam_para = para.Family(rng)
    lag = rng.randint(2, 20) * HOUR
    cohorts = [START - rng.randint(3, 40) * DAY + rng.randint(0, DAY) for _ in range(12)]
    mail_pattern = [f"{w}{rng.randint(10, 99)}.{tld}" for w in ["quickpost", "mailnest", "inboxly", "sendora"]
                    for tld in ["top", "xyz", "site"]]
    for _ in range(n(700)):
        lang = rng.choice(LANGS)
        if disperse:
            a = disperse_account(rng, "z", lang if lang != "mixed" else "en")
        else:
            cc = rng.choice(LANG_COUNTRIES[lang])
            a = Account(rng, "z", tier=rng.choice(["free", "pro", "pro"]), created=rng.choice(cohorts) + rng.randint(0, 2 * HOUR),
                        pf=f"pf-{hexid(rng, 12)}", client=residential_client(rng, cc), mail=rng.choice(mail_pattern), lang=lang)
        enroll(rng, a, lag)
        cover = rng.uniform(0.33, 0.5)
        for t in human_times(rng, a, rng.choice([2, 3, 4])):
            if rng.random() < cover:
                p = banks.casual(rng, a.lang if a.lang != "mixed" else "en")
            else:
                intent = rng.choice([banks.harvest_cot, banks.harvest_soft, banks.harvest_soft, banks.harvest_rubric, banks.harvest_rewrite,
                                     banks.harvest_datagen])
                p = intent(rng, a.lang, fam_para)
            # each request leaves from a fresh residential address (rotating proxy)
            c = dict(a.client)
            if not disperse:
                c = residential_client(rng, a.client["country"])
                c["user_agent"], c["tls_fingerprint"] = a.client["user_agent"], a.client["tls_fingerprint"]
            out.append(req(a, t, "campaign:lowslow", p, model=pick_model(rng, a, t, eager=True), client=c,
                           max_out=rng.choice([2048, 4096])))

    # a template family: one analyst persona and a slotted task, paraphrased on every request, over many accounts
    rng = sub_rng(seed, "templatefam")
    lag = rng.randint(2, 20) * HOUR
    pool = [residential_client(rng) for _ in range(6)]
    burst = START - rng.randint(3, 15) * DAY
    accts = []
    for _ in range(n(90)):
        if disperse:
            a = disperse_account(rng, "f")
        else:
            c = dict(rng.choice(pool))
            c["ip"] = c["ip"].rsplit(".", 1)[0] + f".{rng.randint(2, 254)}"
            a = Account(rng, "f", tier=rng.choice(["free", "pro", "startup"]), created=burst + rng.randint(0, 8 * HOUR), client=c,
                        mail=f"{rng.choice(['data', 'insight', 'metric'])}{rng.randint(100, 999)}.{rng.choice(['online', 'site'])}")
        enroll(rng, a, lag)
        accts.append(a)
    if disperse:
        slots = sorted(((t, a) for a in accts for t in human_times(rng, a, 10)), key=lambda x: x[0])
    else:
        slots = [(t, accts[i % len(accts)]) for i, t in enumerate(steady_times(rng, len(accts) * 30, jitter=0.4))]
    for t, a in slots:
        out.append(req(a, t, "campaign:template_family", banks.analysis_task(rng), system=banks.analyst_persona(rng),
                       model=pick_model(rng, a, t, eager=True), max_out=8192))

    # coding-agent mimicry: real-looking agent prompts and tools, tasks swept over a language x capability grid
    rng = sub_rng(seed, "mimicry")
    grid = banks.mimicry_grid(rng)
    resellers = [(f"org-{hexid(rng, 10)}", hosting_client(rng, sdk=False), f"pf-{hexid(rng, 12)}") for _ in range(3)]
    cursor = 0
    lag = rng.randint(2, 20) * HOUR
    for k in range(n(120)):
        org, base, pf = rng.choice(resellers)
        if disperse:
            a = disperse_account(rng, "m")
        else:
            c = dict(base)
            c["ip"] = c["ip"].rsplit(".", 1)[0] + f".{rng.randint(2, 254)}"
            c["user_agent"], c["tls_fingerprint"] = rng.choice(AGENT_CLIENTS)
            a = Account(rng, "m", tier="team", org=org, pf=pf, client=c, mail=f"sub{k}.devseat.io",
                        created=START - rng.randint(5, 20) * DAY)
        enroll(rng, a, lag)
        agent = rng.randrange(len(banks.AGENT_SYSTEMS))
        for t in human_times(rng, a, rng.choice([5, 8, 12]), workday=True):
            cell = grid[cursor % len(grid)]
            cursor += 1
            p, s, tools = banks.mimicry_task(rng, cell, agent)
            out.append(req(a, t, "campaign:agent_mimicry", p, system=s, tools=tools, model=pick_model(rng, a, t, eager=True),
                           max_out=16384, stream=True))

    # agentic harvest: tool-use trajectories collected at scale through a reseller network
    rng = sub_rng(seed, "agentic")
    org = f"org-{hexid(rng, 10)}"
    pfs = [f"pf-{hexid(rng, 12)}" for _ in range(3)]
    nets = [hosting_client(rng) for _ in range(3)]
    lag = rng.randint(2, 20) * HOUR
    for _ in range(n(50)):
        if disperse:
            a = disperse_account(rng, "g")
        else:
            c = dict(rng.choice(nets))
            c["ip"] = c["ip"].rsplit(".", 1)[0] + f".{rng.randint(2, 254)}"
            a = Account(rng, "g", tier=rng.choice(["startup", "team"]), org=org if rng.random() < 0.8 else None, pf=rng.choice(pfs),
                        client=c, mail="agentops-mail.com", created=START - rng.randint(1, 12) * DAY)
        enroll(rng, a, lag)
        times = human_times(rng, a, 15) if disperse else steady_times(rng, 45, jitter=0.5)
        for t in times:
            p, s, tools = banks.trajectory(rng)
            out.append(req(a, t, "campaign:agentic_harvest", p, system=s, tools=tools, model=pick_model(rng, a, t, eager=True),
                           max_out=8192))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--disperse", action="store_true")
    ap.add_argument("--output", default="-")
    args = ap.parse_args(argv)
    out = []
    benign(args.seed, args.scale, out)
    campaigns(args.seed, args.scale, args.disperse, out)
    out.sort(key=lambda r: (r["ts_ms"], r["account"]["id"]))
    f = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for i, r in enumerate(out):
            line = {"id": f"r-{i + 1}"}
            line.update(r)
            f.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
    finally:
        if f is not sys.stdout:
            f.close()


if __name__ == "__main__":
    main()
