//! `server admin create-instructor`: the only way the first (or any) instructor
//! account comes to be. The password is read from standard input, hashed with
//! argon2id and never printed or logged; no default account exists.

use std::io::BufRead;
use std::path::Path;

use crate::auth::password;
use crate::store::{Instructor, Store, StoreError};

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The name is unusable.
    #[error("the username must be 1 to 64 letters, digits, `.`, `_` or `-`")]
    BadName,
    /// The password was refused.
    #[error(transparent)]
    Password(#[from] password::PasswordError),
    /// The store refused (a taken name) or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Standard input could not be read.
    #[error("cannot read the password from standard input: {0}")]
    Input(#[from] std::io::Error),
}

/// Whether `name` is a valid login name.
pub fn valid_username(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Creates instructor `username` with `password` in the store at `db`.
pub fn create_instructor(
    db: &Path,
    username: &str,
    password: &str,
) -> Result<Instructor, AdminError> {
    if !valid_username(username) {
        return Err(AdminError::BadName);
    }
    let hash = password::hash(password)?;
    Ok(Store::open(db)?.create_instructor(username, &hash)?)
}

/// Reads one line (the password) from `input`, without its line ending.
pub fn read_password(input: impl BufRead) -> Result<String, AdminError> {
    let mut line = String::new();
    let mut input = input;
    input.read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
