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

/// A multipart body with the zip as `album` and the kind, as a browser's form sends it.
fn multipart(zip: &[u8]) -> (String, Vec<u8>) {
    let boundary = "sweetspotboundary7";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"album\"; filename=\"mine.zip\"\r\nContent-Type: application/zip\r\n\r\n").as_bytes());
    body.extend_from_slice(zip);
    body.extend_from_slice(format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nsubject\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn the_upload_form_keeps_good_albums_and_says_why_it_refuses_bad_ones() {
    let harness = Harness::new(0);
    let cookie = harness.login().await;
    let send = |zip: Vec<u8>| {
        let (content_type, body) = multipart(&zip);
        let request = Request::post("/api/albums/form")
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .header(header::COOKIE, cookie.clone())
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .expect("request");
        harness.send(request)
    };
    let good = send(std::fs::read(builtin_albums().join("tok-8.zip")).expect("album")).await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);
    assert_eq!(good.headers[header::LOCATION], "/teach");
    let uploads = harness.trainings.store.albums_of(1).expect("read");
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].1, "mine.zip");
    let teach = harness.get("/teach", Some(&cookie)).await.text();
    assert!(
        teach.contains(&format!("value=\"upload:{}\"", uploads[0].0)),
        "the bench offers the upload"
    );

    let png = a_png();
    let bad = send(zip_of(&[("cat.png", &png), ("../evil.png", &png)])).await;
    let location = bad.headers[header::LOCATION].to_str().expect("ascii");
    assert!(
        location.starts_with("/teach?error=album%20refused%3A%20..%2Fevil.png%20climbs%20out"),
        "{location}"
    );
    assert_eq!(
        harness.trainings.store.albums_of(1).expect("read").len(),
        1,
        "nothing more kept"
    );
    let oversize = send(vec![7u8; 2_100_000]).await;
    assert!(
        oversize.headers[header::LOCATION]
            .to_str()
            .expect("ascii")
            .contains("larger%20than%20the%20limit")
    );
    assert_eq!(
        std::fs::read_dir(harness.dir.join("albums/incoming"))
            .expect("list")
            .count(),
        0
    );
}
