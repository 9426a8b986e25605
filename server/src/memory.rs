//! Keeping resident memory bounded under a flood of sign-ups.
//!
//! Each argon2 hash allocates a 19 MiB block. glibc serves blocks that large with mmap
//! and unmaps them on free, but it also raises its mmap threshold after such a free, so
//! later 19 MiB blocks come from per-thread heaps that keep the memory. With hashes on
//! several blocking threads, the process then holds hundreds of megabytes it no longer
//! uses (measured: 667 MB peak under the sign-up benchmark, 72 MB with this fix).
//! Fixing the threshold turns the adjustment off, so every large block goes back to the
//! OS when its hash is done, and capping the heaps bounds what small allocations keep.

/// Call at the start of `main`, before other threads exist.
pub fn return_large_blocks_to_the_os() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; it is called before any other
    // thread runs, as glibc requires.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}
