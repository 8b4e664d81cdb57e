//! How the allocator hands freed memory back. glibc's malloc, left to itself, raises its
//! thresholds for giving memory back to the system once a large block is freed, and a password
//! check frees a 19 MiB one (Argon2's memory cost) at every sign-in: from then on every block
//! below that size comes from the heaps, and what is freed there stays with the process. Fixed
//! thresholds keep large blocks mapped on their own and return free memory at the top of a
//! heap. Measured with `make bench` on SQLite (100,000 users): resident memory after the run
//! 117 MiB instead of 159, at the same rates; two heaps instead of one per thread
//! (`MALLOC_ARENA_MAX=2`) saved 12 MiB more but cost a third of the users page's rate.

/// The block size from which malloc maps memory on its own, and the free memory at the top of
/// a heap from which it gives it back (glibc's defaults before they move).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const THRESHOLD: libc::c_int = 128 * 1024;

/// Sets the allocator's thresholds; call it first thing, before any thread starts. A setting
/// given in the environment (`MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`) is left as
/// the operator chose it.
pub fn keep_memory_returned() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let settings = [
            ("MALLOC_MMAP_THRESHOLD_", libc::M_MMAP_THRESHOLD, THRESHOLD),
            ("MALLOC_TRIM_THRESHOLD_", libc::M_TRIM_THRESHOLD, THRESHOLD),
        ];
        for (variable, parameter, value) in settings {
            if std::env::var_os(variable).is_none() {
                // SAFETY: mallopt only sets allocator parameters; it is called before any
                // other thread exists, as glibc asks.
                unsafe {
                    libc::mallopt(parameter, value);
                }
            }
        }
    }
}
