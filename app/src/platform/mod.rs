//! Server-side platform: database, sessions, the command write path, the
//! audit log and the single authorization check.

pub mod audit;
pub mod auth;
pub mod clock;
pub mod commands;
pub mod db;
pub mod password;
pub mod sessions;
pub mod state;
