//! Validated values, parsed at the edge and shared with the browser so
//! forms can check early. Errors are codes; the UI turns them into words in
//! the user's language.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a field was refused. The UI has a message for each in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Invalid {
    Required,
    TooLong,
    EmailFormat,
    PasswordTooShort,
    UnknownChoice,
    AlreadyTaken,
    /// An admin may not disable their own account.
    SelfLockout,
    /// A team with active members cannot be disabled.
    HasActiveMembers,
    PhoneFormat,
    DateFormat,
    FutureDate,
    /// A date too far in the past to be right.
    ImplausibleDate,
}

/// A field name with what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Invalid,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// A single refused field.
    pub fn one(field: &str, problem: Invalid) -> Self {
        let mut e = Self::default();
        e.add(field, problem);
        e
    }
    pub fn add(&mut self, field: &str, problem: Invalid) {
        self.0.push(FieldError {
            field: field.to_owned(),
            problem,
        });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, field: &str) -> Option<Invalid> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }
    /// Collects a parse result, keeping the value when valid.
    pub fn check<T>(&mut self, field: &str, r: Result<T, Invalid>) -> Option<T> {
        r.map_err(|p| self.add(field, p)).ok()
    }
}

/// An email address used as a sign-in name: trimmed and lower-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        if s.len() > Self::MAX_LEN {
            return Err(Invalid::TooLong);
        }
        let mut parts = s.split('@');
        let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(Invalid::EmailFormat);
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty() || !domain_ok || s.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Invalid::EmailFormat);
        }
        Ok(Self(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A required, single-line name (person or team), at most `MAX_LEN` characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Name(String);

impl Name {
    pub const MAX_LEN: usize = 120;
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            Err(Invalid::Required)
        } else if s.chars().count() > Self::MAX_LEN {
            Err(Invalid::TooLong)
        } else {
            Ok(Self(s))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password: long enough to resist guessing (NIST SP 800-63B asks for
/// at least 8; staff accounts that open patient records get 12), bounded so
/// hashing stays cheap. Never serialized back to a client.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 256;
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let n = raw.chars().count();
        if n == 0 {
            Err(Invalid::Required)
        } else if n < Self::MIN_CHARS {
            Err(Invalid::PasswordTooShort)
        } else if n > Self::MAX_CHARS {
            Err(Invalid::TooLong)
        } else {
            Ok(Self(raw.to_owned()))
        }
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("  Ana@Example.ORG ").map(|e| e.0),
            Ok("ana@example.org".into())
        );
        assert_eq!(Email::parse(""), Err(Invalid::Required));
        for bad in [
            "ana",
            "ana@",
            "@x.org",
            "a@b",
            "a@@b.org",
            "a b@c.org",
            "a@.org",
            "a@x..org",
        ] {
            assert_eq!(Email::parse(bad), Err(Invalid::EmailFormat), "{bad}");
        }
        assert_eq!(
            Email::parse(&format!("{}@x.org", "a".repeat(260))),
            Err(Invalid::TooLong)
        );
    }

    #[test]
    fn names_collapse_whitespace_and_have_limits() {
        assert_eq!(
            Name::parse("  Team   North ").map(|n| n.0),
            Ok("Team North".into())
        );
        assert_eq!(Name::parse("   "), Err(Invalid::Required));
        assert_eq!(Name::parse(&"é".repeat(121)), Err(Invalid::TooLong));
        assert!(Name::parse(&"é".repeat(120)).is_ok());
    }

    #[test]
    fn passwords() {
        assert_eq!(
            NewPassword::parse("short").err(),
            Some(Invalid::PasswordTooShort)
        );
        assert_eq!(NewPassword::parse("").err(), Some(Invalid::Required));
        assert!(NewPassword::parse("correct horse battery").is_ok());
        assert_eq!(
            format!("{:?}", NewPassword::parse("correct horse battery")),
            "Ok(NewPassword(…))"
        );
    }

    #[test]
    fn field_errors_collect() {
        let mut e = FieldErrors::default();
        let email = e.check("email", Email::parse("nope"));
        let name = e.check("name", Name::parse("Ana"));
        assert!(email.is_none());
        assert!(name.is_some());
        assert_eq!(e.get("email"), Some(Invalid::EmailFormat));
        assert_eq!(e.get("name"), None);
    }
}
