//! Login throttling: too many failed sign-ins for one account or from one
//! client address within a window locks further attempts until the oldest
//! failure leaves the window.

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub window: Duration,
    pub max_per_account: usize,
    pub max_per_address: usize,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            window: Duration::minutes(15),
            max_per_account: 5,
            max_per_address: 20,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThrottleDecision {
    Allow,
    /// Locked; try again after this moment.
    Locked {
        until: DateTime<Utc>,
    },
}

impl ThrottlePolicy {
    pub fn since(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.window
    }

    /// `account_failures` and `address_failures` are the failure times within
    /// the window, in any order.
    pub fn decide(
        &self,
        account_failures: &[DateTime<Utc>],
        address_failures: &[DateTime<Utc>],
        now: DateTime<Utc>,
    ) -> ThrottleDecision {
        let limit = |failures: &[DateTime<Utc>], max: usize| -> Option<DateTime<Utc>> {
            let mut recent: Vec<_> = failures
                .iter()
                .copied()
                .filter(|t| *t > now - self.window)
                .collect();
            // A limit of 0 switches that check off.
            if max == 0 || recent.len() < max {
                return None;
            }
            recent.sort();
            // Unlocks once enough failures have aged out of the window.
            let pivot = recent[recent.len() - max];
            Some(pivot + self.window)
        };
        match (
            limit(account_failures, self.max_per_account),
            limit(address_failures, self.max_per_address),
        ) {
            (None, None) => ThrottleDecision::Allow,
            (a, b) => ThrottleDecision::Locked {
                until: a.max(b).unwrap_or(now),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .expect("valid")
    }

    #[test]
    fn allows_until_the_account_limit() {
        let p = ThrottlePolicy::default();
        let four: Vec<_> = (0..4).map(|i| t0() + Duration::seconds(i)).collect();
        assert_eq!(
            p.decide(&four, &four, t0() + Duration::minutes(1)),
            ThrottleDecision::Allow
        );
        let five: Vec<_> = (0..5).map(|i| t0() + Duration::seconds(i)).collect();
        assert_eq!(
            p.decide(&five, &five, t0() + Duration::minutes(1)),
            ThrottleDecision::Locked {
                until: t0() + Duration::minutes(15)
            }
        );
        // After the window the lock lifts.
        assert_eq!(
            p.decide(&five, &five, t0() + Duration::minutes(16)),
            ThrottleDecision::Allow
        );
    }

    #[test]
    fn address_limit_applies_across_accounts() {
        let p = ThrottlePolicy::default();
        let many: Vec<_> = (0..20).map(|i| t0() + Duration::seconds(i)).collect();
        assert!(matches!(
            p.decide(&[], &many, t0() + Duration::minutes(2)),
            ThrottleDecision::Locked { .. }
        ));
    }
}
