//! The root component: session, router, frame.

use crate::components::Layout;
use crate::i18n::LanguageProvider;
use crate::pages::{
    AccountPage, AdminApplication, AdminApplications, AdminAudit, AdminImport, AdminImports,
    AdminOutbox, AdminPayments, AdminRecognitions, AdminReviewer, AdminUser, AdminUsers,
    AssociationSettingsPage, ChangePassword, ConfirmEmail, FeesPage, ForgotPassword, Home,
    NotFound, PlatformPage, PortfolioPage, RecognitionPage, RefereePage, ReferencesPage, Registry,
    RegistryEverywhere, ResetPassword, ReviewPage, ReviewsPage, RulebookPage, ScoringPage, SignIn,
    SignUp, VerifyPage,
};
use crate::route::Route;
use crate::session::SessionProvider;
use yew::prelude::*;
use yew_router::prelude::*;

/// The app.
#[function_component(App)]
pub fn app() -> Html {
    // An association at `/a/{code}/` on a shared address: its routes live
    // under that path.
    let base = crate::api::base_path();
    let basename = (!base.is_empty()).then(|| AttrValue::from(base));
    html! {
        <LanguageProvider>
            <SessionProvider>
                <BrowserRouter {basename}>
                    <Layout>
                        <Switch<Route> render={switch} />
                    </Layout>
                </BrowserRouter>
            </SessionProvider>
        </LanguageProvider>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::SignIn => html! { <SignIn /> },
        Route::SignUp => html! { <SignUp /> },
        Route::Portfolio => html! { <PortfolioPage /> },
        Route::References => html! { <ReferencesPage /> },
        Route::Referee { token } => html! { <RefereePage token={token} /> },
        Route::AdminOutbox => html! { <AdminOutbox /> },
        Route::AdminAudit => html! { <AdminAudit /> },
        Route::AdminRenewals => html! { <crate::components::renewal::AdminRenewals /> },
        Route::Registry => html! { <Registry /> },
        Route::RegistryEverywhere => html! { <RegistryEverywhere /> },
        Route::Verify => html! { <VerifyPage /> },
        Route::VerifyNumber { number } => html! { <VerifyPage number={Some(number)} /> },
        Route::Reviews => html! { <ReviewsPage /> },
        Route::Review { id } => html! { <ReviewPage id={id} /> },
        Route::Scoring { id } => html! { <ScoringPage id={id} /> },
        Route::AdminReviewer { id } => html! { <AdminReviewer id={id} /> },
        Route::Account => html! { <AccountPage /> },
        Route::ChangePassword => html! { <ChangePassword /> },
        Route::ConfirmEmail { token } => html! { <ConfirmEmail token={token} /> },
        Route::ForgotPassword => html! { <ForgotPassword /> },
        Route::ResetPassword { token } => html! { <ResetPassword token={token} /> },
        Route::ClaimAccount { token } => html! { <ResetPassword token={token} claim=true /> },
        Route::AdminUsers => html! { <AdminUsers /> },
        Route::AdminUser { id } => html! { <AdminUser id={id} /> },
        Route::AdminRulebook => html! { <RulebookPage /> },
        Route::AdminRecognitions => html! { <AdminRecognitions /> },
        Route::AdminAssociation => html! { <AssociationSettingsPage /> },
        Route::Recognition => html! { <RecognitionPage /> },
        Route::Platform => html! { <PlatformPage /> },
        Route::Fees => html! { <FeesPage /> },
        Route::AdminPayments => html! { <AdminPayments /> },
        Route::AdminImports => html! { <AdminImports /> },
        Route::AdminImport { id } => html! { <AdminImport id={id} /> },
        Route::AdminApplications => html! { <AdminApplications /> },
        Route::AdminApplication { id } => html! { <AdminApplication id={id} /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
