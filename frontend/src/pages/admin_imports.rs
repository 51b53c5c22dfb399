//! Admins: importing the association's earlier records. The imports page
//! checks a file (a dry run: nothing is written) and lists the imports made;
//! an import's page shows what each row would do and why a row is refused,
//! writes it once confirmed, and follows it until it is done.

use crate::api;
use crate::components::{Alert, PageTitle, SelectField};
use crate::i18n::{t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::i18n::{format, Lang};
use endorse_shared::imports::{
    ImportKind, ImportStatus, ImportView, OutcomeCounts, RowOutcome, RowPlan, MAX_IMPORT_BYTES,
};
use endorse_shared::Role;
use gloo::timers::callback::Timeout;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// What a kind of file is for, in a sentence.
fn kind_hint(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Holders => "imports-hint-holders",
        ImportKind::Members => "imports-hint-members",
        ImportKind::Ratings => "imports-hint-ratings",
        ImportKind::Rsc => "imports-hint-rsc",
    }
}

fn admins_only(lang: Lang, title: &'static str) -> Html {
    html! {
        <section class="card card--narrow">
            <PageTitle title={t(lang, title)} />
            <Alert message={t(lang, "users-only-admin")} />
        </section>
    }
}

/// The imports page: check a file, and the imports made.
#[function_component(AdminImports)]
pub fn admin_imports() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let navigator = use_navigator();
    let kind = use_state(|| ImportKind::Holders);
    let file = use_state(|| None::<web_sys::File>);
    let progress = use_state(|| None::<u32>);
    let failure = use_state(|| None::<String>);
    let errors = use_state(Vec::<String>::new);
    let list = use_state(|| None::<Vec<ImportView>>);
    {
        let (session, list, failure) = (session.clone(), list.clone(), failure.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| async move { api::imports(&token).await }).await
                {
                    Ok(found) => list.set(Some(found.imports)),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };
    if signed_in.user.role != Role::Admin {
        return admins_only(lang, "imports-title");
    }
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |value: String| {
            if let Some(chosen) = ImportKind::parse(&value) {
                kind.set(chosen);
            }
        })
    };
    let on_file = {
        let (file, errors) = (file.clone(), errors.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            file.set(input.files().and_then(|files| files.get(0)));
            errors.set(Vec::new());
        })
    };
    let template = {
        let (session, failure, kind) = (session.clone(), failure.clone(), *kind);
        Callback::from(move |_: MouseEvent| {
            let (session, failure) = (session.clone(), failure.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = authorized(&session, |token| async move {
                    api::import_template(&token, kind).await
                })
                .await;
                match result {
                    Ok((bytes, mime, name)) => {
                        failure.set(crate::download::save_bytes(&name, &mime, &bytes).err());
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    let on_submit = {
        let (file, progress, failure, errors, kind) = (
            file.clone(),
            progress.clone(),
            failure.clone(),
            errors.clone(),
            *kind,
        );
        let token = signed_in.token.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(chosen) = (*file).clone() else {
                errors.set(vec![t(lang, "imports-choose-file")]);
                return;
            };
            failure.set(None);
            errors.set(Vec::new());
            progress.set(Some(0));
            let path = format!(
                "/api/v1/imports?kind={}&name={}",
                kind.as_str(),
                api::encode(&chosen.name())
            );
            let on_progress = {
                let progress = progress.clone();
                Callback::from(move |percent: u32| progress.set(Some(percent)))
            };
            let done = {
                let (progress, failure, errors, navigator) = (
                    progress.clone(),
                    failure.clone(),
                    errors.clone(),
                    navigator.clone(),
                );
                Callback::from(move |answer: Result<ImportView, api::ApiError>| {
                    progress.set(None);
                    match answer {
                        Ok(view) => {
                            if let Some(navigator) = &navigator {
                                navigator.push(&Route::AdminImport { id: view.id });
                            }
                        }
                        Err(error) => {
                            let fields = error.field_errors();
                            let named: Vec<String> = ["file", "name", "kind"]
                                .iter()
                                .flat_map(|k| fields.get(*k).cloned().unwrap_or_default())
                                .collect();
                            if named.is_empty() {
                                failure.set(Some(error.message()));
                            } else {
                                errors.set(named);
                            }
                        }
                    }
                })
            };
            crate::upload::send_file(
                &token,
                (&path, "text/csv", MAX_IMPORT_BYTES),
                chosen,
                on_progress,
                done,
            );
        })
    };
    let kinds: Vec<(AttrValue, AttrValue)> = ImportKind::ALL
        .iter()
        .map(|k| {
            (
                AttrValue::Static(k.as_str()),
                AttrValue::from(k.text().say(lang)),
            )
        })
        .collect();
    let columns: Vec<&str> = kind.columns().iter().map(|c| c.name).collect();
    let required: Vec<&str> = kind
        .columns()
        .iter()
        .filter(|c| c.required)
        .map(|c| c.name)
        .collect();
    html! {
        <>
            <section class="card">
                <PageTitle title={t(lang, "imports-title")} />
                <p class="lead">{ t(lang, "imports-lead") }</p>
                if let Some(message) = &*failure {
                    <Alert message={message.clone()} />
                }
                <form onsubmit={on_submit} novalidate=true>
                    <SelectField name="kind" label={t(lang, "imports-kind")} options={kinds}
                        value={AttrValue::Static(kind.as_str())} on_change={on_kind}
                        hint={AttrValue::from(t(lang, kind_hint(*kind)))} />
                    <p class="field__hint">
                        { Text::new("imports-columns").with("columns", columns.join(", ")).with("required", required.join(", ")).say(lang) }
                    </p>
                    <p>
                        <button type="button" class="button button--quiet" onclick={template}>
                            { Text::new("imports-template").with("kind", kind.text().say(lang)).say(lang) }
                        </button>
                    </p>
                    <div class={classes!("field", (!errors.is_empty()).then_some("field--invalid"))}>
                        <label for="field-file">{ t(lang, "imports-file") }</label>
                        <p class="field__hint" id="field-file-hint">{ t(lang, "imports-file-hint") }</p>
                        <input type="file" id="field-file" name="file" accept=".csv,text/csv" onchange={on_file}
                            aria-describedby={if errors.is_empty() { "field-file-hint" } else { "field-file-hint field-file-error" }}
                            aria-invalid={(!errors.is_empty()).then_some("true")} />
                        if !errors.is_empty() {
                            <ul class="field__errors" id="field-file-error">{ for errors.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
                        }
                    </div>
                    if let Some(percent) = *progress {
                        <div role="status" aria-live="polite">
                            <progress max="100" value={percent.to_string()} aria-label={t(lang, "imports-sending")}></progress>
                            { " " }{ t(lang, if percent < 100 { "imports-sending" } else { "imports-checking" }) }
                        </div>
                    }
                    <button type="submit" class="button" disabled={progress.is_some()}>{ t(lang, "imports-check") }</button>
                </form>
            </section>
            <section class="card" aria-labelledby="imports-made-heading">
                <h2 id="imports-made-heading">{ t(lang, "imports-made") }</h2>
                { match &*list {
                    None => html! { <p role="status">{ t(lang, "loading") }</p> },
                    Some(imports) if imports.is_empty() => html! { <p>{ t(lang, "imports-none") }</p> },
                    Some(imports) => imports_table(imports, lang),
                } }
            </section>
        </>
    }
}

fn counts_text(counts: &OutcomeCounts, lang: Lang) -> String {
    Text::new("imports-counts")
        .with("create", counts.create)
        .with("update", counts.update)
        .with("unchanged", counts.unchanged)
        .with("refused", counts.refused)
        .say(lang)
}

fn imports_table(imports: &[ImportView], lang: Lang) -> Html {
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "imports-made")}>
            <table class="table table--cards">
                <thead><tr>
                    <th scope="col">{ t(lang, "imports-file-name") }</th>
                    <th scope="col">{ t(lang, "imports-kind") }</th>
                    <th scope="col">{ t(lang, "imports-status") }</th>
                    <th scope="col">{ t(lang, "imports-rows") }</th>
                    <th scope="col">{ t(lang, "imports-uploaded") }</th>
                </tr></thead>
                <tbody>
                    { for imports.iter().map(|i| html! {
                        <tr>
                            <td data-label={t(lang, "imports-file-name")}>
                                <Link<Route> to={Route::AdminImport { id: i.id.clone() }}>{ &i.file_name }</Link<Route>>
                            </td>
                            <td data-label={t(lang, "imports-kind")}>{ i.kind.text().say(lang) }</td>
                            <td data-label={t(lang, "imports-status")}>{ i.status.text().say(lang) }</td>
                            <td data-label={t(lang, "imports-rows")}>{ counts_text(if i.status == ImportStatus::Applied { &i.applied } else { &i.planned }, lang) }</td>
                            <td data-label={t(lang, "imports-uploaded")}>{ format!("{}, {}", i.uploaded_by_name, format::date(i.uploaded_at.date_naive(), lang)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// Props of [`AdminImport`].
#[derive(Properties, PartialEq)]
pub struct AdminImportProps {
    /// The import.
    pub id: AttrValue,
}

fn outcome_badge(outcome: RowOutcome, lang: Lang) -> Html {
    let modifier = match outcome {
        RowOutcome::Create => "badge--met",
        RowOutcome::Update | RowOutcome::Unchanged => "",
        RowOutcome::Refused => "badge--short",
    };
    html! { <span class={classes!("badge", (!modifier.is_empty()).then_some(modifier))}>{ outcome.text().say(lang) }</span> }
}

fn why(row: &RowPlan, lang: Lang) -> Html {
    if !row.problems.is_empty() {
        return html! {
            <ul class="reasons">{ for row.problems.iter().map(|p| html! { <li>{ &p.message }</li> }) }</ul>
        };
    }
    let mut parts = Vec::new();
    if row.new_account {
        parts.push(t(lang, "imports-new-account"));
    }
    if !row.changes.is_empty() {
        parts.push(
            Text::new("imports-changes")
                .with("columns", row.changes.join(", "))
                .say(lang),
        );
    }
    if let Some(applied) = row.applied.filter(|a| *a != row.outcome) {
        parts.push(
            Text::new("imports-applied-as")
                .with("outcome", applied.text().say(lang))
                .say(lang),
        );
    }
    html! { { parts.join(" ") } }
}

/// One import: what it does with each row, confirmed or set aside, and how
/// far its writing is.
#[function_component(AdminImport)]
pub fn admin_import(props: &AdminImportProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let view = use_state(|| None::<ImportView>);
    let rows = use_state(Vec::<RowPlan>::new);
    let next = use_state(|| None::<u32>);
    let filter = use_state(|| None::<RowOutcome>);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let tick = use_state(|| 0u32);
    let id = props.id.to_string();
    // The import, again every second while it is being written.
    {
        let (session, view, failure, tick, id) = (
            session.clone(),
            view.clone(),
            failure.clone(),
            tick.clone(),
            id.clone(),
        );
        use_effect_with((id.clone(), *tick), move |_| {
            let timer = std::rc::Rc::new(std::cell::RefCell::new(None::<Timeout>));
            let held = timer.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let found = authorized(&session, |token| {
                    let id = id.clone();
                    async move { api::import(&token, &id).await }
                })
                .await;
                match found {
                    Ok(found) => {
                        if found.status == ImportStatus::Applying {
                            let tick = tick.clone();
                            *held.borrow_mut() =
                                Some(Timeout::new(1_000, move || tick.set(*tick + 1)));
                        }
                        view.set(Some(found));
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
            move || drop(timer.borrow_mut().take())
        });
    }
    let status = (*view).as_ref().map(|v| v.status);
    let load_rows = {
        let (session, rows, next, failure, id) = (
            session.clone(),
            rows.clone(),
            next.clone(),
            failure.clone(),
            id.clone(),
        );
        move |outcome: Option<RowOutcome>, after: Option<u32>| {
            let (session, rows, next, failure, id) = (
                session.clone(),
                rows.clone(),
                next.clone(),
                failure.clone(),
                id.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let found = authorized(&session, |token| {
                    let id = id.clone();
                    async move { api::import_rows(&token, &id, outcome, after).await }
                })
                .await;
                match found {
                    Ok(page) => {
                        let mut list = if after.is_some() {
                            (*rows).clone()
                        } else {
                            Vec::new()
                        };
                        list.extend(page.rows);
                        rows.set(list);
                        next.set(page.next_after);
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        }
    };
    {
        let load_rows = load_rows.clone();
        // The rows again when the filter changes, and once the import is done
        // (each row then says what was done).
        use_effect_with(
            (*filter, status == Some(ImportStatus::Applied)),
            move |(filter, _)| load_rows(*filter, None),
        );
    }
    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };
    if signed_in.user.role != Role::Admin {
        return admins_only(lang, "import-title");
    }
    let act = |confirm: bool| {
        let (session, view, failure, busy, tick, id) = (
            session.clone(),
            view.clone(),
            failure.clone(),
            busy.clone(),
            tick.clone(),
            id.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (session, view, failure, busy, tick, id) = (
                session.clone(),
                view.clone(),
                failure.clone(),
                busy.clone(),
                tick.clone(),
                id.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let done = authorized(&session, |token| {
                    let id = id.clone();
                    async move {
                        if confirm {
                            api::confirm_import(&token, &id).await
                        } else {
                            api::discard_import(&token, &id).await
                        }
                    }
                })
                .await;
                match done {
                    Ok(found) => {
                        failure.set(None);
                        view.set(Some(found));
                        tick.set(*tick + 1);
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
                busy.set(false);
            });
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |value: String| filter.set(RowOutcome::parse(&value)))
    };
    let more = {
        let (next, filter) = (next.clone(), filter.clone());
        Callback::from(move |_: MouseEvent| load_rows(*filter, *next))
    };
    let Some(import) = (*view).clone() else {
        return html! {
            <section class="card">
                <PageTitle title={t(lang, "import-title")} />
                if let Some(message) = &*failure {
                    <Alert message={message.clone()} />
                } else {
                    <p role="status">{ t(lang, "loading") }</p>
                }
            </section>
        };
    };
    let mut filters = vec![(
        AttrValue::Static(""),
        AttrValue::from(t(lang, "imports-every-row")),
    )];
    filters.extend(RowOutcome::ALL.iter().map(|o| {
        (
            AttrValue::Static(o.as_str()),
            AttrValue::from(o.text().say(lang)),
        )
    }));
    let planned = import.planned;
    let written = import.applied.total();
    let to_write = planned.create + planned.update;
    html! {
        <>
            <section class="card">
                <PageTitle title={Text::new("import-title-of").with("file", import.file_name.clone()).say(lang)} />
                <p><Link<Route> to={Route::AdminImports}>{ t(lang, "imports-back") }</Link<Route>></p>
                <dl class="facts">
                    <dt>{ t(lang, "imports-kind") }</dt><dd>{ import.kind.text().say(lang) }</dd>
                    <dt>{ t(lang, "imports-status") }</dt><dd>{ import.status.text().say(lang) }</dd>
                    <dt>{ t(lang, "imports-read-as") }</dt>
                    <dd>{ Text::new("imports-encoding").with("encoding", import.encoding.clone()).with("delimiter", import.delimiter.clone()).say(lang) }</dd>
                    <dt>{ t(lang, "imports-uploaded") }</dt>
                    <dd>{ format!("{}, {}", import.uploaded_by_name, format::date(import.uploaded_at.date_naive(), lang)) }</dd>
                    if !import.ignored_columns.is_empty() {
                        <dt>{ t(lang, "imports-ignored") }</dt><dd>{ import.ignored_columns.join(", ") }</dd>
                    }
                </dl>
                if let Some(message) = &*failure {
                    <Alert message={message.clone()} />
                }
                { match import.status {
                    ImportStatus::Checked => html! {
                        <>
                            <p class="lead" id="import-plan">{ Text::new("imports-plan").with("rows", import.rows).with("counts", counts_text(&planned, lang)).say(lang) }</p>
                            if planned.refused > 0 {
                                <p>{ Text::new("imports-refused-note").with("refused", planned.refused).say(lang) }</p>
                            }
                            <div class="actions">
                                <button type="button" class="button" disabled={*busy || to_write == 0} onclick={act(true)}>
                                    { Text::new("imports-confirm").with("rows", to_write).say(lang) }
                                </button>
                                <button type="button" class="button button--quiet" disabled={*busy} onclick={act(false)}>
                                    { t(lang, "imports-discard") }
                                </button>
                            </div>
                        </>
                    },
                    ImportStatus::Applying => html! {
                        <div role="status" aria-live="polite">
                            <progress max={import.rows.to_string()} value={written.to_string()} aria-label={t(lang, "imports-writing")}></progress>
                            { " " }{ Text::new("imports-progress").with("done", written).with("rows", import.rows).say(lang) }
                        </div>
                    },
                    ImportStatus::Applied => html! {
                        <p role="status" class="lead">
                            { Text::new("imports-done").with("counts", counts_text(&import.applied, lang)).with("invited", import.invited).say(lang) }
                        </p>
                    },
                    ImportStatus::Discarded => html! { <p>{ t(lang, "imports-discarded") }</p> },
                } }
            </section>
            <section class="card" aria-labelledby="import-rows-heading">
                <h2 id="import-rows-heading">{ t(lang, "imports-rows-heading") }</h2>
                <SelectField name="outcome" label={t(lang, "imports-show")} options={filters}
                    value={AttrValue::Static(filter.map_or("", RowOutcome::as_str))} on_change={on_filter} />
                if rows.is_empty() {
                    <p>{ t(lang, "imports-no-rows") }</p>
                } else {
                    <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "imports-rows-heading")}>
                        <table class="table table--cards">
                            <thead><tr>
                                <th scope="col">{ t(lang, "imports-line") }</th>
                                <th scope="col">{ t(lang, "imports-subject") }</th>
                                <th scope="col">{ t(lang, "imports-outcome") }</th>
                                <th scope="col">{ t(lang, "imports-why") }</th>
                            </tr></thead>
                            <tbody>
                                { for rows.iter().map(|row| html! {
                                    <tr class={classes!((row.outcome == RowOutcome::Refused).then_some("row--refused"))}>
                                        <td data-label={t(lang, "imports-line")}>{ row.line }</td>
                                        <td data-label={t(lang, "imports-subject")}>{ &row.subject }</td>
                                        <td data-label={t(lang, "imports-outcome")}>{ outcome_badge(row.applied.unwrap_or(row.outcome), lang) }</td>
                                        <td data-label={t(lang, "imports-why")}>{ why(row, lang) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
                if next.is_some() {
                    <button type="button" class="button button--quiet" onclick={more}>{ t(lang, "imports-more") }</button>
                }
            </section>
        </>
    }
}
