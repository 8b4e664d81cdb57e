//! What a page reads from the server as it renders.

use leptos::prelude::*;
use std::future::Future;

/// Data a page loads while the server renders it: `fetch(source())`, loaded again only when
/// `source` changes. The page's `Suspense` or `Transition` waits for it; `.await` reads it.
///
/// Not a `Resource`: Leptos writes a resource into the page's HTML when the render's
/// "hydrating" flag is up as the resource is created, and that flag belongs to the whole
/// render. A `Suspense` checking on its children re-runs them on another thread and raises
/// the flag there while it builds their islands (the header's sign-out button and unread
/// count), so a page created at that moment went out with its list serialized a second time
/// (20 KB more; 18 of 1,702 page loads right after load runs). Pages are not hydrated (islands
/// mode): their data serves the render only.
pub type PageData<T> = AsyncDerived<T>;

/// The [`PageData`] of `fetch(source())`.
pub fn page_data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetch: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageData<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    let source = ArcMemo::new(move |_| source());
    let load = {
        let source = source.clone();
        move || fetch(source.get())
    };
    ArcAsyncDerived::new_with_manual_dependencies(None, load, &source).into()
}
