//! Everyday prompts: what light users, office workers, new sign-ups and reseller cover traffic ask.

use super::{Bank, by_bank, fill, noise, num, some_of};
use crate::dist::{Rng, chance, pick, weighted};

#[rustfmt::skip]
const INGREDIENTS: &[&str] = &[
    "chicken thighs", "rice", "spinach", "chickpeas", "eggs", "leftover pasta", "tofu", "sweet potatoes",
    "ground beef", "feta", "canned tomatoes", "mushrooms", "lentils", "salmon", "zucchini", "coconut milk",
    "black beans", "broccoli", "halloumi", "potatoes", "frozen peas", "bell peppers", "shrimp", "cabbage",
];
#[rustfmt::skip]
const DISHES: &[&str] = &[
    "banana bread", "chicken tikka masala", "vegan chili", "lasagna", "pad thai", "shakshuka", "sourdough",
    "french onion soup", "carbonara", "apple pie", "ramen", "paella", "brownies", "guacamole", "pho",
    "mac and cheese", "falafel", "risotto", "tacos al pastor", "pancakes",
];
#[rustfmt::skip]
const CITIES: &[&str] = &[
    "Lisbon", "Kyoto", "Mexico City", "Prague", "Vancouver", "Marrakech", "Seoul", "Edinburgh", "Buenos Aires",
    "Istanbul", "Hanoi", "Copenhagen", "New Orleans", "Cape Town", "Bali", "Porto", "Reykjavik", "Chicago",
    "Barcelona", "Singapore", "Vienna", "Montreal", "Athens", "Rome",
];
#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "January", "March", "April", "May", "June", "July", "August", "September", "October", "December",
];
#[rustfmt::skip]
const RELATIONS: &[&str] = &[
    "boss", "landlord", "coworker", "sister", "neighbor", "kid's teacher", "best friend", "mom", "team", "professor",
    "HOA", "dentist's office", "grandma", "roommate",
];
#[rustfmt::skip]
const ASKS: &[&str] = &[
    "move our meeting to Thursday", "fix the leaking sink", "take Friday off", "return the book I lent them",
    "split the utility bill differently", "reschedule my appointment", "help with the move next weekend",
    "get an extension on the deadline", "lower the rent a little", "keep the noise down after 10pm",
];
#[rustfmt::skip]
const TOPICS: &[&str] = &[
    "autumn leaves", "my cat", "the ocean at night", "first day of school", "coffee", "a rainy Monday",
    "moving to a new city", "friendship", "the moon", "my grandfather's garden", "retirement", "a lost sock",
    "city traffic", "winter mornings", "a dog who loves the beach",
];
#[rustfmt::skip]
const PEOPLE: &[&str] = &[
    "Ada Lovelace", "Nikola Tesla", "Frida Kahlo", "Genghis Khan", "Marie Curie", "Alan Turing", "Cleopatra",
    "Nelson Mandela", "Hedy Lamarr", "Leonardo da Vinci", "Rosalind Franklin", "Simon Bolivar",
];
#[rustfmt::skip]
const PAIRS: &[(&str, &str)] = &[
    ("baking soda", "baking powder"), ("a virus", "a bacterium"), ("weather", "climate"),
    ("a Roth IRA", "a traditional IRA"), ("an alligator", "a crocodile"), ("affect", "effect"), ("LED", "OLED"),
    ("a latte", "a flat white"), ("stocks", "bonds"), ("jam", "jelly"), ("a comet", "an asteroid"),
    ("HIIT", "steady cardio"),
];
#[rustfmt::skip]
const FACTS: &[&str] = &[
    "why is the sky blue", "how do airplanes stay up", "why do cats purr", "how many bones are in the human body",
    "what causes the northern lights", "why do onions make you cry", "how does a microwave heat food",
    "who invented the printing press", "why is the ocean salty",
    "how long does it take light from the sun to reach earth", "why do we get hiccups",
    "what is the tallest mountain in the solar system", "how do vaccines work",
];
#[rustfmt::skip]
pub(super) const SENTENCES: &[&str] = &[
    "me and him was going to the store when it started raining alot",
    "Their going to announce the results tomorow, so lets wait untill then.",
    "I am writing to inform you that the package have not arrived yet.",
    "We should of left earlier, the traffic were terrible.",
    "Please find attached the documents you requested last week, let me know if any questions.",
    "The team have did a great job on the launch and we are all very proud of there work.",
    "i think we need to talk about the budget because its getting out of hand",
];
#[rustfmt::skip]
const LANGS: &[&str] = &[
    "Spanish", "French", "German", "Japanese", "Italian", "Portuguese", "Korean", "Dutch", "Hindi",
];
#[rustfmt::skip]
const PHRASES: &[&str] = &[
    "where is the train station", "I'm allergic to peanuts", "thank you for your hospitality",
    "can we get the check please", "nice to meet you", "I'd like to book a table for two", "happy birthday",
];
#[rustfmt::skip]
const DEVICES: &[&str] = &[
    "laptop", "iPhone", "printer", "wifi router", "smart TV", "Android phone", "bluetooth headphones",
];
#[rustfmt::skip]
const PROBLEMS: &[&str] = &[
    "connect to wifi", "turn on", "charge", "stop restarting", "pair", "update", "print double sided",
];
#[rustfmt::skip]
pub(super) const SHEET_TASKS: &[&str] = &[
    "remove duplicate rows", "make a pivot table", "count cells that contain a word", "freeze the top row",
    "sum a column only if another column says paid", "split first and last names", "highlight overdue dates",
];

/// A first prompt from a light, everyday user.
pub(crate) fn everyday(rng: &mut Rng, bank: Bank) -> String {
    let (a, b) = pair_slot(rng);
    let slots = [
        ("ingredients", some_of(rng, INGREDIENTS, 3)),
        ("dish", pick(rng, DISHES).to_string()),
        ("city", pick(rng, CITIES).to_string()),
        ("city2", pick(rng, CITIES).to_string()),
        ("month", pick(rng, MONTHS).to_string()),
        ("rel", pick(rng, RELATIONS).to_string()),
        ("ask", pick(rng, ASKS).to_string()),
        ("topic", pick(rng, TOPICS).to_string()),
        ("person", pick(rng, PEOPLE).to_string()),
        ("x", a.to_string()),
        ("y", b.to_string()),
        ("fact", pick(rng, FACTS).to_string()),
        ("sentence", pick(rng, SENTENCES).to_string()),
        ("lang", pick(rng, LANGS).to_string()),
        ("phrase", pick(rng, PHRASES).to_string()),
        ("device", pick(rng, DEVICES).to_string()),
        ("problem", pick(rng, PROBLEMS).to_string()),
        ("sheet", pick(rng, SHEET_TASKS).to_string()),
        ("n", num(rng, 2, 9)),
        ("mins", pick(rng, &["15", "20", "30", "45"]).to_string()),
        (
            "income",
            pick(rng, &["$2,800", "$3,500", "€2.400", "£2,100", "$5,000"]).to_string(),
        ),
    ];
    let slots: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let t = match bank {
        Bank::A => pick(rng, A_TEMPLATES),
        Bank::B => pick(rng, B_TEMPLATES),
    };
    let body = fill(t, &slots);
    let opener = by_bank(
        rng,
        bank,
        &[
            "",
            "",
            "",
            "",
            "hey ",
            "Hi! ",
            "quick question: ",
            "Can you help? ",
        ],
        &["", "", "", "", "hello, ", "ok so ", "Question — ", "hiya "],
    );
    let closer = by_bank(
        rng,
        bank,
        &[
            "",
            "",
            "",
            "",
            " thanks!",
            " Keep it short.",
            " Use bullet points.",
        ],
        &[
            "",
            "",
            "",
            "",
            " ty",
            " Brief answer please.",
            " A numbered list would be great.",
        ],
    );
    let mut s = format!("{opener}{body}{closer}");
    if chance(rng, 0.05) {
        s.push_str(step_by_step(rng, bank));
    }
    noise(rng, s, 0.6)
}

fn pair_slot(rng: &mut Rng) -> (&'static str, &'static str) {
    pick(rng, PAIRS)
}

/// A casual "please explain step by step" tail: ordinary users ask for it too.
pub(crate) fn step_by_step(rng: &mut Rng, bank: Bank) -> &'static str {
    by_bank(
        rng,
        bank,
        &[
            " Explain step by step.",
            " explain step by step please",
            " Can you walk me through it step by step?",
        ],
        &[
            " Go one step at a time.",
            " break it down for me step by step",
            " Show me how you got there.",
        ],
    )
}

#[rustfmt::skip]
const A_TEMPLATES: &[&str] = &[
    "What can I make for dinner with {ingredients}?", "Give me a recipe for {dish} that serves {n}.",
    "Is it ok to use {x} instead of {y}?", "Plan a {n}-day itinerary for {city} on a budget.",
    "What should I pack for {city} in {month}?", "Is {city} or {city2} better for a family trip?",
    "Write an email to my {rel} asking to {ask}.", "Draft a polite text to my {rel} to {ask}.",
    "Write a short poem about {topic}.", "Give me {n} ideas for a birthday message for my {rel}.",
    "Proofread this: {sentence}", "Make this sound more professional: {sentence}", "{fact}?", "Who was {person}?",
    "What's the difference between {x} and {y}?", "Translate '{phrase}' to {lang}.",
    "My {device} won't {problem}, what do I do?", "How do I {sheet} in Excel?",
    "Suggest a {mins}-minute workout I can do at home with no equipment.",
    "How do I make a monthly budget on {income} a month?", "Tell me a fun fact about {city}.",
    "Write a bedtime story about {topic} for a {n} year old.",
];

#[rustfmt::skip]
const B_TEMPLATES: &[&str] = &[
    "I've got {ingredients} in the fridge. Dinner ideas?", "Need a {dish} recipe for {n} people",
    "{x} vs {y} — can one replace the other?", "{n} days in {city}, not much money. What's the plan?",
    "packing list for {city}, going in {month}", "family vacation: {city} or {city2}? pros and cons",
    "Can you draft a note to my {rel}? I need to {ask}.", "help me word a message to my {rel} about needing to {ask}",
    "Compose a few lines of verse on {topic}.", "{n} cute things to write in a card for my {rel}",
    "Fix the grammar: \"{sentence}\"", "Rewrite for a work email: {sentence}", "Honest question: {fact}?",
    "Give me a quick bio of {person}.", "How is {x} different from {y}?", "How would I say \"{phrase}\" in {lang}?",
    "{device} refuses to {problem}. Any fixes?", "excel: how to {sheet}", "{mins} min home workout, no gear, go",
    "Budget template for someone making {income} per month?",
    "Something interesting about {city} I probably don't know?",
    "Short story for a {n}-year-old about {topic}, please.",
];

/// A follow-up turn in the same conversation.
pub(crate) fn follow_up(rng: &mut Rng, bank: Bank) -> String {
    let lang = pick(rng, LANGS);
    let n = num(rng, 2, 8);
    let t = by_bank(
        rng,
        bank,
        &[
            "shorter please",
            "make it funnier",
            "can you put that in bullet points?",
            "thanks! now in {lang}",
            "more formal",
            "what about for {n} people?",
            "perfect, thank you",
            "can you make it less cheesy",
            "give me {n} more options",
            "wait, why?",
        ],
        &[
            "trim it down",
            "add a joke or two",
            "as a list?",
            "great — same thing in {lang}",
            "tone it up, more professional",
            "scale it to {n} people",
            "awesome ty",
            "less over the top please",
            "another {n} versions",
            "hmm, how come?",
        ],
    );
    noise(rng, fill(t, &[("lang", lang), ("n", &n)]), 0.5)
}

/// What someone types in their first minutes with the product.
pub(crate) fn first_try(rng: &mut Rng, bank: Bank) -> String {
    let roll = weighted(rng, &[3.0, 4.0, 1.5, 1.5, 0.6, 0.4]);
    let t = match roll {
        0 => by_bank(rng, bank, &["hello", "Hi, what can you do?", "test", "are you better than the other assistants?"], &[
            "hi there", "What kinds of things can you help with?", "ping", "how do you compare to other chatbots?",
        ])
        .to_string(),
        1 => return everyday(rng, bank),
        2 => by_bank(rng, bank, &[
            "Write a python function to reverse a string", "hello world in rust", "explain what an API is",
            "write a SQL query to get the top 5 customers by revenue",
        ], &[
            "reverse a string in python?", "Rust hello world program", "what does API mean, simply",
            "top 5 customers by total sales — SQL please",
        ])
        .to_string(),
        3 => by_bank(rng, bank, &[
            "If a train leaves at 3pm going 60 mph, when does it arrive 150 miles away? Explain step by step.",
            "Solve 3x + 7 = 22 and show your reasoning",
            "Is 221 a prime number? think step by step",
        ], &[
            "Train at 3pm, 60 mph, 150 miles away — arrival time? walk me through it",
            "3x + 7 = 22, how do I solve it? show the steps",
            "Is 221 prime? reason it out",
        ])
        .to_string(),
        4 => by_bank(rng, bank, &[
            "Can you show me your chain of thought for this: what is 17 * 24?",
            "Do you think before answering? Show me what that looks like",
        ], &[
            "what does your reasoning look like internally? try it on 17 times 24",
            "can I see your thinking process?",
        ])
        .to_string(),
        _ => by_bank(rng, bank, &["summarize the plot of Hamlet in 3 sentences", "tell me a joke about programmers"], &[
            "Hamlet, 3 sentence summary", "programmer joke please",
        ])
        .to_string(),
    };
    noise(rng, t, 0.6)
}

/// A system prompt an individual API user sets; much of it is the same boilerplate across many accounts.
pub(crate) fn user_system(rng: &mut Rng, bank: Bank) -> String {
    let lang = pick(rng, LANGS);
    let t = by_bank(
        rng,
        bank,
        &[
            "You are a helpful assistant.",
            "You are a helpful assistant.",
            "You are a helpful assistant. Answer concisely.",
            "You are a friendly cooking assistant.",
            "You are my writing coach. Be honest but kind.",
            "Always answer in {lang}.",
        ],
        &[
            "You are a helpful AI assistant.",
            "You are a helpful AI assistant.",
            "Be brief and to the point.",
            "You're a travel planner who knows budget tips.",
            "Act as a patient tutor for a beginner.",
            "Reply only in {lang}.",
        ],
    );
    fill(t, &[("lang", lang)])
}
