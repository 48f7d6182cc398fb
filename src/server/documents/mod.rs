//! Documents: certificates, licence copies and board letters, sealed with a key of their
//! own before they reach storage.

pub mod cipher;
pub mod download;
pub mod library;
pub mod objects;
mod paced;
pub mod storage;
pub mod sweep;
pub mod upload;
pub mod vault;
