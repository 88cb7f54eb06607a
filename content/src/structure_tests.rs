//! Fixture chapters for the shape checks in `structure.rs`.

use super::*;

const HEAD: &str = "---\nnumber: 4\nslug: steps\ntitle: Steps\nlede: Stop in time.\n---\n";
const RECAP: &str =
    "## Recap\n\n- Steps are looks.\n- Stop at the elbow.\n- Train less when unsure.\n\n";
const LAB: &str = "**Try it in the lab:** [Stop the run](/labs#stop-the-run)\n";

/// A body of `words` words of prose in one section, before the recap.
fn prose(words: usize) -> String {
    format!(
        "## The four ages\n\n{}\n\n",
        vec!["word"; words.saturating_sub(3)].join(" ")
    )
}

fn chapter(body: &str) -> String {
    format!("{HEAD}{body}")
}

/// Every problem's message, without the file and line.
fn problems(text: &str) -> Vec<String> {
    check_chapter("ch.md", text)
        .expect_err("refused")
        .into_iter()
        .map(|e| e.kind.to_string())
        .collect()
}

#[test]
fn a_well_shaped_chapter_passes() {
    // 1500 words of prose, the recap heading and bullets, and the closing line.
    let text = chapter(&format!("{}{RECAP}{LAB}", prose(1500)));
    let shape = check_chapter("ch.md", &text).expect("well shaped");
    assert_eq!(
        shape.recap,
        [
            "Steps are looks.",
            "Stop at the elbow.",
            "Train less when unsure."
        ]
    );
    assert_eq!(shape.lab_title, "Stop the run");
    assert_eq!(shape.lab_slug, "stop-the-run");
    assert!((1500..1530).contains(&shape.words), "{}", shape.words);
}

#[test]
fn directives_and_code_do_not_count_as_words() {
    let widget = format!(
        "```widget scale-slider\nlabel = {}\n```\n\n",
        "x ".repeat(900)
    );
    let code = format!("```text\n{}\n```\n\n", "y ".repeat(900));
    let text = chapter(&format!("{}{widget}{code}{RECAP}{LAB}", prose(400)));
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].ends_with("words of prose; a chapter holds 1200 to 2500"),
        "{found:?}"
    );
}

#[test]
fn too_long_chapters_are_refused() {
    let text = chapter(&format!("{}{RECAP}{LAB}", prose(2600)));
    assert!(
        problems(&text)[0].starts_with("26"),
        "{:?}",
        problems(&text)
    );
}

#[test]
fn the_recap_must_close_the_chapter_with_three_bullets() {
    let body = prose(1300);
    assert_eq!(
        problems(&chapter(&format!("{body}{LAB}"))),
        ["the last `##` section must be `## Recap`, not `## The four ages`"]
    );
    let two = "## Recap\n\n- One.\n- Two.\n\n";
    assert_eq!(
        problems(&chapter(&format!("{body}{two}{LAB}"))),
        ["the recap holds 2 bullets; it must hold exactly three"]
    );
    let nested = "## Recap\n\n- One.\n  - inner\n  - inner\n- Two.\n- Three.\n- Four.\n\n";
    assert_eq!(
        problems(&chapter(&format!("{body}{nested}{LAB}"))),
        ["the recap holds 4 bullets; it must hold exactly three"]
    );
    let numbered = "## Recap\n\n1. One.\n2. Two.\n3. Three.\n\n";
    assert_eq!(
        problems(&chapter(&format!("{body}{numbered}{LAB}"))),
        ["`## Recap` must open with a bullet list (`- `) of three items"]
    );
    let text = "---\nnumber: 1\nslug: a\ntitle: A\nlede: L.\n---\nJust words.\n";
    let found = problems(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[1], "no `## Recap` section at the end");
}

#[test]
fn the_lab_link_has_one_exact_form() {
    let body = format!("{}{RECAP}", prose(1300));
    let with = |closing: &str| problems(&chapter(&format!("{body}{closing}")));
    assert_eq!(
        with(""),
        ["the chapter must end with `**Try it in the lab:** [Title](/labs#slug)` after the recap"]
    );
    let form = "the closing paragraph must read `**Try it in the lab:** [Title](/labs#slug)` and nothing else";
    assert_eq!(
        with("Try it in the lab: [Stop](/labs#stop-the-run)\n"),
        [form]
    );
    assert_eq!(
        with("**Try it in the lab:** [Stop](/labs#stop-the-run) now.\n"),
        [form]
    );
    assert_eq!(
        with("**Try it in the lab:** [Stop](/labs#Stop Run)\n"),
        [form]
    );
    assert_eq!(
        with("**Try it in the lab:** [Stop](/learn/steps)\n"),
        ["the lab link must point to `/labs#slug`, not `/learn/steps`"]
    );
    assert_eq!(
        with(&format!("{LAB}\nAnd one more thing.\n")),
        [
            "after the recap's bullets only one paragraph may follow: `**Try it in the lab:** [Title](/labs#slug)`"
        ]
    );
}

#[test]
fn problems_name_file_and_line() {
    let text = chapter(&format!("{}## Recap\n\n- One.\n\n{LAB}", prose(1300)));
    let errors = check_chapter("content/chapters/04-steps.md", &text).expect_err("refused");
    // Front matter is 6 lines, the prose section 4, `## Recap` on 11, the list on 13.
    assert_eq!(
        errors[0].to_string(),
        "content/chapters/04-steps.md:13: the recap holds 1 bullets; it must hold exactly three"
    );
}
