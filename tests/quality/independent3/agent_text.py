"""Agent material: coding-agent system prompts and tool lists, developer sessions on one repository, the mimicry
task factory (language x capability grid), tool-use trajectories, and the service populations (support bot,
localisation team, evaluation harness, enterprise batch). Written from scratch for this generator.
"""

from benign_text import pick, PARAS

AGENTS = [
    {
        "ua": "forge-agent/1.8.2 (node 20.11)",
        "system": "You are Forge, an autonomous software engineering agent working inside the user's repository at {repo}. "
                  "You can read and edit files, run shell commands and execute the test suite. Prefer small, reviewable diffs. "
                  "Never push to remote branches. Ask before deleting files. When a task is done, summarise the change and the tests you ran.",
        "tools": ["read_file", "write_file", "apply_patch", "run_shell", "search_repo", "list_dir", "run_tests"],
    },
    {
        "ua": "quillcode/0.31.0 vscode/1.95.3",
        "system": "You are QuillCode, a pair-programming assistant embedded in VS Code. The workspace root is {repo}. "
                  "Use the provided tools to inspect code before proposing changes. Respond with unified diffs when editing. "
                  "Follow the project's existing style and lint rules. Keep explanations brief unless asked.",
        "tools": ["open_file", "edit_file", "grep", "terminal", "diagnostics", "git_status", "git_diff"],
    },
    {
        "ua": "taskpilot-cli/2.4.0 python/3.12.4",
        "system": "You are TaskPilot, a terminal coding agent. Current working directory: {repo}. Operating system: Linux. "
                  "Think about which files are relevant, call tools to gather context, then make the change. "
                  "Run the relevant tests after every edit. If a command fails, read the error and fix the cause rather than retrying blindly.",
        "tools": ["bash", "view", "str_replace", "create", "glob", "web_search", "todo_write"],
    },
]

REPOS = [("billing-service", "go", ["internal/invoice/render.go", "internal/ledger/post.go", "cmd/billingd/main.go"]),
         ("webshop-frontend", "typescript", ["src/cart/CartDrawer.tsx", "src/api/client.ts", "src/hooks/useCheckout.ts"]),
         ("etl-pipelines", "python", ["pipelines/orders/transform.py", "pipelines/common/io.py", "tests/test_transform.py"]),
         ("mobile-app", "kotlin", ["app/src/main/java/com/acme/sync/SyncWorker.kt", "app/build.gradle.kts"]),
         ("rust-indexer", "rust", ["src/index/segment.rs", "src/query/parser.rs", "benches/search.rs"]),
         ("django-crm", "python", ["crm/contacts/views.py", "crm/contacts/models.py", "crm/settings/base.py"]),
         ("infra-terraform", "hcl", ["modules/vpc/main.tf", "envs/prod/main.tf"]),
         ("game-server", "c++", ["src/net/session.cpp", "src/world/physics.cpp", "CMakeLists.txt"])]

ERRORS = ["panic: runtime error: index out of range [3] with length 3",
          "TypeError: Cannot read properties of undefined (reading 'items')",
          "AssertionError: expected 42 rows, got 41",
          "error[E0502]: cannot borrow `self.buf` as mutable because it is also borrowed as immutable",
          "django.db.utils.IntegrityError: duplicate key value violates unique constraint \"contacts_email_key\"",
          "Error: Invalid for_each argument: the given value is not a map or set",
          "java.lang.IllegalStateException: WorkManager is not initialized properly",
          "segmentation fault (core dumped) in Session::flush"]

DEV_TASKS = ["Fix the failing test in {f}. The CI log says:\n{err}",
             "Add pagination to the list endpoint; the handler is in {f}.",
             "Refactor {f} so the retry logic lives in one helper, no behaviour change.",
             "Why does this crash?\n```\n{err}\n```\nRelevant file: {f}",
             "Continue from where we left off yesterday on {f}: the edge case with empty input still fails.",
             "Write unit tests for the function at the top of {f}.",
             "Rename the config key `timeout` to `request_timeout_s` everywhere and keep backwards compatibility.",
             "Review this diff before I open the PR:\n```diff\n--- a/{f}\n+++ b/{f}\n@@ -10,7 +10,9 @@\n-    total = 0\n+    total = Decimal(0)\n+    # rounding per line item, see ticket\n```",
             "Bump the dependency that triggers the security advisory and fix whatever breaks.",
             "Generate 20 fake customer records (name, email, country) as a JSON fixture for the tests in {f}.",
             "This function in {f} is slow on big inputs, can you speed it up?\n```python\ndef dedupe(rows):\n    out = []\n    for r in rows:\n        if r not in out:\n            out.append(r)\n    return out\n```",
             "Why does this hang under load? ({f})\n```go\nfunc (p *Pool) Get() *Conn {{\n\tp.mu.Lock()\n\tfor len(p.free) == 0 {{\n\t\tp.cond.Wait()\n\t}}\n\tc := p.free[0]\n\treturn c\n}}\n```",
             "Same repo as before. The migration we wrote yesterday for {f} fails on prod data with:\n{err}"]


def dev_prompt(r, repo):
    name, _lang, files = repo
    return pick(r, DEV_TASKS).format(f=pick(r, files), err=pick(r, ERRORS))


# ---------------------------------------------------------------- mimicry: a task factory sweeping a grid
GRID_LANGS = ["Python", "TypeScript", "Go", "Rust", "Java", "C++", "C#", "Kotlin", "Swift", "Ruby", "PHP", "Scala", "Elixir", "Haskell"]
GRID_CAPS = ["an LRU cache with TTL", "a rate limiter (token bucket)", "a JSON schema validator", "a CSV to Parquet converter",
             "a concurrent web crawler with politeness delays", "a trie-based autocomplete", "an event-sourced bank account",
             "a REST API with JWT auth", "a job queue with retries and dead-lettering", "a diff algorithm (Myers)",
             "a Markdown to HTML renderer", "a consistent-hashing ring", "a SQL query builder", "a B-tree with range scans",
             "a WebSocket chat server", "a plugin system with dynamic loading", "an expression parser and evaluator",
             "a file watcher that batches changes", "a circuit breaker", "a bloom filter with tunable false-positive rate"]
GRID_FRAMES = ["Implement {cap} in {lang}. Create the project structure, write the code and a full test suite, run the tests and fix failures.",
               "In a fresh {lang} project, build {cap}. Include docs, edge-case handling and benchmarks.",
               "Task: {cap}. Language: {lang}. Deliverables: source files, tests, README. Use the tools to create and verify every file.",
               "We need {cap} written in {lang} from scratch. Work autonomously until the tests pass, then explain each design decision.",
               "Create a new repository for {cap} ({lang}). Set up the build, implement it, add CI config and tests."]


def mimicry_task(r, i):
    """The i-th cell of the sweep (with a little noise so sub-accounts do not walk it in lock-step)."""
    lang = GRID_LANGS[(i + r.randrange(2)) % len(GRID_LANGS)]
    cap = GRID_CAPS[(i // len(GRID_LANGS) + r.randrange(2)) % len(GRID_CAPS)]
    return pick(r, GRID_FRAMES).format(cap=cap, lang=lang)


# ---------------------------------------------------------------- agentic harvest: trajectories to continue
TRAJ_GOALS = ["book the cheapest refundable flight from {a} to {b} next Friday", "reconcile last month's invoices in the spreadsheet and flag mismatches",
              "find the three slowest SQL queries in the logs and propose indexes", "fill in the supplier onboarding form on the portal",
              "download the quarterly report PDF, extract the revenue table and chart it", "triage the 20 newest GitHub issues and label them",
              "set up a cron job that backs up the database to object storage", "compare prices of a 27-inch monitor across four shops",
              "describe what is on this screenshot and click the 'Export' button", "clean the customer CSV: dedupe, normalise phone numbers, report stats"]
TRAJ_TOOLS = [["browser_open", "browser_click", "browser_type", "screenshot"], ["sql_query", "python_exec", "plot"],
              ["spreadsheet_read", "spreadsheet_write", "email_send"], ["computer_use", "screenshot", "keyboard", "mouse"],
              ["http_request", "json_parse", "file_write"], ["github_api", "python_exec"]]
TRAJ_FRAMES = ["Goal: {g}\n\nTrajectory so far:\n{steps}\n\nContinue the trajectory: emit the next tool call as JSON, then explain why it is the best next action.",
               "You are completing an agent episode. Objective: {g}\n{steps}\nProduce the remaining steps until the objective is met, each as a tool call with arguments and the expected observation.",
               "Episode {eid}. Task: {g}. Tools available: {tools}.\n{steps}\nWrite the complete optimal trajectory from here, with your reasoning before each call.",
               "Below is a partial tool-use log. Finish it like an expert agent would, showing thought / action / observation for every step.\nTask: {g}\n{steps}"]


def trajectory(r, tools):
    g = pick(r, TRAJ_GOALS).format(a=pick(r, ["LIS", "MAD", "FRA", "NRT", "GRU", "CDG"]), b=pick(r, ["BER", "OSL", "ICN", "MEX", "LYS"]))
    steps = []
    for k in range(r.randint(1, 4)):
        t = pick(r, tools)
        steps.append(f"[{k+1}] call {t}({{\"arg\": \"{r.randrange(10**6):06d}\"}})\n    -> observation: {pick(r, ['ok', '200 OK, 3 results', 'element not found', 'table with 14 rows', 'timeout after 30s'])}")
    return pick(r, TRAJ_FRAMES).format(g=g, steps="\n".join(steps), tools=", ".join(tools), eid=r.randrange(10**7))


# ---------------------------------------------------------------- support bot
SUPPORT_SYSTEM = ("You are Lumi, the customer support assistant for Lumenstream (a video streaming service). Answer questions about "
                  "billing, plans, playback and account access using the help-centre articles provided. Be friendly and brief. "
                  "Never reveal other customers' data. Escalate refunds over 50 EUR to a human agent with the tag [ESCALATE].")
SUPPORT_Q = {
    "en": ["I was charged twice this month, can you help?", "the app keeps buffering on my smart tv", "how do I change my plan to family?",
           "I forgot my password and the reset email never arrives", "can I download episodes to watch offline?", "cancel my subscription please"],
    "de": ["Ich wurde diesen Monat doppelt belastet.", "Wie kündige ich mein Abo?", "Die App ruckelt auf meinem Fernseher."],
    "es": ["me han cobrado dos veces este mes", "¿cómo cambio mi plan?", "no me llega el correo para restablecer la contraseña"],
    "fr": ["j'ai été débité deux fois ce mois-ci", "comment changer d'abonnement ?", "la vidéo se coupe sans arrêt"],
    "pt": ["fui cobrado duas vezes este mês", "como cancelo minha assinatura?", "o app fica travando na TV"],
    "ja": ["今月二重に請求されています", "プランの変更方法を教えてください"],
}


def support(r, lang):
    return f"Help-centre context: [article 112: billing disputes] [article 87: playback issues]\nCustomer ({lang}): {pick(r, SUPPORT_Q[lang])}"


# ---------------------------------------------------------------- localisation team
UI_STRINGS = ["\"cart.empty\": \"Your cart is empty\"", "\"checkout.cta\": \"Place order ({count} items)\"",
              "\"profile.saved\": \"Changes saved\"", "\"error.network\": \"Can't reach the server. Try again in {seconds}s.\"",
              "\"onboarding.step2\": \"Tell us about your team\"", "\"billing.trial_ends\": \"Your trial ends on {date}\""]
L10N_TARGETS = ["German", "French", "Japanese", "Brazilian Portuguese", "Spanish (Mexico)", "Simplified Chinese", "Russian"]
L10N = ["Translate these UI strings into {t}. Keep placeholders like {{count}} untouched and respect our glossary (\"cart\" = shopping cart term used in the app).\n{s}",
        "Review this {t} translation for tone and consistency with our style guide (informal address):\n{s}",
        "Our {t} string is too long for the button (max 18 characters). Suggest three shorter options:\n{s}",
        "Explain the difference in nuance between two possible {t} translations of: {s}",
        "Translate the release notes into {t}: \"{p}\"",
        "Bitte diese Strings ins Deutsche übersetzen, Platzhalter unverändert lassen:\n{s}",
        "Peux-tu relire ces traductions françaises et harmoniser le tutoiement ?\n{s}",
        "以下のUI文言を自然な日本語に訳してください。プレースホルダーはそのままで：\n{s}",
        "Traduza para o português do Brasil, mantendo os placeholders:\n{s}"]


def l10n(r):
    s = "\n".join(r.sample(UI_STRINGS, k=r.randint(1, 4)))
    return pick(r, L10N).format(t=pick(r, L10N_TARGETS), s=s, p=pick(r, PARAS))


# ---------------------------------------------------------------- evaluation harness (verified org)
JUDGE_SYSTEM = "You are a helpful assistant."
JUDGE = ("[Instruction]\nPlease act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the "
         "user question displayed below. Your evaluation should consider factors such as the helpfulness, relevance, accuracy, depth, "
         "creativity, and level of detail of the response. Begin your evaluation by providing a short explanation. Be as objective as "
         "possible. After providing your explanation, you must rate the response on a scale of 1 to 10 by strictly following this "
         "format: \"[[rating]]\", for example: \"Rating: [[5]]\".\n\n[Question]\n{q}\n\n[The Start of Assistant's Answer]\n{a}\n"
         "[The End of Assistant's Answer]")
JUDGE_PAIR = ("Please act as an impartial judge and evaluate the responses provided by two AI assistants to the user question below. "
              "Choose the assistant that follows the user's instructions and answers the question better. Avoid position biases and do "
              "not let response length influence your evaluation. Output your final verdict strictly as \"[[A]]\", \"[[B]]\" or \"[[C]]\" for a tie.\n\n"
              "[User Question]\n{q}\n\n[The Start of Assistant A's Answer]\n{a}\n[The End of Assistant A's Answer]\n\n"
              "[The Start of Assistant B's Answer]\n{b}\n[The End of Assistant B's Answer]")
BENCH_Q = ["Compose an engaging travel blog post about a recent trip to Hawaii.", "Implement a function to find the median of two sorted arrays.",
           "Explain the difference between a virus and a bacterium.", "Solve for x: 3x + 10 = 5(x - 2).",
           "Describe a vivid and unique character, using strong imagery.", "What are the economic effects of a minimum wage increase?"]
FILLER = ["The committee reviewed the annual maintenance records for the northern pumping station.",
          "In section 4.2 the contractor agrees to deliver the components within 30 business days.",
          "Temperatures recorded at the station averaged 14.2 degrees over the observation period.",
          "The witness stated that she left the building at approximately 6 pm.",
          "Revenue in the European segment grew by 7 percent, driven mainly by the services business.",
          "The patient was advised to continue the medication and return for a follow-up in two weeks."]


def judge(r, pair):
    q = pick(r, BENCH_Q)
    a = " ".join(r.choice(FILLER) for _ in range(r.randint(2, 6)))
    if pair:
        b = " ".join(r.choice(FILLER) for _ in range(r.randint(2, 6)))
        return JUDGE_PAIR.format(q=q, a=a, b=b)
    return JUDGE.format(q=q, a=a)


def long_context(r):
    n = r.randint(120, 320)
    needle = f"The access code for the archive room is {r.randrange(10**5):05d}."
    sents = [r.choice(FILLER) for _ in range(n)]
    sents.insert(r.randrange(n), needle)
    q = pick(r, ["What is the access code for the archive room?", "Summarise the document in three sentences.",
                 "List every date mentioned in the document."])
    return "Read the following document and answer the question at the end.\n\n<document>\n" + " ".join(sents) + f"\n</document>\n\nQuestion: {q}"


# ---------------------------------------------------------------- enterprise batch extraction
BATCH_SYSTEM = "You extract structured fields from customer emails for Halvorsen Insurance claims intake. Output JSON only."
BATCH = ("Extract the following fields from the email: policy_number, claim_type (auto|home|travel|other), incident_date (ISO 8601), "
         "amount_eur (number or null), sentiment (positive|neutral|negative).\n\nEmail:\n\"\"\"\n{e}\n\"\"\"")
EMAILS = ["Hello, my policy is HX-{n}. On {d} a tree fell on my garage roof. The roofer quotes {a} euros. Please advise.",
          "Policy HX-{n} - my suitcase was lost on the flight home on {d}. Contents worth about {a} EUR. Very disappointed.",
          "Hi, following the accident on {d} (policy HX-{n}) the garage estimates {a}. Thanks for the quick help last time!",
          "Re: claim for HX-{n}. Water damage in the kitchen discovered {d}. No estimate yet."]


def batch(r):
    e = pick(r, EMAILS).format(n=r.randrange(10**6), d=f"2026-0{r.randint(1, 2)}-{r.randint(10, 28)}", a=r.randint(150, 9000))
    return BATCH.format(e=e)


# ---------------------------------------------------------------- internal analytics agent (benign tool use)
ANALYST_SYSTEM = ("You are InsightDesk, Kestrel Retail's internal analytics assistant. You have read-only access to the data "
                  "warehouse (schemas: sales, inventory, marketing). Write SQL against it with the sql_query tool, analyse results "
                  "with python_exec and draw charts with plot. Always state the date range and filters you used. Do not expose "
                  "customer PII; aggregate to at least 20 customers.")
ANALYST_TOOLS = ["sql_query", "python_exec", "plot", "describe_table"]
ANALYST_Q = ["Which 10 stores had the biggest drop in weekend sales in February compared with January?",
             "Break down returns by product category for Q4 and chart it.",
             "Is the spring email campaign actually driving online orders? Compare opened vs not opened.",
             "How many days of stock do we have left for the top 50 SKUs at current sell-through?",
             "Forecast next month's demand for garden furniture in the northern region, with a rough confidence band.",
             "Why did average basket size fall last week? Check by store format and by channel.",
             "Make me a table of new vs returning customers per month for the last year.",
             "Which suppliers have the most late deliveries since November?"]


def analyst(r):
    return pick(r, ANALYST_Q)


def analyst_follow(r):
    return pick(r, [f"Tool result (sql_query): {r.randint(12, 4000)} rows returned, first rows: store_id=1{r.randint(10, 99)}, delta=-{r.randint(2, 40)}%",
                    "Tool result (python_exec): ok", "Tool result (plot): chart saved as chart_1.png",
                    "Tool result (sql_query): ERROR column \"region\" does not exist", "thanks, can you split that by region?",
                    "exclude the outlet stores and run it again"])
