//! A real SMTP server on loopback, for tests: it speaks enough of RFC 5321 for
//! lettre (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps what it receives,
//! and can be told to refuse deliveries, for a while or for good.
//!
//! The browser journeys and the API's integration tests both use this file.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One message as the server received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    /// The envelope sender.
    pub from: String,
    /// The envelope recipients.
    pub to: Vec<String>,
    /// The raw message (headers and MIME body).
    pub data: String,
}

impl ReceivedMail {
    /// The message's readable text: every MIME part, decoded.
    pub fn text(&self) -> String {
        decode_mime(&self.data)
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.data
            .split("\r\n\r\n")
            .next()?
            .lines()
            .find(|line| line.to_ascii_lowercase().starts_with(&prefix))
            .map(|line| line[prefix.len()..].trim().to_string())
    }

    /// The referee link in the message, if any.
    pub fn referee_link(&self) -> Option<String> {
        self.link_to("/referee/")
    }

    /// The first link in the message whose path has `marker` (such as
    /// `/referee/` or `/reset-password/`) followed by its token.
    pub fn link_to(&self, marker: &str) -> Option<String> {
        let text = self.text();
        let start = text.find("http")?;
        let rest = &text[start..];
        let at = rest.find(marker)?;
        let after = at + marker.len();
        let end = rest[after..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .map_or(rest.len(), |e| after + e);
        // The first http... before the marker on the same line.
        let line_start = rest[..at]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |s| s + 1);
        Some(rest[line_start..end].to_string())
    }
}

/// A running server.
pub struct SmtpServer {
    port: u16,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
    failures: Arc<AtomicUsize>,
    refuse_for_good: Arc<AtomicBool>,
}

impl SmtpServer {
    /// Listens on a free loopback port.
    pub async fn start() -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let server = Self {
            port,
            received: Arc::default(),
            failures: Arc::default(),
            refuse_for_good: Arc::default(),
        };
        let (received, failures, refuse) = (
            server.received.clone(),
            server.failures.clone(),
            server.refuse_for_good.clone(),
        );
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let (received, failures, refuse) =
                    (received.clone(), failures.clone(), refuse.clone());
                tokio::spawn(async move {
                    let _ = session(socket, received, failures, refuse).await;
                });
            }
        });
        Ok(server)
    }

    /// The URL Endorse's `ENDORSE_SMTP_URL` takes.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Answers the next `count` messages with a temporary failure (451).
    pub fn fail_next(&self, count: usize) {
        self.failures.store(count, Ordering::SeqCst);
    }

    /// Refuses every recipient for good (550), or stops refusing.
    pub fn refuse_recipients(&self, refuse: bool) {
        self.refuse_for_good.store(refuse, Ordering::SeqCst);
    }

    /// Everything received so far.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Waits until at least `count` messages arrived (at most `timeout`).
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= count || tokio::time::Instant::now() >= deadline {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn session(
    socket: tokio::net::TcpStream,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
    failures: Arc<AtomicUsize>,
    refuse: Arc<AtomicBool>,
) -> std::io::Result<()> {
    let (reader, mut writer) = socket.into_split();
    let mut reader = BufReader::new(reader);
    writer
        .write_all(b"220 localhost ESMTP test server\r\n")
        .await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            b"250 localhost\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            from = command[10..].trim().trim_matches(['<', '>']).to_string();
            to.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO:") {
            if refuse.load(Ordering::SeqCst) {
                b"550 5.1.1 No such mailbox here\r\n"
            } else {
                to.push(command[8..].trim().trim_matches(['<', '>']).to_string());
                b"250 OK\r\n"
            }
        } else if upper == "DATA" {
            writer
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await?;
            let mut data = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                // Undo dot-stuffing.
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            let fail = failures
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if fail {
                b"451 4.3.0 Temporary failure, try again later\r\n"
            } else {
                received
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(ReceivedMail {
                        from: from.clone(),
                        to: to.clone(),
                        data,
                    });
                b"250 OK: queued\r\n"
            }
        } else if upper == "QUIT" {
            writer.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else if upper == "RSET" || upper == "NOOP" {
            b"250 OK\r\n"
        } else {
            b"502 Command not implemented\r\n"
        };
        writer.write_all(reply).await?;
    }
}

/// Decodes every part of a MIME message (quoted-printable and base64 bodies).
fn decode_mime(data: &str) -> String {
    let mut out = String::new();
    let mut encoding = String::new();
    let mut in_headers = true;
    let mut body = String::new();
    let flush = |encoding: &str, body: &mut String, out: &mut String| {
        match encoding {
            "quoted-printable" => out.push_str(&decode_quoted_printable(body)),
            "base64" => out.push_str(&decode_base64(body)),
            _ => out.push_str(body),
        }
        body.clear();
    };
    for line in data.split("\r\n") {
        if line.starts_with("--") && line.len() > 2 {
            flush(&encoding, &mut body, &mut out);
            encoding.clear();
            in_headers = true;
            continue;
        }
        if in_headers {
            if line.is_empty() {
                in_headers = false;
            } else if let Some(value) = line
                .to_ascii_lowercase()
                .strip_prefix("content-transfer-encoding:")
            {
                encoding = value.trim().to_string();
            }
            continue;
        }
        body.push_str(line);
        body.push('\n');
    }
    flush(&encoding, &mut body, &mut out);
    out
}

fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn decode_base64(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.bytes() {
        let Some(value) = ALPHABET.iter().position(|&a| a == c) else {
            continue;
        };
        bits = (bits << 6) | u32::try_from(value).unwrap_or(0);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).unwrap_or(0));
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
