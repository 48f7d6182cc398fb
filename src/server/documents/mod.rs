//! Documents: certificates, licence copies and board letters, sealed with a key of their
//! own before they reach storage.

pub mod cipher;
pub mod download;
pub mod extract;
pub mod intake;
pub mod library;
pub mod links;
pub mod objects;
mod paced;
pub mod proposal;
pub mod storage;
pub mod sweep;
pub mod thumbnail;
pub mod upload;
pub mod vault;
