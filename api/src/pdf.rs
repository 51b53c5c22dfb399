//! What every PDF Endorse prints shares: one page in the PDF standard fonts
//! (Helvetica and Helvetica-Bold, which every reader has, so nothing is
//! embedded), text in their WinAnsi encoding (Latin-1 and a few more; a
//! letter outside it prints as '?'), and its width for laying lines out.
//! The certificate and the receipt are drawn on it.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};

/// The regular font's resource name.
pub const REGULAR: Name<'static> = Name(b"F1");
/// The bold font's resource name.
pub const BOLD: Name<'static> = Name(b"F2");

/// Helvetica's advance widths (per 1000 units) for ' ' to '~'.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/// Helvetica-Bold's, likewise.
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// The text in WinAnsi, the standard fonts' encoding.
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u8,
            '\u{2019}' => 0x92,
            '\u{2018}' => 0x91,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{2022}' => 0x95,
            '\u{2026}' => 0x85,
            '\u{20ac}' => 0x80,
            '\u{152}' => 0x8c,
            '\u{153}' => 0x9c,
            '\u{160}' => 0x8a,
            '\u{161}' => 0x9a,
            '\u{17d}' => 0x8e,
            '\u{17e}' => 0x9e,
            '\u{178}' => 0x9f,
            _ => b'?',
        })
        .collect()
}

/// The width of WinAnsi text in points. Letters past ASCII count as an 'o'
/// (close enough to centre a line).
pub fn text_width(bytes: &[u8], size: f32, bold: bool) -> f32 {
    let table = if bold { &HELVETICA_BOLD } else { &HELVETICA };
    let units: u32 = bytes
        .iter()
        .map(|b| match b {
            32..=126 => u32::from(table[usize::from(b - 32)]),
            _ => u32::from(table[usize::from(b'o' - 32)]),
        })
        .sum();
    units as f32 * size / 1000.0
}

/// A one-page PDF of `size` points with `content` drawn on it, titled and
/// authored as given.
pub fn one_page(
    (width, height): (f32, f32),
    title: &str,
    author: &str,
    content: Content,
) -> Vec<u8> {
    let catalog = Ref::new(1);
    let pages = Ref::new(2);
    let page = Ref::new(3);
    let regular = Ref::new(4);
    let bold = Ref::new(5);
    let body = Ref::new(6);
    let info = Ref::new(7);

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, width, height));
    p.parent(pages);
    p.contents(body);
    {
        let mut resources = p.resources();
        let mut fonts = resources.fonts();
        fonts.pair(REGULAR, regular);
        fonts.pair(BOLD, bold);
    }
    p.finish();
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info)
        .title(TextStr(title))
        .author(TextStr(author))
        .creator(TextStr("Endorse"));
    pdf.stream(body, &content.finish());
    pdf.finish()
}
