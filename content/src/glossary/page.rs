//! The `/glossary` page, rendered once at build time like a chapter: every term
//! alphabetically in a definition list, with its other names and the chapter
//! where a reader first meets it.
//!
//! Each term's `<dt>` carries the id that the links in chapters point to
//! (`/glossary#loss`).

use crate::glossary::Glossary;
use crate::model::{Block, Course, Page};
use crate::words::escape_html;

/// The glossary as a page of prose.
pub fn glossary_page(glossary: &Glossary, course: &Course) -> Page {
    let mut html = String::from("<dl class=\"glossary\">\n");
    for term in glossary.alphabetical() {
        html.push_str(&format!(
            "<div class=\"glossary-entry\"><dt id=\"{}\">{}</dt><dd><p>{}</p>",
            term.id,
            escape_html(&term.name),
            escape_html(&term.definition)
        ));
        if !term.also.is_empty() {
            html.push_str(&format!(
                "<p class=\"glossary-also\">Also called: {}</p>",
                escape_html(&term.also.join(", "))
            ));
        }
        let first = course
            .chapters
            .iter()
            .find(|chapter| chapter.terms.contains(&term.id));
        if let Some(chapter) = first {
            html.push_str(&format!(
                "<p class=\"glossary-first\">First met in <a href=\"/learn/{}\">chapter {}, {}</a></p>",
                chapter.slug,
                chapter.number,
                escape_html(&chapter.title)
            ));
        }
        html.push_str("</dd></div>\n");
    }
    html.push_str("</dl>\n");
    Page {
        title: "Glossary".to_owned(),
        lede: glossary.intro.clone(),
        blocks: vec![Block::Html(html)],
        toc: Vec::new(),
        word_count: 0,
        terms: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse_glossary;
    use crate::library::parse_course_with;

    #[test]
    fn lists_terms_alphabetically_with_where_they_are_met() {
        let glossary = parse_glossary(
            "g.md",
            "Our words.\n\n## Step\nalso: iteration\nOne round.\n\n## Loss\nA score & more.\n",
        )
        .expect("valid");
        let chapter = "---\nnumber: 1\nslug: one\ntitle: One <1>\nlede: L.\n---\nA step.\n";
        let course =
            parse_course_with(&[("a.md".to_owned(), chapter.to_owned())], &glossary).expect("ok");
        let page = glossary_page(&glossary, &course);
        assert_eq!(page.title, "Glossary");
        assert_eq!(page.lede, "Our words.");
        let [Block::Html(html)] = page.blocks.as_slice() else {
            panic!("one block: {:?}", page.blocks);
        };
        let loss = html.find("<dt id=\"loss\">Loss</dt>").expect("loss listed");
        let step = html.find("<dt id=\"step\">Step</dt>").expect("step listed");
        assert!(loss < step, "alphabetical");
        assert!(html.contains("<p>A score &amp; more.</p>"), "{html}");
        assert!(html.contains("Also called: iteration"), "{html}");
        assert!(
            html.contains("First met in <a href=\"/learn/one\">chapter 1, One &lt;1&gt;</a>"),
            "{html}"
        );
        assert_eq!(html.matches("First met").count(), 1, "loss is never met");
    }
}
