//! Where someone stands with signing in, and — for an administrator who manages them — the
//! button that sends their invitation again. Shown on the Administrators page and on a user's
//! page.

use crate::domain::PersonId;
use crate::features::admins::api::ResendInvitation;
use crate::features::invitations::SignInStanding;
use crate::features::invitations::ui::SignInBadge;
use crate::i18n::td_string;
use crate::ui::form_error::FormError;
use crate::ui::interactive::Interactive;
use crate::ui::locale::page_locale;
use crate::ui::show_again::{Done, show_again};
use leptos::prelude::*;

/// The badge of `standing`, and the button when the viewer may send `person` a link.
#[component]
pub fn SignInStandingView(
    person: PersonId,
    name: String,
    standing: SignInStanding,
) -> impl IntoView {
    let button = (standing.may_send && standing.state.awaits_link())
        .then(|| view! { <SendLinkAgain person name /> });
    view! {
        <span class="sign-in-standing">
            <SignInBadge state=standing.state />
            {button}
        </span>
    }
}

/// Sends the invitation again and shows the page again; a refusal (sent moments ago, signs in
/// already) is said under the button.
#[island]
fn SendLinkAgain(person: PersonId, name: String) -> impl IntoView {
    let locale = page_locale();
    let send = ServerAction::<ResendInvitation>::new();
    Effect::new(move |_| {
        if matches!(send.value().get(), Some(Ok(_))) {
            show_again(Done::LinkSent, &[]);
        }
    });
    let label = format!("{} {name}", td_string!(locale, invitations.send_again_to));
    view! {
        <Interactive>
        <button
            type="button"
            class="button small"
            aria-label=label
            disabled=move || send.pending().get()
            on:click=move |_| {
                send.dispatch(ResendInvitation { person });
            }
        >
            {td_string!(locale, invitations.send_again)}
        </button>
        {move || send.value().get().and_then(Result::err).map(|error| view! { <FormError error /> })}
        </Interactive>
    }
}
