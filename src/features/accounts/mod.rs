//! Accounts: sign-up, sign-in, sign-out, email links, password reset and the account page.

mod account_page;
mod api;
mod email_api;
mod email_section;
mod forms;
mod password_reset_pages;
mod settings_section;
mod signin_page;
mod signup_page;
mod two_factor_page;
mod verify_email_page;

pub use account_page::AccountPage;
pub use api::*;
pub use email_api::*;
pub use password_reset_pages::{ForgotPasswordPage, ResetPasswordPage};
pub use signin_page::SignInPage;
pub use signup_page::SignUpPage;
pub use two_factor_page::TwoFactorSignInPage;
pub use verify_email_page::VerifyEmailPage;
