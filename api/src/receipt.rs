//! The receipt of a payment: one A4 page in PDF, in the reader's language,
//! naming the association, the payer, the fee, the amount and how it was
//! paid, under the receipt's number.

use crate::pdf::{one_page, win_ansi, BOLD, REGULAR};
use endorse_shared::fees::{money, Amount, PaymentMethod};
use endorse_shared::i18n::{Lang, Text};
use pdf_writer::{Content, Str};

/// What a receipt says.
pub struct ReceiptFacts<'a> {
    /// The association that received the money.
    pub association: &'a str,
    /// Its number (`R-2026-000001`).
    pub number: &'a str,
    /// Who paid.
    pub payer: &'a str,
    /// What for ("Processing fee, Infant Family Specialist").
    pub description: &'a str,
    /// How much.
    pub amount: Amount,
    /// In which currency.
    pub currency: &'a str,
    /// How.
    pub method: PaymentMethod,
    /// The check number, the transfer's reference, the card payment's id.
    pub reference: Option<&'a str>,
    /// The day it was received.
    pub paid_on: chrono::NaiveDate,
    /// The language it is printed in.
    pub lang: Lang,
}

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const LEFT: f32 = 72.0;

fn line(c: &mut Content, text: &str, y: f32, size: f32, bold: bool) {
    let bytes = win_ansi(text);
    c.begin_text()
        .set_font(if bold { BOLD } else { REGULAR }, size)
        .next_line(LEFT, y)
        .show(Str(&bytes))
        .end_text();
}

/// The receipt as a PDF file.
pub fn render(facts: &ReceiptFacts<'_>) -> Vec<u8> {
    let say = |text: Text| text.say(facts.lang);
    let mut c = Content::new();
    c.set_fill_rgb(0.05, 0.37, 0.40);
    line(&mut c, facts.association, HEIGHT - 90.0, 16.0, false);
    c.set_fill_rgb(0.1, 0.1, 0.1);
    line(
        &mut c,
        &say(Text::new("receipt-title")),
        HEIGHT - 140.0,
        26.0,
        true,
    );
    line(
        &mut c,
        &say(Text::new("receipt-number").with("number", facts.number)),
        HEIGHT - 170.0,
        12.0,
        false,
    );
    let rows = [
        (Text::new("receipt-received-from"), facts.payer.to_string()),
        (Text::new("receipt-for"), facts.description.to_string()),
        (
            Text::new("receipt-amount"),
            money(facts.amount, facts.currency, facts.lang),
        ),
        (Text::new("receipt-method"), say(facts.method.text())),
        (
            Text::new("receipt-reference"),
            facts.reference.unwrap_or("—").to_string(),
        ),
        (
            Text::new("receipt-paid-on"),
            endorse_shared::i18n::format::date(facts.paid_on, facts.lang),
        ),
    ];
    let mut y = HEIGHT - 230.0;
    for (label, value) in rows {
        line(&mut c, &say(label), y, 10.0, false);
        line(&mut c, &value, y - 16.0, 13.0, true);
        y -= 48.0;
    }
    c.set_stroke_rgb(0.05, 0.37, 0.40)
        .set_line_width(0.75)
        .move_to(LEFT, y + 10.0)
        .line_to(WIDTH - LEFT, y + 10.0)
        .stroke();
    line(
        &mut c,
        &say(Text::new("receipt-thanks").with("association", facts.association)),
        y - 14.0,
        10.0,
        false,
    );
    one_page(
        (WIDTH, HEIGHT),
        &say(Text::new("receipt-document-title").with("number", facts.number)),
        facts.association,
        c,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_names_the_payer_the_fee_and_the_amount_in_the_readers_language() {
        let facts = |lang| ReceiptFacts {
            association: "Alliance",
            number: "R-2026-000001",
            payer: "Ada Lovelace",
            description: "Processing fee, Infant Family Specialist",
            amount: Amount::from_hundredths(15000),
            currency: "USD",
            method: PaymentMethod::Check,
            reference: Some("1042"),
            paid_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            lang,
        };
        let english = String::from_utf8_lossy(&render(&facts(Lang::En))).to_string();
        assert!(english.starts_with("%PDF-"));
        for expected in [
            "R-2026-000001",
            "(Ada Lovelace)",
            "($150.00)",
            "(Check)",
            "(1042)",
        ] {
            assert!(english.contains(expected), "{expected}");
        }
        assert!(english.contains("(Receipt)"));
        let spanish = String::from_utf8_lossy(&render(&facts(Lang::Es))).to_string();
        assert!(spanish.contains("(Recibo)"));
        assert!(spanish.contains("(Cheque)"));
    }
}
