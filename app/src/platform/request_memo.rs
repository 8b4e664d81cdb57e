//! What one request has already read, so that the server functions a page render calls (the
//! signed-in person, the page's list, its filters) read the session, the acting person's roles
//! and what the policy lets them see once per request rather than once per call. Each request
//! gets a memo of its own (the server's router provides it), so nothing outlives the request:
//! state is still read fresh for every request. Without a memo in the context (a test calling a
//! use case directly) nothing is remembered.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// One request's remembered reads, by type.
#[derive(Clone, Default)]
pub struct RequestMemo(Arc<Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>>);

impl RequestMemo {
    fn get<T: Clone + Send + Sync + 'static>(&self) -> Option<T> {
        let map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        map.get(&TypeId::of::<T>())
            .and_then(|value| value.downcast_ref::<T>())
            .cloned()
    }

    fn put<T: Clone + Send + Sync + 'static>(&self, value: T) {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        map.insert(TypeId::of::<T>(), Arc::new(value));
    }

    /// Forgets every read (after the session changed, for instance).
    pub fn clear(&self) {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }
}

/// The `T` this request already read, or `load`'s result, remembered when it is `Ok`. Two calls
/// racing may both load; both get what was read fresh.
pub async fn remembered<T, E, F>(load: F) -> Result<T, E>
where
    T: Clone + Send + Sync + 'static,
    F: Future<Output = Result<T, E>>,
{
    let memo = leptos::prelude::use_context::<RequestMemo>();
    if let Some(value) = memo.as_ref().and_then(RequestMemo::get::<T>) {
        return Ok(value);
    }
    let value = load.await?;
    if let Some(memo) = memo {
        memo.put(value.clone());
    }
    Ok(value)
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
