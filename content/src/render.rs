//! Markdown to blocks: HTML runs, widget directives, the table of contents and
//! glossary links.
//!
//! Chapters ([`parse_chapter_with`]) and standalone pages such as the field guide
//! ([`parse_page`]) share one body renderer; they differ only in their front matter.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::directive::{is_directive, parse_directive};
use crate::error::ContentError;
use crate::front_matter;
use crate::glossary::Glossary;
use crate::glossary::link::Linker;
use crate::model::{Block, Chapter, Page, TocEntry};
use crate::words::{count_words, slugify};

/// Parses one chapter file without glossary links. `file` is only used to
/// locate errors.
pub fn parse_chapter(file: &str, text: &str) -> Result<Chapter, ContentError> {
    parse_chapter_with(file, text, &Glossary::default())
}

/// Parses one chapter file, linking the first use of each of `glossary`'s terms.
pub fn parse_chapter_with(
    file: &str,
    text: &str,
    glossary: &Glossary,
) -> Result<Chapter, ContentError> {
    let (front, body_start, body) = front_matter::split(file, text)?;
    let body = render_body(file, body_start, &body, glossary)?;
    Ok(Chapter {
        number: front.number,
        slug: front.slug,
        title: front.title,
        lede: front.lede,
        blocks: body.blocks,
        toc: body.toc,
        word_count: body.words,
        terms: body.terms,
    })
}

/// Parses a page outside the chapter sequence (front matter: `title` and `lede`
/// only), linking glossary terms as in a chapter.
pub fn parse_page(file: &str, text: &str, glossary: &Glossary) -> Result<Page, ContentError> {
    let (front, body_start, body) = front_matter::split_page(file, text)?;
    let body = render_body(file, body_start, &body, glossary)?;
    Ok(Page {
        title: front.title,
        lede: front.lede,
        blocks: body.blocks,
        toc: body.toc,
        word_count: body.words,
        terms: body.terms,
    })
}

/// A rendered body.
struct Body {
    blocks: Vec<Block>,
    toc: Vec<TocEntry>,
    words: usize,
    terms: Vec<String>,
}

/// Renders a Markdown body whose first line is line `body_start` of `file`.
fn render_body(
    file: &str,
    body_start: usize,
    body: &str,
    glossary: &Glossary,
) -> Result<Body, ContentError> {
    let line_of = |offset: usize| body_start + body[..offset].matches('\n').count();

    let mut out = Output::new(glossary);
    let mut events = Parser::new_ext(body, options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if is_directive(&info) => {
                let mut directive_body = String::new();
                for (inner, _) in events.by_ref() {
                    match inner {
                        Event::Text(text) => directive_body.push_str(&text),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let call = parse_directive(file, line_of(range.start), &info, &directive_body)?;
                out.flush();
                out.blocks.push(Block::Widget(call));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let mut inner = Vec::new();
                for (event, _) in events.by_ref() {
                    if matches!(event, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(event);
                }
                let text = plain_text(&inner);
                out.words += count_words(&text);
                let id = match id {
                    Some(id) => {
                        out.ids.insert(id.to_string());
                        id.to_string()
                    }
                    None => out.unique_id(&text),
                };
                let level_number = level as u8;
                if (2..=3).contains(&level_number) {
                    out.toc.push(TocEntry {
                        level: level_number,
                        id: id.clone(),
                        text,
                    });
                }
                out.pending.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
                out.pending.extend(inner);
                out.pending.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(_)) => {
                out.in_code = true;
                out.pending.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                out.in_code = false;
                out.pending.push(event);
            }
            Event::Text(ref text) => {
                if !out.in_code {
                    out.words += count_words(text);
                }
                out.pending.push(event);
            }
            other => out.pending.push(other),
        }
    }
    out.flush();
    Ok(Body {
        blocks: out.blocks,
        toc: out.toc,
        words: out.words,
        terms: out.linker.into_linked(),
    })
}

struct Output<'a, 'g> {
    blocks: Vec<Block>,
    pending: Vec<Event<'a>>,
    toc: Vec<TocEntry>,
    ids: HashSet<String>,
    words: usize,
    in_code: bool,
    linker: Linker<'g>,
}

impl<'g> Output<'_, 'g> {
    fn new(glossary: &'g Glossary) -> Self {
        Self {
            blocks: Vec::new(),
            pending: Vec::new(),
            toc: Vec::new(),
            ids: HashSet::new(),
            words: 0,
            in_code: false,
            linker: Linker::new(glossary),
        }
    }

    /// Turns the events gathered since the last widget into one HTML block,
    /// linking glossary terms on the way.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let events = self.linker.link(std::mem::take(&mut self.pending));
        let mut html_out = String::new();
        html::push_html(&mut html_out, events.into_iter());
        if !html_out.trim().is_empty() {
            self.blocks.push(Block::Html(html_out));
        }
    }

    /// A heading id from its text, made unique within the chapter.
    fn unique_id(&mut self, text: &str) -> String {
        let base = slugify(text);
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const HEAD: &str = "---\nnumber: 1\nslug: one\ntitle: One\nlede: First.\n---\n";

    fn parse(body: &str) -> Result<Chapter, ContentError> {
        parse_chapter("content/chapters/01-one.md", &format!("{HEAD}{body}"))
    }

    #[test]
    fn splits_html_and_widgets() {
        let chapter = parse(
            "Before the slider.\n\n```widget scale-slider\nvalue = 1.5\n# a comment\nlabel = strength\n```\n\nAfter it.\n",
        )
        .expect("valid chapter");
        assert_eq!(chapter.blocks.len(), 3);
        assert_eq!(
            chapter.blocks[0],
            Block::Html("<p>Before the slider.</p>\n".into())
        );
        let Block::Widget(call) = &chapter.blocks[1] else {
            panic!("expected a widget, got {:?}", chapter.blocks[1]);
        };
        assert_eq!(call.name, "scale-slider");
        assert_eq!(call.param("value"), Some("1.5"));
        assert_eq!(call.param("label"), Some("strength"));
        assert_eq!(chapter.blocks[2], Block::Html("<p>After it.</p>\n".into()));
        assert_eq!(chapter.word_count, 5);
    }

    #[test]
    fn unknown_widget_names_file_and_line() {
        let err = parse("Intro.\n\n```widget scale-sldier\n```\n").expect_err("refused");
        assert_eq!(err.line, 9);
        assert!(
            err.to_string()
                .starts_with("content/chapters/01-one.md:9: unknown widget `scale-sldier`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_or_malformed_parameters_are_refused() {
        let err =
            parse("```widget scale-slider\nvalue = 1\ncolour = red\n```\n").expect_err("refused");
        assert_eq!(err.line, 9);
        assert!(
            err.to_string().contains("takes no parameter `colour`"),
            "{err}"
        );
        let err = parse("```widget scale-slider\nvalue 1\n```\n").expect_err("refused");
        assert_eq!(err.kind, ErrorKind::DirectiveSyntax("value 1".into()));
        let err = parse("```widget scale-slider extra\n```\n").expect_err("refused");
        assert_eq!(err.line, 7);
    }

    #[test]
    fn headings_get_unique_ids_and_a_toc() {
        let chapter =
            parse("## The album\n\ntext\n\n### Why `20`?\n\n## The album\n").expect("valid");
        let ids: Vec<_> = chapter.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["the-album", "why-20", "the-album-2"]);
        assert_eq!(chapter.toc[1].level, 3);
        assert_eq!(chapter.toc[1].text, "Why 20?");
        let Block::Html(html_out) = &chapter.blocks[0] else {
            panic!("expected html");
        };
        assert!(
            html_out.contains("<h2 id=\"the-album\">The album</h2>"),
            "{html_out}"
        );
    }

    #[test]
    fn ordinary_code_blocks_stay_code() {
        let chapter = parse("```rust\nlet x = 1;\n```\n").expect("valid");
        assert_eq!(chapter.blocks.len(), 1);
        assert_eq!(chapter.word_count, 0);
    }
}
