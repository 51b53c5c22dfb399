//! The Endorse single-page app: Yew compiled to WebAssembly, served by the
//! `endorse` binary. It speaks to the API with the `endorse-shared` types and
//! runs the same validation rules before sending.
//!
//! It must never hold the refresh token (that lives in an httpOnly cookie) nor
//! keep the access token anywhere but in memory.

mod api;
mod app;
mod components;
mod download;
mod hooks;
mod i18n;
mod pages;
mod route;
mod session;
mod upload;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
