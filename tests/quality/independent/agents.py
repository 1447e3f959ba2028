"""Agent traffic: real-looking coding-agent harnesses (shared by developers and mimicry), a developer's repository
that persists across sessions, the mimicry task factory sweeping a language × capability grid, agentic
trajectory harvests and the hydra's capability templates.
"""

HARNESS = [
    ("You are an autonomous software engineering agent working inside the user's repository at {root}. You can read "
     "and edit files and run shell commands through the provided tools. Always inspect the relevant files before "
     "editing. Make minimal, focused changes. Run the project's tests after changes and report failures honestly. "
     "Never commit secrets. When the task is complete, summarise what you changed.",
     ["read_file", "write_file", "edit_file", "bash", "grep", "list_dir"]),
    ("You are a coding assistant embedded in the developer's editor. Workspace: {root}. Use the tools to search the "
     "codebase, open files and propose edits as unified diffs. Prefer the project's existing conventions and "
     "libraries. Ask before running destructive commands. Keep explanations short.",
     ["search_code", "open_file", "apply_diff", "run_terminal", "get_diagnostics"]),
    ("<environment>\ncwd: {root}\nos: linux\nshell: bash\n</environment>\nYou are a pair-programming agent. Plan briefly, "
     "then act with tools. Use `str_replace` for edits, `execute` for commands. Stop and ask if requirements are ambiguous. "
     "Do not create documentation files unless asked.",
     ["view", "str_replace", "create", "execute", "glob", "web_fetch"]),
    ("You are an expert engineer operating a terminal-based agent. Repository root: {root}. Tools: shell, file edit, "
     "code search. Follow the repository's CONTRIBUTING guide. Write tests for new behaviour. Output a final report "
     "with the files touched.",
     ["shell", "edit", "search", "read", "todo_write"]),
]

# --- a developer's repository: the same project, related follow-ups, pasted errors -----------------------------------
REPOS = [
    ("go", "~/src/billing-api", ["internal/invoice/render.go", "internal/invoice/render_test.go", "cmd/server/main.go", "internal/db/queries.sql"]),
    ("python", "~/work/etl-pipeline", ["pipeline/transform.py", "pipeline/sources/s3.py", "tests/test_transform.py", "pyproject.toml"]),
    ("typescript", "~/code/dashboard-web", ["src/components/ChartPanel.tsx", "src/api/client.ts", "src/hooks/useFilters.ts", "vite.config.ts"]),
    ("rust", "~/dev/tilemap-server", ["src/cache.rs", "src/routes/tiles.rs", "src/main.rs", "Cargo.toml"]),
    ("java", "~/projects/inventory-service", ["src/main/java/com/acme/inventory/StockService.java", "src/test/java/com/acme/inventory/StockServiceTest.java", "build.gradle"]),
    ("kotlin", "~/AndroidStudioProjects/habit-tracker", ["app/src/main/java/com/habit/ui/HomeViewModel.kt", "app/build.gradle.kts"]),
]
DEV_TASKS = [
    "The test in {f2} fails after my last change with `{err}`. Find out why and fix it.",
    "Add pagination to the endpoint defined in {f1}; keep the response format backwards compatible.",
    "Refactor {f1} so the database calls go through the repository layer, like the rest of the project.",
    "Still failing, now with `{err}`. Can you look again at {f1}?",
    "Write tests for the edge cases in {f1} (empty input, very large input).",
    "Why is {f1} so slow on the staging data? Profile it and suggest a fix.",
    "Update the dependency versions in {f3} and fix whatever breaks.",
    "Add structured logging to {f1} with the request id.",
    "Rename the config field `timeout` to `request_timeout_ms` everywhere and keep reading the old name with a warning.",
    "Here's the stack trace from prod, what's going on?\n```\n{err}\n  at {f1}:142\n  at {f3}:17\n```",
]
ERRORS = ["nil pointer dereference", "AssertionError: expected 3 rows, got 0", "TypeError: Cannot read properties of undefined (reading 'map')",
          "thread 'main' panicked at 'index out of bounds: the len is 0 but the index is 0'", "NullPointerException",
          "connection refused (os error 111)", "KeyError: 'customer_id'"]


def dev_prompt(rng, repo):
    lang, root, files = repo
    f = files + files
    return rng.choice(DEV_TASKS).format(f1=f[0 + rng.randint(0, 1)], f2=f[1], f3=f[len(files) - 1], err=rng.choice(ERRORS))


# --- mimicry: a factory sweeping language × capability, each task unrelated to the last -------------------------------
GRID_LANGS = ["Rust", "Go", "Python", "TypeScript", "Java", "C++", "Kotlin", "Swift", "C#", "Haskell", "Elixir", "Scala",
              "Ruby", "PHP", "Zig", "OCaml"]
GRID_CAPS = [
    "implement an LRU cache with O(1) get and put",
    "write a recursive-descent parser for arithmetic expressions with precedence",
    "implement a token-bucket rate limiter safe for concurrent use",
    "find and fix the race condition in a worker pool that sometimes drops jobs",
    "implement a trie with prefix search and deletion",
    "write a JSON serializer for a tree of nested records without a library",
    "implement Dijkstra's shortest path on an adjacency list",
    "build a small CLI that tails a log file and counts status codes",
    "convert a callback-based HTTP client to async/await",
    "write property-based tests for a sorting function",
    "implement a consistent-hashing ring with virtual nodes",
    "write a migration that splits a users.name column into first_name and last_name",
    "implement a bounded blocking queue",
    "write a Dockerfile and CI workflow for a service with integration tests",
    "implement an interval tree supporting overlap queries",
    "write a streaming CSV-to-Parquet converter with schema inference",
]
MIMIC_WRAP = [
    "In this repository, {cap} in {lang}. Create the necessary files, add tests, and run them.",
    "Task: {cap}. Language: {lang}. Put the code under src/ and make the test suite pass.",
    "We need to {cap} ({lang}). Follow the existing project layout; explain your design decisions as you go.",
    "{lang} project. Please {cap}. Include edge-case tests and document complexity.",
    "New ticket: {cap}. Stack is {lang}. Think through the design before writing code, then implement it fully.",
]


PROJECT_WORDS = (["orbit", "pebble", "lantern", "quartz", "harbor", "maple", "tundra", "ember", "falcon", "willow"],
                 ["cache", "queue", "parser", "service", "kit", "core", "engine", "tools", "lab", "api"])


def project_root(rng):
    """A plausible workspace for a fresh task: the factory starts a new project per task."""
    a, b = rng.choice(PROJECT_WORDS[0]), rng.choice(PROJECT_WORDS[1])
    return rng.choice([f"~/src/{a}-{b}", f"/home/dev/projects/{a}_{b}", f"~/code/{a}{b}", f"/workspace/{a}-{b}"])


def grid_cell(index):
    """The factory's sweep: cell `index` of the language × capability grid, row-major over a fixed shuffle."""
    return GRID_LANGS[index % len(GRID_LANGS)], GRID_CAPS[(index // len(GRID_LANGS)) % len(GRID_CAPS)]


def mimic_prompt(rng, index):
    lang, cap = grid_cell(index)
    return rng.choice(MIMIC_WRAP).format(cap=cap, lang=lang)


# --- agentic harvest: tool-use trajectories at scale ------------------------------------------------------------------
AGENT_TOOLS = [
    ["web_search", "open_url", "click", "type_text", "screenshot"],
    ["python", "sql_query", "read_csv", "plot"],
    ["search_flights", "book_flight", "get_calendar", "send_email"],
    ["kubectl", "get_logs", "get_metrics", "page_oncall"],
    ["computer", "bash", "str_replace_editor"],
]
AGENT_TASKS = [
    "Find the three cheapest direct flights from {a} to {b} next month and add the best one to my calendar.",
    "Using the sales table, find which region's revenue dropped most quarter over quarter and plot it.",
    "The checkout service is returning 502s. Investigate with the tools and produce a remediation plan.",
    "Open the supplier portal, download last month's invoices and total them by vendor.",
    "Research the top five open-source vector databases and build a comparison table with licences.",
    "Clean the customer CSV (dedupe, normalise phone numbers) and load it into the warehouse table.",
    "Fill in the web form at the given URL with the applicant data and confirm submission.",
]
TRAJ_ASK = [
    "Solve the task with the tools listed. For every step output: Thought, Action (tool + JSON args), Observation (simulate a realistic one), until you reach Final Answer.",
    "Produce a complete, realistic agent trajectory for this task: each reasoning step, each tool call with arguments, each tool result, and the final answer. Do not abbreviate.",
    "Act as the agent and also as the environment: emit the full interleaved sequence of plans, tool invocations and returned outputs for the task below.",
    "Write the whole episode as JSON lines {{\"role\", \"content\", \"tool_call\"}}, from the user's request to task completion, with plausible tool outputs.",
]
CITIES = ["Berlin", "Madrid", "Chicago", "Osaka", "São Paulo", "Warsaw", "Toronto"]


def trajectory_prompt(rng):
    tools = rng.choice(AGENT_TOOLS)
    spec = "\n".join(f"- {t}(args: object) -> object" for t in tools)
    task = rng.choice(AGENT_TASKS).format(a=rng.choice(CITIES), b=rng.choice(CITIES))
    return f"{rng.choice(TRAJ_ASK)}\n\nTools:\n{spec}\n\nTask: {task}", tools


# --- hydra: capability templates with slot variations ------------------------------------------------------------
HYDRA_SYSTEM = [
    "You are an expert data analyst combining statistical rigor with clear business communication.",
    "You are a senior orchestration engineer who decomposes complex goals into tool-using sub-agents.",
    "You are a world-class analyst. Reason carefully and show your full analysis.",
]
HYDRA_TASK = [  # three template families, each paraphrased on every request (the slot structure stays)
    ["Dataset: {ds} ({rows} rows). Question: {q} Walk through your analysis plan, the code you would run, the intermediate results, and the conclusion.",
     "We have {rows} rows of {ds}. {q} Lay out the plan, the code, what each step returns, and what you conclude.",
     "Question about {ds} ({rows} records): {q} Describe the approach, write the code, report the interim numbers, then the verdict.",
     "{q} The data is {ds}, {rows} rows. Go from plan to code to intermediate output to conclusion."],
    ["Given the {ds} data with columns {cols}, {q} Show each transformation and its output before the final recommendation.",
     "Columns: {cols}. Source: {ds}. {q} Every transformation with its result, then your recommendation.",
     "Working with {ds} ({cols}): {q} I need each processing step and what it produces, and a recommendation at the end."],
    ["Design a multi-agent workflow to {goal}. List each sub-agent, its tools, the messages they exchange, and a worked example run.",
     "How would you split the job '{goal}' across cooperating agents? Name them, their tools, their hand-offs, and simulate one run.",
     "Plan an orchestration of sub-agents that can {goal}: roles, tool access, message flow, plus an example trace end to end."],
]
DATASETS = ["retail transactions", "hospital readmissions", "ad campaign clicks", "churned subscriptions", "energy meter readings", "loan applications"]
HQ = ["which factors best predict the outcome?", "is the difference between the two groups significant?", "what explains the Q3 dip?",
      "how should we segment the customers?", "where are the anomalies?"]
COLS = ["date, region, amount, channel", "age, tenure, plan, churned", "meter_id, ts, kwh, temp", "income, score, amount, default"]
GOALS = ["triage incoming bug reports", "produce a weekly competitor briefing", "reconcile invoices against purchase orders",
         "migrate a legacy database with zero downtime", "answer customer emails with order lookups"]


def hydra_prompt(rng):
    t = rng.choice(rng.choice(HYDRA_TASK))
    return rng.choice(HYDRA_SYSTEM), t.format(ds=rng.choice(DATASETS), rows=rng.randint(2, 900) * 1000, q=rng.choice(HQ),
                                               cols=rng.choice(COLS), goal=rng.choice(GOALS))
