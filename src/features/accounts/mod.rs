//! Accounts: sign-up, sign-in, sign-out and the account page with its sessions.

mod account_page;
mod api;
mod forms;
mod settings_section;
mod signin_page;
mod signup_page;
mod two_factor_page;

pub use account_page::AccountPage;
pub use api::*;
pub use signin_page::SignInPage;
pub use signup_page::SignUpPage;
pub use two_factor_page::TwoFactorSignInPage;
