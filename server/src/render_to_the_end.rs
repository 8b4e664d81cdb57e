//! A page render runs to its end, even when the person's browser goes away in the middle.
//!
//! Leptos tears a render's reactive owner down when the response body ends. A client that
//! closes the connection halfway (a click on another link, a load generator stopping) makes the
//! server drop the body instead, while tasks the render spawned (a `Suspense` re-running its
//! children) are still queued: they then run in an owner already torn down and panic on the
//! context they expect ("I18n context is missing"). So a page's head is made in a task of its
//! own (which goes on if the client leaves before it), and a page's body dropped before its end
//! is read to its end in a task. Both are tracked, so that a stopping server can wait for them
//! before it closes the database. Server functions (`/api/`) and static files (`/pkg/`) are
//! left as they are: they render nothing.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Body as _, Frame, SizeHint};
use http_body_util::BodyExt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio_util::task::TaskTracker;

/// The page renders under way.
#[derive(Clone, Debug, Default)]
pub struct Renders(TaskTracker);

impl Renders {
    /// Completes when every render started has ended, or after `grace`: a server that accepts
    /// no more requests closes its database only then.
    pub async fn finished(&self, grace: Duration) {
        self.0.close();
        if tokio::time::timeout(grace, self.0.wait()).await.is_err() {
            tracing::warn!(
                renders = self.0.len(),
                "page renders still under way when the server stopped"
            );
        }
    }
}

/// The middleware: renders a page in a task that outlives the request if it must.
pub async fn render_to_the_end(
    State(renders): State<Renders>,
    request: Request,
    next: Next,
) -> Response {
    if !renders_a_page(request.uri().path()) {
        return next.run(request).await;
    }
    // The head is made in a task of its own, which goes on when the client leaves before it.
    let head = renders.0.spawn({
        let renders = renders.clone();
        async move {
            let (parts, body) = next.run(request).await.into_parts();
            Response::from_parts(parts, Body::new(ToTheEnd::new(body, renders)))
        }
    });
    head.await.unwrap_or_else(|_| {
        // The render panicked before its first piece (the panic is logged where it happened).
        crate::internal_error::panic_response(Box::new("a page render panicked"))
    })
}

/// A page's body as the client reads it; dropped before its end, it reads the rest in a task.
struct ToTheEnd {
    /// None once over.
    body: Option<Body>,
    /// Whether the body is still being rendered: one whose length is known is all there.
    rendering: bool,
    renders: Renders,
}

impl ToTheEnd {
    fn new(body: Body, renders: Renders) -> Self {
        ToTheEnd {
            rendering: body.size_hint().exact().is_none(),
            body: Some(body),
            renders,
        }
    }
}

impl http_body::Body for ToTheEnd {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let Some(body) = self.body.as_mut() else {
            return Poll::Ready(None);
        };
        let frame = Pin::new(body).poll_frame(context);
        if matches!(frame, Poll::Ready(None | Some(Err(_)))) {
            // Over: nothing to finish when dropped (and asked again, it says "over" again).
            self.body = None;
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.body.as_ref().is_none_or(|body| body.is_end_stream())
    }

    fn size_hint(&self) -> SizeHint {
        self.body
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), |body| body.size_hint())
    }
}

impl Drop for ToTheEnd {
    fn drop(&mut self) {
        let Some(mut rest) = self.body.take().filter(|_| self.rendering) else {
            return;
        };
        // Outside the runtime (it is gone) there is nothing left to finish the render on.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            self.renders.0.spawn_on(
                async move { while let Some(Ok(_)) = rest.frame().await {} },
                &runtime,
            );
        }
    }
}

fn renders_a_page(path: &str) -> bool {
    !(path.starts_with("/api/") || path.starts_with("/pkg/"))
}

#[cfg(test)]
mod tests {
    use super::renders_a_page;

    #[test]
    fn server_functions_and_static_files_are_not_pages() {
        assert!(renders_a_page("/users"));
        assert!(renders_a_page("/"));
        assert!(!renders_a_page("/api/list_users"));
        assert!(!renders_a_page("/pkg/app.wasm"));
    }
}
