//! The default policy's decision through Wasm versus the same detector
//! logic compiled natively into the host, side by side in one process, plus
//! single-threaded `eval` throughput. Ratios within one run are what to
//! trust on a shared machine; absolute figures drift between runs.
//!
//! Run: `cargo bench -p palisade --bench decide` (add `-- --quick` for a
//! shorter run). The last lines print the Wasm/native ratio and the eval
//! rate per core.

// Setup failures in a benchmark are bugs in the benchmark: fail loudly.
#![allow(clippy::panic)]

use criterion::{Criterion, Throughput, criterion_group};
use palisade::aggregates::AggregateStore;
use palisade::eval::{EvalOptions, eval};
use palisade::features::{FeatureLimits, Features};
use palisade::policy::Generation;
use palisade::runtime::{CompiledPlugin, Fields, Outcome, Runtime};
use palisade_sdk::{Aggregates, Detector, Request, Seen, Verdict};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const BATCH: usize = 512;

/// The host's aggregate store behind the SDK's trait, for native detectors.
struct HostAggregates<'a> {
    store: &'a AggregateStore,
    now_ms: u64,
}

impl Aggregates for HostAggregates<'_> {
    fn counter_add(&mut self, key: &str, window_ms: u64, n: u64) -> u64 {
        self.store.counter_add(key, window_ms, n, self.now_ms)
    }
    fn counter_read(&mut self, key: &str, window_ms: u64) -> u64 {
        self.store.counter_read(key, window_ms, self.now_ms)
    }
    fn distinct_add(&mut self, key: &str, window_ms: u64, item: &str) -> u64 {
        self.store.distinct_add(key, window_ms, item, self.now_ms)
    }
    fn distinct_read(&mut self, key: &str, window_ms: u64) -> u64 {
        self.store.distinct_read(key, window_ms, self.now_ms)
    }
    fn touch(&mut self, key: &str) -> Option<Seen> {
        self.store.touch(key, self.now_ms).map(|s| Seen {
            first_ms: s.first_ms,
            last_ms: s.last_ms,
            count: s.count,
        })
    }
    fn peek(&mut self, key: &str) -> Option<Seen> {
        self.store.peek(key).map(|s| Seen {
            first_ms: s.first_ms,
            last_ms: s.last_ms,
            count: s.count,
        })
    }
}

type NativeFn = Box<dyn Fn(&Request, &mut dyn Aggregates) -> Verdict>;

fn native<D: Detector>(settings: &str) -> NativeFn {
    let settings = palisade_sdk::parse_settings::<D>(settings).unwrap_or_else(|e| panic!("{e}"));
    let detector = D::new(settings);
    Box::new(move |r, a| detector.detect(r, a))
}

/// The native twin of a loaded plugin, by the name it reports.
fn native_twin(plugin: &CompiledPlugin) -> NativeFn {
    let s = plugin.settings_json();
    match plugin.metadata.name.as_str() {
        "reasoning" => native::<palisade_reasoning::Reasoning>(s),
        "template" => native::<palisade_template::Template>(s),
        "infra" => native::<palisade_infra::Infra>(s),
        "cadence" => native::<palisade_cadence::Cadence>(s),
        "capability" => native::<palisade_capability::CapabilityDetector>(s),
        "behaviour" => native::<palisade_behaviour::Behaviour>(s),
        other => panic!("no native twin for plugin {other}"),
    }
}

/// The same field masking the host applies before a Wasm call.
fn to_sdk(f: &Features, fields: Fields) -> Request {
    let has = |flag: Fields| fields.contains(flag);
    let text = |flag: Fields, v: &Option<String>| if has(flag) { v.clone() } else { None };
    Request {
        id: f.id.clone(),
        ts_ms: f.ts_ms,
        account: palisade_sdk::Account {
            id: f.account.id.clone(),
            created_ms: f
                .account
                .created_ms
                .filter(|_| has(Fields::ACCOUNT_CREATED)),
            tier: text(Fields::ACCOUNT_TIER, &f.account.tier),
            org: text(Fields::ACCOUNT_ORG, &f.account.org),
            payment_fingerprint: text(Fields::PAYMENT_FINGERPRINT, &f.account.payment_fingerprint),
            email_domain: text(Fields::EMAIL_DOMAIN, &f.account.email_domain),
        },
        client: palisade_sdk::Client {
            ip: has(Fields::CLIENT_IP).then(|| f.client.ip.clone()),
            asn: f.client.asn.filter(|_| has(Fields::CLIENT_ASN)),
            country: text(Fields::CLIENT_COUNTRY, &f.client.country),
            user_agent: text(Fields::USER_AGENT, &f.client.user_agent),
            tls_fingerprint: text(Fields::TLS_FINGERPRINT, &f.client.tls_fingerprint),
        },
        call: palisade_sdk::Call {
            route: text(Fields::ROUTE, &f.call.route),
            model: text(Fields::MODEL, &f.call.model),
            prompt: has(Fields::PROMPT).then(|| f.call.prompt.clone()),
            system_prompt: text(Fields::SYSTEM_PROMPT, &f.call.system_prompt),
            prompt_tokens: f.call.prompt_tokens.filter(|_| has(Fields::PROMPT_TOKENS)),
            max_output_tokens: f
                .call
                .max_output_tokens
                .filter(|_| has(Fields::MAX_OUTPUT_TOKENS)),
            tools: f.call.tools.clone().filter(|_| has(Fields::TOOLS)),
            stream: f.call.stream.filter(|_| has(Fields::STREAM)),
        },
    }
}

struct Setup {
    generation: Generation,
    natives: Vec<(Arc<CompiledPlugin>, NativeFn, AggregateStore)>,
    requests: Vec<Features>,
    jsonl: Vec<u8>,
}

fn setup() -> Setup {
    let policy = Path::new(env!("PALISADE_ROOT")).join("policies/default.toml");
    let generation =
        palisade::policy::load(&policy, &Runtime::new(), 1).unwrap_or_else(|e| panic!("{e}"));
    let config = palisade_traffic::GenConfig {
        seed: 11,
        scale: 0.2,
        ..palisade_traffic::GenConfig::default()
    };
    let mut jsonl = Vec::new();
    palisade_traffic::generate(&config, &mut jsonl).unwrap_or_else(|e| panic!("{e}"));
    let requests: Vec<Features> = jsonl
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| Features::parse(l, &FeatureLimits::default()).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let natives = generation
        .active_plugins()
        .map(|p| (p.clone(), native_twin(p), AggregateStore::new(256 << 20)))
        .collect();
    Setup {
        generation,
        natives,
        requests,
        jsonl,
    }
}

fn decide_native(s: &Setup, f: &Features) -> palisade::decision::Decision {
    let outcomes = s
        .natives
        .iter()
        .map(|(plugin, detect, store)| {
            let started = Instant::now();
            let request = to_sdk(f, plugin.fields);
            let mut aggregates = HostAggregates {
                store,
                now_ms: f.ts_ms,
            };
            let v = detect(&request, &mut aggregates);
            Outcome {
                score: v.score,
                reasons: v.reasons,
                tags: v.tags,
                status: palisade::decision::Status::Ok,
                micros: started.elapsed().as_micros() as u64,
            }
        })
        .collect();
    s.generation.combine(f, outcomes)
}

fn batch(s: &Setup, round: usize) -> &[Features] {
    let start = (round * BATCH) % (s.requests.len() - BATCH);
    &s.requests[start..start + BATCH]
}

fn benches(c: &mut Criterion) {
    let s = setup();
    let mut group = c.benchmark_group("decision");
    group.throughput(Throughput::Elements(BATCH as u64));
    let mut round = 0;
    group.bench_function("wasm", |b| {
        b.iter(|| {
            round += 1;
            for f in batch(&s, round) {
                std::hint::black_box(s.generation.decide(f));
            }
        })
    });
    let mut round = 0;
    group.bench_function("native", |b| {
        b.iter(|| {
            round += 1;
            for f in batch(&s, round) {
                std::hint::black_box(decide_native(&s, f));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("eval");
    group.throughput(Throughput::Elements(s.requests.len() as u64));
    group.sample_size(10);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    group.bench_function("one-thread", |b| {
        b.iter(|| {
            pool.install(|| {
                eval(
                    &s.generation,
                    &s.jsonl[..],
                    std::io::sink(),
                    &EvalOptions::default(),
                    &|_| {},
                )
                .unwrap_or_else(|e| panic!("{e}"))
            })
        })
    });
    group.finish();

    // A direct, alternating comparison for the ratio.
    let time = |f: &dyn Fn(&Features)| {
        let started = Instant::now();
        for r in &s.requests {
            f(r);
        }
        started.elapsed()
    };
    let mut wasm = Vec::new();
    let mut nat = Vec::new();
    for _ in 0..5 {
        wasm.push(time(&|f| {
            std::hint::black_box(s.generation.decide(f));
        }));
        nat.push(time(&|f| {
            std::hint::black_box(decide_native(&s, f));
        }));
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (w, n) = (median(&mut wasm), median(&mut nat));
    let per = |d: Duration| d.as_secs_f64() * 1e6 / s.requests.len() as f64;
    let plugins = s.natives.len();
    println!(
        "\nratio: wasm {:.2} µs vs native {:.2} µs per decision ({plugins} plugins, {} requests) = {:.2}x",
        per(w),
        per(n),
        s.requests.len(),
        w.as_secs_f64() / n.as_secs_f64()
    );
    // Batches of 32, as `palisade serve` forms them under load, against
    // one request at a time (the `wasm` figure above): same process, same
    // requests, alternating.
    let mut batched = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        for chunk in s.requests.chunks(32) {
            std::hint::black_box(s.generation.decide_batch(chunk));
        }
        batched.push(started.elapsed());
    }
    let b = median(&mut batched);
    println!(
        "batched: {:.2} µs per decision in batches of 32 = {:.2}x one at a time",
        per(b),
        b.as_secs_f64() / w.as_secs_f64()
    );
    for (plugin, detect, store) in &s.natives {
        let mut wasm = Vec::new();
        let mut nat = Vec::new();
        for _ in 0..3 {
            wasm.push(time(&|f| {
                std::hint::black_box(plugin.detect(f));
            }));
            nat.push(time(&|f| {
                let request = to_sdk(f, plugin.fields);
                let mut aggregates = HostAggregates {
                    store,
                    now_ms: f.ts_ms,
                };
                std::hint::black_box(detect(&request, &mut aggregates));
            }));
        }
        let (w, n) = (median(&mut wasm), median(&mut nat));
        println!(
            "  {:<12} wasm {:>6.2} µs  native {:>6.2} µs  {:.2}x",
            plugin.name,
            per(w),
            per(n),
            w.as_secs_f64() / n.as_secs_f64()
        );
    }
    let started = Instant::now();
    let report = pool.install(|| {
        eval(
            &s.generation,
            &s.jsonl[..],
            std::io::sink(),
            &EvalOptions::default(),
            &|_| {},
        )
    });
    let decided = report.map(|r| r.summary.decided).unwrap_or(0);
    println!(
        "eval: {:.0} decisions/s on one thread ({decided} decisions)",
        decided as f64 / started.elapsed().as_secs_f64()
    );
}

criterion_group!(decide, benches);

fn main() {
    decide();
    Criterion::default().configure_from_args().final_summary();
}
