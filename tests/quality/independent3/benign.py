"""Benign populations (label `benign:<population>`): the majority of accounts, including the hard negatives."""

import benign_text as B
import agent_text as A
import paraphrase as P
import world as W
from campaigns import req

EDU_DOMAINS = {"US": ["students.ucdenver.edu", "umich.edu", "asu.edu"], "GB": ["ed.ac.uk", "student.manchester.ac.uk"],
               "DE": ["stud.uni-leipzig.de", "tum.de"], "FR": ["etu.univ-lyon1.fr"], "ES": ["alumnos.upm.es", "uv.es"],
               "MX": ["alumnos.unam.mx"], "RU": ["edu.hse.ru", "student.spbu.ru"], "CN": ["mails.tsinghua.edu.cn", "stu.pku.edu.cn"],
               "JP": ["s.u-tokyo.ac.jp"], "BR": ["usp.br", "aluno.ufrj.br"], "PT": ["campus.ul.pt"], "IN": ["iitb.ac.in"]}


def benign_model(r, ts, eager=1.0):
    release = W.START_MS + W.RELEASE_OFF_MS
    if ts < release:
        return r.choice(W.MODELS_OLD)
    hours = (ts - release) / W.HOUR
    return W.MODEL_NEW if r.random() < eager * min(0.3, 0.03 + 0.006 * hours) else r.choice(W.MODELS_OLD)


def sessions(r, d, tz, curve, n_sessions, per_session):
    """Timestamps for a day: a few sessions, each a run of prompts a minute or few apart."""
    out = []
    for _ in range(n_sessions):
        t = W.local_ts(r, d, tz, curve)
        for _ in range(r.randint(*per_session)):
            out.append(t)
            t += r.randint(40, 600) * 1000
    return out


def human(r, n, days, label, make_prompt, *, active=0.55, n_sess=(1, 2), per_sess=(1, 3), curve=W.EVENING, tier=("free", "free", "pro"),
          email=None, max_out=(1024, 2048, 4096), lang_of=None, org=None, pf=None, nat=None, cc_choice=None):
    """Generic population of people at a browser: `make_prompt(r, lang)` writes each prompt."""
    out = []
    for _ in range(n):
        cc = cc_choice(r) if cc_choice else W.country(r)
        lang = lang_of(r, cc) if lang_of else W.COUNTRIES[cc][1]
        a = W.account(r, tier=r.choice(tier), cc=cc, org=org, pf=pf, email=email(r, cc) if email else None)
        c = W.home_client(r, cc)
        if nat:
            ip, asn = r.choice(nat)
            c = dict(c, ip=ip, asn=asn, tls_fingerprint=W.BROWSERS[0][1])
        tz = W.COUNTRIES[cc][0]
        for d in range(days):
            if r.random() > active:
                continue
            for ts in sessions(r, d, tz, curve, r.randint(*n_sess), per_sess):
                if r.random() < 0.08 and not nat:  # on the phone, another network
                    ip, asn = W.res_ip(r, cc)
                    cc2 = dict(c, ip=ip, asn=asn)
                else:
                    cc2 = c
                p = make_prompt(r, lang)
                out.append(req(ts, a, cc2, benign_model(r, ts), P.compose(r, [p], lang, 0.4), label, max_out=r.choice(max_out), stream=r.random() < 0.85))
    return out


def lang_from(banks):
    return lambda r, cc: W.COUNTRIES[cc][1] if W.COUNTRIES[cc][1] in banks else "en"


def casual(r, n, days):
    return human(r, n, days, "benign:casual", B.casual, lang_of=lang_from(B.CASUAL))


def students(r, n, days):
    def mk(r, lang):
        return B.student(r, lang) if r.random() < 0.75 else B.casual(r, lang if lang in B.CASUAL else "en")
    return human(r, n, days, "benign:student", mk, active=0.65, n_sess=(1, 2), per_sess=(2, 5), tier=("free", "free", "edu", "pro"),
                 email=lambda r, cc: r.choice(EDU_DOMAINS[cc]) if r.random() < 0.6 else r.choice(W.COUNTRIES[cc][3]),
                 lang_of=lang_from(B.STUDENT_ASK))


def teachers(r, n, days):
    def mk(r, lang):
        return B.teacher(r, lang) if r.random() < 0.7 else B.student(r, lang if lang in B.STUDENT_ASK else "en")
    return human(r, n, days, "benign:teacher", mk, active=0.5, per_sess=(1, 4), tier=("free", "pro", "edu"), lang_of=lang_from(B.TEACHER))


def researchers(r, n, days):
    def mk(r, lang):
        return B.researcher(r) if r.random() < 0.7 else B.student(r, "en")
    return human(r, n, days, "benign:researcher", mk, active=0.6, per_sess=(1, 5), curve=W.WORK, tier=("research", "pro", "pro"),
                 email=lambda r, cc: r.choice(EDU_DOMAINS[cc]).split(".", 1)[-1] if r.random() < 0.7 else None, lang_of=lambda r, cc: "en",
                 max_out=(2048, 4096, 8192))


def editors(r, n, days):
    return human(r, n, days, "benign:editor", B.editor, active=0.6, per_sess=(1, 4), curve=W.WORK, tier=("pro", "team"),
                 lang_of=lang_from(B.EDITOR_OTHER))


def newbies(r, n, days):
    out = []
    for _ in range(n):
        cc = W.country(r)
        lang = W.COUNTRIES[cc][1] if W.COUNTRIES[cc][1] in B.NEWBIE else "en"
        d = r.randrange(days)
        t = W.local_ts(r, d, W.COUNTRIES[cc][0], W.EVENING)
        a = W.account(r, tier="free", cc=cc, created_ms=t - r.randint(1, 20) * W.MIN)
        c = W.home_client(r, cc)
        for k in range(r.randint(1, 6)):
            p = B.newbie(r, lang) if r.random() < 0.6 else B.casual(r, lang if lang in B.CASUAL else "en")
            out.append(req(t, a, c, benign_model(r, t), P.compose(r, [p], lang, 0.3), "benign:newbie", max_out=1024, stream=True))
            t += r.randint(30, 400) * 1000
            if r.random() < 0.1:
                t += W.DAY
    return out


def corp_nat(r, n, days):
    org, pf = "org-" + W.hexid(r, 10), "pf-" + W.hexid(r, 12)
    nat = [W.res_ip(r, "DE"), W.res_ip(r, "DE")]

    def mk(r, lang):
        return B.corp(r) if r.random() < 0.7 else B.casual(r, "en")
    return human(r, n, days, "benign:corp-nat", mk, active=0.6, n_sess=(1, 3), per_sess=(1, 3), curve=W.WORK, tier=("team",),
                 email=lambda r, cc: "northwind-logistics.com", org=org, pf=pf, nat=nat, cc_choice=lambda r: "DE", lang_of=lambda r, cc: "en")


def translators(r, n, days):
    org, pf = "org-" + W.hexid(r, 10), "pf-" + W.hexid(r, 12)
    return human(r, n, days, "benign:translator", lambda r, lang: A.l10n(r), active=0.8, n_sess=(2, 4), per_sess=(2, 6), curve=W.WORK,
                 tier=("team",), email=lambda r, cc: "brightline.dev", org=org, pf=pf, lang_of=lambda r, cc: "en",
                 cc_choice=lambda r: r.choice(["DE", "FR", "JP", "BR", "MX", "CN", "RU"]))


def developers(r, n, days):
    """Coding-agent users: one repository each, coming back to it; bursts in working hours."""
    out = []
    orgs = [("org-" + W.hexid(r, 10), "pf-" + W.hexid(r, 12), f"{B.pick(r, ['acme', 'blueharbor', 'kestrel', 'ostara', 'pinecone'])}{r.randint(2, 99)}.dev")
            for _ in range(max(1, n // 5))]
    for _ in range(n):
        cc = W.country(r)
        org, pf, dom = r.choice(orgs) if r.random() < 0.6 else (None, None, None)
        a = W.account(r, tier=r.choice(["pro", "team"]), cc=cc, org=org, pf=pf, email=dom)
        agent = r.choice(A.AGENTS)
        repo = r.choice(A.REPOS)
        path = f"/home/{B.pick(r, B.NAMES).lower()}/src/{repo[0]}"
        sys = agent["system"].format(repo=path)
        c = W.home_client(r, cc)
        if r.random() < 0.6:
            c = dict(c, user_agent=agent["ua"], tls_fingerprint=r.choice(W.SDKS[:3])[1])
        tz = W.COUNTRIES[cc][0]
        for d in range(days):
            if r.random() > 0.8:
                continue
            for _s in range(r.randint(1, 3)):
                t = W.local_ts(r, d, tz, W.WORK)
                m = benign_model(r, t, 1.5)
                out.append(req(t, a, c, m, A.dev_prompt(r, repo), "benign:developer", sys, r.choice([8192, 16000]), agent["tools"]))
                for _k in range(r.randint(2, 10)):
                    t += r.randint(15, 300) * 1000
                    follow = r.choice([f"Tool result ({r.choice(agent['tools'])}):\n{r.choice(A.ERRORS)}", "ok, looks good, now run the tests",
                                       "that broke the build, revert the last edit", f"Tool result: {r.randint(3, 90)} tests passed",
                                       "can you also update the docs for this?", "no, keep the old function signature"])
                    out.append(req(t, a, c, m, follow, "benign:developer", sys, r.choice([8192, 16000]), agent["tools"]))
    return out


def service(r, label, n_acct, org, tier, email, dc, ua_tls, per_day, days, hours_utc, make, system, max_out, tools=None, route="/v1/messages"):
    """A service population: a few accounts of one org, one client, a datacenter egress, steady volume."""
    pf = "pf-" + W.hexid(r, 12)
    ips = [W.dc_ip(r, dc) for _ in range(2)]
    accts = [W.account(r, tier=tier, org=org, pf=pf, email=email, cc="US", age_days=(200, 900)) for _ in range(n_acct)]
    out = []
    for d in range(days):
        lo, hi = hours_utc
        for k in range(per_day):
            ts = W.START_MS + d * W.DAY + int((lo + (hi - lo) * (k + r.random()) / per_day) * W.HOUR)
            ip, asn = r.choice(ips)
            c = W.client(r, ip, asn, "US", *ua_tls)
            out.append(req(ts, accts[k % n_acct], c, "atlas-3" if k % 5 else "atlas-3-mini", make(r), label, system, r.choice(max_out), tools,
                           route=route))
    return out


def eval_harness(r, scale, days):
    def mk(r):
        x = r.random()
        return A.judge(r, False) if x < 0.5 else A.judge(r, True) if x < 0.8 else A.long_context(r)
    return service(r, "benign:eval-harness", 4, W.EVAL_ORG, "enterprise", "evalworks.ai", (15169, "34."),
                   ("evalkit/3.2.1 python-httpx/0.27.0", W.SDKS[0][1]), int(600 * scale), days, (1, 23), mk, A.JUDGE_SYSTEM, (512, 1024, 2048))


def batch(r, scale, days):
    return service(r, "benign:batch", 3, W.BATCH_ORG, "enterprise", "halvorsen-insurance.com", (16509, "52."),
                   ("halvorsen-intake/1.4 aiohttp/3.9.5", W.SDKS[5][1]), int(800 * scale), days, (7, 17), lambda r: A.batch(r),
                   A.BATCH_SYSTEM, (256, 512))


def support(r, scale, days):
    langs = list(A.SUPPORT_Q)
    return service(r, "benign:support-bot", 2, "org-" + W.hexid(r, 10), "team", "lumenstream.tv", (14061, "159.203."),
                   ("lumenstream-support/5.2 node-fetch/3.3.2", W.SDKS[2][1]), int(450 * scale), days, (0, 24),
                   lambda r: A.support(r, r.choice(langs)), A.SUPPORT_SYSTEM, (512, 1024), route="/v1/chat/completions")


def analysts(r, n, days):
    """An internal analytics agent used by one company's staff: tool use through the company's backend."""
    org, pf = "org-" + W.hexid(r, 10), "pf-" + W.hexid(r, 12)
    egress = [W.dc_ip(r, (8075, "20.")) for _ in range(2)]
    out = []
    for _ in range(n):
        a = W.account(r, tier="enterprise", org=org, pf=pf, email="kestrel-retail.com", cc="GB", age_days=(60, 700))
        for d in range(days):
            if r.random() > 0.6:
                continue
            for _s in range(r.randint(1, 2)):
                t = W.local_ts(r, d, 0, W.WORK)
                ip, asn = r.choice(egress)
                c = W.client(r, ip, asn, "GB", "insightdesk/2.3 python-httpx/0.27.0", W.SDKS[0][1])
                m = benign_model(r, t)
                out.append(req(t, a, c, m, A.analyst(r), "benign:analyst-agent", A.ANALYST_SYSTEM, 4096, A.ANALYST_TOOLS))
                for _k in range(r.randint(1, 5)):
                    t += r.randint(5, 90) * 1000
                    out.append(req(t, a, c, m, A.analyst_follow(r), "benign:analyst-agent", A.ANALYST_SYSTEM, 4096, A.ANALYST_TOOLS))
    return out
