//! Reading `content/glossary.md`.
//!
//! The file is plain text with a little structure:
//!
//! ```text
//! A sentence or two for the top of the glossary page.
//!
//! ## Learning rate
//! forms: learning rate, learning rates
//! How big each correction is. ...
//! ```
//!
//! Everything before the first `## ` heading is the introduction. Each `## Name`
//! starts a term; an optional `forms:` line lists the words that count as a use
//! of it (the name in lower case when absent), and an optional `also:` line other
//! names the glossary page shows; the lines after them, up to the next heading,
//! are the definition: plain text, one to three sentences.

use crate::error::{ContentError, ErrorKind};
use crate::glossary::{Glossary, Term};
use crate::words::{count_sentences, slugify};

/// Parses the glossary file. `file` is only used to locate errors.
pub fn parse_glossary(file: &str, text: &str) -> Result<Glossary, ContentError> {
    let err =
        |line: usize, message: String| ContentError::new(file, line, ErrorKind::Glossary(message));
    let mut intro = Vec::new();
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if let Some(name) = line.strip_prefix("## ") {
            entries.push(Entry {
                line: line_no,
                name: name.trim().to_owned(),
                forms: None,
                also: None,
                definition: Vec::new(),
            });
            continue;
        }
        let Some(entry) = entries.last_mut() else {
            if !line.is_empty() && !line.starts_with('#') {
                intro.push(line);
            }
            continue;
        };
        let field = [("forms:", &mut entry.forms), ("also:", &mut entry.also)]
            .into_iter()
            .find_map(|(key, slot)| line.strip_prefix(key).map(|list| (key, slot, list)));
        if let Some((key, slot, list)) = field {
            if slot.is_some() || !entry.definition.is_empty() {
                return Err(err(
                    line_no,
                    format!("`{key}` must come once, right under the term's heading"),
                ));
            }
            *slot = Some(list);
        } else if line.starts_with('#') {
            return Err(err(
                line_no,
                "only `## Name` headings are allowed in the glossary".to_owned(),
            ));
        } else if !line.is_empty() {
            entry.definition.push(line);
        }
    }

    let mut terms: Vec<Term> = Vec::new();
    for entry in entries {
        let Entry {
            line: line_no,
            name,
            forms,
            also,
            definition,
        } = entry;
        let id = slugify(&name);
        if id.is_empty() {
            return Err(err(
                line_no,
                format!("term `{name}` needs letters in its name"),
            ));
        }
        let forms: Vec<String> = match forms {
            Some(list) => split_list(list),
            None => vec![name.to_lowercase()],
        };
        let also = also.map(split_list).unwrap_or_default();
        if forms.is_empty() {
            return Err(err(
                line_no,
                format!("term `{name}` has an empty `forms:` line"),
            ));
        }
        let definition = definition.join(" ");
        let sentences = count_sentences(&definition);
        if !(1..=3).contains(&sentences) {
            return Err(err(
                line_no,
                format!(
                    "term `{name}`: a definition is one to three sentences, this one has {sentences}"
                ),
            ));
        }
        if definition.contains(['<', '>', '`', '[', '*']) {
            return Err(err(
                line_no,
                format!("term `{name}`: definitions are plain text (no HTML or Markdown marks)"),
            ));
        }
        for earlier in &terms {
            if earlier.id == id {
                return Err(err(line_no, format!("term `{name}` is defined twice")));
            }
            if let Some(form) = forms
                .iter()
                .find(|f| earlier.forms.iter().any(|e| e.eq_ignore_ascii_case(f)))
            {
                return Err(err(
                    line_no,
                    format!(
                        "the form `{form}` of `{name}` already belongs to `{}`",
                        earlier.name
                    ),
                ));
            }
        }
        terms.push(Term {
            id,
            name,
            forms,
            also,
            definition,
        });
    }
    Ok(Glossary {
        intro: intro.join(" "),
        terms,
    })
}

/// One `## Name` section as read, before its checks.
struct Entry<'a> {
    line: usize,
    name: String,
    forms: Option<&'a str>,
    also: Option<&'a str>,
    definition: Vec<&'a str>,
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# Glossary\n\nWords we use.\n\n## Learning rate\nforms: learning rate, learning rates\nalso: step size\nHow big each correction is.\nIt multiplies the gradient.\n\n## Step\nOne round of practice.\n";

    #[test]
    fn reads_intro_terms_and_forms() {
        let glossary = parse_glossary("g.md", SAMPLE).expect("valid");
        assert_eq!(glossary.intro, "Words we use.");
        assert_eq!(glossary.terms.len(), 2);
        let rate = &glossary.terms[0];
        assert_eq!(rate.id, "learning-rate");
        assert_eq!(rate.forms, ["learning rate", "learning rates"]);
        assert_eq!(rate.also, ["step size"]);
        assert!(glossary.terms[1].also.is_empty());
        assert_eq!(
            rate.definition,
            "How big each correction is. It multiplies the gradient."
        );
        assert_eq!(glossary.terms[1].forms, ["step"]);
        assert_eq!(glossary.term("step").map(|t| t.name.as_str()), Some("Step"));
    }

    #[test]
    fn refuses_bad_entries_with_lines() {
        let err = |text: &str| {
            parse_glossary("g.md", text)
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            err("## Step\nOne. Two. Three. Four.\n"),
            "g.md:1: term `Step`: a definition is one to three sentences, this one has 4"
        );
        assert_eq!(
            err("## Step\n\n## Loss\nA number.\n"),
            "g.md:1: term `Step`: a definition is one to three sentences, this one has 0"
        );
        assert_eq!(
            err("## Step\nA step.\n## Steps\nforms: Step\nAgain.\n"),
            "g.md:3: the form `Step` of `Steps` already belongs to `Step`"
        );
        assert_eq!(
            err("## Step\nA step.\n## step\nforms: pace\nAgain.\n"),
            "g.md:3: term `step` is defined twice"
        );
        assert_eq!(
            err("## Step\nA `step`.\n"),
            "g.md:1: term `Step`: definitions are plain text (no HTML or Markdown marks)"
        );
        assert_eq!(
            err("## Step\nA step.\nforms: step\n"),
            "g.md:3: `forms:` must come once, right under the term's heading"
        );
        assert_eq!(
            err("## Step\n### Sub\n"),
            "g.md:2: only `## Name` headings are allowed in the glossary"
        );
    }

    #[test]
    fn the_real_glossary_parses() {
        let text = include_str!("../../glossary.md");
        let glossary = parse_glossary("content/glossary.md", text).expect("valid glossary");
        for id in [
            "step",
            "loss",
            "gradient",
            "rank",
            "alpha",
            "scale",
            "trigger-word",
            "caption",
            "checkpoint",
            "validation",
            "overfitting",
            "learning-rate",
            "scheduler",
            "timestep",
            "lora-format",
            "batch",
            "epoch",
            "lora",
            "base-model",
            "album",
            "memorisation",
        ] {
            assert!(glossary.term(id).is_some(), "the glossary defines {id}");
        }
    }
}
