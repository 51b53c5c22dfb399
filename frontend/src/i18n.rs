//! The app's language: chosen once, in this order: what the person chose
//! (saved on their account, or on this device before they sign in), the
//! browser's languages, the association's, English. Kept in a context;
//! `<html lang>` and every API request's `Accept-Language` follow it.
//!
//! Words come from the shared catalog (`endorse_shared::i18n`): a page asks
//! `use_lang()` and says `t(lang, "key")`. Switching re-renders every page in
//! place, so the page and what is typed in it stay.

use endorse_shared::i18n::Lang;
pub use endorse_shared::i18n::{tr as t, Text};
use std::cell::Cell;
use yew::prelude::*;

/// The key on this device under which a choice made before signing in is kept.
const STORAGE_KEY: &str = "endorse.language";

thread_local! {
    /// The language API requests ask for (set by [`LanguageProvider`]; the
    /// request functions have no context to read).
    static ASKED: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language every API request asks for in `Accept-Language`.
pub fn asked() -> Lang {
    ASKED.with(Cell::get)
}

/// The language of the app and the ways to change it.
#[derive(Clone, PartialEq)]
pub struct LanguageHandle {
    /// The language now.
    pub lang: Lang,
    /// The person chose it: kept on this device (the caller saves it on the
    /// account, if signed in).
    pub set: Callback<Lang>,
    /// Takes a language the person did not choose here (their account's, or
    /// the association's when the browser names none Endorse speaks).
    pub adopt: Callback<Lang>,
}

/// The app's language.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<LanguageHandle>().map_or(Lang::En, |handle| handle.lang)
}

/// The app's language and its switch.
#[hook]
pub fn use_language() -> LanguageHandle {
    use_context::<LanguageHandle>().unwrap_or_else(|| LanguageHandle {
        lang: Lang::En,
        set: Callback::noop(),
        adopt: Callback::noop(),
    })
}

/// The language this device chose before, if any.
pub fn stored() -> Option<Lang> {
    let storage = gloo::utils::window().local_storage().ok().flatten()?;
    storage.get_item(STORAGE_KEY).ok().flatten()?.parse().ok()
}

/// Remembers the choice on this device (for the next visit before sign-in).
pub fn store(lang: Lang) {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}

/// The first of the browser's languages Endorse speaks.
pub fn browser() -> Option<Lang> {
    let navigator = gloo::utils::window().navigator();
    let languages = navigator.languages();
    let preferred: Vec<String> = languages
        .iter()
        .filter_map(|value| value.as_string())
        .chain(navigator.language())
        .collect();
    preferred.iter().find_map(|tag| Lang::from_tag(tag))
}

/// Props of [`LanguageProvider`].
#[derive(Properties, PartialEq)]
pub struct LanguageProviderProps {
    /// The app.
    pub children: Children,
}

/// Holds the language and puts it on `<html lang>`.
#[function_component(LanguageProvider)]
pub fn language_provider(props: &LanguageProviderProps) -> Html {
    let lang = use_state(|| stored().or_else(browser).unwrap_or_default());
    ASKED.with(|asked| asked.set(*lang));
    use_effect_with(*lang, |lang| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    let set = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            ASKED.with(|asked| asked.set(next));
            store(next);
            lang.set(next);
        })
    };
    let adopt = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            ASKED.with(|asked| asked.set(next));
            lang.set(next);
        })
    };
    let handle = LanguageHandle {
        lang: *lang,
        set,
        adopt,
    };
    html! {
        <ContextProvider<LanguageHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<LanguageHandle>>
    }
}

/// Field messages of the shared rules, said in `lang` (the forms keep words,
/// as the API sends them).
pub fn said(
    errors: std::collections::BTreeMap<String, Vec<Text>>,
    lang: Lang,
) -> std::collections::BTreeMap<String, Vec<String>> {
    errors
        .into_iter()
        .map(|(field, messages)| (field, endorse_shared::i18n::say_all(&messages, lang)))
        .collect()
}
