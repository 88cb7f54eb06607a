//! The shape every chapter shares, checked apart from parsing.
//!
//! A chapter ends with a `## Recap` section holding exactly three bullets, then a
//! last paragraph that sends the reader to the lab that tests it:
//!
//! ```markdown
//! ## Recap
//!
//! - First thing to remember.
//! - Second.
//! - Third.
//!
//! **Try it in the lab:** [Stop the run](/labs#stop-the-run)
//! ```
//!
//! and holds [`MIN_WORDS`] to [`MAX_WORDS`] words of prose (front matter and
//! widget directives not counted). [`check_chapter`] reports every problem at
//! once. Whether the lab's slug exists is the `course` crate's test to make, since
//! the labs are not this crate's business.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::error::{ContentError, ErrorKind};
use crate::front_matter;
use crate::render::parse_chapter;

/// The fewest words of prose a chapter may hold.
pub const MIN_WORDS: usize = 1200;
/// The most words of prose a chapter may hold.
pub const MAX_WORDS: usize = 2500;
/// What every closing paragraph starts with.
pub const LAB_LEAD: &str = "**Try it in the lab:**";

/// What the checks found in a well-shaped chapter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChapterShape {
    /// Words of prose.
    pub words: usize,
    /// The three recap bullets, as plain text.
    pub recap: Vec<String>,
    /// The closing link's text.
    pub lab_title: String,
    /// The lab's slug: the link goes to `/labs#<slug>`.
    pub lab_slug: String,
}

/// Checks one chapter file's shape; every problem found, located, on failure.
pub fn check_chapter(file: &str, text: &str) -> Result<ChapterShape, Vec<ContentError>> {
    let chapter = parse_chapter(file, text).map_err(|e| vec![e])?;
    let (_, body_start, body) = front_matter::split(file, text).map_err(|e| vec![e])?;
    let line_of = |offset: usize| body_start + body[..offset].matches('\n').count();
    let mut problems = Vec::new();
    let problem =
        |line: usize, message: String| ContentError::new(file, line, ErrorKind::Structure(message));

    if !(MIN_WORDS..=MAX_WORDS).contains(&chapter.word_count) {
        problems.push(problem(
            0,
            format!(
                "{} words of prose; a chapter holds {MIN_WORDS} to {MAX_WORDS}",
                chapter.word_count
            ),
        ));
    }

    let blocks = top_level_blocks(&body);
    let Some(recap_at) = blocks.iter().rposition(|b| {
        matches!(
            b.events.first(),
            Some(Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }))
        )
    }) else {
        problems.push(problem(0, "no `## Recap` section at the end".to_owned()));
        return Err(problems);
    };
    let heading = &blocks[recap_at];
    let heading_text = plain_text(&heading.events);
    if heading_text != "Recap" {
        problems.push(problem(
            line_of(heading.range.start),
            format!("the last `##` section must be `## Recap`, not `## {heading_text}`"),
        ));
        return Err(problems);
    }
    let after = &blocks[recap_at + 1..];
    let recap_line = line_of(heading.range.start);
    let recap = match after.first() {
        Some(list) if matches!(list.events.first(), Some(Event::Start(Tag::List(None)))) => {
            let items = list_items(&list.events);
            if items.len() != 3 {
                problems.push(problem(
                    line_of(list.range.start),
                    format!(
                        "the recap holds {} bullets; it must hold exactly three",
                        items.len()
                    ),
                ));
            }
            items
        }
        other => {
            let line = other.map_or(recap_line, |b| line_of(b.range.start));
            problems.push(problem(
                line,
                "`## Recap` must open with a bullet list (`- `) of three items".to_owned(),
            ));
            Vec::new()
        }
    };
    let closing = match after {
        [_, paragraph] => Some(paragraph),
        [] | [_] => {
            problems.push(problem(
                recap_line,
                format!(
                    "the chapter must end with `{LAB_LEAD} [Title](/labs#slug)` after the recap"
                ),
            ));
            None
        }
        [_, extra, ..] => {
            problems.push(problem(
                line_of(extra.range.start),
                format!("after the recap's bullets only one paragraph may follow: `{LAB_LEAD} [Title](/labs#slug)`"),
            ));
            None
        }
    };
    let lab = closing.and_then(|block| match lab_link(&block.events) {
        Ok(link) => Some(link),
        Err(reason) => {
            problems.push(problem(line_of(block.range.start), reason));
            None
        }
    });
    match lab {
        Some((lab_title, lab_slug)) if problems.is_empty() => Ok(ChapterShape {
            words: chapter.word_count,
            recap,
            lab_title,
            lab_slug,
        }),
        _ => Err(problems),
    }
}

/// One top-level block of the body: its events and where it starts.
struct TopBlock<'a> {
    events: Vec<Event<'a>>,
    range: Range<usize>,
}

fn top_level_blocks(body: &str) -> Vec<TopBlock<'_>> {
    let mut blocks: Vec<TopBlock<'_>> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, crate::render::options()).into_offset_iter() {
        if depth == 0 {
            blocks.push(TopBlock {
                events: Vec::new(),
                range,
            });
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(block) = blocks.last_mut() {
            block.events.push(event);
        }
    }
    blocks
}

/// The plain text of each item of a list, nested lists included in their item.
fn list_items(events: &[Event<'_>]) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Vec<Event<'_>>> = None;
    for event in events {
        match event {
            Event::Start(Tag::Item) if depth == 1 => current = Some(Vec::new()),
            Event::End(TagEnd::Item) if depth == 2 => {
                items.push(plain_text(&current.take().unwrap_or_default()));
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(item) = current.as_mut() {
            item.push(event.clone());
        }
    }
    items
}

/// Reads `**Try it in the lab:** [Title](/labs#slug)` into title and slug.
fn lab_link(events: &[Event<'_>]) -> Result<(String, String), String> {
    let mut shape = String::new();
    let mut title = String::new();
    let mut dest = None;
    let mut links = 0;
    let mut in_link = false;
    for event in events {
        match event {
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => shape.push_str("**"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links += 1;
                in_link = true;
                dest = Some(dest_url.to_string());
                shape.push('[');
            }
            Event::End(TagEnd::Link) => {
                in_link = false;
                shape.push_str("]()");
            }
            Event::Text(text) | Event::Code(text) if in_link => title.push_str(text),
            Event::Text(text) | Event::Code(text) => shape.push_str(text),
            Event::SoftBreak => shape.push(' '),
            _ => {}
        }
    }
    let expected = format!("{LAB_LEAD} []()");
    let wrong = || {
        format!("the closing paragraph must read `{LAB_LEAD} [Title](/labs#slug)` and nothing else")
    };
    if links != 1 || shape.trim() != expected {
        return Err(wrong());
    }
    let dest = dest.unwrap_or_default();
    let Some(slug) = dest.strip_prefix("/labs#") else {
        return Err(format!(
            "the lab link must point to `/labs#slug`, not `{dest}`"
        ));
    };
    let valid = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid || title.trim().is_empty() {
        return Err(wrong());
    }
    Ok((title.trim().to_owned(), slug.to_owned()))
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

#[cfg(test)]
#[path = "structure_tests.rs"]
mod tests;
