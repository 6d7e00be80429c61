//! Storage of the accounts aggregates (server only).
pub mod teams;
pub mod users;
