//! Offering a file to save: text the app made (a CSV export), or a document
//! fetched with the session's token.

/// Offers `text` as a file download.
pub fn save_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys_array(text);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| crate::i18n::t(crate::i18n::asked(), "download-not-made"))?;
    offer(name, &blob)
}

/// Offers `bytes` as a file download.
pub fn save_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| crate::i18n::t(crate::i18n::asked(), "download-not-made"))?;
    offer(name, &blob)
}

fn offer(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| crate::i18n::t(crate::i18n::asked(), "download-not-made"))?;
    let document = gloo::utils::document();
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| crate::i18n::t(crate::i18n::asked(), "download-not-started"))?
        .dyn_into()
        .map_err(|_| crate::i18n::t(crate::i18n::asked(), "download-not-started"))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

fn js_sys_array(text: &str) -> wasm_bindgen::JsValue {
    let array = js_sys::Array::new();
    array.push(&wasm_bindgen::JsValue::from_str(text));
    array.into()
}
