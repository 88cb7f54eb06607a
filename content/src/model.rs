//! The shapes a parsed course takes: what the server embeds and the browser receives.

use serde::{Deserialize, Serialize};

/// The whole course: every chapter in reading order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Course {
    /// Chapters sorted by number, numbered 1..=N without gaps.
    pub chapters: Vec<Chapter>,
}

/// One chapter, parsed and rendered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chapter {
    /// Position in the course, starting at 1.
    pub number: u32,
    /// URL segment: the chapter lives at `/learn/<slug>`.
    pub slug: String,
    /// Title shown in the course map and on top of the chapter.
    pub title: String,
    /// One sentence that says what the chapter gives the reader.
    pub lede: String,
    /// The body: HTML runs and the widgets between them.
    pub blocks: Vec<Block>,
    /// Second- and third-level headings, for the table of contents.
    pub toc: Vec<TocEntry>,
    /// Words of prose in the body (widgets and markup not counted).
    pub word_count: usize,
    /// Glossary terms linked in the body, by id, in order of first use.
    #[serde(default)]
    pub terms: Vec<String>,
}

/// A page of prose outside the chapter sequence, such as the field guide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// The page's title.
    pub title: String,
    /// One sentence that says what the page is for.
    pub lede: String,
    /// The body: HTML runs and the widgets between them.
    pub blocks: Vec<Block>,
    /// Second- and third-level headings, for the table of contents.
    pub toc: Vec<TocEntry>,
    /// Words of prose in the body.
    pub word_count: usize,
    /// Glossary terms linked in the body, by id, in order of first use.
    pub terms: Vec<String>,
}

/// A piece of a chapter body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// Rendered HTML from Markdown we wrote ourselves.
    Html(String),
    /// An interactive widget from the labs, placed here by a directive.
    Widget(WidgetCall),
}

/// A widget directive: which widget, with which parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WidgetCall {
    /// A name from [`crate::widgets::CATALOG`].
    pub name: String,
    /// `key = value` pairs in the order they were written.
    pub params: Vec<(String, String)>,
}

impl WidgetCall {
    /// The value of parameter `key`, if the directive set it.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A heading inside a chapter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The `id` of the heading element, unique within the chapter.
    pub id: String,
    /// The heading's text without markup.
    pub text: String,
}

/// What the course map and the previous/next links need to know of a chapter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChapterSummary {
    /// Position in the course, starting at 1.
    pub number: u32,
    /// URL segment.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One-sentence lede.
    pub lede: String,
}

/// A chapter with its neighbours, as the chapter page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChapterPage {
    /// The chapter itself.
    pub chapter: Chapter,
    /// How many chapters the course has.
    pub total: u32,
    /// The chapter before, if any.
    pub prev: Option<ChapterSummary>,
    /// The chapter after, if any.
    pub next: Option<ChapterSummary>,
}

impl Chapter {
    /// The chapter's entry in the course map.
    pub fn summary(&self) -> ChapterSummary {
        ChapterSummary {
            number: self.number,
            slug: self.slug.clone(),
            title: self.title.clone(),
            lede: self.lede.clone(),
        }
    }

    /// Every widget directive in the body, in reading order.
    pub fn widgets(&self) -> impl Iterator<Item = &WidgetCall> {
        widgets_in(&self.blocks)
    }
}

impl Page {
    /// Every widget directive in the body, in reading order.
    pub fn widgets(&self) -> impl Iterator<Item = &WidgetCall> {
        widgets_in(&self.blocks)
    }
}

fn widgets_in(blocks: &[Block]) -> impl Iterator<Item = &WidgetCall> {
    blocks.iter().filter_map(|block| match block {
        Block::Widget(call) => Some(call),
        Block::Html(_) => None,
    })
}

impl Course {
    /// The course map: every chapter's summary in order.
    pub fn summaries(&self) -> Vec<ChapterSummary> {
        self.chapters.iter().map(Chapter::summary).collect()
    }

    /// The page for `slug`, with its neighbours, or `None` if no chapter has it.
    pub fn page(&self, slug: &str) -> Option<ChapterPage> {
        let index = self.chapters.iter().position(|c| c.slug == slug)?;
        Some(ChapterPage {
            chapter: self.chapters[index].clone(),
            total: u32::try_from(self.chapters.len()).unwrap_or(u32::MAX),
            prev: index
                .checked_sub(1)
                .and_then(|i| self.chapters.get(i))
                .map(Chapter::summary),
            next: self.chapters.get(index + 1).map(Chapter::summary),
        })
    }
}
