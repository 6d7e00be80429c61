//! Time as a dependency, so session timeouts and throttling are testable.

use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>);

impl Clock {
    pub fn system() -> Self {
        Self(Arc::new(Utc::now))
    }

    /// A clock that tests move by hand.
    pub fn manual(start: DateTime<Utc>) -> (Self, ManualClock) {
        let cell = Arc::new(Mutex::new(start));
        let read = cell.clone();
        let clock = Self(Arc::new(move || {
            *read.lock().unwrap_or_else(|p| p.into_inner())
        }));
        (clock, ManualClock(cell))
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.0)()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clock({})", self.now())
    }
}

#[derive(Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn advance(&self, by: chrono::Duration) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}
