//! The number of unread messages, as the islands of one page in the browser share it: the
//! header's badge and the e-Box page's count both start from the number the server rendered and
//! count down as messages are opened there.

use leptos::prelude::*;

#[cfg(not(feature = "ssr"))]
thread_local! {
    static UNREAD: std::cell::OnceCell<ArcRwSignal<i64>> = const { std::cell::OnceCell::new() };
}

/// The page's unread count, starting at `rendered` (what the server counted for this page).
pub fn unread_count(rendered: i64) -> ArcRwSignal<i64> {
    // A server renders many pages: each render gets its own.
    #[cfg(feature = "ssr")]
    return ArcRwSignal::new(rendered);
    #[cfg(not(feature = "ssr"))]
    UNREAD.with(|count| count.get_or_init(|| ArcRwSignal::new(rendered)).clone())
}

/// One more message of this page was read.
pub fn one_read() {
    #[cfg(not(feature = "ssr"))]
    UNREAD.with(|count| {
        if let Some(count) = count.get() {
            count.update(|n| *n = (*n - 1).max(0));
        }
    });
}
