//! The glossary, the field guide, the terms linked in chapters and the cards of
//! widgets still coming, as the server renders them.

use axum::http::StatusCode;
use content::widgets::{self, WidgetStatus};

use crate::get;

#[tokio::test]
async fn glossary_page_lists_every_term_with_its_anchor() {
    let reply = get("/glossary").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("<title>Glossary · Sweet Spot</title>"));
    assert!(reply.body.contains("<h1>Glossary</h1>"));
    for term in &course::glossary().terms {
        assert!(
            reply
                .body
                .contains(&format!("<dt id=\"{}\">{}</dt>", term.id, term.name)),
            "the glossary shows {}",
            term.name
        );
    }
}

#[tokio::test]
async fn chapters_link_each_term_once_with_a_tooltip() {
    let mut linked = 0;
    for chapter in &course::course().chapters {
        let reply = get(&format!("/learn/{}", chapter.slug)).await;
        assert_eq!(reply.status, StatusCode::OK);
        for id in &chapter.terms {
            let tip = format!("glossary-tip-{id}");
            let link = format!(
                "href=\"/glossary#{id}\" target=\"_self\" aria-describedby=\"{tip}\" data-term=\"{id}\""
            );
            assert_eq!(
                reply.body.matches(&link).count(),
                1,
                "{}: {id}",
                chapter.slug
            );
            let tooltip = format!("role=\"tooltip\" id=\"{tip}\"");
            assert_eq!(
                reply.body.matches(&tooltip).count(),
                1,
                "{}: {id}",
                chapter.slug
            );
            linked += 1;
        }
        assert_eq!(
            reply.body.matches("class=\"term\"").count(),
            chapter.terms.len(),
            "{}",
            chapter.slug
        );
    }
    assert!(linked > 0, "the chapters use glossary terms");
    let steps = course::course()
        .chapters
        .iter()
        .find(|chapter| chapter.slug == "steps")
        .expect("chapter 4");
    assert!(
        steps.terms.iter().any(|id| id == "step"),
        "{:?}",
        steps.terms
    );
}

#[tokio::test]
async fn field_guide_renders_with_its_contents() {
    let guide = course::field_guide();
    let reply = get("/field-guide").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply
            .body
            .contains("<title>Field guide · Sweet Spot</title>")
    );
    assert!(reply.body.contains(&format!("<h1>{}</h1>", guide.title)));
    assert!(reply.body.contains(&guide.lede));
    for entry in &guide.toc {
        assert!(
            reply.body.contains(&format!("href=\"#{}\"", entry.id)),
            "{}",
            entry.text
        );
    }
    for home in ["/", "/labs", "/learn/steps"] {
        let page = get(home).await;
        assert!(
            page.body.contains("href=\"/field-guide\""),
            "{home} links the field guide"
        );
        assert!(
            page.body.contains("href=\"/glossary\""),
            "{home} links the glossary"
        );
    }
}

/// Whether the element holding widget `name` is a coming card, whatever order
/// the renderer writes its attributes in.
fn is_coming_card(body: &str, name: &str) -> bool {
    let marker = format!("data-widget=\"{name}\"");
    body.match_indices(&marker).any(|(at, _)| {
        let start = body[..at].rfind('<').unwrap_or(0);
        let end = body[at..].find('>').map_or(body.len(), |i| at + i);
        body[start..end].contains("class=\"widget widget-coming\"")
    })
}

#[tokio::test]
async fn coming_widgets_render_as_marked_cards() {
    for chapter in &course::course().chapters {
        let calls: Vec<_> = chapter.widgets().collect();
        if calls.is_empty() {
            continue;
        }
        let reply = get(&format!("/learn/{}", chapter.slug)).await;
        for call in calls {
            let coming =
                widgets::spec(&call.name).is_some_and(|s| s.status == WidgetStatus::Coming);
            assert_eq!(
                is_coming_card(&reply.body, &call.name),
                coming,
                "{}: {} is {}",
                chapter.slug,
                call.name,
                if coming { "a coming card" } else { "live" }
            );
        }
    }
}

#[tokio::test]
async fn every_chapter_shows_its_lede_and_no_raw_directive() {
    for chapter in &course::course().chapters {
        let reply = get(&format!("/learn/{}", chapter.slug)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", chapter.slug);
        let lede = chapter.lede.replace('&', "&amp;").replace('<', "&lt;");
        assert!(
            reply
                .body
                .contains(&format!("<p class=\"lede\">{lede}</p>")),
            "{} shows its lede",
            chapter.slug
        );
        assert!(
            !reply.body.contains("language-widget"),
            "{}: every widget directive became a widget",
            chapter.slug
        );
    }
}
