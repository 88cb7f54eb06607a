//! Widget directives: a fenced block whose info string is `widget NAME`, with one
//! `key = value` parameter per line, checked against the widget catalog.

use crate::error::{ContentError, ErrorKind};
use crate::model::WidgetCall;
use crate::widgets;

/// Whether a fenced block's info string makes it a directive.
pub(crate) fn is_directive(info: &str) -> bool {
    info.split_whitespace().next() == Some("widget")
}

/// Reads a directive: the info string names the widget, each body line sets a parameter.
pub(crate) fn parse_directive(
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
