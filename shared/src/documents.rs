//! Uploaded documents: which kinds are accepted (judged by their content, never
//! their name), how large, and what the API says about a stored one.

use crate::ids::DocumentId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The largest document accepted: 10 MB.
pub const DOCUMENT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// The media type of a PDF, PNG or JPEG file, read from its first bytes; none
/// for anything else, whatever it is called.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// A file name made safe to store and to send back: the last path segment,
/// without control characters or quotes, at most 200 characters. None when
/// nothing is left. A name with invisible format characters (a right-to-left
/// override, U+202E, can make `cv<U+202E>fdp.exe` read as `cvexe.pdf`) is refused before, by
/// [`crate::validation::hidden_characters`].
pub fn clean_file_name(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    let cleaned = cleaned.trim().to_string();
    (!cleaned.is_empty() && cleaned != "." && cleaned != "..").then_some(cleaned)
}

/// The file extension of an accepted media type (as [`sniff`] judges it).
pub fn extension_for(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        _ => "bin",
    }
}

/// The name a document is downloaded under: `stem` (the uploaded name, or a
/// neutral one when review is blind) with the extension of the type judged
/// from the content. Whatever followed a dot in the uploaded name is kept as
/// part of the stem unless it already is that extension, so a name like
/// `CV of Z. Quillfeather` never loses or reveals anything through its
/// "extension".
pub fn download_name(stem: &str, content_type: &str) -> String {
    let extension = extension_for(content_type);
    let stem = stem.trim();
    let stem = match stem.rsplit_once('.') {
        Some((before, after))
            if after.eq_ignore_ascii_case(extension)
                || (extension == "jpg" && after.eq_ignore_ascii_case("jpeg")) =>
        {
            before
        }
        _ => stem,
    };
    let stem = if stem.is_empty() { "document" } else { stem };
    format!("{stem}.{extension}")
}

/// A `Content-Disposition: attachment` value for `file_name` (RFC 6266): a
/// plain ASCII `filename` for every client, and `filename*` in UTF-8 (RFC
/// 8187) when the name has other characters.
pub fn content_disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if ascii == file_name {
        return format!("attachment; filename=\"{ascii}\"");
    }
    let mut encoded = String::new();
    for byte in file_name.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte);
        if keep {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A stored document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentResponse {
    /// The document.
    pub id: DocumentId,
    /// The name it was uploaded with.
    pub file_name: String,
    /// Its media type, judged from its content.
    pub content_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of its content, hex.
    pub sha256: String,
    /// When it was uploaded.
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_content_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some("application/pdf"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"MZ\x90\x00 an executable named cv.pdf"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn downloads_take_their_extension_from_the_content() {
        assert_eq!(
            download_name("CV of Z. Quillfeather", "application/pdf"),
            "CV of Z. Quillfeather.pdf"
        );
        assert_eq!(download_name("scan.PDF", "application/pdf"), "scan.pdf");
        assert_eq!(download_name("photo.jpeg", "image/jpeg"), "photo.jpg");
        assert_eq!(download_name("cv.exe", "image/png"), "cv.exe.png");
        assert_eq!(download_name("  ", "image/png"), "document.png");
    }

    #[test]
    fn content_disposition_spells_non_ascii_names_in_utf8() {
        assert_eq!(
            content_disposition("transcript.pdf"),
            "attachment; filename=\"transcript.pdf\""
        );
        assert_eq!(
            content_disposition("Título de María.pdf"),
            "attachment; filename=\"T_tulo de Mar_a.pdf\"; filename*=UTF-8''T%C3%ADtulo%20de%20Mar%C3%ADa.pdf"
        );
    }

    #[test]
    fn file_names_lose_their_paths_and_dangerous_characters() {
        assert_eq!(
            clean_file_name(r"C:\Users\ada\transcript.pdf").as_deref(),
            Some("transcript.pdf")
        );
        assert_eq!(
            clean_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(clean_file_name("a\"b\nc.pdf").as_deref(), Some("abc.pdf"));
        assert_eq!(clean_file_name("  "), None);
        assert_eq!(clean_file_name(".."), None);
    }
}
