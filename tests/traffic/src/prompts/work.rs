//! Office prompts: what employees behind a corporate NAT ask during the working day.

use super::everyday::{SENTENCES, SHEET_TASKS};
use super::{Bank, by_bank, fill, noise};
use crate::dist::{Rng, pick};

/// A work prompt from an office employee (meeting notes, emails, spreadsheets, copy).
pub(crate) fn work(rng: &mut Rng, bank: Bank) -> String {
    let team = pick(
        rng,
        &[
            "marketing",
            "finance",
            "customer success",
            "HR",
            "sales",
            "operations",
            "legal",
            "IT",
        ],
    );
    let topic = pick(
        rng,
        &[
            "the Q4 roadmap",
            "the new expense policy",
            "onboarding for new hires",
            "the office move",
            "our pricing change",
            "the vendor renewal",
            "holiday coverage",
            "the security training deadline",
            "the product launch",
        ],
    );
    let role = pick(
        rng,
        &[
            "data analyst",
            "account manager",
            "payroll specialist",
            "UX designer",
            "office manager",
        ],
    );
    let notes = format!(
        "- {} said {}\n- decided to {}\n- {} to follow up by {}",
        pick(
            rng,
            &["Priya", "Tom", "Akira", "Sofia", "Mark", "Lena", "Omar"]
        ),
        pick(
            rng,
            &[
                "budget is tight",
                "the timeline slipped two weeks",
                "customers want SSO",
                "hiring is frozen"
            ]
        ),
        pick(
            rng,
            &[
                "push the launch",
                "run a pilot with 3 clients",
                "drop the legacy plan",
                "hire a contractor"
            ]
        ),
        pick(rng, &["Jin", "Maria", "Dev", "Claire"]),
        pick(rng, &["Friday", "end of month", "next sprint", "Tuesday"]),
    );
    let sentence = pick(rng, SENTENCES);
    let sheet = pick(rng, SHEET_TASKS);
    let mins = pick(rng, &["30", "45", "60"]);
    let t = by_bank(
        rng,
        bank,
        &[
            "Summarize these meeting notes into action items:\n{notes}",
            "Write a Slack message to the {team} team about {topic}.",
            "Excel formula to {sheet}?",
            "Rewrite this for our internal newsletter: {sentence}",
            "Create an agenda for a {mins}-minute meeting about {topic}.",
            "What are good OKRs for a {team} team next quarter?",
            "Draft a job description for a {role}.",
            "Write a polite follow-up email to a client about {topic}.",
            "Turn these notes into a short status update for my manager:\n{notes}",
            "Give me talking points for a presentation on {topic}.",
        ],
        &[
            "Action items from this, please:\n{notes}",
            "Announcement for #{team} regarding {topic} — friendly tone",
            "Google Sheets: how do I {sheet}",
            "Polish this paragraph for the company newsletter: {sentence}",
            "{mins} minute meeting on {topic} — draft agenda?",
            "Suggest quarterly objectives and key results for {team}.",
            "JD for a {role} role, mid-level, hybrid",
            "Client follow-up re {topic}, keep it warm but short",
            "Status update for my boss based on:\n{notes}",
            "Outline a 10-slide deck about {topic}.",
        ],
    );
    let s = fill(
        t,
        &[
            ("notes", &notes),
            ("team", team),
            ("topic", topic),
            ("sheet", sheet),
            ("sentence", sentence),
            ("mins", mins),
            ("role", role),
        ],
    );
    noise(rng, s, 0.4)
}
