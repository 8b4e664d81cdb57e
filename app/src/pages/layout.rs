//! The frame of every page: header with product name, the enterprise acted for, navigation,
//! the signed-in person and language switcher; the main region; the footer. Below 900 px the
//! navigation folds into a menu button. The frame is rendered by the server; the menu button,
//! the sign-out button, the unread count and the language switcher are islands.

use crate::domain::EnterpriseStatus;
use crate::features::auth::api::SignOut;
use crate::features::auth::signed_in::use_session;
use crate::features::auth::{EnterpriseChoice, Me};
use crate::features::ebox::unread::unread_count;
use crate::i18n::{t, t_string, td_string, use_i18n};
use crate::policy::Roles;
use crate::ui::interactive::Interactive;
use crate::ui::language::LanguageSwitcher;
use crate::ui::locale::page_locale;
use crate::ui::show_again::go_to;
use leptos::prelude::*;
use leptos_router::components::A;

/// Wraps a page in the site's header, main region and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">
            {t!(i18n, skip_to_content)}
        </a>
        <header class="site-header">
            <div class="header-bar">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">{t!(i18n, product_name)}</span>
                </a>
                <EnterpriseSlot />
                <MenuToggle />
            </div>
            <div id="site-nav" class="site-nav">
                <nav aria-label=move || t_string!(i18n, nav.label)>
                    <ul>
                        <li>
                            <A href="/" exact=true>
                                {t!(i18n, nav.home)}
                            </A>
                        </li>
                        <PersonalLinks />
                        <li>
                            <A href="/roles">{t!(i18n, nav.roles)}</A>
                        </li>
                    </ul>
                </nav>
                <div class="person-area">
                    <PersonSlot />
                </div>
                <LanguageSwitcher />
            </div>
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t!(i18n, footer.tagline)}</p>
            <p>{t!(i18n, footer.version, version = env!("CARGO_PKG_VERSION"))}</p>
        </footer>
    }
}

/// The button that opens and closes the navigation below 900 px (the stylesheet shows the
/// navigation while the button says it is expanded). Following a link loads a new page, whose
/// menu starts closed.
#[island]
fn MenuToggle() -> impl IntoView {
    let locale = page_locale();
    let (open, set_open) = signal(false);
    let label = move || {
        if open.get() {
            td_string!(locale, nav.close_menu)
        } else {
            td_string!(locale, nav.open_menu)
        }
    };
    view! {
        <Interactive>
        <button
            type="button"
            class="menu-toggle"
            aria-controls="site-nav"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| set_open.update(|open| *open = !*open)
        >
            <span class="menu-icon" aria-hidden="true"></span>
            <span class="menu-label">{label}</span>
        </button>
        </Interactive>
    }
}

/// The signed-in person, once loaded (`None` while loading or when nobody is signed in).
fn signed_in() -> impl Fn() -> Option<Me> + Copy {
    let session = use_session();
    move || session.person()
}

/// The enterprise acted for: name, number and state, and a way to switch to another.
#[component]
fn EnterpriseSlot() -> impl IntoView {
    let i18n = use_i18n();
    let me = signed_in();
    view! {
        <Transition>
            {move || {
                me()
                    .map(|me| {
                        let switch = me.can_switch();
                        match me.acting().cloned() {
                            Some(enterprise) => {
                                view! {
                                    <div class="enterprise-slot">
                                        <EnterpriseBadge enterprise />
                                        {switch
                                            .then(|| {
                                                view! {
                                                    <A href="/enterprise" attr:class="enterprise-switch">
                                                        {t!(i18n, enterprise.switch)}
                                                    </A>
                                                }
                                            })}
                                    </div>
                                }
                                    .into_any()
                            }
                            None if switch => {
                                view! {
                                    <div class="enterprise-slot">
                                        <A href="/enterprise" attr:class="enterprise-switch">
                                            {t!(i18n, enterprise.choose)}
                                        </A>
                                    </div>
                                }
                                    .into_any()
                            }
                            None => ().into_any(),
                        }
                    })
            }}
        </Transition>
    }
}

/// An enterprise's name, number and state.
#[component]
pub fn EnterpriseBadge(enterprise: EnterpriseChoice) -> impl IntoView {
    let i18n = use_i18n();
    let active = enterprise.status == EnterpriseStatus::Active;
    view! {
        <span class="enterprise-name">{enterprise.name}</span>
        <span class="enterprise-number">{enterprise.number}</span>
        <span class="status-badge" class:pending=!active>
            {move || {
                if active {
                    t_string!(i18n, enterprise.status_active)
                } else {
                    t_string!(i18n, enterprise.status_pending)
                }
            }}
        </span>
    }
}

/// Navigation entries that depend on who is signed in.
#[component]
fn PersonalLinks() -> impl IntoView {
    let i18n = use_i18n();
    let me = signed_in();
    let acting = move || me().and_then(|me| me.acting().map(EnterpriseChoice::roles));
    let administrator = move || acting().is_some_and(Roles::administers);
    let manages_users = move || acting().is_some_and(Roles::manages_users);
    let audit = move || acting().is_some_and(Roles::reads_audit);
    let unread = move || me().and_then(|me| me.acting().map(|e| e.unread));
    view! {
        <Transition>
            <Show when=move || unread().is_some()>
                <li>
                    <A href="/ebox">
                        {t!(i18n, nav.ebox)}
                        {move || unread().map(|count| view! { <UnreadBadge count /> })}
                    </A>
                </li>
            </Show>
            <Show when=manages_users>
                <li>
                    <A href="/users">{t!(i18n, nav.users)}</A>
                </li>
            </Show>
            <Show when=administrator>
                <li>
                    <A href="/administrators">{t!(i18n, nav.administrators)}</A>
                </li>
            </Show>
            <Show when=audit>
                <li>
                    <A href="/audit">{t!(i18n, nav.audit)}</A>
                </li>
            </Show>
        </Transition>
    }
}

/// Who is signed in, with a sign-out button; or the way to sign in.
#[component]
fn PersonSlot() -> impl IntoView {
    let i18n = use_i18n();
    let me = signed_in();
    view! {
        <Transition>
            {move || match me() {
                Some(me) => {
                    view! {
                        <div class="person-slot">
                            <span class="person-name">{me.name}</span>
                            <SignOutButton />
                        </div>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <A href="/sign-in" attr:class="header-link">
                            {t!(i18n, nav.sign_in)}
                        </A>
                    }
                        .into_any()
                }
            }}
        </Transition>
    }
}

/// Ends this session, then shows the sign-in page.
#[island]
fn SignOutButton() -> impl IntoView {
    let locale = page_locale();
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if matches!(sign_out.value().get(), Some(Ok(()))) {
            go_to("/sign-in?signed-out");
        }
    });
    view! {
        <Interactive>
        <button
            type="button"
            class="header-button"
            disabled=move || sign_out.pending().get()
            on:click=move |_| {
                sign_out.dispatch(SignOut {});
            }
        >
            {td_string!(locale, nav.sign_out)}
        </button>
        </Interactive>
    }
}

/// The number of unread e-Box messages beside the e-Box link (nothing when none), counting
/// down as messages are read on the e-Box page.
#[island]
fn UnreadBadge(count: i64) -> impl IntoView {
    let locale = page_locale();
    let count = unread_count(count);
    // An element around the count: a closure at an island's root does not hydrate.
    view! {
        <span class="unread">
            {move || {
                let count = count.get();
                (count > 0).then(|| {
                    view! {
                        <span class="count-badge">
                            <span aria-hidden="true">{count}</span>
                            <span class="visually-hidden">{td_string!(locale, nav.ebox_unread, count = count).to_string()}</span>
                        </span>
                    }
                })
            }}
        </span>
    }
}
