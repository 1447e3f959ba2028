//! Coding prompts: tasks for coding agents, code snippets, tool results and plain programming questions.
//!
//! Shared by developers (benign) and the agentic campaign, so tool use and code alone never decide the label.

use super::{Bank, by_bank, fill, noise, num};
use crate::dist::{Rng, chance, pick, range};

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "parse", "load", "compute", "validate", "fetch", "merge", "render", "normalize", "retry", "flush", "serialize",
    "index", "resolve", "dedupe", "aggregate", "sync", "encode", "schedule",
];
const NOUNS: &[&str] = &[
    "config", "users", "orders", "invoice", "token", "cache", "batch", "events", "payload",
    "schema", "session", "metrics", "ledger", "cart", "report", "webhook", "tenant", "shipment",
];
#[rustfmt::skip]
const FIELDS: &[&str] = &[
    "price", "count", "created_at", "score", "size", "retries", "age", "total", "weight", "priority",
];

/// A source path plausible for `lang`.
pub(crate) fn path(rng: &mut Rng, lang: &str) -> String {
    let (dir, noun, verb) = (
        pick(rng, &["src", "app", "lib", "internal", "services", "pkg"]),
        pick(rng, NOUNS),
        pick(rng, VERBS),
    );
    match lang {
        "rust" => format!("{dir}/{noun}/{verb}.rs"),
        "typescript" => format!(
            "{dir}/{noun}/{verb}{}.ts",
            pick(rng, &["", "Handler", "Service"])
        ),
        "go" => format!("{dir}/{noun}/{verb}.go"),
        "sql" => format!("migrations/{:04}_{verb}_{noun}.sql", range(rng, 1, 120)),
        "java" => format!(
            "src/main/java/com/acme/{noun}/{}{}.java",
            cap(verb),
            cap(noun)
        ),
        _ => format!("{dir}/{noun}/{verb}_{noun}.py"),
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// A short code snippet and its language, built from templates with random identifiers and numbers.
pub(crate) fn snippet(rng: &mut Rng) -> (&'static str, String) {
    let lang = pick(
        rng,
        &[
            "python",
            "python",
            "typescript",
            "rust",
            "go",
            "sql",
            "java",
        ],
    );
    let (v, n, f) = (pick(rng, VERBS), pick(rng, NOUNS), pick(rng, FIELDS));
    let k = num(rng, 1, 500);
    let slots = [("v", v), ("n", n), ("f", f), ("k", k.as_str())];
    let t = match lang {
        "python" => pick(
            rng,
            &[
                "def {v}_{n}(items):\n    result = []\n    for item in items:\n        if item[\"{f}\"] > {k}:\n            result.append(item)\n    return sorted(result, key=lambda x: x[\"{f}\"])",
                "class {n}Store:\n    def __init__(self, db):\n        self.db = db\n\n    def {v}(self, key):\n        row = self.db.get(key)\n        return row.{f} if row else None",
                "async def {v}_{n}(client, ids):\n    out = {}\n    for i in ids:\n        resp = await client.get(f\"/api/{n}/{i}\")\n        out[i] = resp.json()[\"{f}\"]\n    return out",
            ],
        ),
        "typescript" => pick(
            rng,
            &[
                "export function {v}{n}(rows: Row[]): number {\n  return rows.filter(r => r.{f} > {k}).reduce((a, r) => a + r.{f}, 0);\n}",
                "export async function {v}(id: string) {\n  const res = await fetch(`/api/{n}/${id}`);\n  if (!res.ok) throw new Error(res.statusText);\n  return (await res.json()).{f};\n}",
            ],
        ),
        "rust" => pick(
            rng,
            &[
                "fn {v}_{n}(items: &[Item]) -> Option<&Item> {\n    items.iter().filter(|i| i.{f} > {k}).max_by_key(|i| i.{f})\n}",
                "impl {n} {\n    pub fn {v}(&mut self, key: &str) -> Result<u64, Error> {\n        let entry = self.map.get(key).ok_or(Error::Missing)?;\n        self.map.insert(key.to_string(), entry.{f} + {k});\n        Ok(entry.{f})\n    }\n}",
            ],
        ),
        "go" => pick(
            rng,
            &[
                "func {v}{n}(items []Item) []Item {\n\tvar out []Item\n\tfor _, it := range items {\n\t\tif it.{f} > {k} {\n\t\t\tout = append(out, it)\n\t\t}\n\t}\n\treturn out\n}",
                "func (s *Server) {v}(w http.ResponseWriter, r *http.Request) {\n\tid := r.URL.Query().Get(\"id\")\n\tv, err := s.store.Get(id)\n\tif err != nil {\n\t\thttp.Error(w, err.Error(), 500)\n\t}\n\tjson.NewEncoder(w).Encode(v.{f})\n}",
            ],
        ),
        "sql" => pick(
            rng,
            &[
                "SELECT {n}.id, SUM({n}.{f}) AS total\nFROM {n}\nJOIN accounts a ON a.id = {n}.account_id\nWHERE {n}.{f} > {k}\nGROUP BY {n}.id\nORDER BY total DESC;",
                "UPDATE {n} SET {f} = {f} + 1 WHERE id IN (SELECT id FROM {n} WHERE {f} < {k});",
            ],
        ),
        _ => pick(
            rng,
            &[
                "public List<Item> {v}(List<Item> items) {\n    return items.stream()\n        .filter(i -> i.get{f}() > {k})\n        .collect(Collectors.toList());\n}",
            ],
        ),
    };
    (lang, fill(t, &slots))
}

/// A plausible error message for a language.
pub(crate) fn error_for(rng: &mut Rng, lang: &str) -> String {
    let (n, f) = (pick(rng, NOUNS), pick(rng, FIELDS));
    let line = num(rng, 3, 400);
    match lang {
        "rust" => format!(
            "error[E0502]: cannot borrow `{n}` as mutable because it is also borrowed as immutable\n  --> src/{n}.rs:{line}:9"
        ),
        "typescript" => format!(
            "TypeError: Cannot read properties of undefined (reading '{f}')\n    at {n}.ts:{line}:17"
        ),
        "go" => format!(
            "panic: runtime error: index out of range [{line}] with length {line}\n\ngoroutine 1 [running]:\nmain.{n}()"
        ),
        "sql" => format!("ERROR:  column \"{f}\" does not exist\nLINE 1: SELECT {f} FROM {n}"),
        "java" => format!(
            "java.lang.NullPointerException: Cannot invoke \"{n}.get{f}()\" because \"item\" is null\n\tat App.java:{line}"
        ),
        _ => match range(rng, 0, 3) {
            0 => "TypeError: 'NoneType' object is not subscriptable".to_string(),
            1 => format!("KeyError: '{f}'"),
            _ => format!("AttributeError: '{n}' object has no attribute '{f}'"),
        },
    }
}

/// A developer's repository: the files they keep coming back to, session after session.
#[derive(Clone, Debug)]
pub(crate) struct Repo {
    pub paths: Vec<String>,
}

/// A repository of four to eight files in one language.
pub(crate) fn repo(rng: &mut Rng) -> Repo {
    let lang = pick(
        rng,
        &[
            "python",
            "python",
            "typescript",
            "rust",
            "go",
            "java",
            "sql",
        ],
    );
    Repo {
        paths: (0..range(rng, 4, 9)).map(|_| path(rng, lang)).collect(),
    }
}

/// A file of `repo`, or a random path for `lang` without one.
fn repo_path(rng: &mut Rng, repo: Option<&Repo>, lang: &str) -> String {
    match repo {
        Some(r) if !r.paths.is_empty() => r
            .paths
            .get(range(rng, 0, r.paths.len() as u64) as usize)
            .cloned()
            .unwrap_or_default(),
        _ => path(rng, lang),
    }
}

/// The first turn of a coding-agent session in the developer's own repository, sometimes referring back to an
/// earlier session: real users build on what they did before.
pub(crate) fn agent_task_in(rng: &mut Rng, bank: Bank, repo: &Repo) -> String {
    let task = agent_task_at(rng, bank, Some(repo));
    if !chance(rng, 0.35) {
        return task;
    }
    let prev = repo_path(rng, Some(repo), "");
    let lead = by_bank(
        rng,
        bank,
        &[
            "Following up on yesterday's change to {prev}: ",
            "Same repo as before. ",
            "Back to {prev}. ",
            "The fix you made in {prev} earlier works, next: ",
        ],
        &[
            "Continuing from last session ({prev}): ",
            "Re the earlier fix in {prev}: ",
            "Picking up where we left off in {prev}. ",
            "One more thing in the same project: ",
        ],
    );
    format!("{}{task}", fill(lead, &[("prev", &prev)]))
}

/// The first turn of a coding-agent session (in `repo` when there is one).
fn agent_task_at(rng: &mut Rng, bank: Bank, repo: Option<&Repo>) -> String {
    let (lang, code) = snippet(rng);
    let p = repo_path(rng, repo, lang);
    let err = error_for(rng, lang);
    let feature = pick(
        rng,
        &[
            "pagination",
            "rate limiting",
            "retry with backoff",
            "caching",
            "input validation",
            "structured logging",
            "a dry-run flag",
            "CSV export",
        ],
    );
    let goal = pick(
        rng,
        &[
            "use async IO",
            "remove the global state",
            "be testable",
            "stream instead of loading everything in memory",
            "use the new config loader",
        ],
    );
    let t = by_bank(
        rng,
        bank,
        &[
            "Fix the failing test in {path}. The error is:\n```\n{err}\n```",
            "Add {feature} to {path}.",
            "Refactor this to {goal}:\n```{lang}\n{code}\n```",
            "Why does this throw?\n```{lang}\n{code}\n```\n```\n{err}\n```",
            "Write unit tests for the function in {path}:\n```{lang}\n{code}\n```",
            "The CI is red on main, can you look at {path} and fix it",
            "implement {feature} for the endpoint in {path}, follow the existing patterns",
        ],
        &[
            "tests in {path} are failing with\n```\n{err}\n```\nfind the cause and fix it",
            "We need {feature} in {path}. Keep the diff small.",
            "Please restructure the code below so it can {goal}.\n```{lang}\n{code}\n```",
            "Getting this error, no idea why:\n```\n{err}\n```\ncode:\n```{lang}\n{code}\n```",
            "Cover {path} with tests, edge cases included:\n```{lang}\n{code}\n```",
            "build broke after my last commit, check {path}",
            "{feature} for {path} please, same style as the rest of the module",
        ],
    );
    let s = fill(
        t,
        &[
            ("path", &p),
            ("err", &err),
            ("feature", feature),
            ("goal", goal),
            ("lang", lang),
            ("code", &code),
        ],
    );
    noise(rng, s, 0.3)
}

/// A later turn: a tool's result fed back to the model, or a human nudge.
///
/// `style` fixes how the client frames tool output (each agent product has one format).
pub(crate) fn tool_turn(rng: &mut Rng, bank: Bank, tools: &[&'static str], style: usize) -> String {
    tool_turn_in(rng, bank, tools, style, None)
}

/// [`tool_turn`] whose file paths come from `repo` when there is one.
pub(crate) fn tool_turn_in(
    rng: &mut Rng,
    bank: Bank,
    tools: &[&'static str],
    style: usize,
    repo: Option<&Repo>,
) -> String {
    if chance(rng, 0.12) {
        let s = by_bank(
            rng,
            bank,
            &[
                "looks good, also update the README",
                "no, don't change the public API",
                "run the linter too",
                "can you undo the last change",
                "ok commit that",
                "why did you delete that file?",
            ],
            &[
                "nice. docs too please",
                "keep the public interface as is",
                "lint it as well",
                "revert that last edit",
                "good, go ahead and commit",
                "wait, that file was needed",
            ],
        );
        return noise(rng, s.to_string(), 0.5);
    }
    let tool = pick(rng, tools);
    let (lang, code) = snippet(rng);
    let body = match tool {
        "bash" | "shell" | "terminal" => {
            let cmd = match lang {
                "rust" => pick(rng, &["cargo build", "cargo test", "cargo clippy"]),
                "typescript" => pick(rng, &["npm test", "npx tsc --noEmit", "pnpm build"]),
                "go" => pick(rng, &["go vet ./...", "go test ./...", "go build ./..."]),
                "java" => pick(rng, &["mvn -q test", "./gradlew build"]),
                "sql" => pick(rng, &["psql -f migrate.sql", "make migrate"]),
                _ => pick(rng, &["pytest -q", "python -m mypy .", "make lint"]),
            };
            format!("$ {cmd}\n{}", error_for(rng, lang))
        }
        "run_tests" => format!(
            "{} passed, {} failed\nFAILED {} - {}",
            num(rng, 5, 300),
            num(rng, 1, 6),
            repo_path(rng, repo, lang),
            error_for(rng, lang)
        ),
        "grep" | "search_code" => format!(
            "{}:{}:    {}\n{}:{}:    {}",
            repo_path(rng, repo, lang),
            num(rng, 1, 300),
            pick(rng, NOUNS),
            repo_path(rng, repo, lang),
            num(rng, 1, 300),
            pick(rng, VERBS)
        ),
        "edit_file" | "write_file" | "editor" | "apply_patch" => format!(
            "Applied edit to {} ({} lines changed)",
            repo_path(rng, repo, lang),
            num(rng, 1, 40)
        ),
        "sql_query" => format!(
            "id | {f} | total\n---+---+---\n{} | {} | {}\n{} | {} | {}\n({} rows)",
            num(rng, 1, 99),
            num(rng, 1, 999),
            num(rng, 1, 9999),
            num(rng, 1, 99),
            num(rng, 1, 999),
            num(rng, 1, 9999),
            num(rng, 2, 5000),
            f = pick(rng, FIELDS)
        ),
        "web_search" | "browser" => format!(
            "1. {} docs — {}\n2. Stack Overflow: how to {} {} in {lang}",
            pick(rng, NOUNS),
            pick(rng, VERBS),
            pick(rng, VERBS),
            pick(rng, NOUNS)
        ),
        "http_request" => format!(
            "HTTP/1.1 200 OK\ncontent-type: application/json\n\n{{\"{}\": {}, \"{}\": \"{}\"}}",
            pick(rng, FIELDS),
            num(rng, 1, 9999),
            pick(rng, NOUNS),
            pick(rng, VERBS)
        ),
        "plot" => format!(
            "Saved figure to plots/{}_by_{}.png",
            pick(rng, FIELDS),
            pick(rng, FIELDS)
        ),
        "python" | "notebook" => format!(
            ">>> df.describe()\n       {}        {}\nmean   {}.{}   {}.{}\nstd    {}.{}    {}.{}",
            pick(rng, FIELDS),
            pick(rng, FIELDS),
            num(rng, 1, 900),
            num(rng, 0, 99),
            num(rng, 1, 90),
            num(rng, 0, 99),
            num(rng, 1, 90),
            num(rng, 0, 99),
            num(rng, 1, 9),
            num(rng, 0, 99)
        ),
        _ => format!("```{lang}\n{code}\n```"),
    };
    let heads: &[&str] = match bank {
        Bank::A => &["Tool result ({tool}):\n", "[{tool} output]\n", "<{tool}>\n"],
        Bank::B => &[
            "<tool_result name=\"{tool}\">\n",
            "Output of {tool}:\n",
            "{tool} returned:\n",
        ],
    };
    let head = heads.get(style % heads.len()).copied().unwrap_or("");
    format!("{}{body}", fill(head, &[("tool", tool)]))
}

/// A one-off programming question without tools.
pub(crate) fn chat_question(rng: &mut Rng, bank: Bank) -> String {
    let (lang, code) = snippet(rng);
    let err = error_for(rng, lang);
    let t = by_bank(
        rng,
        bank,
        &[
            "What does this {lang} code do?\n```{lang}\n{code}\n```",
            "How do I fix `{err}`?",
            "Is there a more idiomatic way to write this?\n```{lang}\n{code}\n```",
            "Explain the difference between a mutex and a semaphore",
            "Review this for bugs:\n```{lang}\n{code}\n```",
        ],
        &[
            "explain this {lang} snippet\n```{lang}\n{code}\n```",
            "{err} — what's the usual cause?",
            "cleaner version of this?\n```{lang}\n{code}\n```",
            "mutex vs semaphore, when to use which",
            "any bugs here?\n```{lang}\n{code}\n```",
        ],
    );
    noise(
        rng,
        fill(t, &[("lang", lang), ("code", &code), ("err", &err)]),
        0.3,
    )
}

/// A coding-agent product: its system prompt (shared by all its users) and tool list.
pub(crate) struct AgentProduct {
    pub system: &'static str,
    pub tools: &'static [&'static str],
}

impl AgentProduct {
    /// One turn of this agent's loop: `prompt` with the product's system prompt and tools, `history` tokens of
    /// resent conversation, streamed, on the route of its API `style` (1: chat completions, else messages).
    pub(crate) fn request(
        &self,
        prompt: String,
        model: &'static str,
        max_out: u32,
        history: u32,
        style: usize,
    ) -> crate::record::Request {
        crate::record::Request::new(prompt, model, max_out)
            .system(Some(self.system.to_string()))
            .tools(self.tools)
            .context(history)
            .route(if style == 1 {
                "/v1/chat/completions"
            } else {
                "/v1/messages"
            })
            .stream(Some(true))
    }
}

/// The coding agents developers use; thousands of accounts share each system prompt verbatim.
pub(crate) fn agent_products(bank: Bank) -> &'static [AgentProduct] {
    match bank {
        Bank::A => &[
            AgentProduct {
                system: "You are a coding agent operating in the user's repository. Use the tools to read, search, edit and test code. Make minimal, focused changes and explain what you changed.",
                tools: &["bash", "read_file", "edit_file", "grep", "run_tests"],
            },
            AgentProduct {
                system: "You are an AI pair programmer inside the user's editor. Prefer small diffs. Never run destructive commands without asking.",
                tools: &["editor", "read_file", "search_code", "terminal"],
            },
            AgentProduct {
                system: "You are an autonomous software engineer. Plan, implement, and verify changes. Run the test suite before finishing.",
                tools: &[
                    "shell",
                    "read_file",
                    "write_file",
                    "apply_patch",
                    "run_tests",
                    "web_search",
                ],
            },
        ],
        Bank::B => &[
            AgentProduct {
                system: "You help engineers change code in a local checkout. Inspect files before editing, keep patches tight, and report the result of every command you run.",
                tools: &["terminal", "read_file", "apply_patch", "grep"],
            },
            AgentProduct {
                system: "Act as a careful senior developer embedded in an IDE. Propose edits as patches, run tests after each change, and stop when they pass.",
                tools: &["editor", "run_tests", "search_code", "read_file", "bash"],
            },
        ],
    }
}
