//! Stage timings, for `EXITBOOK_TIMINGS=1` and the benchmarks.

use std::time::{Duration, Instant};

/// The time each stage took, in pipeline order.
#[derive(Default)]
pub(crate) struct Clock {
    last: Option<Instant>,
    pub(crate) laps: Vec<(&'static str, Duration)>,
}

impl Clock {
    /// A clock whose first lap starts now.
    pub(crate) fn start() -> Clock {
        let mut c = Clock::default();
        c.lap("start");
        c
    }

    /// A stage that took `took` in parts between others (a streamed build
    /// renders, checks and writes a part at a time).
    pub(crate) fn add(&mut self, stage: &'static str, took: Duration) {
        self.laps.push((stage, took));
        self.last = Some(Instant::now());
    }

    /// The stage that just ended.
    pub(crate) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        let since = self.last.map_or(Duration::ZERO, |l| now - l);
        self.laps.push((stage, since));
        self.last = Some(now);
    }
}
