//! A company's customer-support assistant: one system prompt and tool list, conversations that stay on one
//! order from the first message to the last.
//!
//! Repetitive (the same system prompt, tools and a handful of issue types, all day) but continuous: every turn
//! of a conversation carries the same order number, and tool results answer the previous turn.

use super::{Bank, fill, num};
use crate::dist::{Rng, chance, pick, range};

/// The support bot's tools.
pub(crate) const TOOLS: &[&str] = &[
    "lookup_order",
    "search_help_center",
    "create_ticket",
    "issue_refund",
    "escalate_to_human",
];

/// The bot's system prompt for a company (verbatim on every request).
pub(crate) fn system(bank: Bank, company: &str) -> String {
    let t = match bank {
        Bank::A => {
            "You are Aria, the customer support assistant for {company}, an online home-goods store. Be friendly and concise. Use the tools to look up orders and policies; never invent order details. Offer a refund only when the policy allows it, and escalate to a human agent if the customer asks for one or is upset."
        }
        Bank::B => {
            "{company} Support Assistant. Answer customers politely and briefly. Always check the order with lookup_order before answering questions about it, quote the help center for policies, and hand over to a human with escalate_to_human when you cannot resolve the issue."
        }
    };
    fill(t, &[("company", company)])
}

/// One customer's conversation: the order it is about and how far it has got.
#[derive(Clone, Debug)]
pub(crate) struct Conversation {
    order: String,
    issue: usize,
    lang: usize,
    turn: usize,
    item: &'static str,
}

#[rustfmt::skip]
const ITEMS: &[&str] = &["desk lamp", "linen duvet cover", "cast-iron skillet", "bath towel set", "standing mirror", "ceramic planter", "wool rug"];

/// A new conversation; `lang` 0 is English, 1 Spanish, 2 German, 3 French.
pub(crate) fn start(rng: &mut Rng) -> Conversation {
    Conversation {
        order: format!(
            "{}-{}",
            pick(rng, &["HG", "HG", "WEB"]),
            num(rng, 100_000, 999_999)
        ),
        issue: range(rng, 0, 4) as usize,
        lang: if chance(rng, 0.75) {
            0
        } else {
            range(rng, 1, 4) as usize
        },
        turn: 0,
        item: pick(rng, ITEMS),
    }
}

/// Customer openings by issue (late, damaged, return, change address) and language.
#[rustfmt::skip]
const OPEN: [[&str; 4]; 4] = [
    ["Hi, my order {order} still hasn't arrived and it's been {d} days.", "Hola, mi pedido {order} todavía no ha llegado y ya han pasado {d} días.", "Hallo, meine Bestellung {order} ist nach {d} Tagen immer noch nicht da.", "Bonjour, ma commande {order} n'est toujours pas arrivée après {d} jours."],
    ["The {item} from order {order} arrived broken. What can I do?", "El producto del pedido {order} llegó roto. ¿Qué puedo hacer?", "Der Artikel aus Bestellung {order} kam kaputt an. Was kann ich tun?", "L'article de la commande {order} est arrivé cassé. Que puis-je faire ?"],
    ["I'd like to return the {item} from order {order}, how does that work?", "Quiero devolver un artículo del pedido {order}, ¿cómo funciona?", "Ich möchte einen Artikel aus Bestellung {order} zurückschicken, wie geht das?", "Je voudrais retourner un article de la commande {order}, comment faire ?"],
    ["Can I still change the delivery address for order {order}?", "¿Puedo cambiar la dirección de entrega del pedido {order}?", "Kann ich die Lieferadresse für Bestellung {order} noch ändern?", "Puis-je encore modifier l'adresse de livraison de la commande {order} ?"],
];

#[rustfmt::skip]
const CUSTOMER_LATER: [&[&str]; 4] = [
    &["ok, so when will {order} get here?", "can you just refund {order} then?", "I needed the {item} by the weekend, this is frustrating", "thanks, can I get that in writing?", "can I talk to a person please"],
    &["¿y cuándo llegará entonces el pedido {order}?", "¿me podéis devolver el dinero del pedido {order}?", "gracias, ¿me lo mandáis por correo?"],
    &["und wann kommt {order} dann an?", "könnt ihr mir {order} einfach erstatten?", "danke, kann ich das schriftlich bekommen?"],
    &["et quand la commande {order} arrivera-t-elle ?", "vous pouvez simplement rembourser {order} ?", "merci, je peux l'avoir par écrit ?"],
];

/// The next prompt of the conversation: the customer's message or the result of the tool the bot called.
pub(crate) fn next(rng: &mut Rng, bank: Bank, c: &mut Conversation) -> String {
    let slots = |rng: &mut Rng, c: &Conversation, t: &str| {
        fill(
            t,
            &[
                ("order", &c.order),
                ("d", &num(rng, 4, 21)),
                ("item", c.item),
            ],
        )
    };
    let turn = c.turn;
    c.turn += 1;
    if turn == 0 {
        let t = OPEN
            .get(c.issue)
            .and_then(|l| l.get(c.lang))
            .copied()
            .unwrap_or("{order}");
        return slots(rng, c, t);
    }
    if turn % 2 == 1 {
        let status = pick(
            rng,
            &["in_transit", "delivered", "processing", "out_for_delivery"],
        );
        let tool = match (c.issue, turn) {
            (_, 1) => format!(
                "{{\"order_id\": \"{}\", \"status\": \"{status}\", \"item\": \"{}\", \"carrier\": \"{}\", \"placed\": \"2026-10-{:02}\"}}",
                c.order,
                c.item,
                pick(rng, &["DHL", "UPS", "DPD", "USPS"]),
                range(rng, 10, 31)
            ),
            (1 | 2, _) => format!(
                "{{\"article\": \"Returns and damaged items\", \"excerpt\": \"Items can be returned within 30 days. Damaged items are refunded or replaced at no cost.\", \"order_id\": \"{}\"}}",
                c.order
            ),
            _ => format!(
                "{{\"ticket\": \"T-{}\", \"order_id\": \"{}\", \"queue\": \"{}\"}}",
                num(rng, 10_000, 99_999),
                c.order,
                pick(rng, &["shipping", "refunds", "general"])
            ),
        };
        let head = match bank {
            Bank::A => "[tool result: {tool}]\n",
            Bank::B => "<function_output name=\"{tool}\">\n",
        };
        let name = if turn == 1 {
            "lookup_order"
        } else {
            pick(
                rng,
                &["search_help_center", "create_ticket", "issue_refund"],
            )
        };
        return format!("{}{tool}", fill(head, &[("tool", name)]));
    }
    let later = CUSTOMER_LATER.get(c.lang).copied().unwrap_or(&["{order}"]);
    let t = pick(rng, later);
    slots(rng, c, t)
}
