//! Reading progress: which chapters a reader has started and finished.
//!
//! Plain data with no browser types, so its rules are tested natively; the
//! `reading` module stores it in `localStorage`.

use std::collections::BTreeSet;

use content::ChapterSummary;
use serde::{Deserialize, Serialize};

/// Where a reader stands with one chapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadingStatus {
    /// Never opened.
    Unread,
    /// Opened, not read to the end.
    Started,
    /// Read to the end.
    Finished,
}

/// The reader's progress through the course.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Slugs of chapters opened.
    pub started: BTreeSet<String>,
    /// Slugs of chapters read to the end.
    pub finished: BTreeSet<String>,
}

impl Progress {
    /// The status of the chapter with `slug`.
    pub fn status(&self, slug: &str) -> ReadingStatus {
        if self.finished.contains(slug) {
            ReadingStatus::Finished
        } else if self.started.contains(slug) {
            ReadingStatus::Started
        } else {
            ReadingStatus::Unread
        }
    }

    /// Records that the chapter was opened.
    pub fn start(&mut self, slug: &str) {
        self.started.insert(slug.to_owned());
    }

    /// Records that the chapter was read to the end.
    pub fn finish(&mut self, slug: &str) {
        self.started.insert(slug.to_owned());
        self.finished.insert(slug.to_owned());
    }

    /// How many of `chapters` are finished.
    pub fn finished_count(&self, chapters: &[ChapterSummary]) -> usize {
        chapters
            .iter()
            .filter(|c| self.finished.contains(&c.slug))
            .count()
    }

    /// The chapter to suggest next: the first one not finished, once the reader
    /// has begun at all.
    pub fn next_up<'a>(&self, chapters: &'a [ChapterSummary]) -> Option<&'a ChapterSummary> {
        if self.started.is_empty() {
            return None;
        }
        chapters.iter().find(|c| !self.finished.contains(&c.slug))
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the stored form; anything unreadable counts as a fresh start rather
    /// than an error, since a reader can do nothing about a damaged entry.
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapters(slugs: &[&str]) -> Vec<ChapterSummary> {
        slugs
            .iter()
            .enumerate()
            .map(|(i, slug)| ChapterSummary {
                number: u32::try_from(i + 1).expect("small"),
                slug: (*slug).to_owned(),
                title: String::new(),
                lede: String::new(),
            })
            .collect()
    }

    #[test]
    fn statuses_and_next_up() {
        let map = chapters(&["a", "b", "c"]);
        let mut progress = Progress::default();
        assert_eq!(
            progress.next_up(&map),
            None,
            "nothing to continue before starting"
        );
        progress.start("b");
        assert_eq!(progress.status("b"), ReadingStatus::Started);
        assert_eq!(progress.next_up(&map).map(|c| c.slug.as_str()), Some("a"));
        progress.finish("a");
        assert_eq!(progress.status("a"), ReadingStatus::Finished);
        assert_eq!(progress.finished_count(&map), 1);
        assert_eq!(progress.next_up(&map).map(|c| c.slug.as_str()), Some("b"));
    }

    #[test]
    fn storage_round_trip_and_damage() {
        let mut progress = Progress::default();
        progress.finish("steps");
        assert_eq!(Progress::from_json(&progress.to_json()), progress);
        assert_eq!(Progress::from_json("{not json"), Progress::default());
    }
}
