//! The root component: i18n context, router and the page table.

use crate::features::admins::ui::AdministratorsPage;
use crate::features::audit::ui::AuditTrailPage;
use crate::features::ebox::ui::InboxPage;
use crate::features::enterprises::ui::ActivatePage;
use crate::features::users::ui::{AddUserPage, GroupPage, UserDetailPage, UsersPage};
use crate::i18n::I18nContextProvider;
use crate::pages::{
    ChooseEnterprisePage, ErrorPage, HomePage, NotFoundPage, RolesPage, SignInPage,
};
use crate::ui::language::language_cookie_options;
use crate::ui::layout::Layout;
use crate::ui::session::provide_session_state;
use leptos::prelude::*;
use leptos_meta::{Stylesheet, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole application as one component; the server renders it and the browser hydrates it.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_session_state();
    let stylesheet = format!("/pkg/{}.css", crate::BUNDLE_NAME);
    view! {
        <I18nContextProvider
            cookie_name=crate::ui::language::LANGUAGE_COOKIE
            cookie_options=language_cookie_options()
        >
            <Stylesheet id="leptos" href=stylesheet />
            <Router>
                <Layout>
                    <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                        <Routes fallback=NotFoundPage>
                            <Route path=path!("/") view=HomePage />
                            <Route path=path!("/roles") view=RolesPage />
                            <Route path=path!("/sign-in") view=SignInPage />
                            <Route path=path!("/enterprise") view=ChooseEnterprisePage />
                            <Route path=path!("/audit") view=AuditTrailPage />
                            <Route path=path!("/administrators") view=AdministratorsPage />
                            <Route path=path!("/activate/:token") view=ActivatePage />
                            <Route path=path!("/users") view=UsersPage />
                            <Route path=path!("/users/:id") view=UserDetailPage />
                            <Route path=path!("/groups/:id") view=GroupPage />
                            <Route path=path!("/groups/:id/add") view=AddUserPage />
                            <Route path=path!("/ebox") view=InboxPage />
                        </Routes>
                    </ErrorBoundary>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}
