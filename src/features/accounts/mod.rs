//! Accounts: sign-in and sign-up.

mod pages;

pub use pages::{SignInPage, SignUpPage};
