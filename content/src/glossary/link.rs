//! Links the first use of each glossary term in a page's prose.
//!
//! A [`Linker`] walks the Markdown events of one page. Text inside headings, code,
//! links and images is left alone; elsewhere the first whole-word use of a term's
//! form becomes a link to the glossary with a tooltip beside it:
//!
//! ```html
//! <span class="term-wrap"><a class="term" href="/glossary#loss" target="_self"
//!   aria-describedby="glossary-tip-loss" data-term="loss">loss</a><span
//!   class="term-tip" role="tooltip" id="glossary-tip-loss">…</span></span>
//! ```
//!
//! The link is focusable, so the tooltip shows on keyboard focus as well as on
//! hover (CSS); screen readers hear the definition as the link's description;
//! a tap on a touch screen opens it first (the course's `term_tips` handler).
//! `target="_self"` makes the client router leave the link to the browser, so the
//! glossary page loads whole and the browser scrolls to the term.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::glossary::{Glossary, Term, href, tip_id};
use crate::words::escape_html;

/// Links terms on one page, remembering which it has linked already.
pub(crate) struct Linker<'g> {
    terms: &'g [Term],
    /// Every form in lower case with its term's index, longest first.
    forms: Vec<(String, usize)>,
    seen: Vec<bool>,
    linked: Vec<String>,
}

impl<'g> Linker<'g> {
    pub(crate) fn new(glossary: &'g Glossary) -> Self {
        let mut forms: Vec<(String, usize)> = glossary
            .terms
            .iter()
            .enumerate()
            .flat_map(|(index, term)| term.forms.iter().map(move |f| (f.to_lowercase(), index)))
            .collect();
        forms.sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
        Self {
            terms: &glossary.terms,
            forms,
            seen: vec![false; glossary.terms.len()],
            linked: Vec::new(),
        }
    }

    /// The ids of the terms linked so far, in order of first use.
    pub(crate) fn into_linked(self) -> Vec<String> {
        self.linked
    }

    /// Returns `events` with the first use of each term not yet seen linked.
    pub(crate) fn link<'a>(&mut self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len());
        // Depth inside headings, code blocks, links and images.
        let mut skip = 0usize;
        // Consecutive text and soft breaks, joined so a term may span a line break.
        let mut run = String::new();
        for event in events {
            match event {
                Event::Text(text) if skip == 0 => {
                    run.push_str(&text);
                    continue;
                }
                Event::SoftBreak if skip == 0 => {
                    run.push('\n');
                    continue;
                }
                _ => {}
            }
            self.flush(&mut run, &mut out);
            match &event {
                Event::Start(
                    Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. },
                ) => skip += 1,
                Event::End(
                    TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image,
                ) => skip = skip.saturating_sub(1),
                _ => {}
            }
            out.push(event);
        }
        self.flush(&mut run, &mut out);
        out
    }

    /// Emits a run of prose, linking what it can.
    fn flush<'a>(&mut self, run: &mut String, out: &mut Vec<Event<'a>>) {
        if run.is_empty() {
            return;
        }
        let text = std::mem::take(run);
        let mut plain_from = 0;
        let mut at = 0;
        while at < text.len() {
            let word_start = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if word_start && let Some((len, index)) = self.match_at(&text, at) {
                if !self.seen[index] {
                    self.seen[index] = true;
                    if plain_from < at {
                        out.push(Event::Text(CowStr::from(text[plain_from..at].to_owned())));
                    }
                    let term = &self.terms[index];
                    self.linked.push(term.id.clone());
                    out.push(Event::InlineHtml(CowStr::from(term_html(
                        term,
                        &text[at..at + len],
                    ))));
                    plain_from = at + len;
                }
                at += len;
                continue;
            }
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
        if plain_from < text.len() {
            out.push(Event::Text(CowStr::from(text[plain_from..].to_owned())));
        }
    }

    /// The longest form that starts at byte `at` and ends at a word boundary.
    fn match_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let rest = &text.as_bytes()[at..];
        self.forms.iter().find_map(|(form, index)| {
            let form = form.as_bytes();
            let fits = rest.len() >= form.len()
                && form.iter().zip(rest).all(|(f, t)| {
                    if *f == b' ' {
                        t.is_ascii_whitespace()
                    } else {
                        f.eq_ignore_ascii_case(t)
                    }
                });
            let ends_word = fits
                && text[at + form.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
            ends_word.then_some((form.len(), *index))
        })
    }
}

/// The link and its tooltip, as inline HTML.
fn term_html(term: &Term, shown: &str) -> String {
    let tip = tip_id(&term.id);
    format!(
        "<span class=\"term-wrap\"><a class=\"term\" href=\"{href}\" target=\"_self\" aria-describedby=\"{tip}\" data-term=\"{id}\">{shown}</a><span class=\"term-tip\" role=\"tooltip\" id=\"{tip}\">{definition}</span></span>",
        href = href(&term.id),
        id = term.id,
        shown = escape_html(shown),
        definition = escape_html(&term.definition),
    )
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Parser, html};

    use super::*;

    fn glossary() -> Glossary {
        let term = |id: &str, forms: &[&str]| Term {
            id: id.to_owned(),
            name: id.to_owned(),
            forms: forms.iter().map(|f| (*f).to_owned()).collect(),
            also: Vec::new(),
            definition: format!("About {id} & more."),
        };
        Glossary {
            intro: String::new(),
            terms: vec![
                term("step", &["step", "steps"]),
                term("learning-rate", &["learning rate"]),
                term("lora", &["LoRA", "LoRAs"]),
                term("lora-format", &["LoRA format"]),
            ],
        }
    }

    fn render(markdown: &str) -> (String, Vec<String>) {
        let glossary = glossary();
        let mut linker = Linker::new(&glossary);
        let events = linker.link(Parser::new(markdown).collect());
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        (out, linker.into_linked())
    }

    #[test]
    fn links_only_the_first_use_with_a_tooltip() {
        let (out, linked) = render("Each step counts. Two steps more.\n");
        assert_eq!(linked, ["step"]);
        assert_eq!(out.matches("class=\"term\"").count(), 1);
        assert!(out.contains(
            "<a class=\"term\" href=\"/glossary#step\" target=\"_self\" aria-describedby=\"glossary-tip-step\" data-term=\"step\">step</a>"
        ), "{out}");
        assert!(out.contains(
            "<span class=\"term-tip\" role=\"tooltip\" id=\"glossary-tip-step\">About step &amp; more.</span>"
        ), "{out}");
        assert!(out.contains("Two steps more."), "{out}");
    }

    #[test]
    fn skips_headings_code_links_and_parts_of_words() {
        let (out, linked) = render(
            "## Steps\n\nA `step` in code, a [step](/learn/steps), a footstep, stepping.\n\n```\nstep\n```\n",
        );
        assert!(linked.is_empty(), "{linked:?}\n{out}");
        let (_, linked) = render("## Steps\n\nThen a step.\n");
        assert_eq!(linked, ["step"]);
    }

    #[test]
    fn longest_form_wins_and_spans_line_breaks() {
        let (out, linked) =
            render("Save the LoRA format first, then the LoRA.\nThe learning\nrate, too.\n");
        assert_eq!(linked, ["lora-format", "lora", "learning-rate"]);
        assert!(
            out.contains("data-term=\"lora-format\">LoRA format</a>"),
            "{out}"
        );
        assert!(
            out.contains("data-term=\"learning-rate\">learning\nrate</a>"),
            "{out}"
        );
    }

    #[test]
    fn seen_terms_hide_their_shorter_forms() {
        let (_, linked) = render("A LoRA format. Another LoRA format, then LoRAs.\n");
        assert_eq!(linked, ["lora-format", "lora"]);
    }

    #[test]
    fn emphasis_is_prose_and_case_is_kept() {
        let (out, linked) = render("*Steps* matter, and so does the LEARNING RATE.\n");
        assert_eq!(linked, ["step", "learning-rate"]);
        assert!(
            out.contains("<em><span class=\"term-wrap\"><a class=\"term\""),
            "{out}"
        );
        assert!(out.contains(">LEARNING RATE</a>"), "{out}");
    }
}
