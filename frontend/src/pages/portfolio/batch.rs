//! Quick entry of many RSC sessions: one provider, one line per session.

use crate::api;
use crate::components::{Alert, SelectField, TextField};
use crate::session::{authorized, use_session};
use chrono::NaiveDate;
use endorse_shared::entries::RscBatchRequest;
use endorse_shared::hours::Hours;
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
                date,
                hours,
                format,
                provider_name: provider.trim().to_string(),
                provider_category: (!category.is_empty()).then(|| category.to_string()),
                provider_number: None,
                provider_vetted: false,
                about_providing: false,
            }),
            _ => problems.push(format!(
                "Line {}: write a date and hours, like 2025-01-07 1.5",
                number + 1
            )),
        }
    }
    if sessions.is_empty() && problems.is_empty() {
        problems.push("Write one session per line.".into());
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
    let provider = use_state(String::new);
    let category = use_state(String::new);
    let format = use_state(|| "individual".to_string());
    let lines = use_state(String::new);
    let problems = use_state(Vec::<String>::new);
    let busy = use_state(|| false);

    let mut categories = vec![(AttrValue::Static(""), AttrValue::Static("Not endorsed"))];
    categories.extend(props.rulebook.categories.iter().map(|c| {
        (
            AttrValue::from(c.code.clone()),
            AttrValue::from(format!("{} — {}", c.code, c.name)),
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
            let sessions = match parse_lines(&lines, &provider, &category, kind) {
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
                                        index
                                            .parse::<usize>()
                                            .ok()
                                            .map(|i| format!("Line {}, {name}", i + 1))
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
        <form class="entry-form" onsubmit={on_submit} novalidate=true aria-label="Log several sessions">
            <h3>{ "Log several sessions" }</h3>
            if !problems.is_empty() {
                <Alert message="Nothing was saved. Correct these lines:" />
                <ul class="field__errors">{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
            }
            <TextField name="batch_provider" label="Provider's name" value={(*provider).clone()} on_change={set(&provider)} />
            <SelectField name="batch_category" label="Provider's endorsement" options={categories}
                value={AttrValue::from((*category).clone())} on_change={set(&category)} />
            <SelectField name="batch_format" label="Format"
                options={vec![(AttrValue::Static("individual"), AttrValue::Static("Individual")), (AttrValue::Static("group"), AttrValue::Static("Group"))]}
                value={AttrValue::from((*format).clone())} on_change={set(&format)} />
            <div class="field">
                <label for="batch-lines">{ "Sessions, one per line: date and hours" }</label>
                <p class="field__hint" id="batch-lines-hint">{ "For example: 2025-01-07 1.5" }</p>
                <textarea id="batch-lines" rows="6" aria-describedby="batch-lines-hint" value={(*lines).clone()} oninput={on_lines} />
            </div>
            <div class="actions">
                <button type="submit" class="button" disabled={*busy}>{ if *busy { "Saving…" } else { "Save all sessions" } }</button>
                <button type="button" class="button button--secondary" onclick={props.on_cancel.clone()}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
