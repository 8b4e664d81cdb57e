//! What one request has already read, so that the server functions a page render calls (the
//! signed-in person, the page's list, its filters) read the session, the acting person's roles
//! and what the policy lets them see once per request rather than once per call. Each request
//! gets a memo of its own (the server's router provides it), so nothing outlives the request:
//! state is still read fresh for every request. Calls that start together share one read: the
//! first reads, the others wait for it. Without a memo in the context (a test calling a use case
//! directly) nothing is remembered.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// One read of a `T`: empty until someone has read it, locked while they read.
type Slot<T> = tokio::sync::Mutex<Option<T>>;

/// One request's remembered reads, by type.
#[derive(Clone, Default)]
pub struct RequestMemo(Arc<Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>>);

impl RequestMemo {
    /// The slot for `T`, made on first use.
    fn slot<T: Send + Sync + 'static>(&self) -> Arc<Slot<T>> {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let slot = map
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(Slot::<T>::new(None)));
        Arc::clone(slot)
            .downcast::<Slot<T>>()
            .unwrap_or_else(|_| unreachable!("a memo slot holds the type it is keyed by"))
    }

    /// Forgets every read (after the session changed, for instance); a read under way finishes,
    /// but what it read is not kept.
    pub fn clear(&self) {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }
}

/// The `T` this request already read, or `load`'s result, remembered when it is `Ok`. A call
/// that comes while another is loading waits for that read; when it failed, the call loads
/// itself.
pub async fn remembered<T, E, F>(load: F) -> Result<T, E>
where
    T: Clone + Send + Sync + 'static,
    F: Future<Output = Result<T, E>>,
{
    let Some(memo) = leptos::prelude::use_context::<RequestMemo>() else {
        return load.await;
    };
    let slot = memo.slot::<T>();
    let mut value = slot.lock().await;
    if let Some(read) = value.as_ref() {
        return Ok(read.clone());
    }
    let read = load.await?;
    *value = Some(read.clone());
    Ok(read)
}

/// Forgets what this request read: its session changed.
pub fn forget_request_reads() {
    if let Some(memo) = leptos::prelude::use_context::<RequestMemo>() {
        memo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::prelude::{Owner, provide_context};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The reactive owner of one request, with its memo.
    fn request() -> Owner {
        let owner = Owner::new();
        owner.set();
        provide_context(RequestMemo::default());
        owner
    }

    async fn load(loads: &AtomicUsize, value: u32) -> Result<u32, ()> {
        loads.fetch_add(1, Ordering::SeqCst);
        Ok(value)
    }

    #[tokio::test]
    async fn a_request_reads_once_what_its_calls_share() {
        let _request = request();
        let loads = AtomicUsize::new(0);
        assert_eq!(remembered(load(&loads, 7)).await, Ok(7));
        assert_eq!(remembered(load(&loads, 8)).await, Ok(7));
        assert_eq!(loads.load(Ordering::SeqCst), 1);
        forget_request_reads();
        assert_eq!(remembered(load(&loads, 9)).await, Ok(9));
        assert_eq!(loads.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn calls_that_start_together_share_one_read() {
        let _request = request();
        let loads = AtomicUsize::new(0);
        let slow = async {
            loads.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
            Ok::<u32, ()>(1)
        };
        let (first, second) = tokio::join!(remembered(slow), remembered(load(&loads, 2)));
        assert_eq!((first, second), (Ok(1), Ok(1)));
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_failed_read_is_not_remembered() {
        let _request = request();
        assert_eq!(remembered::<u32, (), _>(async { Err(()) }).await, Err(()));
        let loads = AtomicUsize::new(0);
        assert_eq!(remembered(load(&loads, 3)).await, Ok(3));
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn without_a_request_memo_every_call_reads() {
        let owner = Owner::new();
        owner.set();
        let loads = AtomicUsize::new(0);
        assert_eq!(remembered(load(&loads, 1)).await, Ok(1));
        assert_eq!(remembered(load(&loads, 2)).await, Ok(2));
        assert_eq!(loads.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn two_requests_share_nothing() {
        let loads = AtomicUsize::new(0);
        for value in [4, 5] {
            let _request = request();
            assert_eq!(remembered(load(&loads, value)).await, Ok(value));
        }
        assert_eq!(loads.load(Ordering::SeqCst), 2);
    }
}
