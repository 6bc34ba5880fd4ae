//! How long each phase of a build takes, printed to standard error when the environment
//! variable `INSIKT_TIMINGS` is set: for profiling (see the README's *Benchmark*). Each
//! phase's wall time is given with the CPU time the process used in it (all threads, user
//! and system), which on a shared machine says more than the wall time.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A phase being timed; its time is printed when it is dropped or [`Phase::next`] starts
/// the one after it.
pub(crate) struct Phase {
    name: &'static str,
    started: Instant,
    cpu_at_start: Option<Duration>,
}

/// True when `INSIKT_TIMINGS` is set.
fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("INSIKT_TIMINGS").is_some())
}

impl Phase {
    /// Starts timing the phase `name`, when timings are asked for.
    pub(crate) fn start(name: &'static str) -> Option<Phase> {
        enabled().then(|| Phase {
            name,
            started: Instant::now(),
            cpu_at_start: cpu_time(),
        })
    }

    /// Ends this phase and starts timing `name`.
    pub(crate) fn next(phase: &mut Option<Phase>, name: &'static str) {
        *phase = None;
        *phase = Phase::start(name);
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        let cpu = match (self.cpu_at_start, cpu_time()) {
            (Some(start), Some(end)) => format!("CPU {:>6} ms", (end - start).as_millis()),
            _ => "CPU      ? ms".to_string(),
        };
        eprintln!(
            "timing: {:>9.1} ms  {cpu}  {}",
            self.started.elapsed().as_secs_f64() * 1000.0,
            self.name
        );
    }
}

/// The CPU time (user and system, all threads) the process has used so far, to 10 ms,
/// from `/proc/self/stat`; `None` where there is no such file (not Linux).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The program's name, in parentheses, may hold spaces: count the fields after it.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    // `utime` and `stime`, the line's 14th and 15th fields, in ticks of 1/100 s (USER_HZ).
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Runs `work` as the phase `name`.
pub fn timed<R>(name: &'static str, work: impl FnOnce() -> R) -> R {
    let _phase = Phase::start(name);
    work()
}
