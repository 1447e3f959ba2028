//! Enterprise batch templates: classification and extraction over business documents.
//!
//! One template per job, repeated at high volume with only the document slot changing: templated and heavy,
//! but the document is the customer's own data and the output is a label or a few fields.

use super::{Bank, fill, num};
use crate::dist::{Rng, pick, range};

/// A batch job: its fixed system prompt and prompt template (with a `{doc}` slot).
pub(crate) struct Job {
    pub system: &'static str,
    pub template: &'static str,
    pub doc: fn(&mut Rng) -> String,
    pub max_tokens: u32,
}

/// The jobs an enterprise runs, per bank.
pub(crate) fn jobs(bank: Bank) -> [Job; 2] {
    match bank {
        Bank::A => [
            Job {
                system: "You are a support-ticket triage classifier. Answer with a single label.",
                template: "Classify the following support ticket into one of [billing, bug, feature, account, other]. Respond with only the label.\n\nTicket: {doc}",
                doc: ticket,
                max_tokens: 16,
            },
            Job {
                system: "You extract structured data from invoices. Output valid JSON only.",
                template: "Extract the following fields from the invoice as JSON: vendor, invoice_date, total, currency.\n\n{doc}",
                doc: invoice,
                max_tokens: 256,
            },
        ],
        Bank::B => [
            Job {
                system: "Routing model for the customer care queue.",
                template: "Label this customer message with exactly one category from {billing | technical | cancellation | shipping | general}. Output the category name and nothing else.\nMessage: \"{doc}\"",
                doc: ticket,
                max_tokens: 8,
            },
            Job {
                system: "Claims intake assistant. Return JSON matching the schema; use null for missing fields.",
                template: "From the insurance claim below, extract claimant_name, policy_number, incident_date and estimated_amount.\n---\n{doc}\n---",
                doc: claim,
                max_tokens: 200,
            },
        ],
    }
}

/// A support ticket text.
pub(crate) fn ticket(rng: &mut Rng) -> String {
    let t = pick(
        rng,
        &[
            "I was charged twice for my {plan} subscription this month, order #{n}. Please refund one of them.",
            "The export button does nothing when I click it in Firefox. Started after the last update.",
            "Could you add dark mode to the mobile app? My whole team wants it.",
            "I can't log in, the password reset email never arrives. My username is {user}.",
            "Where is my package? Tracking number {n} hasn't updated in {d} days.",
            "Please cancel my account effective end of month, we're switching providers.",
            "The API returns a 500 error when the {field} field is empty.",
            "Is there a discount for annual billing on the {plan} plan?",
            "Your invoice lists the wrong VAT number for our company, can you reissue it?",
            "App crashes on startup on Android {d} after updating to version {v}.",
            "How do I add a second admin to our workspace?",
            "Would love an integration with our calendar so meetings sync automatically.",
        ],
    );
    let (n, d, v) = (
        num(rng, 10_000, 999_999),
        num(rng, 3, 15),
        format!(
            "{}.{}.{}",
            range(rng, 2, 9),
            range(rng, 0, 20),
            range(rng, 0, 9)
        ),
    );
    let user = format!(
        "{}{}",
        pick(
            rng,
            &["jsmith", "maria.k", "dev_ops", "anna", "li.wei", "kpatel"]
        ),
        range(rng, 1, 99)
    );
    fill(
        t,
        &[
            ("plan", pick(rng, &["Pro", "Team", "Basic", "Business"])),
            ("n", &n),
            ("d", &d),
            ("v", &v),
            ("user", &user),
            (
                "field",
                pick(rng, &["email", "phone", "address", "company"]),
            ),
        ],
    )
}

/// An invoice text.
pub(crate) fn invoice(rng: &mut Rng) -> String {
    let vendor = pick(
        rng,
        &[
            "Northwind Traders",
            "Contoso Ltd",
            "Initech Supplies",
            "Umbrella Logistics",
            "Stark Office GmbH",
            "Wayne Paper Co",
        ],
    );
    let cur = pick(rng, &["USD", "EUR", "GBP"]);
    format!(
        "INVOICE #{}\n{vendor}\nDate: 2026-{:02}-{:02}\nItems:\n  {} x {} @ {}.{:02}\n  {} x {} @ {}.{:02}\nTotal due: {}.{:02} {cur}\nPayment terms: net {}",
        num(rng, 1000, 99999),
        range(rng, 1, 11),
        range(rng, 1, 29),
        range(rng, 1, 50),
        pick(
            rng,
            &[
                "toner cartridge",
                "A4 paper box",
                "consulting hour",
                "pallet",
                "license seat"
            ]
        ),
        range(rng, 5, 400),
        range(rng, 0, 100),
        range(rng, 1, 20),
        pick(
            rng,
            &["shipping", "service fee", "support plan", "cable kit"]
        ),
        range(rng, 5, 200),
        range(rng, 0, 100),
        range(rng, 100, 20000),
        range(rng, 0, 100),
        pick(rng, &["15", "30", "45", "60"]),
    )
}

/// An insurance claim text.
pub(crate) fn claim(rng: &mut Rng) -> String {
    format!(
        "Claimant: {} {}\nPolicy no.: {}-{}\nOn {} October 2026 {}. Estimated repair cost {} EUR. Photos attached.",
        pick(
            rng,
            &["Anna", "Lukas", "Maria", "Jonas", "Elif", "Pierre", "Sara"]
        ),
        pick(
            rng,
            &["Schmidt", "Novak", "Rossi", "Yilmaz", "Dubois", "Jensen"]
        ),
        pick(rng, &["HX", "AU", "PL", "HM"]),
        num(rng, 100_000, 999_999),
        range(rng, 1, 31),
        pick(
            rng,
            &[
                "a tree fell on the garage roof during a storm",
                "my parked car was hit and the other driver left",
                "a pipe burst in the kitchen and flooded the floor",
                "my bicycle was stolen from the locked basement"
            ]
        ),
        num(rng, 200, 15000),
    )
}

/// Fill a job's template with a fresh document.
pub(crate) fn render(rng: &mut Rng, job: &Job) -> String {
    let doc = (job.doc)(rng);
    fill(job.template, &[("doc", &doc)])
}
