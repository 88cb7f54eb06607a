//! axe-core in the page: inject the pinned script, run it, read its violations.
//!
//! `cargo xtask test` fetches and verifies the script and names it in
//! `SWEETSPOT_AXE_JS`; without it the check fails rather than passing unseen.

use std::fmt;
use std::path::PathBuf;

use anyhow::{Context, bail};
use fantoccini::Client;
use serde_json::Value;

/// How bad axe says a violation is, mildest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// A nuisance.
    Minor,
    /// Some readers are slowed down.
    Moderate,
    /// Some readers are blocked or badly hindered; the suite fails.
    Serious,
    /// Some readers cannot use the page at all; the suite fails.
    Critical,
}

impl Impact {
    /// Every impact, worst first, as the summary lists them.
    pub const WORST_FIRST: [Impact; 4] = [
        Impact::Critical,
        Impact::Serious,
        Impact::Moderate,
        Impact::Minor,
    ];

    fn parse(word: &str) -> Option<Self> {
        match word {
            "minor" => Some(Self::Minor),
            "moderate" => Some(Self::Moderate),
            "serious" => Some(Self::Serious),
            "critical" => Some(Self::Critical),
            _ => None,
        }
    }

    /// Whether the suite refuses a page with this violation.
    pub fn fails_the_page(self) -> bool {
        self >= Impact::Serious
    }
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Minor => "minor",
            Self::Moderate => "moderate",
            Self::Serious => "serious",
            Self::Critical => "critical",
        })
    }
}

/// One broken axe rule on a page, with the elements that break it.
#[derive(Clone, Debug)]
pub struct Violation {
    /// The rule, e.g. `color-contrast`.
    pub rule: String,
    /// How bad axe says it is.
    pub impact: Impact,
    /// axe's one-line description of what the rule wants.
    pub help: String,
    /// CSS selectors of the offending elements.
    pub targets: Vec<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.rule, self.impact, self.help)?;
        for target in &self.targets {
            write!(f, "\n    at {target}")?;
        }
        Ok(())
    }
}

/// The axe script's source, from the path `cargo xtask test` gives.
pub fn axe_source() -> anyhow::Result<String> {
    let Some(path) = std::env::var_os("SWEETSPOT_AXE_JS").map(PathBuf::from) else {
        bail!(
            "SWEETSPOT_AXE_JS is not set: run the suite with `cargo xtask test`, \
             which fetches the pinned axe-core and checks its SHA-256"
        );
    };
    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
}

/// Reduces axe's results to what the suite reports, inside the page: the
/// violations, and the rules axe could not decide alone (to review by hand).
const RUN: &str = r"
const brief = (v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((node) => node.target.join(' ')),
});
return window.axe.run(document, { resultTypes: ['violations'] }).then((results) => ({
    violations: results.violations.map(brief),
    incomplete: results.incomplete.map(brief),
    passes: results.passes.length,
}));
";

/// What axe found on one page.
#[derive(Clone, Debug)]
pub struct PageCheck {
    /// Rules the page breaks.
    pub violations: Vec<Violation>,
    /// Rules axe could not decide by itself (for example contrast over an
    /// image), each with the elements to look at by hand.
    pub to_review: Vec<Violation>,
    /// How many rules the page passes.
    pub passes: usize,
}

/// Injects axe into the current page (once per page load) and runs every rule
/// it has by default.
pub async fn check_page(client: &Client, source: &str) -> anyhow::Result<PageCheck> {
    let loaded = client
        .execute(
            "if (!window.axe) { const s = document.createElement('script'); \
             s.textContent = arguments[0]; document.head.appendChild(s); s.remove(); } \
             return typeof window.axe;",
            vec![Value::String(source.to_owned())],
        )
        .await
        .context("cannot inject axe-core into the page")?;
    if loaded.as_str() != Some("object") {
        bail!("axe-core did not load in the page (window.axe is {loaded})");
    }
    let found = client
        .execute(RUN, vec![])
        .await
        .context("axe.run failed in the page")?;
    let list = |key: &str| -> anyhow::Result<Vec<Violation>> {
        let Some(Value::Array(items)) = found.get(key) else {
            bail!("axe.run's answer has no list `{key}`: {found}");
        };
        items.iter().map(parse_violation).collect()
    };
    Ok(PageCheck {
        violations: list("violations")?,
        to_review: list("incomplete")?,
        passes: found
            .get("passes")
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or_default(),
    })
}

fn parse_violation(value: &Value) -> anyhow::Result<Violation> {
    let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default();
    let impact = Impact::parse(text("impact"))
        .with_context(|| format!("unknown impact in axe's answer: {value}"))?;
    let targets = value
        .get("targets")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(Violation {
        rule: text("rule").to_owned(),
        impact,
        help: text("help").to_owned(),
        targets,
    })
}

/// One line for a page, counting broken rules by impact:
/// `/labs: 0 critical, 1 serious (color-contrast), 0 moderate, 0 minor; 31 rules pass; 1 to review (…)`.
pub fn summary_line(path: &str, check: &PageCheck) -> String {
    let rules = |of: &mut dyn Iterator<Item = &Violation>| -> String {
        let names: Vec<&str> = of.map(|v| v.rule.as_str()).collect();
        if names.is_empty() {
            String::new()
        } else {
            format!(" ({})", names.join(", "))
        }
    };
    let counts: Vec<String> = Impact::WORST_FIRST
        .iter()
        .map(|impact| {
            let n = check
                .violations
                .iter()
                .filter(|v| v.impact == *impact)
                .count();
            let named = rules(&mut check.violations.iter().filter(|v| v.impact == *impact));
            format!("{n} {impact}{named}")
        })
        .collect();
    format!(
        "{path}: {}; {} rules pass; {} to review{}",
        counts.join(", "),
        check.passes,
        check.to_review.len(),
        rules(&mut check.to_review.iter())
    )
}
