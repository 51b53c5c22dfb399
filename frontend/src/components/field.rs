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
    /// Messages to show under the field.
    #[prop_or_default]
    pub errors: Vec<String>,
}

/// A labelled select.
#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let id = format!("field-{}", props.name);
    let error_id = format!("{id}-error");
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
            <select
                id={id}
                name={props.name.clone()}
                onchange={on_change}
                aria-invalid={(!props.errors.is_empty()).then_some("true")}
                aria-describedby={(!props.errors.is_empty()).then(|| error_id.clone())}
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
