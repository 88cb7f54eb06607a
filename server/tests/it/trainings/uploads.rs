//! Album uploads: the good one is kept under a generated name; every attack is
//! refused with its own message and leaves nothing behind.

use std::io::Write;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::support::{Harness, builtin_albums};

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(bytes).expect("written");
    }
    zip.finish().expect("zip").into_inner()
}

fn a_png() -> Vec<u8> {
    let zip = std::fs::read(builtin_albums().join("tok-8.zip")).expect("built-in album");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("zip");
    let mut file = archive.by_name("tok_01.png").expect("png");
    let mut bytes = Vec::new();
    std::io::copy(&mut file, &mut bytes).expect("read");
    bytes
}

async fn upload(harness: &Harness, cookie: &str, bytes: Vec<u8>) -> super::support::Reply {
    let request = Request::post("/api/albums?name=mine.zip")
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/zip")
        .body(Body::from(bytes))
        .expect("request");
    harness.send(request).await
}

#[tokio::test]
async fn a_good_album_is_stored_under_a_generated_name() {
    let harness = Harness::new(0);
    let cookie = harness.login().await;
    let bytes = std::fs::read(builtin_albums().join("tok-8.zip")).expect("album");
    let reply = upload(&harness, &cookie, bytes.clone()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let album = &reply.json()["album"];
    assert_eq!(album["summary"]["examples"], 8);
    assert_eq!(album["original_name"], "mine.zip");
    let id = album["id"].as_str().expect("id");
    assert!(server::ids::is_id(id, 32));
    let stored = harness.dir.join("albums").join(format!("{id}.zip"));
    assert_eq!(std::fs::read(stored).expect("kept"), bytes);
    let builtin = harness
        .get("/api/albums/builtin", Some(&cookie))
        .await
        .json();
    assert!(
        builtin["albums"]
            .as_array()
            .expect("list")
            .iter()
            .any(|a| a == "tok-8")
    );
    // The upload can train.
    let mut form = super::support::tiny_form(10, 10);
    form["album"] = serde_json::json!({ "source": "upload", "name": id });
    harness.create_job(&cookie, &form).await;
}

#[tokio::test]
async fn hostile_uploads_are_refused_each_with_its_reason() {
    let harness = Harness::new(0);
    let cookie = harness.login().await;
    let png = a_png();
    let mut symlink = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    symlink
        .start_file("cat.png", SimpleFileOptions::default())
        .expect("entry");
    symlink.write_all(&png).expect("written");
    symlink
        .add_symlink("cat.txt", "/etc/passwd", SimpleFileOptions::default())
        .expect("link");
    let symlink = symlink.finish().expect("zip").into_inner();
    let zeros = vec![0u8; 1_500_000];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "zip slip",
            zip_of(&[("cat.png", &png), ("../evil.png", &png)]),
            "climbs out of the album",
        ),
        (
            "absolute path",
            zip_of(&[("/etc/evil.png", &png)]),
            "is an absolute path",
        ),
        ("symlink", symlink, "is a symbolic link"),
        (
            "nested zip",
            zip_of(&[("cat.png", &png), ("more.zip", &zip_of(&[("a.png", &png)]))]),
            "is an archive inside the album",
        ),
        (
            "non-image",
            zip_of(&[("cat.png", &png), ("notes.pdf", b"%PDF-1.4")]),
            "notes.pdf is not an image",
        ),
        (
            "zip bomb",
            zip_of(&[("cat.png", &zeros)]),
            "looks like a zip bomb",
        ),
        (
            "not a zip",
            b"just some text".to_vec(),
            "not a readable zip file",
        ),
        (
            "no captions",
            zip_of(&[("cat.png", &png)]),
            "has no caption",
        ),
    ];
    println!("| attack | status | message |");
    for (name, bytes, expected) in cases {
        let reply = upload(&harness, &cookie, bytes).await;
        let message = reply.json()["errors"][0]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        println!("| {name} | {} | {message} |", reply.status.as_u16());
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            reply.text()
        );
        assert!(message.contains(expected), "{name}: {message}");
    }
    let oversize = upload(&harness, &cookie, vec![7u8; 2_100_000]).await;
    println!(
        "| oversize body | {} | {} |",
        oversize.status.as_u16(),
        oversize.json()["error"]
    );
    assert_eq!(oversize.status, StatusCode::PAYLOAD_TOO_LARGE);
    let kept = std::fs::read_dir(harness.dir.join("albums"))
        .expect("list")
        .count();
    assert_eq!(kept, 1, "only the empty incoming folder remains");
    let incoming = std::fs::read_dir(harness.dir.join("albums/incoming"))
        .expect("list")
        .count();
    assert_eq!(incoming, 0, "refused uploads leave no files");
}

#[tokio::test]
async fn a_streamed_body_over_the_limit_is_cut_off() {
    let harness = Harness::new(0);
    let cookie = harness.login().await;
    let chunks = (0..30).map(|_| Ok::<_, std::io::Error>(vec![1u8; 100_000]));
    let request = Request::post("/api/albums")
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::COOKIE, cookie)
        .body(Body::from_stream(futures_util::stream::iter(chunks)))
        .expect("request");
    let reply = harness.send(request).await;
    assert_eq!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "no Content-Length, still refused"
    );
    let incoming = std::fs::read_dir(harness.dir.join("albums/incoming"))
        .expect("list")
        .count();
    assert_eq!(incoming, 0);
}
