//! Server-rendered pages and the server functions behind them.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use content::{Block, ChapterPage};
use leptos::server_fn::ServerFn;

use crate::{get, send};

#[tokio::test]
async fn home_lists_every_chapter() {
    let reply = get("/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply
            .body
            .contains("<title>Learn to train LoRAs · Sweet Spot</title>")
    );
    for chapter in &course::course().chapters {
        assert!(
            reply
                .body
                .contains(&format!("href=\"/learn/{}\"", chapter.slug)),
            "home links to chapter {}",
            chapter.number
        );
    }
    // A lab with a page of its own is linked there, the others to their card.
    for lab in labs::catalog::LABS {
        let href = format!("href=\"{}\"", lab.href());
        assert!(reply.body.contains(&href), "home links {}", lab.slug);
    }
    assert!(reply.body.contains("href=\"/labs/planner\""));
    assert!(!reply.body.contains("href=\"/labs#planner\""));
}

#[tokio::test]
async fn every_chapter_renders_with_its_widgets() {
    let course = course::course();
    for chapter in &course.chapters {
        let reply = get(&format!("/learn/{}", chapter.slug)).await;
        assert_eq!(reply.status, StatusCode::OK, "chapter {}", chapter.slug);
        let heading = format!("Chapter {} of {}", chapter.number, course.chapters.len());
        assert!(reply.body.contains(&heading), "{heading}");
        assert!(reply.body.contains(&format!("<h1>{}</h1>", chapter.title)));
        for call in chapter.widgets() {
            assert!(
                reply
                    .body
                    .contains(&format!("data-widget=\"{}\"", call.name)),
                "chapter {} shows widget {}",
                chapter.slug,
                call.name
            );
        }
        let widgets = chapter
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Widget(_)))
            .count();
        assert_eq!(
            reply.body.matches("data-widget=").count(),
            widgets,
            "{}",
            chapter.slug
        );
    }
}

#[tokio::test]
async fn unknown_addresses_are_404_pages() {
    for path in [
        "/nothing-here",
        "/learn/not-a-chapter",
        "/learn/steps/extra",
    ] {
        let reply = get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            reply.body.contains("This page is not in the album"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn labs_page_lists_every_lab() {
    let reply = get("/labs").await;
    assert_eq!(reply.status, StatusCode::OK);
    for lab in labs::catalog::LABS {
        assert!(
            reply.body.contains(lab.title),
            "labs page names {}",
            lab.title
        );
    }
    assert!(reply.body.contains("data-widget=\"scale-slider\""));
    assert!(reply.body.contains("href=\"/labs/planner\""));
}

/// The planner's page renders its default plan on the server, readable without
/// JavaScript: a 20-photo subject album.
#[tokio::test]
async fn planner_page_renders_the_default_plan() {
    let reply = get("/labs/planner").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("<h1>Parameter planner</h1>"));
    assert!(reply.body.contains("data-widget=\"planner\""));
    assert!(reply.body.contains(
        "20 photos (subject): 1,000 steps at learning rate 5e-5, rank 16, a checkpoint every 250 steps; 50 looks per photo."
    ));
    assert!(reply.body.contains("role=\"status\""));
    assert!(reply.body.contains("43 photos × 10 repeats = 430 entries"));
}

#[tokio::test]
async fn healthz_answers() {
    let reply = get("/healthz").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ok");
}

/// The server functions' paths do not depend on where the crate was built:
/// the browser bundle and the server binary may come from different checkouts.
#[test]
fn server_functions_sit_at_fixed_paths() {
    use course::api::{GetChapter, GetClass, GetCourseMap, GetMyRuns, GetPage, GetRun};
    let paths = [
        <GetCourseMap as ServerFn>::PATH,
        <GetChapter as ServerFn>::PATH,
        <GetPage as ServerFn>::PATH,
        <GetRun as ServerFn>::PATH,
        <GetClass as ServerFn>::PATH,
        <GetMyRuns as ServerFn>::PATH,
    ];
    assert_eq!(
        paths,
        [
            "/api/site/course-map",
            "/api/site/chapter",
            "/api/site/page",
            "/api/site/run",
            "/api/site/class",
            "/api/site/my-runs",
        ]
    );
}

/// Client-side navigation loads chapters through this server function.
#[tokio::test]
async fn chapter_server_function_answers_over_http() {
    let path = <course::api::GetChapter as ServerFn>::PATH;
    let request = |slug: &str| {
        Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("slug={slug}")))
            .expect("valid request")
    };
    let reply = send(request("learning-rate")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let page: Option<ChapterPage> = serde_json::from_str(&reply.body).expect("JSON reply");
    let page = page.expect("chapter exists");
    assert_eq!(page.chapter.number, 5);
    assert_eq!(page.prev.map(|p| p.slug).as_deref(), Some("steps"));
    assert_eq!(page.next.map(|p| p.slug).as_deref(), Some("inside-the-run"));

    let reply = send(request("nope")).await;
    assert_eq!(reply.body, "null");
}
