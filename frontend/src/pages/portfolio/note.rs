//! The note to reviewers under each section.

use crate::api;
use crate::components::Alert;
use crate::i18n::{t, Text};
use crate::session::{authorized, use_session};
use endorse_shared::entries::{EditableSection, NoteRequest, SectionNote, NOTE_MAX_CHARS};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`NoteEditor`].
#[derive(Properties, PartialEq)]
pub struct NoteEditorProps {
    /// The section.
    pub section: EditableSection,
    /// The note as stored, if any.
    pub note: Option<SectionNote>,
    /// Called after a save.
    pub on_saved: Callback<()>,
}

/// A note to reviewers, saved with its version.
#[function_component(NoteEditor)]
pub fn note_editor(props: &NoteEditorProps) -> Html {
    let session = use_session();
    let lang = crate::i18n::use_lang();
    let text = use_state(|| {
        props
            .note
            .as_ref()
            .map(|n| n.note.clone())
            .unwrap_or_default()
    });
    let message = use_state(|| None::<(bool, String)>);
    let id = format!("note-{}", props.section);
    let on_input = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            text.set(area.value());
        })
    };
    let on_save = {
        let (session, text, message, on_saved) = (
            session.clone(),
            text.clone(),
            message.clone(),
            props.on_saved.clone(),
        );
        let (section, version) = (props.section, props.note.as_ref().map_or(0, |n| n.version));
        Callback::from(move |_: MouseEvent| {
            let request = NoteRequest {
                note: (*text).clone(),
            };
            let (session, message, on_saved) = (session.clone(), message.clone(), on_saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let saved = authorized(&session, |token| {
                    let request = request.clone();
                    async move { api::put_note(&token, section, version, &request).await }
                })
                .await;
                match saved {
                    Ok(_) => {
                        message.set(Some((true, t(lang, "note-saved"))));
                        on_saved.emit(());
                    }
                    Err(error) => message.set(Some((false, error.message()))),
                }
            });
        })
    };
    let count = text.chars().count();
    html! {
        <details class="note" open={props.note.as_ref().is_some_and(|n| !n.note.is_empty())}>
            <summary>{ t(lang, "note-to-reviewers") }</summary>
            <div class="field">
                <label for={id.clone()} class="visually-hidden">{ Text::new("note-on").with("section", props.section.text()).say(lang) }</label>
                <textarea id={id} rows="3" value={(*text).clone()} oninput={on_input} maxlength={NOTE_MAX_CHARS.to_string()} />
                <p class="field__hint">{ Text::new("note-count").with("count", count).with("max", NOTE_MAX_CHARS).say(lang) }</p>
            </div>
            if let Some((ok, words)) = &*message {
                <Alert kind={if *ok { "success" } else { "error" }} message={words.clone()} />
            }
            <button type="button" class="button button--secondary" onclick={on_save}>{ t(lang, "note-save") }</button>
        </details>
    }
}
