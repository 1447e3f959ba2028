"""Campaign populations (label `campaign:<family>`).

Shared mode gives each campaign the infrastructure the public description reports (sign-up bursts, shared cards,
proxy pools, one client stack, reseller orgs). `--disperse` gives every campaign account its own card, an aged
account, a popular browser (or agent) client and a residential IP, so only content and behaviour remain.
"""

import random

import benign_text as B
import agent_text as A
import paraphrase as P
import world as W
from harvest_text import H, LANGS, MIXED

INTENTS = ["cot", "rubric", "rewrite", "datagen"]
EXPERT_SYS = ["You are an expert {f} combining {a} with {b}.", "You are a world-class {f}. Be thorough and precise.",
              "You are a meticulous {f} who never skips details."]
FIELDS = ["data analyst", "mathematician", "software engineer", "tutor", "physician", "lawyer", "economist"]
QUAL = ["statistical rigor", "clear communication", "deep domain knowledge", "pedagogical clarity", "careful verification"]


# ---------------------------------------------------------------- harvest prompts from template families
def family(r, intent, lang, stealth_p=0.5):
    """A template family: intent, language(s), which ask, which format demands. Slots are filled per request."""
    fam = {"intent": intent, "lang": lang}
    if lang == "mixed":
        fam["ask_i"] = r.randrange(len(MIXED[intent]))
        fam["fmt_lang"] = r.choice(LANGS)
    else:
        bank = H[intent][lang]
        fam["stealth"] = lang == "en" and "stealth" in bank and r.random() < stealth_p
        asks = bank["stealth"] if fam["stealth"] else bank["ask"]
        fam["ask_i"] = r.randrange(len(asks))
        fam["fmt_lang"] = lang if r.random() < 0.85 else r.choice(LANGS)
    fmts = H[intent][fam["fmt_lang"]]["fmt"]
    fam["fmts"] = r.sample(range(len(fmts)), k=r.randint(0, min(2, len(fmts))))
    fam["sys"] = r.choice(EXPERT_SYS) if r.random() < 0.35 else None
    return fam


def harvest(r, fam):
    """One request of a family, rewritten by the paraphraser: (prompt, system prompt, max output tokens)."""
    intent, lang = fam["intent"], fam["lang"]
    if lang == "mixed":
        ask = MIXED[intent][fam["ask_i"]] if r.random() < 0.6 else r.choice(MIXED[intent])
        plang = r.choice(["en", "es", "ru", "zh"])
        opener = ""
        word_lang = "mixed"
    else:
        bank = H[intent][lang]
        asks = bank["stealth"] if fam.get("stealth") else bank["ask"]
        ask = asks[fam["ask_i"]] if r.random() < 0.5 else r.choice(asks)
        plang = lang if r.random() < 0.8 else "en"
        opener = r.choice(bank["open"]) if r.random() < 0.5 else ""
        word_lang = lang
    if intent == "cot":
        x = B.problem(r, plang)
    elif intent == "rubric":
        pair = any(s in ask for s in ["A or B", "A или B", "A o B", "A oder B", "A和B", "A ou B", "AとB", "Two replies"])
        x = B.exchange(r, plang if plang in H["rubric"] else "en", pair=pair)
    elif intent == "rewrite":
        x = B.unsafe_item(r, plang)
    else:
        x = B.pick(r, B.TOPICS.get(plang, B.TOPICS["en"]))
    n = r.choice([10, 12, 15, 20, 25, 30, 40, 50, 100])
    fmts = [H[intent][fam["fmt_lang"]]["fmt"][i] for i in fam["fmts"]]
    r.shuffle(fmts)
    body = P.words(r, ask, word_lang if word_lang != "mixed" else "xx").format(x=x, n=n)
    opener = P.words(r, opener, word_lang)
    parts = [opener, body] + fmts if r.random() < 0.75 else [opener] + fmts + [body]
    prompt = P.compose(r, parts, word_lang if word_lang != "mixed" else "en")
    sys = fam["sys"].format(f=r.choice(FIELDS), a=r.choice(QUAL), b=r.choice(QUAL)) if fam["sys"] else ""
    mot = {"cot": [8192, 16000, 32000], "rubric": [1024, 2048], "rewrite": [2048, 4096], "datagen": [8192, 16000]}[intent]
    return prompt, sys, r.choice(mot)


def lang_mix(r, english_share=0.35):
    if r.random() < english_share:
        return "en"
    return r.choice(["ru", "es", "de", "zh", "fr", "ja", "pt", "mixed", "mixed"])


# ---------------------------------------------------------------- identities
SYLL = ["ka", "zo", "mi", "ter", "lu", "vex", "nor", "pi", "dra", "quo", "sel", "tam"]
TLDS = ["site", "online", "top", "store", "click", "xyz"]


def throwaway_domain(r, k):
    """Throwaway-domain pattern of one operator (k picks a pattern)."""
    s = r.choice(SYLL) + r.choice(SYLL)
    return [f"{s}{r.randint(10, 99)}mail.{r.choice(TLDS)}", f"inbox-{s}.{r.choice(TLDS)}", f"{s}box{r.randint(1, 9)}.{r.choice(TLDS)}"][k % 3]


class Ident:
    """Makes campaign accounts and clients, shared or dispersed."""

    def __init__(self, r, disperse):
        self.r, self.disperse = r, disperse

    def dispersed(self, tier_choices=("free", "pro", "pro")):
        r = self.r
        cc = W.country(r)
        acct = W.account(r, tier=r.choice(tier_choices), cc=cc, age_days=(90, 900))
        return acct, W.home_client(r, cc)

    def burst_created(self, burst_ms):
        return burst_ms + self.r.randrange(2 * W.HOUR)


def rr_times(r, total, days, hours=None, jitter=0.35):
    """A load-balanced stream: `total` timestamps evenly spread (with jitter) over the window, optionally only
    inside UTC `hours` (start, end)."""
    span = days * W.DAY
    out = []
    step = span / max(1, total)
    t = r.random() * step
    while len(out) < total and t < span * 3:
        ts = W.START_MS + int(t)
        h = (ts // W.HOUR) % 24
        if hours is None or hours[0] <= h < hours[1]:
            out.append(ts + int((r.random() - 0.5) * step * jitter))
        t += step if hours is None else step * (hours[1] - hours[0]) / 24
    return out


def model_at(r, ts, eager=0.5):
    release = W.START_MS + W.RELEASE_OFF_MS
    if ts < release:
        return r.choice(W.MODELS_OLD)
    hours = (ts - release) / W.HOUR
    return W.MODEL_NEW if r.random() < eager * min(1.0, 0.3 + hours / 12) else r.choice(W.MODELS_OLD)


def req(ts, acct, cli, model, prompt, label, system="", max_out=4096, tools=None, stream=False, route="/v1/messages"):
    return {"ts_ms": int(ts), "account": {k: v for k, v in acct.items() if not k.startswith("_")}, "client": dict(cli),
            "request": {"route": route, "model": model, "prompt": prompt, "system_prompt": system,
                        "prompt_tokens": W.tokens(prompt) + W.tokens(system) if system else W.tokens(prompt),
                        "max_output_tokens": max_out, "tools": list(tools or []), "stream": stream},
            "label": label}


# ---------------------------------------------------------------- pool campaigns (cot, rubric, rewrite, datagen)
def pool(r, idn, name, intents, n_acct, total, days, hours=None, english_share=0.35, stealth_p=0.5):
    label = f"campaign:{name}"
    burst = W.START_MS - r.randint(3, 12) * W.DAY - r.randrange(W.DAY)
    cards = ["pf-" + W.hexid(r, 12) for _ in range(max(1, n_acct // 6))]
    dk = r.randrange(3)
    proxies = [W.dc_ip(r) for _ in range(max(2, n_acct // 8))]
    ua, tls = r.choice(W.SDKS[:4])
    def make(burst):
        if idn.disperse:
            return idn.dispersed()
        cc = r.choice(["US", "US", "GB", "DE", "JP"])
        a = W.account(r, tier=r.choice(["free", "pro"]), cc=cc, created_ms=idn.burst_created(burst), pf=r.choice(cards),
                      email=throwaway_domain(r, dk))
        ip, asn = r.choice(proxies)
        return a, W.client(r, ip, asn, cc, ua, tls)

    accts = [make(burst) for _ in range(n_acct)]
    fams = [family(r, r.choice(intents), lang_mix(r, english_share), stealth_p) for _ in range(r.randint(4, 7))]
    out = []
    order = []
    day = 0
    for ts in rr_times(r, total, days, hours):
        d = (ts - W.START_MS) // W.DAY
        if d > day:  # banned accounts are replaced at once: a share of the pool is new every day
            day = d
            rebirth = W.START_MS + d * W.DAY - r.randint(1, 6) * W.HOUR
            for i in r.sample(range(n_acct), k=n_acct // 8):
                accts[i] = make(rebirth)
        if not order:
            order = list(range(n_acct))
            r.shuffle(order)
        a, c = accts[order.pop()]
        if not idn.disperse and r.random() < 0.3:
            ip, asn = r.choice(proxies)
            c = dict(c, ip=ip, asn=asn)
        prompt, sys, mot = harvest(r, r.choice(fams))
        out.append(req(ts, a, c, model_at(r, ts), prompt, label, sys, mot, stream=idn.disperse and r.random() < 0.7))
    return out


# ---------------------------------------------------------------- low-and-slow
def low_slow(r, idn, n_acct, days):
    label = "campaign:low-slow"
    out = []
    fams_by_lang = {}
    cohort_size = 40
    for i in range(n_acct):
        if i % cohort_size == 0:
            burst = W.START_MS - r.randint(2, 20) * W.DAY - r.randrange(W.DAY)
            dk = r.randrange(3)
        cc = W.country(r)
        lang = W.COUNTRIES[cc][1] if r.random() < 0.6 else lang_mix(r, 0.4)
        if idn.disperse:
            a = W.account(r, tier=r.choice(["free", "pro", "pro"]), cc=cc, age_days=(90, 900))
        else:
            email = throwaway_domain(r, dk) if r.random() < 0.6 else r.choice(W.COUNTRIES[cc][3])
            a = W.account(r, tier=r.choice(["free", "pro"]), cc=cc, created_ms=idn.burst_created(burst), email=email)
        ua, tls = W.browser(r)
        tz = W.COUNTRIES[cc][0]
        if lang not in fams_by_lang:
            fams_by_lang[lang] = [family(r, it, lang, 0.7) for it in INTENTS for _ in range(2)]
        cover = r.uniform(0.33, 0.5)
        per_day = r.uniform(1.0, 4.0)
        for d in range(days):
            if a["created_ms"] > W.START_MS + (d + 1) * W.DAY:
                continue
            ip, asn = W.res_ip(r, cc)  # a fresh residential address every day
            c = W.client(r, ip, asn, cc, ua, tls)
            for _ in range(int(per_day) + (r.random() < per_day % 1)):
                ts = W.local_ts(r, d, tz, W.EVENING)
                if r.random() < cover:
                    clang = lang if lang != "mixed" else "en"
                    p = B.casual(r, clang) if r.random() < 0.7 else B.student(r, clang)
                    out.append(req(ts, a, c, model_at(r, ts, 0.15), P.compose(r, [p], clang, 0.5), label, max_out=r.choice([1024, 2048, 4096]), stream=True))
                else:
                    prompt, sys, mot = harvest(r, r.choice(fams_by_lang[lang]))
                    out.append(req(ts, a, c, model_at(r, ts, 0.55), prompt, label, sys, mot, stream=True))
    return out


# ---------------------------------------------------------------- coding-agent mimicry
def mimicry(r, idn, n_sub, days):
    label = "campaign:agent-mimicry"
    out = []
    resellers = []
    for _ in range(3):
        resellers.append({"org": "org-" + W.hexid(r, 10), "pf": "pf-" + W.hexid(r, 12), "proxies": [W.dc_ip(r) for _ in range(4)],
                          "created": W.START_MS - r.randint(20, 200) * W.DAY})
    cell = r.randrange(1000)
    for i in range(n_sub):
        rs = resellers[i % 3]
        agent = r.choice(A.AGENTS)
        if idn.disperse:
            a, c = idn.dispersed(("pro", "team"))
            if r.random() < 0.6:
                c = dict(c, user_agent=agent["ua"], tls_fingerprint=r.choice(W.SDKS[:3])[1])
        else:
            a = W.account(r, tier="team", org=rs["org"], pf=rs["pf"], created_ms=rs["created"] + r.randrange(30 * W.DAY),
                          email=r.choice(["gmail.com", "outlook.com", "proton.me"]))
            ip, asn = r.choice(rs["proxies"])
            c = W.client(r, ip, asn, r.choice(["US", "SG", "DE"]), agent["ua"], r.choice(W.SDKS[:3])[1])
        tasks_per_day = r.uniform(2, 6)
        office_tz = r.choice([-6, 1, 5.5, 8]) if r.random() < 0.5 else None  # half pace themselves like a developer
        for d in range(days):
            for _ in range(int(tasks_per_day) + (r.random() < tasks_per_day % 1)):
                cell += 1
                ts = W.local_ts(r, d, office_tz, W.WORK) if office_tz is not None else W.START_MS + d * W.DAY + r.randrange(W.DAY)
                repo = f"/workspace/{r.choice(['proj', 'task', 'app', 'svc'])}-{W.hexid(r, 6)}"
                sys = agent["system"].format(repo=repo)
                task = P.words(r, A.mimicry_task(r, cell), "en", 0.6)
                m = model_at(r, ts, 0.5)
                out.append(req(ts, a, c, m, P.compose(r, [task], "en", 0.6), label, sys, r.choice([8192, 16000, 32000]), agent["tools"]))
                for k in range(r.randint(0, 3)):
                    ts += r.randint(20, 240) * 1000
                    follow = f"Tool result ({r.choice(agent['tools'])}): {r.choice(['ok', 'exit code 1', '3 tests failed', 'file created', 'build succeeded'])}\nContinue with the task."
                    out.append(req(ts, a, c, m, follow, label, sys, r.choice([8192, 16000]), agent["tools"]))
    return out


# ---------------------------------------------------------------- agentic harvest (reseller network)
def agentic(r, idn, n_acct, total, days):
    label = "campaign:agentic-harvest"
    nets = [{"org": "org-" + W.hexid(r, 10), "pfs": ["pf-" + W.hexid(r, 12) for _ in range(3)], "proxies": [W.dc_ip(r) for _ in range(6)]}
            for _ in range(2)]
    burst = W.START_MS - r.randint(5, 30) * W.DAY
    ua, tls = r.choice(W.SDKS[:2])
    accts = []
    for i in range(n_acct):
        net = nets[i % 2]
        if idn.disperse:
            accts.append(idn.dispersed(("pro", "team")))
        else:
            a = W.account(r, tier=r.choice(["team", "pro"]), org=net["org"], pf=r.choice(net["pfs"]), created_ms=idn.burst_created(burst),
                          email=r.choice(["proton.me", "gmail.com", throwaway_domain(r, i)]))
            ip, asn = r.choice(net["proxies"])
            accts.append((a, W.client(r, ip, asn, r.choice(["US", "SG", "NL"]), ua, tls)))
    sys_opts = ["You are an autonomous agent that completes tasks using the tools provided. Think before each action.",
                "You are a computer-use agent. Observe, plan, act. Return tool calls as JSON.",
                "You are an expert data-analysis agent combining careful planning with efficient tool use."]
    out = []
    order = []
    for ts in rr_times(r, total, days):
        if not order:
            order = list(range(n_acct))
            r.shuffle(order)
        a, c = accts[order.pop()]
        tools = r.choice(A.TRAJ_TOOLS)
        prompt = P.compose(r, [A.trajectory(r, tools)], "en", 0.5)
        out.append(req(ts, a, c, model_at(r, ts), prompt, label, r.choice(sys_opts), r.choice([4096, 8192, 16000]), tools,
                       route=r.choice(["/v1/chat/completions", "/v1/messages"])))
    return out


# ---------------------------------------------------------------- hydra clusters
def hydra(r, idn, n_clusters, days):
    label = "campaign:hydra"
    out = []
    for _ in range(n_clusters):
        size = r.randint(10, 16)
        pfs = ["pf-" + W.hexid(r, 12) for _ in range(r.randint(1, 2))]
        dc = r.choice(W.DATACENTER)
        ips = [W.dc_ip(r, dc) for _ in range(r.randint(1, 3))]
        ua, tls = r.choice(W.SDKS)
        burst = W.START_MS - r.randint(1, 15) * W.DAY
        uni = r.choice(["hdu", "nwpu", "ustb", "scnu", "uestc", "bjfu"])
        fams = [family(r, r.choice(["cot", "datagen", "rubric"]), lang_mix(r, 0.3), 0.5) for _ in range(4)]
        members = []
        for _ in range(size):
            tier = r.choice(["edu", "research", "startup"])
            if idn.disperse:
                members.append(idn.dispersed(("free", "pro", "edu")))
                continue
            email = {"edu": f"stu.{uni}.edu.cn", "research": f"lab-{r.choice(SYLL)}{r.randint(1, 9)}.org",
                     "startup": f"{r.choice(SYLL)}{r.choice(SYLL)}.io"}[tier]
            a = W.account(r, tier=tier, pf=r.choice(pfs), created_ms=idn.burst_created(burst), email=email, cc=r.choice(["CN", "SG", "US"]))
            ip, asn = r.choice(ips)
            members.append((a, W.client(r, ip, asn, a["_cc"], ua, tls)))
        # synchronised waves: the whole cluster fires within a couple of minutes, several times a day
        for d in range(days):
            for _w in range(r.randint(3, 7)):
                t0 = W.START_MS + d * W.DAY + r.randrange(W.DAY)
                for a, c in members:
                    if r.random() < 0.8:
                        ts = t0 + r.randrange(120_000)
                        prompt, sys, mot = harvest(r, r.choice(fams))
                        if not idn.disperse and r.random() < 0.3:  # masked origin: a residential proxy exit, same client
                            ip, asn = W.res_ip(r, r.choice(["US", "GB", "DE", "JP"]))
                            c = dict(c, ip=ip, asn=asn)
                        out.append(req(ts, a, c, model_at(r, ts, 0.5), prompt, label, sys, mot))
    return out
