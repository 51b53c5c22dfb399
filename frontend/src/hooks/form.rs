//! The life of a form: its value, the shared validation rules run before
//! sending, the API's answer mapped back onto the fields, and a busy flag.

use crate::api::ApiError;
use std::collections::BTreeMap;
use std::future::Future;
use validator::Validate;
use yew::prelude::*;

/// Field name to the messages shown beside that field.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// A form's state; cheap to clone into callbacks.
pub struct Form<T: 'static> {
    /// What the person has typed.
    pub value: UseStateHandle<T>,
    /// Messages per field, from the shared rules or from the API.
    pub errors: UseStateHandle<FieldErrors>,
    /// A message about the whole form.
    pub failure: UseStateHandle<Option<String>>,
    /// Set while the request is on its way.
    pub busy: UseStateHandle<bool>,
    /// The language its messages are said in.
    pub lang: endorse_shared::i18n::Lang,
}

impl<T> Clone for Form<T> {
    fn clone(&self) -> Self {
        Self {
            value: self.value.clone(),
            errors: self.errors.clone(),
            failure: self.failure.clone(),
            busy: self.busy.clone(),
            lang: self.lang,
        }
    }
}

/// A form starting from `initial`.
#[hook]
pub fn use_form<T, F>(initial: F) -> Form<T>
where
    T: Clone + 'static,
    F: FnOnce() -> T,
{
    Form {
        value: use_state(initial),
        errors: use_state(FieldErrors::new),
        failure: use_state(|| None),
        busy: use_state(|| false),
        lang: crate::i18n::use_lang(),
    }
}

impl<T: Clone + Validate + 'static> Form<T> {
    /// A callback that sets one field from an input's text.
    pub fn setter(&self, apply: fn(&mut T, String)) -> Callback<String> {
        let value = self.value.clone();
        Callback::from(move |text: String| {
            let mut next = (*value).clone();
            apply(&mut next, text);
            value.set(next);
        })
    }

    /// The messages for one field.
    pub fn errors_for(&self, field: &str) -> Vec<String> {
        self.errors.get(field).cloned().unwrap_or_default()
    }

    /// Checks `request` with the shared rules; if it passes, sends it and hands
    /// the answer to `done`. Field errors of a refusal land beside their fields.
    pub fn submit<R, Fut>(
        &self,
        request: T,
        send: impl FnOnce(T) -> Fut + 'static,
        done: impl FnOnce(R) + 'static,
    ) where
        Fut: Future<Output = Result<R, ApiError>> + 'static,
        R: 'static,
    {
        if let Err(found) = request.validate() {
            self.errors.set(crate::i18n::said(
                endorse_shared::validation::field_errors(&found),
                self.lang,
            ));
            self.failure
                .set(Some(crate::i18n::t(self.lang, "form-correct")));
            return;
        }
        self.errors.set(FieldErrors::new());
        self.failure.set(None);
        self.busy.set(true);
        let form = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match send(request).await {
                Ok(answer) => done(answer),
                Err(error) => {
                    form.errors.set(error.field_errors());
                    form.failure.set(Some(error.message()));
                }
            }
            form.busy.set(false);
        });
    }
}
