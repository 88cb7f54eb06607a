//! Unguessable identifiers from the operating system's random source: job and
//! album ids, session tokens, temporary file names.

use std::fmt::Write;

/// `bytes` random bytes as lowercase hex (twice as many characters).
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    if let Err(err) = getrandom::fill(&mut buffer) {
        // Without the OS's randomness nothing secret can be made; there is no
        // safe fallback, so stop loudly.
        panic!("the operating system's random source failed: {err}");
    }
    buffer
        .iter()
        .fold(String::with_capacity(bytes * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// Whether `id` looks like one of ours (`len` hex characters), so it is safe to
/// use as a file name.
pub fn is_id(id: &str, len: usize) -> bool {
    id.len() == len
        && id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}
