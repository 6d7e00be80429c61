//! Session lifetime rules: an idle timeout and an absolute timeout, both
//! enforced by the server with an injectable clock.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: Duration::minutes(15),
            absolute: Duration::hours(12),
        }
    }
}

/// The times a session needs for the policy, kept in the session itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionTimes {
    pub signed_in_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionState {
    Active,
    IdleExpired,
    AbsoluteExpired,
}

impl SessionPolicy {
    pub fn state(&self, times: &SessionTimes, now: DateTime<Utc>) -> SessionState {
        if now - times.signed_in_at >= self.absolute {
            SessionState::AbsoluteExpired
        } else if now - times.last_seen_at >= self.idle {
            SessionState::IdleExpired
        } else {
            SessionState::Active
        }
    }

    /// When the session ends if nothing else happens.
    pub fn expires_at(&self, times: &SessionTimes) -> DateTime<Utc> {
        (times.last_seen_at + self.idle).min(times.signed_in_at + self.absolute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0)
            .single()
            .expect("valid time")
    }

    #[test]
    fn idle_timeout_applies_after_inactivity() {
        let p = SessionPolicy::default();
        let times = SessionTimes {
            signed_in_at: t0(),
            last_seen_at: t0(),
        };
        assert_eq!(
            p.state(&times, t0() + Duration::minutes(14)),
            SessionState::Active
        );
        assert_eq!(
            p.state(&times, t0() + Duration::minutes(15)),
            SessionState::IdleExpired
        );
    }

    #[test]
    fn activity_never_extends_past_absolute_timeout() {
        let p = SessionPolicy::default();
        let now = t0() + Duration::hours(12);
        let times = SessionTimes {
            signed_in_at: t0(),
            last_seen_at: now - Duration::minutes(1),
        };
        assert_eq!(p.state(&times, now), SessionState::AbsoluteExpired);
        let times = SessionTimes {
            signed_in_at: t0(),
            last_seen_at: t0() + Duration::hours(11) + Duration::minutes(55),
        };
        assert_eq!(p.expires_at(&times), t0() + Duration::hours(12));
    }
}
