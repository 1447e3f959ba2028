"""Identities, clients, networks and clocks: the parts of a request that are not its text.

Everything draws from one `random.Random`; ids are random hex so nothing in an id says what population it is in.
"""

import datetime

START_MS = int(datetime.datetime(2026, 3, 2, tzinfo=datetime.timezone.utc).timestamp() * 1000)  # a Monday
DAY = 86_400_000
HOUR = 3_600_000
MIN = 60_000

# Two verified organisations (the evaluation harness and the enterprise batch job); run.sh appends them to a copy
# of the policy's verified-orgs list.
EVAL_ORG = "org-3b91d0e7a2"
BATCH_ORG = "org-c40a8f19d5"

RELEASE_OFF_MS = 38 * HOUR + 20 * MIN  # the new model ships on day 2, 14:20 UTC
MODELS_OLD = ["atlas-3", "atlas-3", "atlas-3", "atlas-3-mini"]
MODEL_NEW = "atlas-4"

# country: (utc offset hours, language, residential (asn, first octets), mail providers)
COUNTRIES = {
    "US": (-6, "en", [(7922, "73."), (701, "108."), (20115, "24."), (7018, "99.")], ["gmail.com", "yahoo.com", "outlook.com", "icloud.com"]),
    "GB": (0, "en", [(5089, "86."), (2856, "81.")], ["gmail.com", "btinternet.com", "outlook.com"]),
    "IN": (5.5, "en", [(24560, "122."), (55836, "49.")], ["gmail.com", "rediffmail.com"]),
    "DE": (1, "de", [(3320, "79."), (6805, "84."), (3209, "92.")], ["gmx.de", "web.de", "gmail.com", "t-online.de"]),
    "FR": (1, "fr", [(3215, "90."), (12322, "88."), (5410, "176.")], ["orange.fr", "free.fr", "gmail.com", "laposte.net"]),
    "ES": (1, "es", [(3352, "83."), (12479, "95.")], ["gmail.com", "hotmail.es", "telefonica.net"]),
    "MX": (-6, "es", [(8151, "187."), (28548, "201.")], ["gmail.com", "hotmail.com", "prodigy.net.mx"]),
    "RU": (3, "ru", [(12389, "95."), (8402, "178.")], ["yandex.ru", "mail.ru", "gmail.com"]),
    "CN": (8, "zh", [(4134, "116."), (4837, "123.")], ["qq.com", "163.com", "126.com"]),
    "JP": (9, "ja", [(4713, "126."), (2516, "106.")], ["gmail.com", "yahoo.co.jp", "docomo.ne.jp"]),
    "BR": (-3, "pt", [(26599, "177."), (28573, "189.")], ["gmail.com", "uol.com.br", "bol.com.br", "hotmail.com"]),
    "PT": (0, "pt", [(3243, "85."), (12353, "94.")], ["gmail.com", "sapo.pt"]),
}
COUNTRY_WEIGHTS = {"US": 28, "GB": 6, "IN": 8, "DE": 9, "FR": 7, "ES": 5, "MX": 4, "RU": 6, "CN": 7, "JP": 6, "BR": 7, "PT": 2}

DATACENTER = [(16509, "3."), (16509, "52."), (15169, "34."), (396982, "35."), (24940, "65.108."), (16276, "51."),
              (14061, "159.203."), (8075, "20."), (20473, "45.76."), (45102, "47."), (132203, "43.")]

BROWSERS = [
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36", "t13d1516h2_8daaf6152771_b0da82dd1658", [131, 132, 133]),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36", "t13d1516h2_8daaf6152771_b0da82dd1658", [131, 132, 133]),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{v}.2 Safari/605.1.15", "t13d2014h2_a09f3c656075_e42f34c56612", [17, 18]),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0", "t13d1715h2_5b57614c22b0_3d5424432f57", [132, 133, 134]),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.0.0", "t13d1516h2_8daaf6152771_02713d6af862", [131, 132]),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{v}.1 Mobile/15E148 Safari/604.1", "t13d2014h2_a09f3c656075_e42f34c56612", [18]),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36", "t13d1516h2_8daaf6152771_b0da82dd1658", [131, 132]),
]
BROWSER_WEIGHTS = [30, 14, 12, 9, 8, 15, 12]

SDKS = [("python-httpx/0.27.2", "t13d1812h2_e8a523a41297_1e5e7f4c3b87"), ("openai-python/1.54.3", "t13d1812h2_e8a523a41297_1e5e7f4c3b87"),
        ("node-fetch/3.3.2 node/20.11.1", "t13d1711h2_5b57614c22b0_0f2cb44170f4"), ("Go-http-client/2.0", "t13d1311h2_f57a46bbacb6_ab7e3b40a677"),
        ("curl/8.5.0", "t13d3112h2_e8f1e7e78f70_6bebaf5329ac"), ("aiohttp/3.9.5 python/3.11", "t13d1812h1_85036bcba153_375ca2c5e164")]


def hexid(r, n):
    return f"{r.getrandbits(4 * n):0{n}x}"


def wpick(r, items, weights):
    return r.choices(items, weights=weights, k=1)[0]


def country(r):
    return wpick(r, list(COUNTRY_WEIGHTS), list(COUNTRY_WEIGHTS.values()))


def res_ip(r, cc):
    asn, pre = r.choice(COUNTRIES[cc][2])
    parts = pre.rstrip(".").split(".")
    while len(parts) < 4:
        parts.append(str(r.randint(1, 254)))
    return ".".join(parts), asn


def dc_ip(r, dc=None):
    asn, pre = dc or r.choice(DATACENTER)
    parts = pre.rstrip(".").split(".")
    while len(parts) < 4:
        parts.append(str(r.randint(1, 254)))
    return ".".join(parts), asn


def browser(r):
    ua, tls, vs = wpick(r, BROWSERS, BROWSER_WEIGHTS)
    return ua.format(v=r.choice(vs)), tls


def account(r, *, tier, org=None, created_ms=None, pf=None, email=None, cc=None, age_days=(30, 1200)):
    cc = cc or country(r)
    return {
        "id": "acct-" + hexid(r, 10),
        "created_ms": created_ms if created_ms is not None else START_MS - r.randint(*age_days) * DAY - r.randrange(DAY),
        "tier": tier,
        "org": org or "org-" + hexid(r, 10),
        "payment_fingerprint": pf or "pf-" + hexid(r, 12),
        "email_domain": email or r.choice(COUNTRIES[cc][3]),
        "_cc": cc,
    }


def client(r, ip, asn, cc, ua, tls):
    return {"ip": ip, "asn": asn, "country": cc, "user_agent": ua, "tls_fingerprint": tls}


def home_client(r, cc):
    ip, asn = res_ip(r, cc)
    ua, tls = browser(r)
    return client(r, ip, asn, cc, ua, tls)


# ---------------------------------------------------------------- clocks
EVENING = [0.3, 0.2, 0.1, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.0, 1.1, 1.2, 1.1, 1.0, 1.0, 1.0, 1.1, 1.3, 1.6, 1.8, 1.7, 1.3, 0.7]
WORK = [0, 0, 0, 0, 0, 0, 0.05, 0.3, 1.0, 1.4, 1.5, 1.3, 0.8, 1.2, 1.5, 1.5, 1.3, 1.0, 0.5, 0.25, 0.2, 0.15, 0.1, 0.02]


def local_ts(r, day, tz, curve):
    """A timestamp on `day` (0-based from START) at a local hour drawn from `curve`, in UTC ms."""
    h = wpick(r, list(range(24)), curve)
    return START_MS + day * DAY + int((h - tz) * HOUR) + r.randrange(HOUR)


def tokens(text):
    cjk = sum(1 for ch in text if ord(ch) > 0x2E80)
    return max(1, cjk + (len(text) - cjk) // 4)
