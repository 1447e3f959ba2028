//! Localisation jobs: UI string tables, market rewrites, translation reviews and inbound translations, in
//! many languages, for one product at a time.
//!
//! Hard negative for multilingual detectors and for "rewrite" intents: the text is foreign, the instruction is
//! to rewrite, and the volume is batch-like. Continuity is the difference: a translator's jobs keep the same
//! product, release and string keys.

use super::{Bank, fill};
use crate::dist::{Rng, chance, pick, range};

/// Target languages: code and the name a localisation brief uses.
pub(crate) const TARGETS: &[(&str, &str)] = &[
    ("es", "Spanish (Spain)"),
    ("de", "German"),
    ("fr", "French"),
    ("ja", "Japanese"),
    ("pt", "Brazilian Portuguese"),
    ("it", "Italian"),
    ("ko", "Korean"),
    ("zh", "Simplified Chinese"),
    ("ru", "Russian"),
    ("tr", "Turkish"),
    ("ar", "Arabic"),
];

/// Translated UI strings: key, English, then one translation per entry of [`TARGETS`] in order.
#[rustfmt::skip]
const TRANSLATED: &[(&str, &str, [&str; 11])] = &[
    ("order.shipped", "Your order has shipped", [
        "Tu pedido ha sido enviado", "Deine Bestellung wurde versandt", "Votre commande a été expédiée", "ご注文の商品を発送しました",
        "Seu pedido foi enviado", "Il tuo ordine è stato spedito", "주문하신 상품이 발송되었습니다", "您的订单已发货", "Ваш заказ отправлен",
        "Siparişiniz kargoya verildi", "تم شحن طلبك",
    ]),
    ("settings.save", "Save changes", [
        "Guardar cambios", "Änderungen speichern", "Enregistrer les modifications", "変更を保存", "Salvar alterações",
        "Salva modifiche", "변경 사항 저장", "保存更改", "Сохранить изменения", "Değişiklikleri kaydet", "حفظ التغييرات",
    ]),
    ("trial.ends", "Your free trial ends in {{days}} days", [
        "Tu prueba gratuita termina en {{days}} días", "Deine kostenlose Testphase endet in {{days}} Tagen",
        "Votre essai gratuit se termine dans {{days}} jours", "無料トライアルはあと{{days}}日で終了します",
        "Seu teste grátis termina em {{days}} dias", "La tua prova gratuita termina tra {{days}} giorni",
        "무료 체험이 {{days}}일 후에 종료됩니다", "您的免费试用将在{{days}}天后结束", "Пробный период закончится через {{days}} дн.",
        "Ücretsiz denemeniz {{days}} gün içinde sona eriyor", "تنتهي فترتك التجريبية المجانية خلال {{days}} يومًا",
    ]),
    ("payment.failed", "Payment failed. Please try another card.", [
        "El pago ha fallado. Prueba con otra tarjeta.", "Zahlung fehlgeschlagen. Bitte versuche es mit einer anderen Karte.",
        "Le paiement a échoué. Veuillez essayer une autre carte.", "お支払いに失敗しました。別のカードをお試しください。",
        "O pagamento falhou. Tente outro cartão.", "Pagamento non riuscito. Prova con un'altra carta.",
        "결제에 실패했습니다. 다른 카드를 사용해 주세요.", "付款失败，请尝试使用其他银行卡。", "Платёж не прошёл. Попробуйте другую карту.",
        "Ödeme başarısız oldu. Lütfen başka bir kart deneyin.", "فشلت عملية الدفع. يرجى تجربة بطاقة أخرى.",
    ]),
];

#[rustfmt::skip]
const SOURCE: &[(&str, &str)] = &[
    ("cart.add", "Add to cart"), ("auth.forgot", "Forgot your password?"), ("inbox.unread", "You have {{count}} unread messages"),
    ("project.delete", "Delete this project? This cannot be undone."), ("auth.work_email", "Sign in with your work email"),
    ("upload.done", "Upload complete"), ("team.invite", "Invite teammates"), ("billing.renew", "Your plan renews on {{date}}"),
    ("search.empty", "No results for \"{{query}}\""), ("export.ready", "Your export is ready to download"),
];

#[rustfmt::skip]
const BENEFITS: &[&str] = &[
    "track expenses without spreadsheets", "plan shifts for the whole team", "book appointments online",
    "keep inventory in sync across shops", "send invoices and get paid faster", "run surveys that people finish",
];

/// A translator's current project: product, release and the string keys they are working through.
#[derive(Clone, Debug)]
pub(crate) struct Project {
    pub product: String,
    pub version: String,
    pub target: usize,
    keys: Vec<usize>,
    benefit: &'static str,
}

/// A new project for a product name.
pub(crate) fn project(rng: &mut Rng, product: String) -> Project {
    let keys = (0..range(rng, 3, 7))
        .map(|_| range(rng, 0, SOURCE.len() as u64) as usize)
        .collect();
    Project {
        product,
        version: format!("{}.{}", range(rng, 1, 9), range(rng, 0, 20)),
        target: range(rng, 0, TARGETS.len() as u64) as usize,
        keys,
        benefit: pick(rng, BENEFITS),
    }
}

/// One job of `p`: a string table, a market rewrite, a translation review or an inbound translation.
pub(crate) fn job(rng: &mut Rng, bank: Bank, p: &Project) -> String {
    let (code, lang) = TARGETS.get(p.target).copied().unwrap_or(("es", "Spanish"));
    let json = {
        let rows: Vec<String> = p
            .keys
            .iter()
            .filter(|_| chance(rng, 0.8))
            .filter_map(|&k| SOURCE.get(k))
            .map(|(k, v)| format!("  \"{k}\": \"{}\"", v.replace('"', "\\\"")))
            .collect();
        format!("{{\n{}\n}}", rows.join(",\n"))
    };
    let desc = format!(
        "{} helps small teams {}. Set it up in minutes, connect your calendar and invoices, and see everything in one dashboard. Available on web, iOS and Android.",
        p.product, p.benefit
    );
    let (key, en, tr) = TRANSLATED
        .get(range(rng, 0, TRANSLATED.len() as u64) as usize)
        .map_or(("", "", ""), |(k, en, trs)| {
            (*k, *en, trs.get(p.target).copied().unwrap_or(""))
        });
    let t = match (bank, range(rng, 0, 10)) {
        (Bank::A, 0..=4) => {
            "Translate the following UI strings from English into {lang}. Keep placeholders such as {{count}} unchanged and return JSON with the same keys.\n{json}"
        }
        (Bank::A, 5 | 6) => {
            "Localize this product description for the {lang} market. Keep the brand name {product} in English, adapt units and idioms, max 90 words.\n\n{desc}"
        }
        (Bank::A, 7 | 8) => {
            "Review this {lang} translation of the {product} {version} string `{key}` against the English source. List any errors and suggest corrections.\nEN: {en}\n{code}: {tr}"
        }
        (Bank::A, _) => "Translate this customer message into English and keep the tone: {tr}",
        (Bank::B, 0..=4) => {
            "{product} release {version}: please translate these strings to {lang}. Output JSON, same keys, don't touch anything in double braces.\n{json}"
        }
        (Bank::B, 5 | 6) => {
            "Rewrite the paragraph below in {lang} for our {product} landing page. Friendly tone, no literal translation, under 90 words.\n\n{desc}"
        }
        (Bank::B, 7 | 8) => {
            "QA check ({lang}, {product} {version}, key {key}): is this translation accurate and natural? Source: \"{en}\" Translation: \"{tr}\". Reply with OK or a corrected version."
        }
        (Bank::B, _) => {
            "What does this say in English? It came in through the {product} support form: \"{tr}\""
        }
    };
    fill(
        t,
        &[
            ("lang", lang),
            ("json", &json),
            ("product", &p.product),
            ("version", &p.version),
            ("desc", &desc),
            ("key", key),
            ("en", en),
            ("code", code),
            ("tr", tr),
        ],
    )
}
