//! Previous / next through the pages of a list.

use yew::prelude::*;

/// Props of [`Pager`].
#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// The page shown, from 1.
    pub page: u32,
    /// How many pages there are.
    pub pages: u64,
    /// Called with the page to show.
    pub on_page: Callback<u32>,
}

/// Nothing when everything fits on one page.
#[function_component(Pager)]
pub fn pager(props: &PagerProps) -> Html {
    if props.pages <= 1 {
        return html! {};
    }
    let lang = crate::i18n::use_lang();
    let go = |target: u32| {
        let on_page = props.on_page.clone();
        Callback::from(move |_: MouseEvent| on_page.emit(target))
    };
    html! {
        <nav class="pager" aria-label={crate::i18n::t(lang, "pager-pages")}>
            <button type="button" class="button button--secondary" disabled={props.page <= 1}
                onclick={go(props.page.saturating_sub(1))}>{ crate::i18n::t(lang, "pager-previous") }</button>
            <span>{ crate::i18n::Text::new("pager-page").with("page", props.page).with("pages", props.pages).say(lang) }</span>
            <button type="button" class="button button--secondary" disabled={u64::from(props.page) >= props.pages}
                onclick={go(props.page + 1)}>{ crate::i18n::t(lang, "pager-next") }</button>
        </nav>
    }
}
