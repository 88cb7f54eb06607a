//! Errors of the content pipeline, each pointing at a file and line.

use std::fmt;

/// A problem in a chapter file, located so an author can go straight to it.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub struct ContentError {
    /// The chapter file as the author knows it (e.g. `content/chapters/04-steps.md`).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// What is wrong.
    pub kind: ErrorKind,
}

/// What went wrong, without the location.
#[derive(Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file does not start with a `---` front matter block, or it is not closed.
    MissingFrontMatter,
    /// A front matter line is not `key: value`.
    FrontMatterSyntax(String),
    /// A front matter key we do not know.
    UnknownKey(String),
    /// A required front matter key is absent.
    MissingKey(&'static str),
    /// A front matter value has the wrong form.
    BadValue {
        /// The key.
        key: &'static str,
        /// Why the value is refused.
        reason: String,
    },
    /// A widget directive names a widget the catalog does not list.
    UnknownWidget(String),
    /// A widget directive sets a parameter the widget does not take.
    UnknownParam {
        /// The widget.
        widget: String,
        /// The parameter it was given.
        param: String,
        /// The parameters it accepts.
        allowed: String,
    },
    /// A directive line is not `key = value`.
    DirectiveSyntax(String),
    /// Two chapters claim the same number or slug, or numbers have a gap.
    Library(String),
    /// The file could not be read.
    Io(String),
    /// The glossary file breaks one of its rules.
    Glossary(String),
    /// A chapter lacks the shape every chapter shares (recap, lab link, length).
    Structure(String),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingFrontMatter => write!(
                f,
                "missing front matter: a chapter starts with `---`, then number, slug, title and lede, then `---`"
            ),
            Self::FrontMatterSyntax(line) => {
                write!(f, "front matter line `{line}` is not `key: value`")
            }
            Self::UnknownKey(key) => write!(
                f,
                "unknown front matter key `{key}` (expected number, slug, title, lede)"
            ),
            Self::MissingKey(key) => write!(f, "front matter lacks `{key}`"),
            Self::BadValue { key, reason } => write!(f, "front matter `{key}`: {reason}"),
            Self::UnknownWidget(name) => write!(
                f,
                "unknown widget `{name}` (known widgets: {})",
                crate::widgets::names()
            ),
            Self::UnknownParam {
                widget,
                param,
                allowed,
            } => write!(
                f,
                "widget `{widget}` takes no parameter `{param}` (it takes: {allowed})"
            ),
            Self::DirectiveSyntax(line) => {
                write!(f, "widget parameter line `{line}` is not `key = value`")
            }
            Self::Library(message)
            | Self::Io(message)
            | Self::Glossary(message)
            | Self::Structure(message) => f.write_str(message),
        }
    }
}

impl ContentError {
    pub(crate) fn new(file: &str, line: usize, kind: ErrorKind) -> Self {
        Self {
            file: file.to_owned(),
            line,
            kind,
        }
    }
}
