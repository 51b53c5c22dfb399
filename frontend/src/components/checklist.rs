//! The requirement checklist of one category: a progress bar per requirement and
//! every shortfall in plain words.

use crate::i18n::{t, Text};
use endorse_shared::eligibility::{EligibilityReport, Unit};
use yew::prelude::*;

/// Props of [`Checklist`].
#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    /// The report to show.
    pub report: EligibilityReport,
    /// What the holder may do once every requirement is met: `apply`, or
    /// `renew` (submit a renewal or reinstatement).
    #[prop_or(AttrValue::Static("apply"))]
    pub action: AttrValue,
    /// Whether the heading shows the category's code after its name.
    #[prop_or(true)]
    pub show_code: bool,
    /// The heading's id (unique on the page).
    #[prop_or(AttrValue::Static("checklist-heading"))]
    pub heading_id: AttrValue,
}

/// The checklist.
#[function_component(Checklist)]
pub fn checklist(props: &ChecklistProps) -> Html {
    let lang = crate::i18n::use_lang();
    let report = &props.report;
    let short = report.short_lines().count();
    html! {
        <section class="card checklist" aria-labelledby={props.heading_id.clone()}>
            <h2 id={props.heading_id.clone()} tabindex="-1">
                { if props.show_code { format!("{} ({})", report.category_name, report.category) } else { report.category_name.clone() } }
            </h2>
            <p class={classes!("verdict", if report.eligible { "verdict--met" } else { "verdict--short" })} role="status" aria-live="polite">
                { if report.eligible {
                    t(lang, if props.action == "renew" { "checklist-met-renew" } else { "checklist-met-apply" })
                } else {
                    Text::new("checklist-short").with("count", short).say(lang)
                } }
            </p>
            <ul class="requirements">
                { for report.lines.iter().map(|line| {
                    let (reached, required) = match line.unit {
                        Unit::QuarterHours => (f64::from(line.reached) / 4.0, f64::from(line.required) / 4.0),
                        _ => (f64::from(line.reached), f64::from(line.required)),
                    };
                    let max = required.max(1.0);
                    html! {
                        <li class={classes!("requirement", if line.met { "requirement--met" } else { "requirement--short" })}>
                            <div class="requirement__head">
                                <span class="requirement__mark" aria-hidden="true">{ if line.met { "✓" } else { "•" } }</span>
                                <span class="requirement__summary">{ &line.summary }</span>
                                <span class="visually-hidden">{ " " }{ t(lang, if line.met { "checklist-line-met" } else { "checklist-line-short" }) }</span>
                            </div>
                            <progress max={max.to_string()} value={reached.min(max).to_string()} aria-label={line.label.clone()}></progress>
                            if let Some(shortfall) = &line.shortfall {
                                <p class="requirement__shortfall">{ shortfall }</p>
                            }
                        </li>
                    }
                }) }
            </ul>
            if report.exam_required {
                <p class="muted">{ t(lang, "checklist-exam") }</p>
            }
        </section>
    }
}
