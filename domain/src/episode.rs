//! Episodes of care (design.md §2): the service-delivery stages, the legal
//! moves between them, outreach close-out, time units and releases of
//! information. Plain rules; the patients feature stores and shows them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where an episode stands. Three-month reviews happen during
/// `Intervention`; re-opening starts a new episode (history kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Referred,
    Outreach,
    Consented,
    ChartReview,
    Assessment,
    GoalSetting,
    Intervention,
    Closed,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Referred,
        Stage::Outreach,
        Stage::Consented,
        Stage::ChartReview,
        Stage::Assessment,
        Stage::GoalSetting,
        Stage::Intervention,
        Stage::Closed,
    ];

    /// The stage the workflow normally goes to next.
    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::Referred => Some(Stage::Outreach),
            Stage::Outreach => Some(Stage::Consented),
            Stage::Consented => Some(Stage::ChartReview),
            Stage::ChartReview => Some(Stage::Assessment),
            Stage::Assessment => Some(Stage::GoalSetting),
            Stage::GoalSetting => Some(Stage::Intervention),
            Stage::Intervention => Some(Stage::Closed),
            Stage::Closed => None,
        }
    }

    /// Whether `self → to` is a legal move. Forward one stage; a patient met
    /// in person at referral may consent without outreach; any open stage
    /// may close. A closed episode never moves: re-opening starts a new one.
    pub fn can_move_to(self, to: Stage) -> bool {
        if self == Stage::Closed {
            return false;
        }
        to == Stage::Closed
            || self.next() == Some(to)
            || (self == Stage::Referred && to == Stage::Consented)
    }

    pub fn move_to(self, to: Stage) -> Result<Stage, IllegalMove> {
        if self.can_move_to(to) {
            Ok(to)
        } else {
            Err(IllegalMove { from: self, to })
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("an episode cannot move from {from:?} to {to:?}")]
pub struct IllegalMove {
    pub from: Stage,
    pub to: Stage,
}

/// Why an episode closed (required for every close).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    GoalsMet,
    UnableToContact,
    Declined,
    Ineligible,
    MovedAway,
    TransferredCare,
    Deceased,
    Other(String),
}

/// How an outreach attempt was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutreachMode {
    Phone,
    Visit,
    Text,
    Letter,
    Email,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutreachOutcome {
    Reached,
    NoAnswer,
    LeftMessage,
    WrongNumber,
    Declined,
}

impl OutreachOutcome {
    /// No response from the patient.
    pub fn unanswered(self) -> bool {
        matches!(
            self,
            OutreachOutcome::NoAnswer | OutreachOutcome::LeftMessage | OutreachOutcome::WrongNumber
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachAttempt {
    pub at: DateTime<Utc>,
    pub mode: OutreachMode,
    pub outcome: OutreachOutcome,
}

/// Unanswered attempts after which the app proposes closing out.
pub const CLOSE_OUT_AFTER: usize = 3;

/// Propose closing the episode when the latest `CLOSE_OUT_AFTER` attempts
/// (in time order) all went unanswered and none since reached the patient.
pub fn propose_close_out(attempts: &[OutreachAttempt]) -> bool {
    let mut sorted: Vec<_> = attempts.to_vec();
    sorted.sort_by_key(|a| a.at);
    let trailing_unanswered = sorted
        .iter()
        .rev()
        .take_while(|a| a.outcome.unanswered())
        .count();
    trailing_unanswered >= CLOSE_OUT_AFTER
}

/// Longest single contact accepted (12 hours); longer is a typing mistake.
pub const MAX_CONTACT_MINUTES: u32 = 12 * 60;

/// Billable 15-minute units by the usual "8-minute rule": under 8 minutes is
/// no unit, 8–22 is one, 23–37 two, and so on.
pub fn units_15(minutes: u32) -> u32 {
    if minutes < 8 { 0 } else { (minutes + 7) / 15 }
}

/// How a release of information stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoiStatus {
    Current,
    /// Expires within [`ROI_WARN_DAYS`] days.
    ExpiringSoon {
        days_left: i64,
    },
    Expired,
}

pub const ROI_WARN_DAYS: i64 = 30;

pub fn roi_status(expires_on: NaiveDate, today: NaiveDate) -> RoiStatus {
    let days_left = (expires_on - today).num_days();
    if days_left < 0 {
        RoiStatus::Expired
    } else if days_left <= ROI_WARN_DAYS {
        RoiStatus::ExpiringSoon { days_left }
    } else {
        RoiStatus::Current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn every_allowed_and_every_illegal_transition() {
        use Stage::*;
        let allowed = [
            (Referred, Outreach),
            (Referred, Consented),
            (Referred, Closed),
            (Outreach, Consented),
            (Outreach, Closed),
            (Consented, ChartReview),
            (Consented, Closed),
            (ChartReview, Assessment),
            (ChartReview, Closed),
            (Assessment, GoalSetting),
            (Assessment, Closed),
            (GoalSetting, Intervention),
            (GoalSetting, Closed),
            (Intervention, Closed),
        ];
        let mut checked = 0;
        for from in Stage::ALL {
            for to in Stage::ALL {
                let expected = allowed.contains(&(from, to));
                assert_eq!(from.can_move_to(to), expected, "{from:?} -> {to:?}");
                match from.move_to(to) {
                    Ok(s) => assert_eq!(s, to),
                    Err(e) => assert_eq!(e, IllegalMove { from, to }),
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 64);
    }

    #[test]
    fn the_normal_path_reaches_closed_and_stops() {
        let mut s = Stage::Referred;
        let mut steps = 0;
        while let Some(n) = s.next() {
            s = s.move_to(n).expect("next is legal");
            steps += 1;
        }
        assert_eq!((s, steps), (Stage::Closed, 7));
        assert!(Stage::ALL.iter().all(|&t| !Stage::Closed.can_move_to(t)));
    }

    fn attempt(day: i64, outcome: OutreachOutcome) -> OutreachAttempt {
        let t0 = Utc
            .with_ymd_and_hms(2026, 5, 1, 10, 0, 0)
            .single()
            .expect("valid");
        OutreachAttempt {
            at: t0 + Duration::days(day),
            mode: OutreachMode::Phone,
            outcome,
        }
    }

    #[test]
    fn close_out_is_proposed_after_three_unanswered_attempts() {
        use OutreachOutcome::*;
        assert!(!propose_close_out(&[]));
        assert!(!propose_close_out(&[
            attempt(0, NoAnswer),
            attempt(1, LeftMessage)
        ]));
        assert!(propose_close_out(&[
            attempt(0, NoAnswer),
            attempt(1, LeftMessage),
            attempt(2, WrongNumber)
        ]));
        // A reached patient resets the count; order is by time, not by list position.
        assert!(!propose_close_out(&[
            attempt(0, NoAnswer),
            attempt(1, NoAnswer),
            attempt(3, Reached),
            attempt(2, NoAnswer)
        ]));
        assert!(propose_close_out(&[
            attempt(5, NoAnswer),
            attempt(0, Reached),
            attempt(6, NoAnswer),
            attempt(7, NoAnswer)
        ]));
        // A refusal is an answer: it is a different close, not "could not reach".
        assert!(!propose_close_out(&[
            attempt(0, NoAnswer),
            attempt(1, NoAnswer),
            attempt(2, Declined)
        ]));
    }

    #[test]
    fn minutes_round_to_15_minute_units() {
        let cases = [
            (0, 0),
            (7, 0),
            (8, 1),
            (15, 1),
            (22, 1),
            (23, 2),
            (37, 2),
            (38, 3),
            (60, 4),
            (720, 48),
        ];
        for (minutes, units) in cases {
            assert_eq!(units_15(minutes), units, "{minutes} minutes");
        }
    }

    #[test]
    fn roi_expiry() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("valid date");
        assert_eq!(roi_status(d(12, 31), d(6, 1)), RoiStatus::Current);
        assert_eq!(
            roi_status(d(6, 30), d(6, 1)),
            RoiStatus::ExpiringSoon { days_left: 29 }
        );
        assert_eq!(
            roi_status(d(6, 1), d(6, 1)),
            RoiStatus::ExpiringSoon { days_left: 0 }
        );
        assert_eq!(roi_status(d(5, 31), d(6, 1)), RoiStatus::Expired);
    }
}
