//! The e-Box page pages its messages as every list does: a navigation landmark named after the
//! e-Box, the next page in the address, and the first page from any later one. Both backends.

mod common;

use app::db_test;
use app::domain::{EnterpriseId, PersonId};
use app::features::ebox::{Message, PAGE_SIZE, store};
use app::testing::fixtures::activate_acme;
use common::{cookie_pair, get, sign_in_anna};

/// The `href`s of the pager's links, in order, with `&amp;` read back as `&`. None of them is
/// announced as the current page (they lead to other pages of the same address).
fn pager_links(html: &str) -> Vec<String> {
    let label = html
        .find(r#"aria-label="Pages of the e-Box""#)
        .unwrap_or_else(|| panic!("no pager named after the e-Box: {html}"));
    let start = html[..label]
        .rfind("<nav")
        .expect("the pager is a navigation landmark");
    let nav = &html[start..start + html[start..].find("</nav>").expect("the pager ends")];
    assert!(nav.contains(r#"class="pager""#), "{nav}");
    assert!(!nav.contains("aria-current"), "{nav}");
    nav.split("href=\"")
        .skip(1)
        .map(|link| link[..link.find('"').expect("href ends")].replace("&amp;", "&"))
        .collect()
}

db_test!(
    the_ebox_pages_its_messages_with_a_pager_named_after_it,
    |t| async move {
        let secret = activate_acme(&t.db).await;
        let (enterprise, anna): (i64, i64) = sqlx::query_as(
            "SELECT e.id, p.id FROM enterprises e JOIN persons p ON p.given_name = 'Anna' \
             WHERE e.number = '0403019261'",
        )
        .fetch_one(t.db.pool())
        .await
        .expect("Acme and Anna");
        let already: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM ebox_messages WHERE person_id = $1 AND enterprise_id = $2",
        )
        .bind(anna)
        .bind(enterprise)
        .fetch_one(t.db.pool())
        .await
        .expect("count");
        // One page and one message more.
        let mut conn = t.db.pool().acquire().await.expect("connection");
        for _ in already..i64::try_from(PAGE_SIZE).expect("small") + 1 {
            let message = Message::Blocked {
                group: None,
                by: PersonId(anna),
            };
            store::deliver(
                conn.as_mut(),
                EnterpriseId(enterprise),
                PersonId(anna),
                &message,
            )
            .await
            .expect("deliver");
        }
        drop(conn);

        let app = common::app(&t.db);
        let cookie = cookie_pair(&sign_in_anna(&app, &secret).await);
        let first = get(&app, "/ebox", &[("cookie", cookie.as_str())]).await;
        assert_eq!(first.status, 200, "{}", first.body);
        let links = pager_links(&first.body);
        assert_eq!(
            links.len(),
            1,
            "only the next page from the first: {links:?}"
        );
        assert!(links[0].starts_with("/ebox?after="), "{links:?}");
        assert!(first.body.contains("Next page"), "{}", first.body);

        let second = get(&app, &links[0], &[("cookie", cookie.as_str())]).await;
        assert_eq!(second.status, 200, "{}", second.body);
        assert_eq!(
            second.body.matches(r#"<li class="message">"#).count(),
            1,
            "the one message after a full page"
        );
        assert_eq!(
            pager_links(&second.body),
            vec!["/ebox".to_owned()],
            "the first page, and no next"
        );
    }
);
