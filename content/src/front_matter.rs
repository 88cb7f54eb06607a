//! The `---` block at the top of a chapter file.
//!
//! We parse a deliberately tiny subset of YAML: one `key: value` per line, four
//! known keys, values taken literally (optional surrounding quotes removed).
//! Chapters need all four; standalone pages ([`split_page`]) take only `title`
//! and `lede`.

use crate::error::{ContentError, ErrorKind};

/// The chapter's identity, read from its front matter.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub(crate) number: u32,
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) lede: String,
}

/// A standalone page's identity: title and lede.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct PageMatter {
    pub(crate) title: String,
    pub(crate) lede: String,
}

/// Splits `text` into front matter and body.
///
/// Returns the front matter and the body with the 1-based line on which the body
/// starts, so errors in the body can name the line in the original file.
pub(crate) fn split(file: &str, text: &str) -> Result<(FrontMatter, usize, String), ContentError> {
    let (fields, body_start, body) = read(file, text)?;
    Ok((fields.finish(file)?, body_start, body))
}

/// Like [`split`], for a page outside the chapter sequence.
pub(crate) fn split_page(
    file: &str,
    text: &str,
) -> Result<(PageMatter, usize, String), ContentError> {
    let (fields, body_start, body) = read(file, text)?;
    if fields.number.is_some() || fields.slug.is_some() {
        return Err(ContentError::new(
            file,
            1,
            ErrorKind::BadValue {
                key: if fields.number.is_some() {
                    "number"
                } else {
                    "slug"
                },
                reason: "a page outside the chapters takes only title and lede".to_owned(),
            },
        ));
    }
    let missing = |key| ContentError::new(file, 1, ErrorKind::MissingKey(key));
    let front = PageMatter {
        title: fields.title.ok_or_else(|| missing("title"))?,
        lede: fields.lede.ok_or_else(|| missing("lede"))?,
    };
    Ok((front, body_start, body))
}

fn read(file: &str, text: &str) -> Result<(Fields, usize, String), ContentError> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, first)) if first.trim_end() == "---" => {}
        _ => return Err(ContentError::new(file, 1, ErrorKind::MissingFrontMatter)),
    }
    let mut fields = Fields::default();
    let mut body_start = None;
    for (index, line) in lines.by_ref() {
        let line_no = index + 1;
        if line.trim_end() == "---" {
            body_start = Some(line_no + 1);
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        fields.take(file, line_no, line)?;
    }
    let Some(body_start) = body_start else {
        return Err(ContentError::new(file, 1, ErrorKind::MissingFrontMatter));
    };
    let body: Vec<&str> = lines.map(|(_, line)| line).collect();
    Ok((fields, body_start, body.join("\n")))
}

#[derive(Default)]
struct Fields {
    number: Option<u32>,
    slug: Option<String>,
    title: Option<String>,
    lede: Option<String>,
}

impl Fields {
    fn take(&mut self, file: &str, line_no: usize, line: &str) -> Result<(), ContentError> {
        let err = |kind| ContentError::new(file, line_no, kind);
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| err(ErrorKind::FrontMatterSyntax(line.to_owned())))?;
        let value = unquote(value.trim()).to_owned();
        let bad = |key, reason: &str| {
            err(ErrorKind::BadValue {
                key,
                reason: reason.to_owned(),
            })
        };
        match key.trim() {
            "number" => {
                let number = value
                    .parse::<u32>()
                    .map_err(|_| bad("number", "expected a whole number such as 4"))?;
                if number == 0 {
                    return Err(bad("number", "chapters are numbered from 1"));
                }
                self.number = Some(number);
            }
            "slug" => {
                let valid = !value.is_empty()
                    && value
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !valid {
                    return Err(bad("slug", "use lowercase letters, digits and dashes"));
                }
                self.slug = Some(value);
            }
            "title" if !value.is_empty() => self.title = Some(value),
            "lede" if !value.is_empty() => self.lede = Some(value),
            "title" => return Err(bad("title", "must not be empty")),
            "lede" => return Err(bad("lede", "must not be empty")),
            other => return Err(err(ErrorKind::UnknownKey(other.to_owned()))),
        }
        Ok(())
    }

    fn finish(self, file: &str) -> Result<FrontMatter, ContentError> {
        let missing = |key| ContentError::new(file, 1, ErrorKind::MissingKey(key));
        Ok(FrontMatter {
            number: self.number.ok_or_else(|| missing("number"))?,
            slug: self.slug.ok_or_else(|| missing("slug"))?,
            title: self.title.ok_or_else(|| missing("title"))?,
            lede: self.lede.ok_or_else(|| missing("lede"))?,
        })
    }
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_err(text: &str, expected: &str) {
        let err = split("ch.md", text).expect_err("should be refused");
        assert_eq!(err.to_string(), expected);
    }

    #[test]
    fn reads_fields_and_body_line() {
        let text =
            "---\nnumber: 3\nslug: captions\ntitle: \"Captions\"\nlede: Words matter.\n---\nHello";
        let (front, body_start, body) = split("ch.md", text).expect("valid");
        assert_eq!(front.number, 3);
        assert_eq!(front.slug, "captions");
        assert_eq!(front.title, "Captions");
        assert_eq!(front.lede, "Words matter.");
        assert_eq!(body_start, 7);
        assert_eq!(body, "Hello");
    }

    #[test]
    fn pages_take_title_and_lede_only() {
        let (front, body_start, body) =
            split_page("p.md", "---\ntitle: Guide\nlede: Handy.\n---\nText").expect("valid");
        assert_eq!(front.title, "Guide");
        assert_eq!(front.lede, "Handy.");
        assert_eq!((body_start, body.as_str()), (5, "Text"));
        let err =
            split_page("p.md", "---\nnumber: 2\ntitle: G\nlede: L\n---\n").expect_err("refused");
        assert_eq!(
            err.to_string(),
            "p.md:1: front matter `number`: a page outside the chapters takes only title and lede"
        );
        let err = split_page("p.md", "---\ntitle: G\n---\n").expect_err("refused");
        assert_eq!(err.to_string(), "p.md:1: front matter lacks `lede`");
    }

    #[test]
    fn refuses_bad_front_matter_with_locations() {
        check_err(
            "# no front matter",
            "ch.md:1: missing front matter: a chapter starts with `---`, then number, slug, title and lede, then `---`",
        );
        check_err(
            "---\nnumber: 1\nslug: a\ntitle: t\nlede: l\n",
            "ch.md:1: missing front matter: a chapter starts with `---`, then number, slug, title and lede, then `---`",
        );
        check_err(
            "---\nnumber: one\n---\n",
            "ch.md:2: front matter `number`: expected a whole number such as 4",
        );
        check_err(
            "---\nnumber: 1\nslug: Bad Slug\n---\n",
            "ch.md:3: front matter `slug`: use lowercase letters, digits and dashes",
        );
        check_err(
            "---\nnumber: 1\ncolour: red\n---\n",
            "ch.md:3: unknown front matter key `colour` (expected number, slug, title, lede)",
        );
        check_err(
            "---\nnumber: 1\nslug: a\ntitle: t\n---\n",
            "ch.md:1: front matter lacks `lede`",
        );
        check_err(
            "---\njust words\n---\n",
            "ch.md:2: front matter line `just words` is not `key: value`",
        );
    }
}
