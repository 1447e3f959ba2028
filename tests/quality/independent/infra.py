"""Accounts, clients, networks and clocks: who sends a request, from where, and when.

Nothing here is taken from the project's own generator; countries, ISPs, browsers and SDKs are modelled on what
public traffic looks like. Every draw goes through the caller's `random.Random`, so output is a pure function of
the seed.
"""

import calendar

DAY = 86_400_000
HOUR = 3_600_000
MIN = 60_000
T0 = calendar.timegm((2026, 3, 2, 0, 0, 0)) * 1000  # a Monday, 00:00 UTC

OLD_MODEL = "atlas-large-2509"
NEW_MODEL = "atlas-large-2603"  # released during the window
MINI_MODEL = "atlas-mini-2508"

# country: (UTC offset hours, language, residential ASNs, popular mail domains)
COUNTRIES = {
    "US": (-5, "en", [7922, 701, 20115, 7018], ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com"]),
    "GB": (0, "en", [5089, 2856, 5607], ["gmail.com", "outlook.com", "btinternet.com", "icloud.com"]),
    "IN": (5.5, "en", [24560, 45609, 55836], ["gmail.com", "yahoo.co.in", "outlook.com", "rediffmail.com"]),
    "CA": (-5, "en", [812, 577], ["gmail.com", "outlook.com", "yahoo.ca"]),
    "DE": (1, "de", [3320, 3209, 6805], ["gmx.de", "web.de", "gmail.com", "t-online.de"]),
    "FR": (1, "fr", [3215, 12322, 5410], ["orange.fr", "free.fr", "gmail.com", "laposte.net"]),
    "ES": (1, "es", [3352, 12479, 12430], ["gmail.com", "hotmail.es", "yahoo.es", "outlook.es"]),
    "MX": (-6, "es", [8151, 28548], ["gmail.com", "hotmail.com", "outlook.com"]),
    "BR": (-3, "pt", [28573, 18881, 26599], ["gmail.com", "hotmail.com", "uol.com.br", "bol.com.br"]),
    "PT": (0, "pt", [3243, 2860], ["gmail.com", "sapo.pt", "hotmail.com"]),
    "RU": (3, "ru", [12389, 8402, 25513], ["yandex.ru", "mail.ru", "gmail.com", "rambler.ru"]),
    "CN": (8, "zh", [4134, 4837], ["qq.com", "163.com", "126.com", "outlook.com"]),
    "JP": (9, "ja", [2516, 4713, 17676], ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "icloud.com"]),
}
COUNTRY_W = {"US": 26, "GB": 6, "IN": 9, "CA": 4, "DE": 8, "FR": 6, "ES": 5, "MX": 4, "BR": 6, "PT": 2, "RU": 6,
             "CN": 5, "JP": 6}
# datacenter / cloud egress: (asn, country)
CLOUD = [(16509, "US"), (396982, "US"), (8075, "US"), (14061, "US"), (24940, "DE"), (16276, "FR"), (45102, "SG"),
         (20473, "US"), (63949, "US")]
BUSINESS_ISP = [(3356, "US"), (174, "US"), (1299, "SE"), (3257, "DE"), (6830, "NL")]

BROWSERS = [  # (weight, user agent, TLS fingerprint)
    (34, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "t13d1516h2_8daaf6152771_e5627efa2ab1"),
    (14, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "t13d1516h2_8daaf6152771_e5627efa2ab1"),
    (10, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36", "t13d1516h2_8daaf6152771_e5627efa2ab1"),
    (12, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "t13d2014h2_a09f3c656075_14788d8d241b"),
    (8, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "t13d2014h2_a09f3c656075_14788d8d241b"),
    (9, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "t13d1516h2_8daaf6152771_e5627efa2ab1"),
    (7, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "t13d1715h2_5b57614c22b0_3d5424432f57"),
    (3, "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "t13d1715h2_5b57614c22b0_3d5424432f57"),
    (3, "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36", "t13d1516h2_8daaf6152771_e5627efa2ab1"),
]
SDKS = [
    ("OpenAI/Python 1.58.1", "t13d1812h1_85036bcba153_b26ce05bbdd6"),
    ("python-httpx/0.27.2", "t13d1812h1_85036bcba153_b26ce05bbdd6"),
    ("python-requests/2.32.3", "t13d1812h1_85036bcba153_375ca2c5e164"),
    ("axios/1.7.9", "t13d1711h2_5b57614c22b0_9e7b989ebec8"),
    ("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "t13d1711h2_5b57614c22b0_9e7b989ebec8"),
    ("Go-http-client/2.0", "t13d1310h2_e8a523a41297_2a8f5a9a2a10"),
    ("okhttp/4.12.0", "t13d1613h2_46e7e9700bed_45f260be83e2"),
]
AGENT_CLIENTS = [
    ("Cline/3.1.4 (vscode/1.96.2)", "t13d1711h2_5b57614c22b0_9e7b989ebec8"),
    ("aider/0.70.0 python-httpx/0.27.2", "t13d1812h1_85036bcba153_b26ce05bbdd6"),
    ("Continue/0.8.61 (vscode)", "t13d1711h2_5b57614c22b0_9e7b989ebec8"),
    ("opencode/0.2.19", "t13d1711h2_5b57614c22b0_9e7b989ebec8"),
    ("zed/0.170.4", "t13d1516h2_8daaf6152771_02713d6af862"),
]
BAD_FIRST = {0, 10, 100, 127, 169, 172, 192, 198, 203, 224}


def weighted(rng, pairs):
    """Pick from [(weight, value), ...]."""
    total = sum(w for w, _ in pairs)
    x = rng.random() * total
    for w, v in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][1]


def country(rng):
    return weighted(rng, [(w, c) for c, w in COUNTRY_W.items()])


def _prefixes(asn):
    out = []
    for i in range(4):
        a = 11 + (asn * 13 + i * 37) % 210
        while a in BAD_FIRST:
            a += 1
        out.append((a, (asn * 7 + i * 61) % 256))
    return out


def ip_in(rng, asn):
    a, b = rng.choice(_prefixes(asn))
    return f"{a}.{b}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def residential(rng, cc):
    """A fresh residential address in country `cc`: (ip, asn)."""
    asn = rng.choice(COUNTRIES[cc][2])
    return ip_in(rng, asn), asn


def cloud(rng):
    asn, cc = rng.choice(CLOUD)
    return ip_in(rng, asn), asn, cc


def browser(rng):
    return weighted(rng, [(w, (ua, tls)) for w, ua, tls in BROWSERS])


def hexid(rng, n=10):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def account(rng, *, tier, created_ms, org=None, pf=None, email):
    return {"id": "acct-" + hexid(rng, 12), "created_ms": int(created_ms), "tier": tier,
            "org": org or ("org-" + hexid(rng)), "payment_fingerprint": pf or ("pf-" + hexid(rng, 14)),
            "email_domain": email}


def client(ip, asn, cc, ua_tls):
    return {"ip": ip, "asn": asn, "country": cc, "user_agent": ua_tls[0], "tls_fingerprint": ua_tls[1]}


def aged(rng, lo_days=20, hi_days=900):
    return T0 - rng.randint(lo_days * 24, hi_days * 24) * HOUR - rng.randint(0, HOUR)


# local-hour weights (0..23) for people at leisure and at work
LEISURE = [2, 1, 1, 0.5, 0.3, 0.3, 1, 2, 4, 5, 6, 6, 7, 6, 6, 6, 6, 7, 8, 10, 11, 10, 7, 4]
WORK = [0, 0, 0, 0, 0, 0, 0, 1, 5, 10, 11, 10, 7, 9, 11, 10, 9, 6, 2, 1, 0.5, 0.5, 0.3, 0]


def local_ts(rng, day, tz, weights=LEISURE, days=4):
    """A timestamp on `day` (0-based) at a local hour drawn from `weights`, in UTC ms, folded into the window."""
    hour = weighted(rng, list(zip(weights, range(24))))
    ts = T0 + day * DAY + int((hour - tz) * HOUR) + rng.randint(0, HOUR - 1)
    end = T0 + days * DAY
    while ts < T0:
        ts += DAY
    while ts >= end:
        ts -= DAY
    return ts


def session(rng, start, k, lo_s=20, hi_s=480):
    """k timestamps from `start`, a human's think-time apart."""
    out, t = [], start
    for _ in range(k):
        out.append(t)
        t += rng.randint(lo_s, hi_s) * 1000
    return out


def release_ms(days):
    return T0 + (days // 2) * DAY + 15 * HOUR


def model(rng, ts, rel, adopt=0.2, pivot=None, mini=0.0):
    """The model asked for: before release the old one (or mini); after it, the new one with p=adopt (a campaign's
    `pivot` share, reached within a few hours)."""
    if ts >= rel:
        p = adopt if pivot is None else pivot * min(1.0, (ts - rel) / (6 * HOUR))
        if rng.random() < p:
            return NEW_MODEL
    return MINI_MODEL if rng.random() < mini else OLD_MODEL


def tokens(text):
    cjk = sum(1 for ch in text if "\u3040" <= ch <= "\u9fff")
    return cjk + (len(text) - cjk) // 4 + 1
