//! How much more memory this process may take, so that an input too large to hold is
//! refused with a located message instead of the allocator aborting the process half-way
//! ("memory allocation of 4 bytes failed").
//!
//! The answer is the smallest of what limits the process: its address-space and data limits
//! (`ulimit -v`, `ulimit -d`) less what it uses already, its control group's memory limit
//! less what the group uses, and the memory the system has available (with free swap). Each
//! is read only where the system says it (Linux `/proc` and `/sys/fs/cgroup`; the limits on
//! any Unix); where none is known there is no answer and nothing is refused.

use std::sync::OnceLock;

/// The bytes this process may still allocate, as far as the system says; measured once,
/// when first asked (an input is checked against it before it is held).
pub fn available_bytes() -> Option<u64> {
    static AVAILABLE: OnceLock<Option<u64>> = OnceLock::new();
    *AVAILABLE.get_or_init(measure)
}

fn measure() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let used = |field: &str| status_kib(&status, field).map(|kib| kib * 1024);
    [
        limit(Limit::AddressSpace).map(|l| l.saturating_sub(used("VmSize:").unwrap_or(0))),
        limit(Limit::Data).map(|l| l.saturating_sub(used("VmData:").unwrap_or(0))),
        cgroup_headroom(),
        system_available(),
    ]
    .into_iter()
    .flatten()
    .min()
}

/// A `Name:   1234 kB` field of `/proc/self/status` or `/proc/meminfo`, in KiB.
fn status_kib(text: &str, field: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(field))?;
    line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Available memory and free swap (`/proc/meminfo`).
fn system_available() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let available = status_kib(&meminfo, "MemAvailable:")?;
    let swap = status_kib(&meminfo, "SwapFree:").unwrap_or(0);
    Some((available + swap) * 1024)
}

/// The memory limit of this process's control group (v2) less its usage.
fn cgroup_headroom() -> Option<u64> {
    let membership = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path = membership.lines().find_map(|l| l.strip_prefix("0::"))?;
    let dir = std::path::Path::new("/sys/fs/cgroup").join(path.trim_start_matches('/'));
    let max = std::fs::read_to_string(dir.join("memory.max")).ok()?;
    let max: u64 = max.trim().parse().ok()?; // "max": no limit
    let current: u64 = std::fs::read_to_string(dir.join("memory.current"))
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .unwrap_or(0);
    Some(max.saturating_sub(current))
}

enum Limit {
    AddressSpace,
    Data,
}

/// A soft resource limit, when it is finite.
#[cfg(unix)]
#[allow(unsafe_code)]
fn limit(which: Limit) -> Option<u64> {
    let resource = match which {
        Limit::AddressSpace => libc::RLIMIT_AS,
        Limit::Data => libc::RLIMIT_DATA,
    };
    let mut value = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit into the struct it is given, which lives here.
    if unsafe { libc::getrlimit(resource, &mut value) } != 0 {
        return None;
    }
    // `rlim_t` is u64 on Linux but not on every Unix.
    #[allow(clippy::unnecessary_cast)]
    let current = value.rlim_cur as u64;
    (value.rlim_cur != libc::RLIM_INFINITY).then_some(current)
}

#[cfg(not(unix))]
fn limit(_: Limit) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_fields_are_read_in_kibibytes() {
        let status = "Name:\ttribune\nVmSize:\t  123456 kB\nVmData:\t 42 kB\n";
        assert_eq!(status_kib(status, "VmSize:"), Some(123_456));
        assert_eq!(status_kib(status, "VmData:"), Some(42));
        assert_eq!(status_kib(status, "VmRSS:"), None);
    }

    #[test]
    fn this_machine_has_some_memory_available() {
        if cfg!(target_os = "linux") {
            assert!(available_bytes().is_some_and(|b| b > 0));
        }
    }
}
