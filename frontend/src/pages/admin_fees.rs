//! Admins and the treasurer: a person's fees on their page (a payment made
//! outside Endorse recorded, a fee waived with its reason), and the payments
//! page with totals by month, fee and method, and the CSV.

use crate::api;
use crate::components::fees::{amount_text, holds_up_text, status_badge, ReceiptButton};
use crate::components::{Alert, PageTitle, SelectField, TextField};
use crate::i18n::{said, t, Text};
use crate::route::Route;
use crate::session::{authorized, use_session};
use endorse_shared::fees::{
    money, Amount, FeeKind, FeeLine, FeeStatus, FeesResponse, OfflineMethod, PaymentRecord,
    PaymentTotal, PaymentsPage, PaymentsQuery, RecordPaymentRequest, WaiveFeeRequest,
};
use endorse_shared::i18n::{format, Lang};
use endorse_shared::users::UserResponse;
use endorse_shared::Role;
use std::collections::BTreeMap;
use yew::prelude::*;
use yew_router::prelude::*;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// What the admin is doing to one fee.
#[derive(Clone, PartialEq)]
enum Settling {
    Recording {
        line: FeeLine,
        method: String,
        amount: String,
        reference: String,
        paid_on: String,
    },
    Waiving {
        line: FeeLine,
        reason: String,
    },
}

/// Props of [`PersonFees`].
#[derive(Properties, PartialEq)]
pub struct PersonFeesProps {
    /// The person.
    pub user: UserResponse,
}

/// A person's fees, on their page: each with its status, and for a fee
/// still due the admin's two ways to settle it.
#[function_component(PersonFees)]
pub fn person_fees(props: &PersonFeesProps) -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let fees = use_state(|| None::<FeesResponse>);
    let failure = use_state(|| None::<String>);
    let notice = use_state(|| None::<String>);
    let settling = use_state(|| None::<Settling>);
    let errors = use_state(BTreeMap::<String, Vec<String>>::new);
    let busy = use_state(|| false);
    let reload = use_state(|| 0u32);
    let person = props.user.id;
    {
        let (session, fees, failure) = (session.clone(), fees.clone(), failure.clone());
        use_effect_with((person, *reload), move |(person, _)| {
            let person = *person;
            wasm_bindgen_futures::spawn_local(async move {
                match authorized(&session, |token| async move {
                    api::person_fees(&token, person).await
                })
                .await
                {
                    Ok(found) => fees.set(Some(found)),
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        });
    }
    let start = |record: bool, line: &FeeLine| {
        let (settling, errors, notice, line) = (
            settling.clone(),
            errors.clone(),
            notice.clone(),
            line.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            errors.set(BTreeMap::new());
            notice.set(None);
            settling.set(Some(if record {
                Settling::Recording {
                    amount: line.amount.to_string(),
                    line: line.clone(),
                    method: "check".into(),
                    reference: String::new(),
                    paid_on: today().to_string(),
                }
            } else {
                Settling::Waiving {
                    line: line.clone(),
                    reason: String::new(),
                }
            }));
        })
    };
    let set = |apply: fn(&mut Settling, String)| {
        let settling = settling.clone();
        Callback::from(move |value: String| {
            if let Some(mut now) = (*settling).clone() {
                apply(&mut now, value);
                settling.set(Some(now));
            }
        })
    };
    let on_cancel = {
        let (settling, errors) = (settling.clone(), errors.clone());
        Callback::from(move |_: MouseEvent| {
            settling.set(None);
            errors.set(BTreeMap::new());
        })
    };
    let on_submit = {
        let (session, settling, errors, failure, notice, busy, reload) = (
            session.clone(),
            settling.clone(),
            errors.clone(),
            failure.clone(),
            notice.clone(),
            busy.clone(),
            reload.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(now) = (*settling).clone() else {
                return;
            };
            // The shared rules first: nothing is sent that they refuse.
            let request = match request_of(&now, lang) {
                Ok(request) => request,
                Err(found) => {
                    errors.set(found);
                    failure.set(Some(t(lang, "form-correct")));
                    return;
                }
            };
            let (session, settling, errors, failure, notice, busy, reload) = (
                session.clone(),
                settling.clone(),
                errors.clone(),
                failure.clone(),
                notice.clone(),
                busy.clone(),
                reload.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let answer = authorized(&session, |token| {
                    let request = request.clone();
                    async move {
                        match request {
                            Request::Paid(body) => api::record_payment(&token, person, &body).await,
                            Request::Waived(body) => api::waive_fee(&token, person, &body).await,
                        }
                    }
                })
                .await;
                match answer {
                    Ok(line) => {
                        let key = if line.status == FeeStatus::Waived {
                            "person-fees-waived"
                        } else {
                            "person-fees-recorded"
                        };
                        notice.set(Some(
                            Text::new(key)
                                .with("fee", line.description.as_str())
                                .say(lang),
                        ));
                        failure.set(None);
                        errors.set(BTreeMap::new());
                        settling.set(None);
                        reload.set(*reload + 1);
                    }
                    Err(error) => {
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                    }
                }
                busy.set(false);
            });
        })
    };
    let field_errors = |name: &str| errors.get(name).cloned().unwrap_or_default();
    let form = match &*settling {
        None => html! {},
        Some(Settling::Recording {
            line,
            method,
            amount,
            reference,
            paid_on,
        }) => {
            let methods = [
                ("check", "payment-check"),
                ("bank_transfer", "payment-bank-transfer"),
                ("cash", "payment-cash"),
            ]
            .into_iter()
            .map(|(value, key)| (AttrValue::Static(value), AttrValue::from(t(lang, key))))
            .collect::<Vec<_>>();
            html! {
                <form class="subform" onsubmit={on_submit.clone()} novalidate=true aria-labelledby="settle-heading">
                    <h3 id="settle-heading">{ Text::new("person-fees-record-heading").with("fee", line.description.as_str()).say(lang) }</h3>
                    <SelectField name="method" label={t(lang, "person-fees-method")} options={methods}
                        value={AttrValue::from(method.clone())}
                        on_change={set(|s, v| if let Settling::Recording { method, .. } = s { *method = v })}
                        errors={field_errors("method")} />
                    <TextField name="amount" label={Text::new("person-fees-amount").with("currency", line.currency.as_str()).say(lang)}
                        hint={AttrValue::from(Text::new("person-fees-amount-hint").with("amount", amount_text(line, lang)).say(lang))}
                        value={AttrValue::from(amount.clone())} autocomplete="off"
                        on_change={set(|s, v| if let Settling::Recording { amount, .. } = s { *amount = v })}
                        errors={field_errors("amount")} />
                    <TextField name="reference" label={t(lang, "person-fees-reference")}
                        hint={AttrValue::from(t(lang, "person-fees-reference-hint"))}
                        value={AttrValue::from(reference.clone())} autocomplete="off"
                        on_change={set(|s, v| if let Settling::Recording { reference, .. } = s { *reference = v })}
                        errors={field_errors("reference")} />
                    <TextField name="paid_on" kind="date" label={t(lang, "person-fees-paid-on")}
                        value={AttrValue::from(paid_on.clone())}
                        on_change={set(|s, v| if let Settling::Recording { paid_on, .. } = s { *paid_on = v })}
                        errors={field_errors("paid_on")} />
                    <p class="actions">
                        <button type="submit" class="button" disabled={*busy}>{ t(lang, "person-fees-record-save") }</button>
                        <button type="button" class="button button--quiet" onclick={on_cancel.clone()}>{ t(lang, "person-fees-cancel") }</button>
                    </p>
                </form>
            }
        }
        Some(Settling::Waiving { line, reason }) => html! {
            <form class="subform" onsubmit={on_submit.clone()} novalidate=true aria-labelledby="settle-heading">
                <h3 id="settle-heading">{ Text::new("person-fees-waive-heading").with("fee", line.description.as_str()).say(lang) }</h3>
                <TextField name="reason" label={t(lang, "person-fees-reason")}
                    hint={AttrValue::from(t(lang, "person-fees-reason-hint"))}
                    value={AttrValue::from(reason.clone())} autocomplete="off"
                    on_change={set(|s, v| if let Settling::Waiving { reason, .. } = s { *reason = v })}
                    errors={field_errors("reason")} />
                <p class="actions">
                    <button type="submit" class="button button--danger" disabled={*busy}>{ t(lang, "person-fees-waive-save") }</button>
                    <button type="button" class="button button--quiet" onclick={on_cancel}>{ t(lang, "person-fees-cancel") }</button>
                </p>
            </form>
        },
    };
    let open = (*settling).is_some();
    html! {
        <section class="card" aria-labelledby="person-fees-heading">
            <h2 id="person-fees-heading">{ t(lang, "person-fees-heading") }</h2>
            if let Some(message) = &*notice {
                <p class="notice" role="status">{ message }</p>
            }
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            {
                match &*fees {
                    None => html! { <p role="status">{ t(lang, "loading") }</p> },
                    Some(found) if found.fees.is_empty() => html! { <p class="muted">{ t(lang, "person-fees-none") }</p> },
                    Some(found) => html! {
                        <ul class="fee-list">
                            { for found.fees.iter().map(|line| html! {
                                <li>
                                    <div>
                                        <strong>{ &line.description }</strong>{ " " }
                                        { amount_text(line, lang) }{ " " }
                                        { status_badge(line.status, lang) }
                                    </div>
                                    if line.status == FeeStatus::Due && line.blocks {
                                        <div class="muted">{ holds_up_text(line.kind, lang) }</div>
                                    }
                                    if let Some(settlement) = &line.settlement {
                                        <div class="muted">
                                            { Text::new("fees-paid-on").with("method", settlement.method.text()).with("day", format::date(settlement.paid_on, lang)).say(lang) }
                                            if let Some(reference) = &settlement.reference { { " · " }<span class="break">{ reference }</span> }
                                            if let Some(reason) = &settlement.reason { { " · " }{ reason } }
                                        </div>
                                        if let Some(number) = &settlement.receipt_number {
                                            <ReceiptButton payment={settlement.id} number={AttrValue::from(number.clone())} />
                                        }
                                    }
                                    if line.status == FeeStatus::Due && !open {
                                        <p class="actions">
                                            <button type="button" class="button button--secondary" onclick={start(true, line)}
                                                aria-label={Text::new("person-fees-record-named").with("fee", line.description.as_str()).say(lang)}>
                                                { t(lang, "person-fees-record") }
                                            </button>
                                            <button type="button" class="button button--quiet" onclick={start(false, line)}
                                                aria-label={Text::new("person-fees-waive-named").with("fee", line.description.as_str()).say(lang)}>
                                                { t(lang, "person-fees-waive") }
                                            </button>
                                        </p>
                                    }
                                </li>
                            }) }
                        </ul>
                    },
                }
            }
            { form }
        </section>
    }
}

#[derive(Clone)]
enum Request {
    Paid(RecordPaymentRequest),
    Waived(WaiveFeeRequest),
}

/// The request a form makes, or its fields' problems by the shared rules.
fn request_of(now: &Settling, lang: Lang) -> Result<Request, BTreeMap<String, Vec<String>>> {
    match now {
        Settling::Recording {
            line,
            method,
            amount,
            reference,
            paid_on,
        } => {
            let mut errors = endorse_shared::entries::FieldErrors::new();
            let amount = amount.trim().parse::<Amount>().ok();
            let paid_on = paid_on.parse::<chrono::NaiveDate>().ok();
            let method = match method.as_str() {
                "bank_transfer" => OfflineMethod::BankTransfer,
                "cash" => OfflineMethod::Cash,
                _ => OfflineMethod::Check,
            };
            if amount.is_none() {
                errors
                    .entry("amount".into())
                    .or_default()
                    .push(Text::new("field-not-an-amount"));
            }
            if paid_on.is_none() {
                errors
                    .entry("paid_on".into())
                    .or_default()
                    .push(Text::new("field-not-a-date"));
            }
            let request = RecordPaymentRequest {
                fee: line.key.clone(),
                method,
                amount: amount.unwrap_or(line.amount),
                reference: reference.clone(),
                paid_on: paid_on.unwrap_or_else(today),
            };
            for (field, problems) in request.problems(today()) {
                errors.entry(field).or_default().extend(problems);
            }
            if errors.is_empty() {
                Ok(Request::Paid(request))
            } else {
                Err(said(errors, lang))
            }
        }
        Settling::Waiving { line, reason } => {
            let request = WaiveFeeRequest {
                fee: line.key.clone(),
                reason: reason.clone(),
            };
            let errors = request.problems();
            if errors.is_empty() {
                Ok(Request::Waived(request))
            } else {
                Err(said(errors, lang))
            }
        }
    }
}

/// The treasurer's page: totals by month, fee and method over the chosen
/// days, the payments themselves newest first, and the same as CSV.
#[function_component(AdminPayments)]
pub fn admin_payments() -> Html {
    let lang = crate::i18n::use_lang();
    let session = use_session();
    let query = use_state(PaymentsQuery::default);
    let draft = use_state(PaymentsQuery::default);
    let page = use_state(|| None::<PaymentsPage>);
    let more = use_state(Vec::<PaymentRecord>::new);
    let failure = use_state(|| None::<String>);
    let errors = use_state(BTreeMap::<String, Vec<String>>::new);
    let load = {
        let (session, page, more, failure, errors) = (
            session.clone(),
            page.clone(),
            more.clone(),
            failure.clone(),
            errors.clone(),
        );
        move |query: PaymentsQuery, append: bool| {
            let (session, page, more, failure, errors) = (
                session.clone(),
                page.clone(),
                more.clone(),
                failure.clone(),
                errors.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let found = authorized(&session, |token| {
                    let query = query.clone();
                    async move { api::payments(&token, &query).await }
                })
                .await;
                match found {
                    Ok(found) => {
                        failure.set(None);
                        errors.set(BTreeMap::new());
                        if append {
                            let mut list = (*more).clone();
                            list.extend(found.payments.iter().cloned());
                            more.set(list);
                            if let Some(mut shown) = (*page).clone() {
                                shown.next = found.next;
                                page.set(Some(shown));
                            }
                        } else {
                            more.set(found.payments.clone());
                            page.set(Some(found));
                        }
                    }
                    Err(error) => {
                        errors.set(error.field_errors());
                        failure.set(Some(error.message()));
                    }
                }
            });
        }
    };
    {
        let load = load.clone();
        use_effect_with((*query).clone(), move |query| load(query.clone(), false));
    }
    let Some(signed_in) = session.session().cloned() else {
        return html! { <Redirect<Route> to={Route::SignIn} /> };
    };
    if signed_in.user.role != Role::Admin {
        return html! {
            <section class="card card--narrow">
                <PageTitle title={t(lang, "payments-title")} />
                <Alert message={t(lang, "users-only-admin")} />
            </section>
        };
    }
    let set_day = |apply: fn(&mut PaymentsQuery, Option<chrono::NaiveDate>)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            apply(&mut next, value.parse().ok());
            draft.set(next);
        })
    };
    let on_kind = {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            next.kind = FeeKind::parse(&value);
            draft.set(next);
        })
    };
    let on_filter = {
        let (query, draft) = (query.clone(), draft.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            query.set(PaymentsQuery {
                before: None,
                ..(*draft).clone()
            });
        })
    };
    let older = {
        let (query, page) = (query.clone(), page.clone());
        Callback::from(move |_: MouseEvent| {
            let before = (*page).as_ref().and_then(|p| p.next.clone());
            load(
                PaymentsQuery {
                    before,
                    ..(*query).clone()
                },
                true,
            )
        })
    };
    let download = {
        let (session, failure, query) = (session.clone(), failure.clone(), query.clone());
        Callback::from(move |_: MouseEvent| {
            let (session, failure, query) = (session.clone(), failure.clone(), (*query).clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = authorized(&session, |token| {
                    let query = query.clone();
                    async move { api::payments_csv(&token, &query).await }
                })
                .await;
                match result {
                    Ok(csv) => {
                        failure.set(
                            crate::download::save_text("payments.csv", "text/csv", &csv).err(),
                        );
                    }
                    Err(error) => failure.set(Some(error.message())),
                }
            });
        })
    };
    let mut kinds = vec![(
        AttrValue::Static(""),
        AttrValue::from(t(lang, "payments-any-fee")),
    )];
    kinds.extend(FeeKind::ALL.iter().map(|k| {
        (
            AttrValue::Static(k.as_str()),
            AttrValue::from(k.text().say(lang)),
        )
    }));
    let day = |d: Option<chrono::NaiveDate>| {
        AttrValue::from(d.map(|d| d.to_string()).unwrap_or_default())
    };
    let field_errors = |name: &str| errors.get(name).cloned().unwrap_or_default();
    html! {
        <>
            <PageTitle title={t(lang, "payments-title")} />
            <section class="card" aria-labelledby="payments-filters">
                <h2 id="payments-filters">{ t(lang, "payments-filters") }</h2>
                <form class="toolbar toolbar--wrap" onsubmit={on_filter}>
                    <TextField name="from" kind="date" label={t(lang, "payments-from")} required={false}
                        value={day(draft.from)} on_change={set_day(|q, d| q.from = d)} errors={field_errors("from")} />
                    <TextField name="to" kind="date" label={t(lang, "payments-to")} required={false}
                        value={day(draft.to)} on_change={set_day(|q, d| q.to = d)} errors={field_errors("to")} />
                    <SelectField name="kind" label={t(lang, "payments-fee")} options={kinds}
                        value={AttrValue::from(draft.kind.map(|k| k.as_str()).unwrap_or_default())} on_change={on_kind}
                        errors={field_errors("kind")} />
                    <button type="submit" class="button button--secondary">{ t(lang, "payments-show") }</button>
                </form>
                <p><button type="button" class="button button--quiet" onclick={download}>{ t(lang, "payments-download") }</button></p>
            </section>
            if let Some(message) = &*failure {
                <Alert message={message.clone()} />
            }
            {
                match &*page {
                    None => html! { <p role="status">{ t(lang, "loading") }</p> },
                    Some(found) => html! {
                        <>
                            <section class="card" aria-labelledby="payments-totals">
                                <h2 id="payments-totals">{ t(lang, "payments-totals") }</h2>
                                { totals_table(&found.totals, lang) }
                            </section>
                            <section class="card" aria-labelledby="payments-list">
                                <h2 id="payments-list">{ t(lang, "payments-list") }</h2>
                                { payments_table(&more, lang) }
                                if found.next.is_some() {
                                    <p><button type="button" class="button button--secondary" onclick={older}>{ t(lang, "payments-older") }</button></p>
                                }
                            </section>
                        </>
                    },
                }
            }
        </>
    }
}

fn totals_table(totals: &[PaymentTotal], lang: Lang) -> Html {
    if totals.is_empty() {
        return html! { <p role="status">{ t(lang, "payments-none") }</p> };
    }
    // The sum of each currency over the period, under the months.
    let mut sums: BTreeMap<&str, (u64, i64)> = BTreeMap::new();
    for total in totals {
        let sum = sums.entry(total.currency.as_str()).or_default();
        sum.0 += total.count;
        sum.1 += total.amount.hundredths();
    }
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "payments-totals")}>
            <table class="table table--cards">
                <thead><tr>
                    <th scope="col">{ t(lang, "payments-month") }</th>
                    <th scope="col">{ t(lang, "payments-fee") }</th>
                    <th scope="col">{ t(lang, "payments-method") }</th>
                    <th scope="col">{ t(lang, "payments-count") }</th>
                    <th scope="col">{ t(lang, "payments-amount") }</th>
                </tr></thead>
                <tbody>
                    { for totals.iter().map(|total| html! {
                        <tr>
                            <td data-label={t(lang, "payments-month")}>{ format::month_year(total.month, lang) }</td>
                            <td data-label={t(lang, "payments-fee")}>{ total.kind.text().say(lang) }</td>
                            <td data-label={t(lang, "payments-method")}>{ total.method.text().say(lang) }</td>
                            <td data-label={t(lang, "payments-count")}>{ total.count }</td>
                            <td data-label={t(lang, "payments-amount")}>{ money(total.amount, &total.currency, lang) }</td>
                        </tr>
                    }) }
                    { for sums.iter().map(|(currency, (count, hundredths))| html! {
                        <tr class="table__total">
                            <th scope="row" data-label={t(lang, "payments-month")}>{ t(lang, "payments-all") }</th>
                            <td data-label={t(lang, "payments-fee")}></td>
                            <td data-label={t(lang, "payments-method")}></td>
                            <td data-label={t(lang, "payments-count")}>{ count }</td>
                            <td data-label={t(lang, "payments-amount")}>{ money(Amount::from_hundredths(*hundredths), currency, lang) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn payments_table(payments: &[PaymentRecord], lang: Lang) -> Html {
    if payments.is_empty() {
        return html! { <p role="status">{ t(lang, "payments-none") }</p> };
    }
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={t(lang, "payments-list")}>
            <table class="table table--cards">
                <thead><tr>
                    <th scope="col">{ t(lang, "payments-day") }</th>
                    <th scope="col">{ t(lang, "payments-person") }</th>
                    <th scope="col">{ t(lang, "payments-fee") }</th>
                    <th scope="col">{ t(lang, "payments-method") }</th>
                    <th scope="col">{ t(lang, "payments-amount") }</th>
                    <th scope="col">{ t(lang, "payments-receipt") }</th>
                </tr></thead>
                <tbody>
                    { for payments.iter().map(|p| {
                        let s = &p.settlement;
                        html! {
                            <tr>
                                <td data-label={t(lang, "payments-day")}>{ format::date(s.paid_on, lang) }</td>
                                <td data-label={t(lang, "payments-person")}>
                                    <Link<Route> to={Route::AdminUser { id: p.person.to_string() }}>{ &p.person_name }</Link<Route>>
                                </td>
                                <td data-label={t(lang, "payments-fee")}>{ p.kind.text().say(lang) }{ " (" }{ &p.category }{ ")" }</td>
                                <td data-label={t(lang, "payments-method")}>
                                    { s.method.text().say(lang) }
                                    if let Some(reference) = &s.reference { <div class="muted break">{ reference }</div> }
                                    if let Some(reason) = &s.reason { <div class="muted">{ reason }</div> }
                                </td>
                                <td data-label={t(lang, "payments-amount")}>{ money(s.amount, &s.currency, lang) }</td>
                                <td data-label={t(lang, "payments-receipt")}>
                                    if let Some(number) = &s.receipt_number {
                                        <ReceiptButton payment={s.id} number={AttrValue::from(number.clone())} />
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
