//! Patient identity rules: phone numbers, dates of birth and the duplicate
//! check on create (same name and date of birth, or same phone).

use crate::validate::Invalid;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A phone number kept as digits: ten-digit North American numbers (an
/// optional leading 1 is dropped) or international numbers written with `+`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(Invalid::Required);
        }
        if raw
            .chars()
            .any(|c| !(c.is_ascii_digit() || " +-().".contains(c)))
        {
            return Err(Invalid::PhoneFormat);
        }
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        if raw.starts_with('+') && !raw.starts_with("+1") {
            return if (8..=15).contains(&digits.len()) {
                Ok(Self(format!("+{digits}")))
            } else {
                Err(Invalid::PhoneFormat)
            };
        }
        let national = match digits.len() {
            10 => digits,
            11 if digits.starts_with('1') => digits[1..].to_owned(),
            _ => return Err(Invalid::PhoneFormat),
        };
        // North American area codes and exchanges do not start with 0 or 1.
        let b = national.as_bytes();
        if b[0] < b'2' || b[3] < b'2' {
            return Err(Invalid::PhoneFormat);
        }
        Ok(Self(national))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.len() == 10 && !self.0.starts_with('+') {
            write!(f, "({}) {}-{}", &self.0[..3], &self.0[3..6], &self.0[6..])
        } else {
            f.write_str(&self.0)
        }
    }
}

/// Oldest plausible age in years.
pub const MAX_AGE_YEARS: i32 = 125;

/// A date of birth: not in the future, not impossibly long ago.
pub fn check_date_of_birth(dob: NaiveDate, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    if dob > today {
        return Err(Invalid::FutureDate);
    }
    let oldest = NaiveDate::from_ymd_opt(today.year_ce().1 as i32 - MAX_AGE_YEARS, 1, 1);
    match oldest {
        Some(oldest) if dob < oldest => Err(Invalid::ImplausibleDate),
        _ => Ok(dob),
    }
}

/// A name folded for comparison: case, accents and spacing ignored.
pub fn fold_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// What the duplicate check compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub phones: Vec<Phone>,
}

/// Why two records may be the same person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    SameNameAndBirthDate,
    SamePhone,
}

pub fn possible_duplicate(new: &Identity, existing: &Identity) -> Option<DuplicateReason> {
    let same_name = fold_name(&new.given_name) == fold_name(&existing.given_name)
        && fold_name(&new.family_name) == fold_name(&existing.family_name);
    if same_name && new.date_of_birth.is_some() && new.date_of_birth == existing.date_of_birth {
        return Some(DuplicateReason::SameNameAndBirthDate);
    }
    if new.phones.iter().any(|p| existing.phones.contains(p)) {
        return Some(DuplicateReason::SamePhone);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_normalise_and_reject_nonsense() {
        for ok in [
            "(503) 555-0101",
            "503-555-0101",
            "1 503 555 0101",
            "+1 (503) 555-0101",
            "5035550101",
        ] {
            assert_eq!(
                Phone::parse(ok).map(|p| p.0),
                Ok("5035550101".into()),
                "{ok}"
            );
        }
        assert_eq!(
            Phone::parse("+52 55 1234 5678").map(|p| p.0),
            Ok("+525512345678".into())
        );
        for bad in [
            "555-0101",
            "call me",
            "503555010",
            "050-555-0101",
            "503-155-0101",
            "+12",
            "503 555 0101 ext 4",
        ] {
            assert_eq!(Phone::parse(bad), Err(Invalid::PhoneFormat), "{bad}");
        }
        assert_eq!(Phone::parse("  "), Err(Invalid::Required));
        assert_eq!(
            Phone::parse("503.555.0101").map(|p| p.to_string()),
            Ok("(503) 555-0101".into())
        );
    }

    #[test]
    fn dates_of_birth() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert!(check_date_of_birth(d(1961, 4, 12), today).is_ok());
        assert!(check_date_of_birth(today, today).is_ok());
        assert_eq!(
            check_date_of_birth(d(2026, 11, 23), today),
            Err(Invalid::FutureDate)
        );
        assert_eq!(
            check_date_of_birth(d(1899, 12, 31), today),
            Err(Invalid::ImplausibleDate)
        );
    }

    #[test]
    fn duplicate_check() {
        let dob = NaiveDate::from_ymd_opt(1955, 7, 21);
        let phone = |s: &str| Phone::parse(s).expect("phone");
        let existing = Identity {
            given_name: "Tomás".into(),
            family_name: "Rivera".into(),
            date_of_birth: dob,
            phones: vec![phone("503-555-0104")],
        };
        let same = Identity {
            given_name: " tomas ".into(),
            family_name: "RIVERA".into(),
            date_of_birth: dob,
            phones: vec![],
        };
        assert_eq!(
            possible_duplicate(&same, &existing),
            Some(DuplicateReason::SameNameAndBirthDate)
        );
        let other_dob = Identity {
            date_of_birth: NaiveDate::from_ymd_opt(1956, 7, 21),
            ..same.clone()
        };
        assert_eq!(possible_duplicate(&other_dob, &existing), None);
        let by_phone = Identity {
            given_name: "Ana".into(),
            family_name: "Soto".into(),
            date_of_birth: None,
            phones: vec![phone("(503) 555-0104")],
        };
        assert_eq!(
            possible_duplicate(&by_phone, &existing),
            Some(DuplicateReason::SamePhone)
        );
        let no_dob = Identity {
            date_of_birth: None,
            ..same
        };
        assert_eq!(
            possible_duplicate(&no_dob, &existing),
            None,
            "a name alone is not enough"
        );
    }
}
