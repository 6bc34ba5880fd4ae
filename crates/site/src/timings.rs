//! How long each phase of a build takes, printed to standard error when the environment
//! variable `INSIKT_TIMINGS` is set: for profiling (see the README's *Benchmark*).

use std::sync::OnceLock;
use std::time::Instant;

/// A phase being timed; its time is printed when it is dropped or [`Phase::next`] starts
/// the one after it.
pub(crate) struct Phase {
    name: &'static str,
    started: Instant,
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
        eprintln!(
            "timing: {:>9.1} ms  {}",
            self.started.elapsed().as_secs_f64() * 1000.0,
            self.name
        );
    }
}

/// Runs `work` as the phase `name`.
pub fn timed<R>(name: &'static str, work: impl FnOnce() -> R) -> R {
    let _phase = Phase::start(name);
    work()
}
