//! Stage timings, for `EXITBOOK_TIMINGS=1` and the benchmarks: wall time,
//! and the CPU time of the whole process (every thread), which holds on a
//! busy machine where wall time does not. Stages run one after another
//! (a stage may use many threads, but no two stages overlap), so the
//! process's CPU time between two laps is the stage's own.

use std::time::{Duration, Instant};

/// One stage's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lap {
    pub stage: &'static str,
    pub wall: Duration,
    pub cpu: Duration,
}

/// The time each stage took, in pipeline order.
#[derive(Default)]
pub(crate) struct Clock {
    last: Option<(Instant, Duration)>,
    pub(crate) laps: Vec<Lap>,
}

impl Clock {
    /// A clock whose first lap starts now.
    pub(crate) fn start() -> Clock {
        let mut c = Clock::default();
        c.lap("start");
        c
    }

    /// A stage that took `wall` and `cpu` in parts between others (a
    /// streamed build renders, checks and writes a part at a time).
    pub(crate) fn add(&mut self, stage: &'static str, wall: Duration, cpu: Duration) {
        self.laps.push(Lap { stage, wall, cpu });
        self.last = Some((Instant::now(), process_cpu()));
    }

    /// The stage that just ended.
    pub(crate) fn lap(&mut self, stage: &'static str) {
        let (now, cpu) = (Instant::now(), process_cpu());
        let (wall, cpu_since) = self
            .last
            .map_or((Duration::ZERO, Duration::ZERO), |(l, c)| {
                (now - l, cpu.saturating_sub(c))
            });
        self.laps.push(Lap {
            stage,
            wall,
            cpu: cpu_since,
        });
        self.last = Some((now, cpu));
    }
}

/// CPU time of the whole process (every thread) so far; zero where the
/// system cannot say.
pub fn process_cpu() -> Duration {
    #[cfg(unix)]
    {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid timespec for clock_gettime to fill in.
        if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0 {
            return Duration::new(t.tv_sec as u64, t.tv_nsec as u32);
        }
    }
    Duration::ZERO
}
