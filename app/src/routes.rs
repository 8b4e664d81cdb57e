//! The root component: i18n context, router and the page table.

use crate::features::admins::ui::AdministratorsPage;
use crate::features::audit_trail::ui::AuditTrailPage;
use crate::features::auth::signed_in::provide_session_state;
use crate::features::ebox::ui::InboxPage;
use crate::features::enterprises::ui::ActivatePage;
use crate::features::invitations::ui::InvitationPage;
use crate::features::users::ui::{AddUserPage, GroupPage, UserDetailPage, UsersPage};
use crate::i18n::I18nContextProvider;
use crate::pages::layout::Layout;
use crate::pages::{
    ChooseEnterprisePage, ErrorPage, HomePage, NotFoundPage, RolesPage, SignInPage,
};
use crate::ui::language::language_cookie_options;
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole application as one component; the server renders it and the browser hydrates it.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_session_state();
    view! {
        <I18nContextProvider
            cookie_name=crate::ui::language::LANGUAGE_COOKIE
            cookie_options=language_cookie_options()
        >
            <Router>
                <Layout>
                    // Pages whose answer depends on their data are rendered whole before they are
                    // sent, so that their status (404, 403) and title match what they show.
                    <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                        <Routes fallback=NotFoundPage>
                            <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                            <Route path=path!("/roles") view=RolesPage />
                            <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                            <Route path=path!("/enterprise") view=ChooseEnterprisePage ssr=SsrMode::Async />
                            <Route path=path!("/audit") view=AuditTrailPage ssr=SsrMode::Async />
                            <Route path=path!("/administrators") view=AdministratorsPage ssr=SsrMode::Async />
                            <Route path=path!("/activate/:token") view=ActivatePage ssr=SsrMode::Async />
                            <Route path=path!("/invitation/:token") view=InvitationPage ssr=SsrMode::Async />
                            <Route path=path!("/users") view=UsersPage ssr=SsrMode::Async />
                            <Route path=path!("/users/:id") view=UserDetailPage ssr=SsrMode::Async />
                            <Route path=path!("/groups/:id") view=GroupPage ssr=SsrMode::Async />
                            <Route path=path!("/groups/:id/add") view=AddUserPage ssr=SsrMode::Async />
                            <Route path=path!("/ebox") view=InboxPage ssr=SsrMode::Async />
                        </Routes>
                    </ErrorBoundary>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
