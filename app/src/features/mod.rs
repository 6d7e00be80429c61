pub mod accounts;
pub mod audit;
pub mod auth;
pub mod home;
pub mod patients;
