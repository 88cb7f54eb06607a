//! Addresses we do not have.

use anyhow::ensure;
use e2e::{Site, fetch};

#[tokio::test]
async fn unknown_paths_get_a_404_with_a_way_back() -> anyhow::Result<()> {
    let site = Site::start().await?;
    for path in ["/no/such/page", "/learn/no-such-chapter"] {
        let page = fetch(&site.url(path)).await?;
        ensure!(page.status == 404, "{path}: status {}", page.status);
        ensure!(
            page.body.contains("This page is not in the album"),
            "{path}: explains itself"
        );
        ensure!(
            page.body.contains("href=\"/learn/painter-and-bracelet\""),
            "{path}: links back to chapter 1"
        );
        ensure!(page.body.contains("href=\"/\""), "{path}: links home");
    }
    Ok(())
}
