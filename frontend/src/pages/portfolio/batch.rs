//! Quick entry of many RSC sessions: one provider, one line per session.

use crate::api;
use crate::components::{Alert, SelectField, TextField};
use crate::i18n::{t, Text};
use crate::session::{authorized, use_session};
use chrono::NaiveDate;
use endorse_shared::entries::RscBatchRequest;
use endorse_shared::hours::Hours;
use endorse_shared::i18n::Lang;
use endorse_shared::portfolio::{RscData, RscFormat};
use endorse_shared::rulebook::Rulebook;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`RscBatchForm`].
#[derive(Properties, PartialEq)]
pub struct RscBatchFormProps {
    /// For the provider's endorsement choices.
    pub rulebook: Rulebook,
    /// Called after the sessions are stored.
    pub on_saved: Callback<()>,
    /// Called to close the form.
    pub on_cancel: Callback<MouseEvent>,
}

/// Reads `2025-01-07 1.5` lines into sessions, or says which line is wrong.
fn parse_lines(
    text: &str,
    provider: &str,
    category: &str,
    format: RscFormat,
    lang: Lang,
) -> Result<Vec<RscData>, Vec<String>> {
    let mut sessions = Vec::new();
    let mut problems = Vec::new();
    for (number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let mut parts = line.split_whitespace();
        let date = parts
            .next()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let hours = parts
            .next()
            .and_then(|h| h.parse::<f64>().ok())
            .and_then(|h| Hours::from_f64(h).ok());
        match (date, hours) {
            (Some(date), Some(hours)) => sessions.push(RscData {
                evidence: None,
                date,
                hours,
                format,
                provider_name: provider.trim().to_string(),
                provider_category: (!category.is_empty()).then(|| category.to_string()),
                provider_number: None,
                provider_vetted: false,
                about_providing: false,
            }),
            _ => problems.push(
                Text::new("batch-line-wrong")
                    .with("line", number + 1)
                    .say(lang),
            ),
        }
    }
    if sessions.is_empty() && problems.is_empty() {
        problems.push(t(lang, "batch-one-per-line"));
    }
    if problems.is_empty() {
        Ok(sessions)
    } else {
        Err(problems)
    }
}

/// The quick-entry form.
#[function_component(RscBatchForm)]
pub fn rsc_batch_form(props: &RscBatchFormProps) -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    let provider = use_state(String::new);
    let category = use_state(String::new);
    let format = use_state(|| "individual".to_string());
    let lines = use_state(String::new);
    let problems = use_state(Vec::<String>::new);
    let busy = use_state(|| false);

    let mut categories = vec![(
        AttrValue::Static(""),
        AttrValue::from(t(lang, "draft-not-endorsed")),
    )];
    categories.extend(props.rulebook.categories.iter().map(|c| {
        (
            AttrValue::from(c.code.clone()),
            AttrValue::from(format!("{} — {}", c.code, c.name.get(lang))),
        )
    }));
    let on_lines = {
        let lines = lines.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            lines.set(area.value());
        })
    };
    let on_submit = {
        let (session, provider, category, format, lines, problems, busy, on_saved) = (
            session.clone(),
            provider.clone(),
            category.clone(),
            format.clone(),
            lines.clone(),
            problems.clone(),
            busy.clone(),
            props.on_saved.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let kind = if *format == "group" {
                RscFormat::Group
            } else {
                RscFormat::Individual
            };
            let sessions = match parse_lines(&lines, &provider, &category, kind, lang) {
                Ok(sessions) => sessions,
                Err(found) => {
                    problems.set(found);
                    return;
                }
            };
            let request = RscBatchRequest { sessions };
            let (session, problems, busy, on_saved) = (
                session.clone(),
                problems.clone(),
                busy.clone(),
                on_saved.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let stored = authorized(&session, |token| {
                    let request = request.clone();
                    async move { api::create_rsc_batch(&token, &request).await }
                })
                .await;
                match stored {
                    Ok(_) => {
                        problems.set(Vec::new());
                        on_saved.emit(());
                    }
                    Err(error) => {
                        // `sessions[2].date` becomes "Line 3, date: …".
                        let mut found: Vec<String> = error
                            .field_errors()
                            .into_iter()
                            .map(|(field, messages)| {
                                let readable = field
                                    .strip_prefix("sessions[")
                                    .and_then(|rest| rest.split_once("]."))
                                    .and_then(|(index, name)| {
                                        index.parse::<usize>().ok().map(|i| {
                                            Text::new("batch-line-field")
                                                .with("line", i + 1)
                                                .with("field", name)
                                                .say(lang)
                                        })
                                    })
                                    .unwrap_or(field);
                                format!("{readable}: {}", messages.join("; "))
                            })
                            .collect();
                        if found.is_empty() {
                            found.push(error.message());
                        }
                        problems.set(found);
                    }
                }
                busy.set(false);
            });
        })
    };
    let set = |handle: &UseStateHandle<String>| {
        let handle = handle.clone();
        Callback::from(move |value: String| handle.set(value))
    };
    html! {
        <form class="entry-form" onsubmit={on_submit} novalidate=true aria-label={t(lang, "portfolio-log-several")}>
            <h3>{ t(lang, "portfolio-log-several") }</h3>
            if !problems.is_empty() {
                <Alert message={t(lang, "batch-nothing-saved")} />
                <ul class="field__errors">{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
            }
            <TextField name="batch_provider" label={t(lang, "draft-provider-name")} value={(*provider).clone()} on_change={set(&provider)} />
            <SelectField name="batch_category" label={t(lang, "draft-provider-category")} options={categories}
                value={AttrValue::from((*category).clone())} on_change={set(&category)} />
            <SelectField name="batch_format" label={t(lang, "draft-format")}
                options={vec![(AttrValue::Static("individual"), AttrValue::from(t(lang, "draft-individual"))), (AttrValue::Static("group"), AttrValue::from(t(lang, "draft-group")))]}
                value={AttrValue::from((*format).clone())} on_change={set(&format)} />
            <div class="field">
                <label for="batch-lines">{ t(lang, "batch-sessions") }</label>
                <p class="field__hint" id="batch-lines-hint">{ t(lang, "batch-example") }</p>
                <textarea id="batch-lines" rows="6" aria-describedby="batch-lines-hint" value={(*lines).clone()} oninput={on_lines} />
            </div>
            <div class="actions">
                <button type="submit" class="button" disabled={*busy}>{ t(lang, if *busy { "portfolio-saving" } else { "batch-save-all" }) }</button>
                <button type="button" class="button button--secondary" onclick={props.on_cancel.clone()}>{ t(lang, "portfolio-cancel") }</button>
            </div>
        </form>
    }
}
