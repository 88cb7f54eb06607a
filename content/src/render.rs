//! Markdown to blocks: HTML runs, widget directives and the table of contents.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::error::{ContentError, ErrorKind};
use crate::front_matter;
use crate::model::{Block, Chapter, TocEntry, WidgetCall};
use crate::widgets;

/// Parses one chapter file. `file` is only used to locate errors.
pub fn parse_chapter(file: &str, text: &str) -> Result<Chapter, ContentError> {
    let (front, body_start, body) = front_matter::split(file, text)?;
    let line_of = |offset: usize| body_start + body[..offset].matches('\n').count();

    let mut out = Output::default();
    let mut events = Parser::new_ext(&body, options()).into_offset_iter();
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
                    Some(id) => id.to_string(),
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

    Ok(Chapter {
        number: front.number,
        slug: front.slug,
        title: front.title,
        lede: front.lede,
        blocks: out.blocks,
        toc: out.toc,
        word_count: out.words,
    })
}

#[derive(Default)]
struct Output<'a> {
    blocks: Vec<Block>,
    pending: Vec<Event<'a>>,
    toc: Vec<TocEntry>,
    ids: HashSet<String>,
    words: usize,
    in_code: bool,
}

impl Output<'_> {
    /// Turns the events gathered since the last widget into one HTML block.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut html_out = String::new();
        html::push_html(&mut html_out, self.pending.drain(..));
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

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn is_directive(info: &str) -> bool {
    info.split_whitespace().next() == Some("widget")
}

/// Reads a directive: the info string names the widget, each body line sets a parameter.
fn parse_directive(
    file: &str,
    line: usize,
    info: &str,
    body: &str,
) -> Result<WidgetCall, ContentError> {
    let mut words = info.split_whitespace().skip(1);
    let (Some(name), None) = (words.next(), words.next()) else {
        return Err(ContentError::new(
            file,
            line,
            ErrorKind::DirectiveSyntax(info.to_owned()),
        ));
    };
    let spec = widgets::spec(name)
        .ok_or_else(|| ContentError::new(file, line, ErrorKind::UnknownWidget(name.to_owned())))?;
    let mut params: Vec<(String, String)> = Vec::new();
    for (index, raw) in body.lines().enumerate() {
        let line_no = line + 1 + index;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let syntax =
            || ContentError::new(file, line_no, ErrorKind::DirectiveSyntax(raw.to_owned()));
        let (key, value) = trimmed.split_once('=').ok_or_else(syntax)?;
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() || params.iter().any(|(k, _)| k == key) {
            return Err(syntax());
        }
        if !spec.params.contains(&key) {
            return Err(ContentError::new(
                file,
                line_no,
                ErrorKind::UnknownParam {
                    widget: name.to_owned(),
                    param: key.to_owned(),
                    allowed: spec.params.join(", "),
                },
            ));
        }
        params.push((key.to_owned(), value.to_owned()));
    }
    Ok(WidgetCall {
        name: name.to_owned(),
        params,
    })
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

fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

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
