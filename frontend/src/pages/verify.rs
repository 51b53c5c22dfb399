//! The verify page: anyone pastes a credential or types an endorsement
//! number (or opens the certificate's QR link), and the browser checks the
//! signature, the status lists and the dates with the same Rust code that
//! issued the credential (`endorse_shared::credential`).

use crate::api::{self, ApiError};
use crate::components::{Alert, PageTitle};
use crate::i18n::{t, Text};
use chrono::Utc;
use endorse_shared::credential::{
    self, combined, looks_like_json, status_of, verify_credential, Credential, NotGenuine, Verdict,
};
use endorse_shared::i18n::Lang;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`VerifyPage`].
#[derive(Properties, PartialEq)]
pub struct VerifyProps {
    /// The endorsement number from the link, if any.
    #[prop_or_default]
    pub number: Option<String>,
}

/// What a check found.
#[derive(Clone, PartialEq)]
enum Outcome {
    /// The input could not be checked at all (nothing to check, or the server
    /// could not be reached); nothing is said about the credential.
    Problem(String),
    /// The answer, and the credential when it is genuine.
    Answer(Verdict, Option<Box<Credential>>),
}

/// Whether the text is a JWT (three base64url parts) rather than a number.
fn looks_like_jwt(text: &str) -> bool {
    text.split('.').count() == 3 && text.starts_with("ey")
}

/// The code in the page's query string (`?code=…`), as the QR link carries it.
fn code_from_location() -> Option<String> {
    let search = gloo::utils::window().location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("code="))
        .filter(|code| !code.is_empty())
        .map(str::to_string)
}

fn problem(error: ApiError) -> Outcome {
    Outcome::Problem(error.message())
}

/// Checks `input` (a credential or a number) against this issuer.
async fn check(input: String, code: Option<String>, lang: Lang) -> Outcome {
    let input = input.trim().to_string();
    if input.is_empty() {
        return Outcome::Problem(t(lang, "verify-nothing"));
    }
    if looks_like_json(&input) {
        return Outcome::Problem(t(lang, "verify-json-copy"));
    }
    let jwt = if looks_like_jwt(&input) {
        input
    } else {
        let number = input.to_uppercase();
        match api::public_credential(&number, code.as_deref()).await {
            Ok(found) => found.jwt,
            Err(error) => return problem(error),
        }
    };
    let (issuer, keys) = match (api::issuer().await, api::jwks().await) {
        (Ok(issuer), Ok(keys)) => (issuer, keys),
        (Err(error), _) | (_, Err(error)) => return problem(error),
    };
    let credential = match verify_credential(&jwt, &keys, &issuer.id) {
        Ok(credential) => credential,
        Err(why) => return Outcome::Answer(Verdict::NotGenuine(why), None),
    };
    let entries = credential.credential_status.entries();
    if entries.is_empty() {
        return Outcome::Answer(
            Verdict::NotGenuine(NotGenuine::BadStatusList(
                "it has no status entry".to_string(),
            )),
            None,
        );
    }
    let mut standings = Vec::new();
    for entry in entries {
        let not_genuine = |why: &str| {
            Outcome::Answer(
                Verdict::NotGenuine(NotGenuine::BadStatusList(why.to_string())),
                None,
            )
        };
        // Only lists this issuer publishes, fetched from this server.
        let Some(path) = entry
            .status_list_credential
            .strip_prefix(issuer.url.trim_end_matches('/'))
            .filter(|path| path.starts_with("/api/v1/status-lists/"))
        else {
            return not_genuine("it points to a list this issuer does not publish");
        };
        let list = match api::status_list(path).await {
            Ok(list) => list,
            Err(error) => return problem(error),
        };
        match status_of(&list, &keys, &issuer.id, entry) {
            Ok(standing) => standings.push(standing),
            Err(why) => return Outcome::Answer(Verdict::NotGenuine(why), None),
        }
    }
    let answer = credential::verdict(&credential, combined(standings), Utc::now());
    Outcome::Answer(answer, Some(Box::new(credential)))
}

fn long_date(at: chrono::DateTime<Utc>, lang: Lang) -> String {
    endorse_shared::i18n::format::day_of(at, lang)
}

fn answer(
    verdict: &Verdict,
    credential: Option<&Credential>,
    lang: endorse_shared::i18n::Lang,
) -> Html {
    let tone = match verdict {
        Verdict::Valid => "check-result check-result--valid",
        Verdict::NotGenuine(_) | Verdict::Revoked => "check-result check-result--bad",
        _ => "check-result check-result--warn",
    };
    html! {
        <section class={classes!("card", tone)} aria-labelledby="verdict-heading">
            <h2 id="verdict-heading" class="check-result__headline">{ verdict.headline_text().say(lang) }</h2>
            <p>{ verdict.explanation(credential).say(lang) }</p>
            if let Some(c) = credential {
                <dl class="facts">
                    <dt>{ t(lang, "verify-holder") }</dt><dd>{ c.holder_name() }</dd>
                    <dt>{ t(lang, "verify-endorsement") }</dt><dd>{ format!("{} ({})", c.category().1, c.category().0) }</dd>
                    <dt>{ t(lang, "verify-number") }</dt><dd>{ c.number() }</dd>
                    <dt>{ t(lang, "verify-issued-by") }</dt><dd>{ &c.issuer.name }</dd>
                    <dt>{ t(lang, "verify-endorsed-since") }</dt><dd>{ long_date(c.awarded_date, lang) }</dd>
                    <dt>{ t(lang, "verify-holds") }</dt>
                    <dd>{ match c.valid_until {
                        Some(until) => Text::new("verify-valid-from-through").with("from", long_date(c.valid_from, lang)).with("until", long_date(until, lang)),
                        None => Text::new("verify-valid-from").with("from", long_date(c.valid_from, lang)),
                    }.say(lang) }</dd>
                </dl>
            }
        </section>
    }
}

/// The verify page.
#[function_component(VerifyPage)]
pub fn verify_page(props: &VerifyProps) -> Html {
    let lang = crate::i18n::use_lang();
    let input = use_state(|| props.number.clone().unwrap_or_default());
    let outcome = use_state(|| None::<Outcome>);
    let busy = use_state(|| false);
    let run = {
        let (outcome, busy) = (outcome.clone(), busy.clone());
        let from_link = props.number.clone();
        Callback::from(move |text: String| {
            // The link's code goes only with the link's own number.
            let code = from_link
                .as_deref()
                .filter(|n| n.eq_ignore_ascii_case(text.trim()))
                .and_then(|_| code_from_location());
            let (outcome, busy) = (outcome.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let found = check(text, code, lang).await;
                outcome.set(Some(found));
                busy.set(false);
            });
        })
    };
    {
        // Each opening starts clean: the number of the link (checked at
        // once), or nothing, never what the last visit left.
        let (run, input, outcome, number) = (
            run.clone(),
            input.clone(),
            outcome.clone(),
            props.number.clone(),
        );
        let opened = yew_router::hooks::use_location().map(|l| l.id());
        use_effect_with((number, opened), move |(number, _)| {
            input.set(number.clone().unwrap_or_default());
            outcome.set(None);
            if let Some(number) = number {
                run.emit(number.clone());
            }
        });
    }
    let on_submit = {
        let (run, input) = (run.clone(), input.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            run.emit((*input).clone());
        })
    };
    let on_input = {
        let input = input.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            input.set(area.value());
        })
    };
    // A pasted credential replaces what is there (the link's number), never
    // joins it.
    let on_paste = {
        let input = input.clone();
        Callback::from(move |event: Event| {
            let pasted = event
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .and_then(|data| data.get_data("text").ok())
                .unwrap_or_default();
            if looks_like_jwt(pasted.trim()) {
                event.prevent_default();
                input.set(pasted.trim().to_string());
            }
        })
    };
    html! {
        <>
            <PageTitle title={t(lang, "verify-title")} />
            <p class="lead">{ t(lang, "verify-lead") }</p>
            <section class="card" aria-labelledby="verify-form-heading">
                <h2 id="verify-form-heading" class="visually-hidden">{ t(lang, "verify-what") }</h2>
                <form onsubmit={on_submit}>
                    <div class="field">
                        <label for="verify-input">{ t(lang, "verify-input") }</label>
                        <p class="hint" id="verify-input-hint">{ t(lang, "verify-input-hint") }</p>
                        <textarea id="verify-input" name="verify-input" rows="4" spellcheck="false"
                            aria-describedby="verify-input-hint" value={(*input).clone()} oninput={on_input} onpaste={on_paste} />
                    </div>
                    <button type="submit" class="button" disabled={*busy}>{ t(lang, if *busy { "verify-checking" } else { "verify-check" }) }</button>
                </form>
            </section>
            <div aria-live="polite" id="verify-result">
                {
                    match &*outcome {
                        None => html! {},
                        Some(Outcome::Problem(message)) => html! { <Alert message={message.clone()} /> },
                        Some(Outcome::Answer(verdict, credential)) => answer(verdict, credential.as_deref(), lang),
                    }
                }
            </div>
        </>
    }
}
