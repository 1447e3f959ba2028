//! Single reasoning problems (math, physics, algorithms, statistics, logic) with random parameters.
//!
//! Researchers ask them one at a time; the reasoning campaign wraps the same kind of problem in harvesting
//! templates at volume. The problem text itself therefore does not reveal the label.

use super::{Bank, by_bank, fill, num};
use crate::dist::{Rng, pick, range};

/// A self-contained problem statement.
pub(crate) fn problem(rng: &mut Rng, bank: Bank) -> String {
    let a = range(rng, 2, 12);
    let slots = [
        ("a", a.to_string()),
        ("a1", (a - 1).to_string()),
        ("k", num(rng, 2, 7)),
        ("m", num(rng, 1, 40)),
        ("h", num(rng, 2, 80)),
        ("v", num(rng, 5, 60)),
        (
            "theta",
            pick(rng, &["15", "30", "37", "45", "60"]).to_string(),
        ),
        ("l", format!("{}.{}", range(rng, 0, 4), range(rng, 1, 10))),
        ("p", num(rng, 1, 15)),
        ("s", num(rng, 80, 100)),
        ("sp", num(rng, 85, 100)),
        (
            "arr",
            (0..6)
                .map(|_| range(rng, 1, 99).to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("n", num(rng, 3, 12)),
        ("x", num(rng, 10, 500)),
        ("y", num(rng, 10, 500)),
        ("stmt", pick(rng, STATEMENTS).to_string()),
        ("algo", pick(rng, ALGOS).to_string()),
    ];
    let slots: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let t = match bank {
        Bank::A => pick(rng, A),
        Bank::B => pick(rng, B),
    };
    fill(t, &slots)
}

#[rustfmt::skip]
const STATEMENTS: &[&str] = &[
    "the sum of the first n odd numbers is n^2", "sqrt(2) is irrational", "there are infinitely many primes",
    "every tree with n vertices has n-1 edges", "the product of two odd integers is odd",
    "a graph is bipartite iff it has no odd cycle", "every finite integral domain is a field",
    "the harmonic series diverges", "n^3 - n is divisible by 6 for every integer n",
    "between any two rationals there is an irrational", "a continuous function on [0,1] attains its maximum",
];
#[rustfmt::skip]
const ALGOS: &[&str] = &[
    "binary search", "merge sort", "quickselect", "Dijkstra's algorithm with a binary heap",
    "building a heap bottom-up", "union-find with path compression", "the naive recursive Fibonacci",
    "Floyd-Warshall", "KMP string matching", "insertion into a red-black tree",
];

#[rustfmt::skip]
const A: &[&str] = &[
    "Prove that {stmt}.", "Prove that {a}^n - 1 is divisible by {a1} for all integers n >= 1.",
    "Evaluate the integral of x^{k} e^(-{a}x) from 0 to infinity.",
    "Find the limit of (1 + {a}/n)^n as n goes to infinity.",
    "A {m} kg block slides down a frictionless incline of {theta} degrees from a height of {h} m. What is its speed at the bottom?",
    "A ball is thrown straight up at {v} m/s. How high does it go and when does it land?",
    "What is the period of a pendulum of length {l} m on Mars (g = 3.71 m/s^2)?",
    "What is the time complexity of {algo}? Derive it.",
    "Trace quicksort on the array [{arr}] using the last element as pivot.",
    "A test has sensitivity {s}% and specificity {sp}%, and the prevalence is {p}%. What is P(disease | positive)?",
    "How many ways can {n} people sit around a round table if two of them refuse to sit together?",
    "Solve the recurrence T(n) = {k}T(n/2) + n.", "Find all integer solutions of {a}x + {k}y = {x}.",
    "A tank holds {x} liters and drains at {k} liters per minute while a pipe fills it at {a} liters per minute. When is it empty?",
    "Three boxes are labelled apples, oranges and mixed, and every label is wrong. You may draw one fruit from one box. How do you relabel them?",
];
#[rustfmt::skip]
const B: &[&str] = &[
    "Show rigorously that {stmt}.",
    "Demonstrate by induction that {a1} divides {a}^n - 1 for every positive integer n.",
    "Compute ∫_0^∞ x^{k} exp(-{a}x) dx.", "What does (1 + {a}/n)^n converge to as n → ∞, and why?",
    "Frictionless ramp at {theta}°, a {m}-kg crate released from rest {h} m up. Find the speed at the base.",
    "I toss a stone vertically at {v} m/s. Max height? Time of flight?",
    "Small-angle period of a {l} m pendulum on Mars, where g is 3.71 m/s²?",
    "Derive the worst-case running time of {algo}.",
    "Run Lomuto-partition quicksort by hand on [{arr}] and show the array after each partition.",
    "Screening test: sensitivity {s}%, specificity {sp}%, base rate {p}%. Given a positive result, how likely is the condition?",
    "{n} guests at a circular table; two of them cannot be adjacent. Count the seatings.",
    "Master theorem or not: T(n) = {k}·T(n/2) + Θ(n). What is T(n)?",
    "Integer pairs (x, y) with {a}x + {k}y = {x}: find them all.",
    "Reservoir: {x} L, outflow {k} L/min, inflow {a} L/min. Time until empty?",
    "Mislabelled boxes puzzle (apples / oranges / mixed, all labels wrong, one draw): give the strategy.",
];

/// How researchers ask to see the reasoning on a single problem (casual wording, not a harvesting script).
pub(crate) fn researcher_tail(rng: &mut Rng, bank: Bank) -> &'static str {
    by_bank(
        rng,
        bank,
        &[
            "",
            "",
            " Show your reasoning.",
            " Explain step by step.",
            " Please show all steps, I want to understand the method.",
            " I'm studying for an exam, so explain each step.",
            " Think step by step.",
            " Show your reasoning, then give the final answer.",
        ],
        &[
            "",
            "",
            " Walk me through the derivation.",
            " Can you go through it carefully, one step at a time?",
            " I'm stuck on this for my problem set — how do I approach it?",
            " Please justify each step.",
            " Reason it out before answering.",
            " Show the working.",
        ],
    )
}

/// A follow-up in a study session.
pub(crate) fn researcher_follow_up(rng: &mut Rng, bank: Bank) -> String {
    let k = num(rng, 2, 6);
    let t = by_bank(
        rng,
        bank,
        &[
            "why does step {k} follow from the previous one?",
            "can you check my attempt? I got a different answer",
            "what if the numbers were doubled?",
            "is there a shorter proof?",
            "ok that makes sense, thanks",
            "can you give me a similar practice problem?",
        ],
        &[
            "I don't get the jump in step {k}",
            "here's my attempt, where did I go wrong?",
            "and with twice the values?",
            "any slicker argument?",
            "got it, thank you!",
            "give me another one like this to practice",
        ],
    );
    fill(t, &[("k", &k)])
}

/// A TA grading one student answer against a rubric: rubric grading that is not reward-model harvesting.
pub(crate) fn ta_grading(rng: &mut Rng, bank: Bank) -> String {
    let prob = problem(rng, bank);
    let pts = pick(rng, &["10", "5", "20"]);
    let answer = pick(
        rng,
        &[
            "By induction: base case holds, and assuming it for n we get it for n+1, so it's true.",
            "I used energy conservation so v = sqrt(2gh) which is about 14 m/s.",
            "The answer is O(n log n) because we split in half each time.",
            "P = 0.5 because the test is 50/50 either way.",
        ],
    );
    let t = by_bank(
        rng,
        bank,
        &[
            "I'm a TA. Grade this student's answer out of {pts} using the rubric: correct setup (40%), correct reasoning (40%), clear final answer (20%).\nProblem: {prob}\nStudent answer: {ans}",
            "Help me grade homework. Out of {pts} points, how would you score this and what feedback should I give?\nQuestion: {prob}\nAnswer: {ans}",
        ],
        &[
            "Marking a quiz — out of {pts}, with partial credit for method. What would you give this?\nQ: {prob}\nStudent: {ans}",
            "Give a score /{pts} and two sentences of feedback for the student response below.\nTask: {prob}\nResponse: {ans}",
        ],
    );
    fill(t, &[("pts", pts), ("prob", &prob), ("ans", answer)])
}
