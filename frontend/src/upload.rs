//! Uploading a document with progress. `fetch` cannot report upload progress,
//! so this one request goes through `XMLHttpRequest`.

use crate::api::ApiError;
use endorse_shared::documents::{DocumentResponse, DOCUMENT_MAX_BYTES};
use endorse_shared::Problem;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{File, ProgressEvent, XmlHttpRequest};
use yew::Callback;

/// Sends `file` to `/api/v1/me/documents`; `progress` gets 0–100 as it goes,
/// `done` the stored document or the reason it was refused.
pub fn upload(
    token: &str,
    file: File,
    progress: Callback<u32>,
    done: Callback<Result<DocumentResponse, ApiError>>,
) {
    let path = format!(
        "/api/v1/me/documents?name={}",
        crate::api::encode(&file.name())
    );
    send_file(
        token,
        (&path, "application/octet-stream", DOCUMENT_MAX_BYTES),
        file,
        progress,
        done,
    );
}

/// Sends `file` as the body of a POST to `path` (with this content type, at
/// most `max` bytes); `done` gets the answer, read as `T`.
pub fn send_file<T: serde::de::DeserializeOwned + 'static>(
    token: &str,
    (path, content_type, max): (&str, &str, usize),
    file: File,
    progress: Callback<u32>,
    done: Callback<Result<T, ApiError>>,
) {
    if file.size() > max as f64 {
        done.emit(Err(ApiError::Unexpected(format!(
            "the file is larger than {} MB",
            max / (1024 * 1024)
        ))));
        return;
    }
    let Ok(xhr) = XmlHttpRequest::new() else {
        done.emit(Err(ApiError::Network("this browser cannot upload".into())));
        return;
    };
    let url = crate::api::url(path);
    if xhr.open("POST", &url).is_err()
        || xhr
            .set_request_header("authorization", &format!("Bearer {token}"))
            .is_err()
        || xhr
            .set_request_header("content-type", content_type)
            .is_err()
    {
        done.emit(Err(ApiError::Network("the upload could not start".into())));
        return;
    }
    if let Ok(target) = xhr.upload() {
        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                progress.emit(
                    ((event.loaded() / event.total()) * 100.0)
                        .round()
                        .clamp(0.0, 100.0) as u32,
                );
            }
        });
        target.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
    }
    let finished = xhr.clone();
    let on_load = Closure::<dyn FnMut()>::new(move || {
        let status = finished.status().unwrap_or(0);
        let text = finished.response_text().ok().flatten().unwrap_or_default();
        let outcome = if (200..300).contains(&status) {
            serde_json::from_str(&text).map_err(|error| ApiError::Unexpected(error.to_string()))
        } else if status == 0 {
            Err(ApiError::Network("the upload broke off".into()))
        } else {
            Err(match serde_json::from_str::<Problem>(&text) {
                Ok(problem) => ApiError::Problem(problem),
                Err(_) => ApiError::Unexpected(format!("HTTP {status}")),
            })
        };
        done.emit(outcome);
    });
    xhr.set_onloadend(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    if xhr.send_with_opt_blob(Some(&file)).is_err() {
        // The load-end handler reports the failure.
    }
}
