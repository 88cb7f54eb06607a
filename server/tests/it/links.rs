//! Every internal link on the course's pages leads to a page that exists, and
//! every `#anchor` to an element with that id. Pictures under `/assets/` (the
//! run widgets' sheets, which the site build copies from the repository's
//! `assets/`) must exist in the repository; the browser suite loads them from
//! the built site.

use std::collections::{BTreeSet, HashMap};

use axum::http::StatusCode;

use crate::get;

/// Every `href` in `html` that stays on the site: `/path`, `/path#id` or `#id`.
/// The hydration bundle under `/pkg/` is left out: the test site has only the
/// stylesheet, and the browser suite loads the real bundle.
fn internal_links(html: &str) -> BTreeSet<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| (href.starts_with('/') && !href.starts_with("//")) || href.starts_with('#'))
        .filter(|href| !href.starts_with("/pkg/") || *href == "/pkg/course.css")
        .map(|href| href.replace("&amp;", "&"))
        .collect()
}

/// The pages a reader can reach from the site's header and the course map.
fn pages() -> Vec<String> {
    let mut pages: Vec<String> = ["/", "/labs", "/glossary", "/field-guide"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    pages.extend(
        course::course()
            .chapters
            .iter()
            .map(|chapter| format!("/learn/{}", chapter.slug)),
    );
    pages
}

#[tokio::test]
async fn every_internal_link_resolves() {
    let mut bodies: HashMap<String, (StatusCode, String)> = HashMap::new();
    let mut broken = Vec::new();
    for page in pages() {
        if !bodies.contains_key(&page) {
            let reply = get(&page).await;
            bodies.insert(page.clone(), (reply.status, reply.body));
        }
        let (status, body) = bodies[&page].clone();
        assert_eq!(status, StatusCode::OK, "{page}");
        for link in internal_links(&body) {
            let (path, anchor) = match link.split_once('#') {
                Some((path, anchor)) => (path, Some(anchor)),
                None => (link.as_str(), None),
            };
            let path = if path.is_empty() { page.as_str() } else { path };
            if let Some(asset) = path.strip_prefix("/assets/") {
                let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../assets")
                    .join(asset);
                if !file.is_file() {
                    broken.push(format!("{page}: {link} is not in the repository's assets"));
                }
                continue;
            }
            if !bodies.contains_key(path) {
                let reply = get(path).await;
                bodies.insert(path.to_owned(), (reply.status, reply.body));
            }
            let (status, target) = &bodies[path];
            if *status != StatusCode::OK {
                broken.push(format!("{page}: {link} answers {status}"));
            } else if let Some(anchor) = anchor
                && !target.contains(&format!("id=\"{anchor}\""))
            {
                broken.push(format!("{page}: {link} has no element with id `{anchor}`"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn links_are_read_from_hrefs() {
    let html = r##"<a href="/learn/steps">x</a><a href="#top">t</a><a href="https://x.org/a">e</a><a href="/glossary#loss" target="_self">l</a><a href="//cdn/x">c</a><link href="/pkg/course.js">"##;
    let links: Vec<String> = internal_links(html).into_iter().collect();
    assert_eq!(links, ["#top", "/glossary#loss", "/learn/steps"]);
}
