//! The frame of every page: header with product name, enterprise slot, navigation and language
//! switcher; the main region; the footer. Below 900 px the navigation folds into a menu button.

use crate::i18n::{t, t_string, use_i18n};
use crate::ui::language::LanguageSwitcher;
use leptos::prelude::*;
use leptos_router::components::A;

/// The enterprise the signed-in person acts for, when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentEnterprise {
    /// Display name of the enterprise.
    pub name: String,
}

/// Wraps a page in the site's header, main region and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let (menu_open, set_menu_open) = signal(false);

    let toggle_label = move || {
        if menu_open.get() {
            t_string!(i18n, nav.close_menu)
        } else {
            t_string!(i18n, nav.open_menu)
        }
    };

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
                <button
                    type="button"
                    class="menu-toggle"
                    aria-controls="site-nav"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| set_menu_open.update(|open| *open = !*open)
                >
                    <span class="menu-icon" aria-hidden="true"></span>
                    <span>{toggle_label}</span>
                </button>
            </div>
            <div id="site-nav" class="site-nav" class:open=menu_open>
                <nav aria-label=move || t_string!(i18n, nav.label)>
                    // A followed link closes the menu, so the new page is not hidden behind it.
                    <ul on:click=move |_| set_menu_open.set(false)>
                        <li>
                            <A href="/" exact=true>
                                {t!(i18n, nav.home)}
                            </A>
                        </li>
                        <li>
                            <A href="/roles">{t!(i18n, nav.roles)}</A>
                        </li>
                        <li>
                            <A href="/sign-in">{t!(i18n, nav.sign_in)}</A>
                        </li>
                    </ul>
                </nav>
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

/// Shows the name of the enterprise being administered, once someone has signed in for one.
#[component]
fn EnterpriseSlot() -> impl IntoView {
    let enterprise = use_context::<CurrentEnterprise>();
    enterprise.map(|enterprise| {
        view! { <span class="enterprise-name">{enterprise.name}</span> }
    })
}
