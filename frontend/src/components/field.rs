//! Labelled form fields that show their errors beside them, tied together with
//! `aria-describedby` and `aria-invalid` so screen readers announce them.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`TextField`].
#[derive(Properties, PartialEq, Clone)]
pub struct TextFieldProps {
    /// The field's name; also its id and the key of its API errors.
    pub name: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// The input type: text, email, password, search…
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    /// The current value.
    pub value: AttrValue,
    /// Called with the new value on every keystroke.
    pub on_change: Callback<String>,
    /// Messages to show under the field.
    #[prop_or_default]
    pub errors: Vec<String>,
    /// A hint under the label.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The autocomplete token.
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// Whether the field must be filled.
    #[prop_or(true)]
    pub required: bool,
    /// For numbers: the step (e.g. `0.25`).
    #[prop_or_default]
    pub step: Option<AttrValue>,
}

/// A labelled input.
#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let id = format!("field-{}", props.name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let mut described = Vec::new();
    if props.hint.is_some() {
        described.push(hint_id.clone());
    }
    if !props.errors.is_empty() {
        described.push(error_id.clone());
    }
    let on_input = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_change.emit(input.value());
        })
    };
    html! {
        <div class={classes!("field", (!props.errors.is_empty()).then_some("field--invalid"))}>
            <label for={id.clone()}>{ &props.label }</label>
            if let Some(hint) = &props.hint {
                <p class="field__hint" id={hint_id}>{ hint }</p>
            }
            <input
                id={id}
                name={props.name.clone()}
                type={props.kind.clone()}
                value={props.value.clone()}
                oninput={on_input}
                required={props.required}
                autocomplete={props.autocomplete.clone()}
                step={props.step.clone()}
                min={props.step.as_ref().map(|_| "0")}
                aria-invalid={(!props.errors.is_empty()).then_some("true")}
                aria-describedby={(!described.is_empty()).then(|| described.join(" "))}
            />
            <FieldErrors id={error_id} errors={props.errors.clone()} />
        </div>
    }
}

/// Props of [`SelectField`].
#[derive(Properties, PartialEq, Clone)]
pub struct SelectFieldProps {
    /// The field's name and id.
    pub name: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// `(value, label)` pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The selected value.
    pub value: AttrValue,
    /// Called with the chosen value.
    pub on_change: Callback<String>,
    /// A hint under the label.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Messages to show under the field.
    #[prop_or_default]
    pub errors: Vec<String>,
}

/// A labelled select.
#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let id = format!("field-{}", props.name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let mut described = Vec::new();
    if props.hint.is_some() {
        described.push(hint_id.clone());
    }
    if !props.errors.is_empty() {
        described.push(error_id.clone());
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    let on_change = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            on_change.emit(select.value());
        })
    };
    html! {
        <div class={classes!("field", (!props.errors.is_empty()).then_some("field--invalid"))}>
            <label for={id.clone()}>{ &props.label }</label>
            if let Some(hint) = &props.hint {
                <p class="field__hint" id={hint_id}>{ hint }</p>
            }
            <select
                id={id}
                name={props.name.clone()}
                onchange={on_change}
                aria-invalid={(!props.errors.is_empty()).then_some("true")}
                aria-describedby={described}
            >
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == props.value}>{ label }</option>
                }) }
            </select>
            <FieldErrors id={error_id} errors={props.errors.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FieldErrorsProps {
    id: String,
    errors: Vec<String>,
}

#[function_component(FieldErrors)]
fn field_errors(props: &FieldErrorsProps) -> Html {
    if props.errors.is_empty() {
        return html! {};
    }
    html! {
        <ul class="field__errors" id={props.id.clone()}>
            { for props.errors.iter().map(|message| html! { <li>{ message }</li> }) }
        </ul>
    }
}

/// Props of [`Alert`].
#[derive(Properties, PartialEq)]
pub struct AlertProps {
    /// `error` or `success`.
    #[prop_or(AttrValue::Static("error"))]
    pub kind: AttrValue,
    /// The message.
    pub message: AttrValue,
}

/// A message announced to screen readers as soon as it appears.
#[function_component(Alert)]
pub fn alert(props: &AlertProps) -> Html {
    let role = if props.kind == "error" {
        "alert"
    } else {
        "status"
    };
    html! {
        <div class={classes!("alert", format!("alert--{}", props.kind))} role={role}>
            { props.message.clone() }
        </div>
    }
}

/// Props of [`CheckGroup`].
#[derive(Properties, PartialEq, Clone)]
pub struct CheckGroupProps {
    /// The group's name and id.
    pub name: AttrValue,
    /// The legend.
    pub label: AttrValue,
    /// `(value, label)` pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The values checked.
    pub checked: Vec<String>,
    /// Called with the new set of checked values.
    pub on_change: Callback<Vec<String>>,
    /// Messages to show under the group.
    #[prop_or_default]
    pub errors: Vec<String>,
}

/// A fieldset of checkboxes.
#[function_component(CheckGroup)]
pub fn check_group(props: &CheckGroupProps) -> Html {
    let error_id = format!("field-{}-error", props.name);
    html! {
        <fieldset class={classes!("field", "checks", (!props.errors.is_empty()).then_some("field--invalid"))}
            aria-describedby={(!props.errors.is_empty()).then(|| error_id.clone())}>
            <legend>{ &props.label }</legend>
            { for props.options.iter().map(|(value, label)| {
                let id = format!("field-{}-{}", props.name, value);
                let is_checked = props.checked.iter().any(|c| c.as_str() == value.as_str());
                let onchange = {
                    let checked = props.checked.clone();
                    let value = value.to_string();
                    let on_change = props.on_change.clone();
                    Callback::from(move |_: Event| {
                        let mut next: Vec<String> = checked.iter().filter(|c| **c != value).cloned().collect();
                        if !is_checked {
                            next.push(value.clone());
                        }
                        on_change.emit(next);
                    })
                };
                html! {
                    <label class="check" for={id.clone()}>
                        <input type="checkbox" id={id} checked={is_checked} {onchange} />
                        <span>{ label }</span>
                    </label>
                }
            }) }
            <FieldErrors id={error_id} errors={props.errors.clone()} />
        </fieldset>
    }
}
