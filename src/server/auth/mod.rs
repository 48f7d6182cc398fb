//! Who is asking: session tokens, cookies, the signed-in user, and the one place that says
//! who may do what.

pub mod cookie;
pub mod current;
pub mod policy;
pub mod sessions;
pub mod token;

pub use current::{CurrentUser, client_addr, current_user, require};
pub use policy::Permission;
