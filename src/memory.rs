//! The allocator: jemalloc, and a way to hand what it holds free back to
//! the system.
//!
//! Why not the system's: a build allocates and frees millions of small
//! strings and maps on both cores at once (tera's values, the scrubber's
//! views, the search index's documents), and glibc's malloc spent an eighth
//! of the build's CPU doing it, in `_int_malloc`, `_int_free` and
//! `malloc_consolidate`. jemalloc's per-thread caches and size classes cut
//! the build's CPU by a tenth at 10,000 pages without adding system time,
//! which mimalloc did (`BENCHMARKS.md`, "eleventh session").
//!
//! It is declared here, in the library, so that the benchmarks in
//! `examples/` and the tests measure the allocator the binary ships with.

#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read once before its first allocation
/// (`malloc_conf`, under the prefix the crate builds it with).
///
/// - `narenas:2`: one arena a core. The default, four a core, leaves the
///   free memory of eight arenas each waiting to be reused, and the peak
///   RSS of a 10,000-page build at 650 MB instead of under 600.
/// - `dirty_decay_ms:500`: pages freed and not reused in half a second go
///   back to the system (the default waits ten), as a build's stages each
///   free their working memory before the next one's grows.
/// - No `thp:always` (it was set from the fourteenth session to the
///   seventeenth): in 2 MiB pages a 10,000-page build took 430 page faults
///   where it takes 276,000 in 4 KiB pages, but each large fault zeroes
///   2 MiB that the system may have handed back to the machine hosting it
///   (a virtual machine with a balloon device may report free blocks of
///   2 MiB and more to its host, and take them back on first touch). On
///   this project's machine that made the kernel's page zeroing a third of
///   the build's CPU: with `thp:always` the system time of a 10,000-page
///   build was 4.1 s, in 4 KiB pages 1.8 s, and the build's CPU 1.31 times
///   what it is without (six builds in turns); its peak RSS 20 MiB higher.
///   At 1,000 pages the two are within the noise (`BENCHMARKS.md`,
///   "eighteenth session").
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: Option<&'static std::ffi::c_char> = Some(
    // SAFETY: a pointer to the first byte of a static, NUL-terminated string.
    unsafe { &*c"narenas:2,dirty_decay_ms:500".as_ptr() },
);

/// Hand the free memory of every arena back to the system now: before a
/// stage that allocates much (the print page), so that the peak is that
/// stage's memory and not the one before's as well.
pub fn give_back_free_memory() {
    #[cfg(not(target_env = "msvc"))]
    // SAFETY: `arena.<MALLCTL_ARENAS_ALL>.purge` reads and writes nothing;
    // the name is NUL-terminated.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            c"arena.4096.purge".as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        );
    }
}
