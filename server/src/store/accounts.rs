//! Instructors and their login sessions. Passwords arrive here already hashed
//! (see `auth::password`); sessions are stored by the SHA-256 of their cookie, so
//! a copy of the database does not let anyone log in.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError, now_ms};

/// An instructor account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Instructor {
    /// Row id.
    pub id: i64,
    /// Login name (compared without case).
    pub username: String,
    /// The secret in the class link students open (`/api/classes/TOKEN`).
    pub class_token: String,
}

fn read_instructor(row: &rusqlite::Row<'_>) -> rusqlite::Result<Instructor> {
    Ok(Instructor {
        id: row.get(0)?,
        username: row.get(1)?,
        class_token: row.get(2)?,
    })
}

impl Store {
    /// Adds an instructor; refuses a name already taken.
    pub fn create_instructor(
        &self,
        username: &str,
        password_hash: &str,
    ) -> Result<Instructor, StoreError> {
        let conn = self.conn();
        let class_token = crate::ids::random_hex(16);
        let result = conn.execute(
            "INSERT INTO instructors (username, password_hash, class_token, created_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![username, password_hash, class_token, now_ms()],
        );
        match result {
            Ok(_) => Ok(Instructor {
                id: conn.last_insert_rowid(),
                username: username.to_owned(),
                class_token,
            }),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Err(StoreError::Conflict(format!(
                    "an instructor named `{username}` already exists"
                )))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The instructor named `username` with their password hash.
    pub fn instructor_by_name(
        &self,
        username: &str,
    ) -> Result<Option<(Instructor, String)>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, username, class_token, password_hash FROM instructors
                 WHERE username = ?1",
                [username],
                |r| Ok((read_instructor(r)?, r.get(3)?)),
            )
            .optional()?)
    }

    /// Records a session valid until `expires_at` (ms).
    pub fn create_session(
        &self,
        token_hash: &str,
        instructor_id: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let conn = self.conn();
        let now = now_ms();
        conn.execute("DELETE FROM sessions WHERE expires_at < ?1", [now])?;
        conn.execute(
            "INSERT INTO sessions (token_hash, instructor_id, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![token_hash, instructor_id, now, expires_at],
        )?;
        Ok(())
    }

    /// The instructor whose unexpired session has this hash.
    pub fn session(&self, token_hash: &str) -> Result<Option<Instructor>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT i.id, i.username, i.class_token FROM sessions s JOIN instructors i
                   ON i.id = s.instructor_id
                 WHERE s.token_hash = ?1 AND s.expires_at > ?2",
                params![token_hash, now_ms()],
                read_instructor,
            )
            .optional()?)
    }

    /// The instructor whose class link holds `class_token`.
    pub fn instructor_by_class(&self, class_token: &str) -> Result<Option<Instructor>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, username, class_token FROM instructors WHERE class_token = ?1",
                [class_token],
                read_instructor,
            )
            .optional()?)
    }

    /// Ends a session.
    pub fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
        Ok(())
    }
}
