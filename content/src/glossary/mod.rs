//! The glossary: the course's terms, each with a short definition of our own.
//!
//! The terms live in `content/glossary.md` (see [`parse_glossary`] for its
//! format). When a chapter is rendered, the first use of each term in its prose is
//! linked to `/glossary#<id>` with a tooltip holding the definition (`link.rs`);
//! headings, code and existing links are left alone. `page.rs` renders the
//! `/glossary` page itself at build time.
//!
//! These types are plain serde data and compile without the `render` feature, so
//! the browser can show the `/glossary` page.

use serde::{Deserialize, Serialize};

#[cfg(feature = "render")]
pub(crate) mod link;
#[cfg(feature = "render")]
mod page;
#[cfg(feature = "render")]
mod parse;

#[cfg(feature = "render")]
pub use page::glossary_page;
#[cfg(feature = "render")]
pub use parse::parse_glossary;

/// Every term, in the order of the glossary file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Glossary {
    /// A sentence or two that opens the glossary page.
    pub intro: String,
    /// The terms.
    pub terms: Vec<Term>,
}

/// One term of the glossary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Anchor on the glossary page (`/glossary#<id>`), from the name.
    pub id: String,
    /// The name as the glossary page shows it.
    pub name: String,
    /// The words in a chapter that count as a use of the term, matched whole and
    /// without regard to case; the longest match wins where two overlap.
    pub forms: Vec<String>,
    /// Other names for the same idea, shown on the glossary page.
    #[serde(default)]
    pub also: Vec<String>,
    /// One to three sentences, plain text.
    pub definition: String,
}

impl Glossary {
    /// The term with anchor `id`.
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|term| term.id == id)
    }

    /// The terms sorted by name, ignoring case, as the glossary page lists them.
    pub fn alphabetical(&self) -> Vec<&Term> {
        let mut terms: Vec<&Term> = self.terms.iter().collect();
        terms.sort_by_key(|term| term.name.to_lowercase());
        terms
    }
}

/// The `href` of a term on the glossary page.
pub fn href(id: &str) -> String {
    format!("/glossary#{id}")
}

/// The `id` of a term's tooltip inside a page.
pub fn tip_id(id: &str) -> String {
    format!("glossary-tip-{id}")
}
