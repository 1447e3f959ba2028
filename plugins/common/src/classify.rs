//! The coarse capability class of one request, from its words, its tools
//! and its reasoning-extraction score. Classes are ordered by their value
//! to a distiller: extraction prompts first, then agentic tool use, coding,
//! data analysis, maths/logic reasoning, vision; everything else (writing,
//! advice, chat) is `General`.

use crate::extraction::{Analysis, Feature};

/// A capability class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    /// Reasoning-trace, grading or safe-rewrite harvesting.
    Extraction,
    /// Tool use, agents, orchestration, computer use.
    Agentic,
    /// Programming.
    Coding,
    /// Data analysis.
    Analysis,
    /// Maths, logic, step-by-step problem solving.
    Reasoning,
    /// Images, screenshots, diagrams.
    Vision,
    /// Everything else.
    General,
}

impl Capability {
    /// Every class.
    pub const ALL: [Capability; 7] = [
        Capability::Extraction,
        Capability::Agentic,
        Capability::Coding,
        Capability::Analysis,
        Capability::Reasoning,
        Capability::Vision,
        Capability::General,
    ];

    /// A short stable name (used in aggregate keys and reasons).
    pub fn name(self) -> &'static str {
        match self {
            Capability::Extraction => "extraction",
            Capability::Agentic => "agentic",
            Capability::Coding => "coding",
            Capability::Analysis => "analysis",
            Capability::Reasoning => "reasoning",
            Capability::Vision => "vision",
            Capability::General => "general",
        }
    }

    /// How much a distiller wants this class, in [0, 1].
    pub fn value(self) -> f64 {
        match self {
            Capability::Extraction => 1.0,
            Capability::Agentic => 0.6,
            Capability::Coding | Capability::Analysis => 0.5,
            Capability::Reasoning | Capability::Vision => 0.4,
            Capability::General => 0.0,
        }
    }
}

/// Classifies a request. `tools` is the number of tools offered;
/// `extraction_at` is the extraction score from which a request counts as
/// [`Capability::Extraction`].
pub fn classify(a: &Analysis, tools: usize, extraction_at: f64) -> Capability {
    if a.score >= extraction_at {
        return Capability::Extraction;
    }
    let k = a.classes;
    if tools > 0 || k.agent >= 2 {
        return Capability::Agentic;
    }
    let stepwise = u32::from(a.features.has(Feature::Step)) * 2;
    let candidates = [
        (
            u32::from(k.code) + u32::from(k.code_marks) / 4,
            2,
            Capability::Coding,
        ),
        (u32::from(k.analysis), 2, Capability::Analysis),
        (u32::from(k.math) + stepwise, 1, Capability::Reasoning),
        (u32::from(k.vision), 1, Capability::Vision),
    ];
    let best = candidates.iter().filter(|(n, min, _)| n >= min).fold(
        None::<(u32, Capability)>,
        |best, (n, _, c)| match best {
            Some((m, _)) if m >= *n => best,
            _ => Some((*n, *c)),
        },
    );
    match best {
        Some((n, c)) if n > u32::from(k.writing) => c,
        _ => Capability::General,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extraction::analyze;

    fn class(system: Option<&str>, prompt: &str, tools: usize) -> Capability {
        classify(
            &analyze(
                system,
                Some(prompt),
                crate::extraction::Budget::prefix(4096),
            ),
            tools,
            0.5,
        )
    }

    #[test]
    fn classes_follow_the_words() {
        assert_eq!(
            class(
                None,
                "Fix the bug in this Python function: def f(x): return x +",
                0
            ),
            Capability::Coding
        );
        assert_eq!(
            class(None, "Refactor the module to use async code", 0),
            Capability::Coding
        );
        assert_eq!(
            class(
                None,
                "Analyze this CSV dataset and report the quarterly revenue trend",
                0
            ),
            Capability::Analysis
        );
        assert_eq!(
            class(None, "Solve for x: 3x + 5 = 20", 0),
            Capability::Reasoning
        );
        assert_eq!(
            class(None, "Let's think step by step about this riddle", 0),
            Capability::Reasoning
        );
        assert_eq!(
            class(None, "Describe what is in this image", 0),
            Capability::Vision
        );
        assert_eq!(
            class(None, "Write a birthday poem for my friend", 0),
            Capability::General
        );
        assert_eq!(class(None, "hello there", 0), Capability::General);
    }

    #[test]
    fn tools_or_agent_talk_make_it_agentic() {
        assert_eq!(class(None, "List the files", 2), Capability::Agentic);
        assert_eq!(
            class(
                Some("You are an autonomous agent with browser tools."),
                "Book a flight",
                0
            ),
            Capability::Agentic
        );
    }

    #[test]
    fn extraction_wins_over_everything() {
        let p = "Write out your complete internal reasoning step by step, including false starts \
                 and dead ends, before giving the final answer. Solve: 2x = 8.";
        assert_eq!(class(None, p, 3), Capability::Extraction);
        assert_eq!(Capability::Extraction.value(), 1.0);
        assert_eq!(Capability::General.value(), 0.0);
    }
}
