//! The planner's results as HTML text: the picks, the comparison table, and the
//! lists of reasons, warnings and worked steps.
//!
//! Why text and not `view!`: every distinct Leptos view type compiles into the
//! browser bundle with its own build, hydrate and rebuild code. Drawn element by
//! element, this panel cost about 64 KB of raw wasm (14 KB brotli) against a
//! 250 KB goal for the whole bundle; as text it costs a few kilobytes.
//! `planner_results` places these strings with `inner_html`, so they render on
//! the server and are replaced whole when the plan changes.
//!
//! Every piece of text passes through [`escape`], although all of it is ours.

use std::fmt::Write;

use crate::planner::{LooksVerdict, Plan, RulePlan, Severity, thousands};

/// `text` safe to place between tags or inside a double-quoted attribute
/// (apostrophes need no escape in either place).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The course's four picks (a `<dl>`), the looks per picture and the warnings.
pub fn picks(plan: &Plan) -> String {
    let c = &plan.course;
    let mut html = String::from("<dl class=\"planner-picks\">");
    let rows = [
        ("Steps", "steps", thousands(c.steps.value), &c.steps.reason),
        (
            "Learning rate",
            "learning-rate",
            c.learning_rate.value.to_string(),
            &c.learning_rate.reason,
        ),
        ("Rank", "rank", c.rank.value.to_string(), &c.rank.reason),
        (
            "Checkpoint every",
            "checkpoint",
            format!("{} steps", thousands(c.checkpoint_every.value)),
            &c.checkpoint_every.reason,
        ),
    ];
    for (name, key, value, reason) in rows {
        let _ = write!(
            html,
            "<div class=\"planner-pick\" data-pick=\"{key}\"><dt>{name}</dt><dd><strong class=\"planner-value\">{}</strong><span class=\"planner-reason\">{}</span></dd></div>",
            escape(&value),
            escape(reason),
        );
    }
    html.push_str("</dl>");

    let looks = c.looks;
    let verdict = match looks.verdict() {
        LooksVerdict::Light => "light",
        LooksVerdict::Healthy => "healthy",
        LooksVerdict::Copying => "copying",
    };
    let kind = plan.album.kind;
    let _ = write!(
        html,
        "<p class=\"planner-looks\" data-verdict=\"{verdict}\"><span class=\"planner-looks-label\">Looks per {}:</span> <strong>{}</strong> <span class=\"planner-looks-math\">{}</span></p>",
        kind.item(),
        looks.rounded(),
        escape(&looks.arithmetic(kind)),
    );

    if !plan.warnings.is_empty() {
        html.push_str("<ul class=\"planner-warnings\">");
        for warning in &plan.warnings {
            let (severity, label) = match warning.severity {
                Severity::Note => ("note", "Note:"),
                Severity::Caution => ("caution", "Caution:"),
            };
            let _ = write!(
                html,
                "<li data-severity=\"{severity}\"><strong>{label}</strong> {}</li>",
                escape(&warning.text),
            );
        }
        html.push_str("</ul>");
    }
    html
}

/// Both rule sets side by side, as a table with row and column headers.
pub fn table(plan: &Plan) -> String {
    type Cell = fn(&RulePlan) -> String;
    let rows: [(&str, Cell); 6] = [
        ("Steps", |r| thousands(r.steps.value)),
        ("Batch size", |r| r.batch.to_string()),
        ("Looks per picture", |r| r.looks.count()),
        ("Learning rate", |r| r.learning_rate.value.to_string()),
        ("Rank", |r| r.rank.value.to_string()),
        ("Checkpoint every", |r| {
            format!("{} steps", thousands(r.checkpoint_every.value))
        }),
    ];
    let mut html = format!(
        "<table class=\"planner-compare\"><thead><tr><td></td><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(plan.course.rules.name()),
        escape(plan.per_image.rules.name()),
    );
    for (name, cell) in rows {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{name}</th><td>{}</td><td>{}</td></tr>",
            escape(&cell(&plan.course)),
            escape(&cell(&plan.per_image)),
        );
    }
    html.push_str("</tbody></table>");
    html
}

/// `<li>` items, one per line of text.
pub fn items<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> String {
    lines.into_iter().fold(String::new(), |mut html, line| {
        let _ = write!(html, "<li>{}</li>", escape(line.as_ref()));
        html
    })
}

/// How the 40-per-image set reaches its numbers, as `<li>` items.
pub fn per_image_reasons(plan: &Plan) -> String {
    let p = &plan.per_image;
    items([
        &p.steps.reason,
        &p.learning_rate.reason,
        &p.rank.reason,
        &p.checkpoint_every.reason,
    ])
}

/// The repeats trap: an introduction and the numbered steps.
pub fn repeats(plan: &Plan) -> String {
    let intro = if plan.repeats.is_example {
        "A classic: 43 photos with 10 repeats. Set repeats above 1 to see it on your own album."
    } else {
        "Worked out on your album and repeats."
    };
    format!(
        "<p>{}</p><ol>{}</ol>",
        escape(intro),
        items(plan.repeats.lines())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::{Album, plan};

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(items(["x > y"]), "<li>x &gt; y</li>");
    }

    #[test]
    fn picks_carry_the_hooks_the_page_and_tests_use() {
        let html = picks(&plan(Album::default()));
        assert!(html.contains(
            "<div class=\"planner-pick\" data-pick=\"steps\"><dt>Steps</dt><dd><strong class=\"planner-value\">1,000</strong>"
        ));
        assert!(html.contains("data-verdict=\"healthy\""));
        assert!(!html.contains("planner-warnings"), "no warnings, no list");
        let small = picks(&plan(Album {
            images: 3,
            ..Album::default()
        }));
        assert!(small.contains("<li data-severity=\"caution\">"));
    }

    #[test]
    fn table_has_headers_for_both_axes() {
        let html = table(&plan(Album::default()));
        assert!(html.contains("<th scope=\"col\">The course's rules</th>"));
        assert!(html.contains("<th scope=\"row\">Steps</th><td>1,000</td><td>800</td>"));
        assert_eq!(html.matches("<tr>").count(), 7);
    }

    #[test]
    fn repeats_lists_the_worked_steps() {
        let html = repeats(&plan(Album::default()));
        assert!(html.starts_with("<p>A classic"));
        assert_eq!(html.matches("<li>").count(), 5);
        assert!(html.contains("&quot;fix&quot;"));
    }
}
