//! The allocator: jemalloc, for Rust's allocations and, replacing `malloc` itself, for SQLite's.
//!
//! Measured on the users page at 100,000 users (SQLite, `wrk -t1 -c8`, the same seeded file):
//! glibc's malloc 268–272 requests/s, jemalloc 329–336. With glibc, a row built on an SQLite
//! connection's thread and freed on a request's thread takes the lock of the arena it came from,
//! and threads waited on those locks; jemalloc frees across threads without them. glibc's malloc
//! also raised its thresholds for good once Argon2 freed its 19 MiB at a sign-in, keeping
//! memory the process no longer used.
//!
//! The settings keep the memory small: two arenas for the whole process (the server runs on a
//! few threads), and pages freed for a second handed back to the system by jemalloc's own
//! background thread, so the process shrinks again after a burst without any request paying
//! for it. An operator may override them with `MALLOC_CONF`.

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, as the C string it reads at its start.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const OPTIONS: &[u8] = b"narenas:2,background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0\0";

/// A pointer to [`OPTIONS`] that may sit in a static (the bytes are immutable and `'static`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[repr(transparent)]
pub struct Options(*const u8);

// SAFETY: the pointer is to immutable, 'static bytes; nothing writes through it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
unsafe impl Sync for Options {}

/// Read by jemalloc when it starts (`const char *malloc_conf`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(export_name = "malloc_conf")]
pub static MALLOC_CONF: Options = Options(OPTIONS.as_ptr());
