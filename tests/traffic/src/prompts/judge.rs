//! What an evaluation harness sends: LLM-as-judge grading prompts, long-context benchmark items and
//! multiple-choice items.
//!
//! Hard negatives for the grading detectors: "act as an impartial judge … rate the response 1 to 10" is the
//! published judge template of public benchmarks, sent at volume by legitimate evaluation teams. Bank A uses the
//! single-answer and pairwise judge templates of MT-Bench style harnesses; bank B a rubric-feedback template
//! with a reference answer (Prometheus style) and a different long-context layout.

use super::{Bank, everyday, fill, harvest, num, problems};
use crate::dist::{Rng, chance, pick, range};

/// The judge instructions a harness sends as its system prompt (one per bank, verbatim on every request).
pub(crate) fn judge_system(bank: Bank) -> &'static str {
    match bank {
        Bank::A => {
            "Please act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the user question displayed below. Your evaluation should consider factors such as the helpfulness, relevance, accuracy, depth, creativity, and level of detail of the response. Begin your evaluation by providing a short explanation. Be as objective as possible. After providing your explanation, you must rate the response on a scale of 1 to 10 by strictly following this format: \"[[rating]]\", for example: \"Rating: [[5]]\"."
        }
        Bank::B => {
            "You are a fair judge assistant tasked with providing clear, objective feedback based on specific criteria, ensuring each assessment reflects the absolute standards set for performance."
        }
    }
}

/// One judge request: single-answer grading or a pairwise comparison.
pub(crate) fn judge(rng: &mut Rng, bank: Bank) -> String {
    let q = if chance(rng, 0.6) {
        problems::problem(rng, bank)
    } else {
        everyday::everyday(rng, bank)
    };
    let (a, b) = (harvest::candidate(rng), harvest::candidate(rng));
    let reference = harvest::candidate(rng);
    let t = match (bank, range(rng, 0, 3)) {
        (Bank::A, 0 | 1) => {
            "[Question]\n{q}\n\n[The Start of Assistant's Answer]\n{a}\n[The End of Assistant's Answer]"
        }
        (Bank::A, _) => {
            "Please act as an impartial judge and evaluate the quality of the responses provided by two AI assistants to the user question displayed below. You should choose the assistant that follows the user's instructions and answers the user's question better. Avoid any position biases and ensure that the order in which the responses were presented does not influence your decision. Output your final verdict by strictly following this format: \"[[A]]\" if assistant A is better, \"[[B]]\" if assistant B is better, and \"[[C]]\" for a tie.\n\n[User Question]\n{q}\n\n[The Start of Assistant A's Answer]\n{a}\n[The End of Assistant A's Answer]\n\n[The Start of Assistant B's Answer]\n{b}\n[The End of Assistant B's Answer]"
        }
        (Bank::B, 0 | 1) => {
            "###Task Description:\nAn instruction (might include an Input inside it), a response to evaluate, a reference answer that gets a score of 5, and a score rubric representing an evaluation criteria are given.\n1. Write a detailed feedback that assesses the quality of the response strictly based on the given score rubric, not evaluating in general.\n2. After writing a feedback, write a score that is an integer between 1 and 5. You should refer to the score rubric.\n3. The output format should look as follows: \"Feedback: (write a feedback for criteria) [RESULT] (an integer number between 1 and 5)\"\n4. Please do not generate any other opening, closing, and explanations.\n\n###The instruction to evaluate:\n{q}\n\n###Response to evaluate:\n{a}\n\n###Reference Answer (Score 5):\n{r}\n\n###Score Rubrics:\n[Is the response correct, complete and well explained?]\nScore 1: The response is incorrect or irrelevant.\nScore 3: The response is partly correct or incomplete.\nScore 5: The response is correct, complete and clear.\n\n###Feedback:"
        }
        (Bank::B, _) => {
            "Act as an impartial judge. Compare the two answers to the question below and rate each response from 1 to 10 for correctness and helpfulness, then state which one is better.\n\nQuestion: {q}\n\nResponse 1: {a}\n\nResponse 2: {b}\n\nReturn: score_1, score_2, verdict."
        }
    };
    fill(t, &[("q", &q), ("a", &a), ("b", &b), ("r", &reference)])
}

#[rustfmt::skip]
const HAYSTACK: &[&str] = &[
    "The committee met again in the spring to review the budget for the coming year, and most of the discussion concerned maintenance of the older buildings.",
    "Rainfall in the region has been below average for three consecutive seasons, which farmers attribute to shifting wind patterns over the coast.",
    "The library extended its opening hours after a survey showed that most visitors came in the early evening on weekdays.",
    "Engineers replaced the bridge's expansion joints, a job that required closing one lane for almost six weeks.",
    "Early versions of the software stored every setting in a single file, which made upgrades fragile and slow.",
    "The museum's new wing focuses on textiles, with several pieces on loan from private collections abroad.",
    "Local bakeries reported that demand for rye bread doubled after a popular television segment about traditional grains.",
    "A long-running study of migrating birds found that some species now leave two weeks earlier than they did in the 1980s.",
    "The city council postponed its vote on the parking reform until the transport department publishes its traffic counts.",
    "Volunteers catalogued more than four thousand letters from the archive, many of them written by sailors to their families.",
];

/// A long-context benchmark item: needle retrieval, multi-document QA or summarisation; returns the prompt and
/// the tokens of document the harness attaches beyond the text shown.
pub(crate) fn long_context(rng: &mut Rng, bank: Bank) -> (String, u32) {
    let paragraphs = range(rng, 6, 14) as usize;
    let needle_at = range(rng, 0, paragraphs as u64) as usize;
    let key = pick(
        rng,
        &[
            "Lisbon", "Osaka", "Nairobi", "Quito", "Tallinn", "Perth", "Bergen", "Cusco",
        ],
    );
    let value = num(rng, 100_000, 9_999_999);
    let mut doc = String::with_capacity(paragraphs * 180);
    for i in 0..paragraphs {
        if i == needle_at {
            doc.push_str(&format!("The special magic number for {key} is {value}. "));
        }
        doc.push_str(pick(rng, HAYSTACK));
        doc.push(if chance(rng, 0.3) { '\n' } else { ' ' });
    }
    let extra = range(rng, 8_000, 120_000) as u32;
    let t = match (bank, range(rng, 0, 3)) {
        (Bank::A, 0) => {
            "<document>\n{doc}\n</document>\n\nWhat is the special magic number for {key} mentioned in the document above? Answer with the number only."
        }
        (Bank::A, 1) => {
            "Documents:\n[1] {doc}\n[2] {doc2}\n\nQuestion: According to the documents, which project had its vote postponed, and why? Cite the document number."
        }
        (Bank::A, _) => {
            "Summarize the following report in five bullet points, keeping every figure that appears in it.\n\n{doc}"
        }
        (Bank::B, 0) => {
            "Read the context and answer the question.\nContext: {doc}\nQuestion: Which number is associated with {key}?\nAnswer:"
        }
        (Bank::B, 1) => {
            "Below are several passages. Answer the question using only these passages.\n\nPassage 1: {doc}\n\nPassage 2: {doc2}\n\nQuestion: What did the long-running study find?\nAnswer:"
        }
        (Bank::B, _) => {
            "Write a one-paragraph abstract of the text below.\n\nTEXT:\n{doc}\n\nABSTRACT:"
        }
    };
    let doc2: String = (0..4)
        .map(|_| pick(rng, HAYSTACK))
        .collect::<Vec<_>>()
        .join(" ");
    (
        fill(t, &[("doc", doc.trim_end()), ("doc2", &doc2), ("key", key)]),
        extra,
    )
}

#[rustfmt::skip]
const SUBJECTS: &[&str] = &[
    "high school mathematics", "college physics", "world history", "professional accounting", "clinical knowledge",
    "computer security", "formal logic", "econometrics", "astronomy", "moral scenarios",
];

/// A multiple-choice benchmark item in the usual few-shot layout.
pub(crate) fn multiple_choice(rng: &mut Rng, bank: Bank) -> String {
    let (x, y) = (range(rng, 12, 99), range(rng, 3, 19));
    let right = x * y;
    let mut options = [right, right + y, right.saturating_sub(x), right + 10];
    let shift = range(rng, 0, 4) as usize;
    options.rotate_left(shift);
    let subject = pick(rng, SUBJECTS);
    let t = match bank {
        Bank::A => {
            "The following are multiple choice questions (with answers) about {subject}.\n\nWhat is {x} multiplied by {y}?\nA. {o0}\nB. {o1}\nC. {o2}\nD. {o3}\nAnswer:"
        }
        Bank::B => {
            "Question ({subject}): Compute {x} × {y}.\nChoices:\n(A) {o0}\n(B) {o1}\n(C) {o2}\n(D) {o3}\nRespond with the letter of the correct choice."
        }
    };
    let o: Vec<String> = options.iter().map(u64::to_string).collect();
    fill(
        t,
        &[
            ("subject", subject),
            ("x", &x.to_string()),
            ("y", &y.to_string()),
            ("o0", &o[0]),
            ("o1", &o[1]),
            ("o2", &o[2]),
            ("o3", &o[3]),
        ],
    )
}
