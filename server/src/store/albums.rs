//! Albums instructors uploaded: the file lives in the data directory under its
//! generated id; this table remembers whose it is and what it held.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError};

/// An uploaded album.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UploadedAlbum {
    /// Generated id; the file is `albums/ID.zip` in the data directory.
    pub id: String,
    /// Who uploaded it.
    pub instructor_id: i64,
    /// The name the browser gave the file (shown, never used as a path).
    pub original_name: String,
    /// Size of the zip.
    pub bytes: u64,
    /// SHA-256 of the zip.
    pub sha256: String,
    /// What the loader found (the trainer's `AlbumSummary` as JSON).
    pub summary: serde_json::Value,
    /// Uploaded (ms since the epoch).
    pub created_at: i64,
}

impl Store {
    /// Records an upload whose file is already in place.
    pub fn add_album(&self, album: &UploadedAlbum) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO albums (id, instructor_id, original_name, bytes, sha256, summary, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                album.id,
                album.instructor_id,
                album.original_name,
                album.bytes,
                album.sha256,
                album.summary.to_string(),
                album.created_at
            ],
        )?;
        Ok(())
    }

    /// The upload `id`, if `instructor_id` made it.
    pub fn album_of(
        &self,
        id: &str,
        instructor_id: i64,
    ) -> Result<Option<UploadedAlbum>, StoreError> {
        let row = self
            .conn()
            .query_row(
                "SELECT id, instructor_id, original_name, bytes, sha256, summary, created_at
                 FROM albums WHERE id = ?1 AND instructor_id = ?2",
                params![id, instructor_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, u64>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, i64>(6)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, instructor_id, original_name, bytes, sha256, summary, created_at)) = row
        else {
            return Ok(None);
        };
        Ok(Some(UploadedAlbum {
            id,
            instructor_id,
            original_name,
            bytes,
            sha256,
            summary: serde_json::from_str(&summary)?,
            created_at,
        }))
    }

    /// An instructor's uploads as `(id, name)`, newest first.
    pub fn albums_of(&self, instructor_id: i64) -> Result<Vec<(String, String)>, StoreError> {
        let conn = self.conn();
        let mut statement = conn.prepare_cached(
            "SELECT id, original_name FROM albums WHERE instructor_id = ?1
             ORDER BY created_at DESC, rowid DESC",
        )?;
        let rows = statement.query_map([instructor_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
