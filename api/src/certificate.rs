//! The printable certificate: one A4 landscape page in PDF, with a QR code
//! that opens the verify page.
//!
//! It uses the PDF standard fonts (Helvetica), which every reader has, so the
//! file stays small and embeds no font. They cover Latin-1 (WinAnsi); a letter
//! outside it prints as '?'.

use crate::pdf::{one_page, text_width, win_ansi, BOLD, REGULAR};
use endorse_shared::i18n::{Lang, Text};
use pdf_writer::{Content, Str};
use qrcode::{Color, EcLevel, QrCode};

/// What a certificate says.
pub struct CertificateFacts<'a> {
    /// The association.
    pub association: &'a str,
    /// The holder's name.
    pub holder_name: &'a str,
    /// The category's name.
    pub category_name: &'a str,
    /// The category's code.
    pub category: &'a str,
    /// The endorsement number.
    pub number: &'a str,
    /// The day it was first awarded.
    pub endorsed_since: chrono::NaiveDate,
    /// The last day it is valid without renewal.
    pub valid_through: chrono::NaiveDate,
    /// What the QR code opens.
    pub verify_url: &'a str,
    /// The language it is printed in.
    pub lang: Lang,
}

const WIDTH: f32 = 842.0;
const HEIGHT: f32 = 595.0;
/// Writes a line centred on the page, shrinking it to fit `max_width`.
fn centred(content: &mut Content, text: &str, y: f32, size: f32, bold: bool, max_width: f32) {
    let bytes = win_ansi(text);
    let mut size = size;
    let mut width = text_width(&bytes, size, bold);
    if width > max_width {
        size *= max_width / width;
        width = max_width;
    }
    content
        .begin_text()
        .set_font(if bold { BOLD } else { REGULAR }, size)
        .next_line((WIDTH - width) / 2.0, y)
        .show(Str(&bytes))
        .end_text();
}

/// The certificate as a PDF file.
pub fn render(facts: &CertificateFacts<'_>) -> Result<Vec<u8>, qrcode::types::QrError> {
    let qr = QrCode::with_error_correction_level(facts.verify_url.as_bytes(), EcLevel::M)?;
    let say = |text: Text| text.say(facts.lang);

    let mut c = Content::new();
    // A double frame in the app's teal.
    c.set_stroke_rgb(0.05, 0.37, 0.40)
        .set_line_width(3.0)
        .rect(24.0, 24.0, WIDTH - 48.0, HEIGHT - 48.0)
        .stroke()
        .set_line_width(0.75)
        .rect(32.0, 32.0, WIDTH - 64.0, HEIGHT - 64.0)
        .stroke();
    let text_width_max = WIDTH - 160.0;
    c.set_fill_rgb(0.05, 0.37, 0.40);
    centred(
        &mut c,
        facts.association,
        505.0,
        16.0,
        false,
        text_width_max,
    );
    c.set_fill_rgb(0.1, 0.1, 0.1);
    centred(
        &mut c,
        &say(Text::new("certificate-title")),
        455.0,
        32.0,
        true,
        text_width_max,
    );
    centred(
        &mut c,
        &say(Text::new("certificate-certifies")),
        405.0,
        13.0,
        false,
        text_width_max,
    );
    centred(&mut c, facts.holder_name, 365.0, 28.0, true, text_width_max);
    centred(
        &mut c,
        &say(Text::new("certificate-holds")),
        325.0,
        13.0,
        false,
        text_width_max,
    );
    centred(
        &mut c,
        &format!("{} ({})", facts.category_name, facts.category),
        290.0,
        22.0,
        true,
        text_width_max,
    );
    centred(
        &mut c,
        &say(Text::new("certificate-number").with("number", facts.number)),
        245.0,
        13.0,
        false,
        text_width_max,
    );
    centred(
        &mut c,
        &say(Text::new("certificate-dates")
            .with("since", facts.endorsed_since)
            .with("until", facts.valid_through)),
        225.0,
        13.0,
        false,
        text_width_max,
    );

    // The QR code, bottom right, with a quiet zone of four modules.
    let modules = qr.width();
    let size = 110.0_f32;
    let module = size / modules as f32;
    let (left, bottom) = (WIDTH - 60.0 - size, 56.0);
    c.set_fill_rgb(0.0, 0.0, 0.0);
    for (i, color) in qr.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let (x, y) = (i % modules, i / modules);
            c.rect(
                left + x as f32 * module,
                bottom + size - (y as f32 + 1.0) * module,
                module,
                module,
            );
        }
    }
    c.fill_nonzero();
    let note = win_ansi(&say(Text::new("certificate-scan")));
    c.begin_text()
        .set_font(REGULAR, 9.0)
        .next_line(60.0, 84.0)
        .show(Str(&note))
        .end_text();
    let url = win_ansi(facts.verify_url);
    c.begin_text()
        .set_font(REGULAR, 9.0)
        .next_line(60.0, 70.0)
        .show(Str(&url))
        .end_text();
    Ok(one_page(
        (WIDTH, HEIGHT),
        &say(Text::new("certificate-document-title").with("number", facts.number)),
        facts.association,
        c,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(lang: Lang) -> CertificateFacts<'static> {
        CertificateFacts {
            association: "Alliance",
            holder_name: "Zoë O\u{2019}Brien \u{4e2d}",
            category_name: "Infant Family Specialist",
            category: "IFS",
            number: "AL-IFS-2026-0001",
            endorsed_since: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(),
            valid_through: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
            verify_url: "http://localhost/verify/AL-IFS-2026-0001?code=ABC",
            lang,
        }
    }

    /// How a line of the page is written in the file (upper-cased): as a
    /// literal string when it is plain ASCII, in hex otherwise.
    fn written(text: &str) -> String {
        let bytes = win_ansi(text);
        if bytes
            .iter()
            .all(|b| (b' '..=b'~').contains(b) && !b"()\\".contains(b))
        {
            format!("({})", text.to_uppercase())
        } else {
            let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
            format!("<{hex}>")
        }
    }

    #[test]
    fn a_certificate_is_printed_in_the_holders_language() {
        let english =
            String::from_utf8_lossy(&render(&facts(Lang::En)).unwrap_or_default()).to_uppercase();
        assert!(english.contains(&written("This certifies that")));
        assert!(english.contains(&written(
            "Endorsed since November 22, 2026  \u{2022}  Valid through December 31, 2026"
        )));
        let spanish =
            String::from_utf8_lossy(&render(&facts(Lang::Es)).unwrap_or_default()).to_uppercase();
        assert!(spanish.contains(&written("Se certifica que")));
        assert!(spanish.contains(&written(
            "Endorsement desde el 22 de noviembre de 2026  \u{2022}  Vigente hasta el 31 de diciembre de 2026"
        )));
        assert!(!spanish.contains(&written("This certifies that")));
    }

    #[test]
    fn a_certificate_is_a_pdf_naming_the_holder_and_number() {
        let pdf = render(&facts(Lang::En)).unwrap_or_default();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("AL-IFS-2026-0001"));
        assert!(text.contains("/Helvetica-Bold"));
        // WinAnsi, written as a hex string: ë is EB, the apostrophe 92, the
        // Chinese letter '?' (3F).
        assert!(text.to_uppercase().contains("<5A6FEB204F92427269656E203F>"));
    }

    #[test]
    fn a_long_line_shrinks_to_fit() {
        let bytes = win_ansi(&"W".repeat(200));
        assert!(text_width(&bytes, 28.0, true) > WIDTH);
        let mut c = Content::new();
        centred(&mut c, &"W".repeat(200), 100.0, 28.0, true, 600.0);
        let text = String::from_utf8_lossy(&c.finish()).to_string();
        assert!(!text.contains("/F2 28 Tf"));
    }
}
