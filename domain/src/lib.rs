//! Domain rules of the care-coordination app.
//!
//! Plain Rust with no I/O: no database, no clock, no randomness taken
//! implicitly. The same code runs on the server and, compiled to WASM, in the
//! browser, so a phone with no signal applies the same rules as the server.

pub mod access;
pub mod audit;
pub mod command;
pub mod episode;
pub mod ids;
pub mod patient;
pub mod role;
pub mod session;
pub mod throttle;
pub mod validate;

pub use ids::*;
pub use role::Role;
