//! A page carries what it shows, not the enterprise's catalogue (DESIGN.md §6, "every page stays
//! small"): the home page's groups a page at a time and found by name; the users list's group
//! and service filters offered a few at a time and searched on the server, inside the scope; a
//! page of users naming only the groups its rows are in; one group read on its own; group
//! administrators a page at a time and the posts one may fill searched on the server.
//! On both backends, through the use cases the endpoints call; every test ends with the
//! invariant check.

mod users_support;

use app::features::auth::acting::Acting;
use app::features::users::choices::{choose, filters};
use app::features::users::{ChoiceKind, GROUPS_PAGE_SIZE, GroupQuery, Naming};
use app::ui::picker::CHOICES;
use std::collections::BTreeSet;
use users_support::*;

/// The generated enterprise's administrator with the post `level` (the main access manager
/// for `None`), acting for it, with the domain or group of their post.
async fn administrator(db: &Database, seeded: &Seeded, level: Option<&str>) -> (Acting, i64) {
    let enterprise = seeded.demo.enterprise;
    let (person, scope): (i64, i64) = match level {
        None => {
            sqlx::query_as("SELECT person_id, 0 FROM main_access_managers WHERE enterprise_id = $1")
                .bind(enterprise.0)
                .fetch_one(db.pool())
                .await
                .unwrap()
        }
        Some(level) => sqlx::query_as(
            "SELECT person_id, COALESCE(domain_id, group_id) FROM administrators \
             WHERE enterprise_id = $1 AND level = $2",
        )
        .bind(enterprise.0)
        .bind(level)
        .fetch_one(db.pool())
        .await
        .unwrap(),
    };
    let acting = Acting {
        person: PersonId(person),
        enterprise,
        roles: Default::default(),
    };
    (acting, scope)
}

/// Every active group of the enterprise, by English name (and id), with its domain.
async fn active_groups(db: &Database, seeded: &Seeded) -> Vec<(GroupId, i64)> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT g.id, g.domain_id FROM enterprise_groups eg JOIN groups g ON g.id = eg.group_id \
         WHERE eg.enterprise_id = $1 AND eg.active = 1 AND g.retired_at IS NULL \
         ORDER BY g.name_en, g.id",
    )
    .bind(seeded.demo.enterprise.0)
    .fetch_all(db.pool())
    .await
    .unwrap();
    rows.into_iter().map(|(g, d)| (GroupId(g), d)).collect()
}

/// Every group of the home page of `acting` for `search`, page after page.
async fn walk_home(db: &Database, acting: &Acting, search: &str) -> Vec<GroupId> {
    let mut query = GroupQuery {
        search: search.into(),
        after: None,
    };
    let mut found = Vec::new();
    loop {
        let page = groups(db, acting, &query).await.unwrap();
        assert!(page.groups.len() <= GROUPS_PAGE_SIZE);
        found.extend(page.groups.iter().map(|g| g.id));
        match page.next {
            Some(next) => query.after = Some(next),
            None => return found,
        }
    }
}

db_test!(
    the_home_page_shows_the_managed_groups_a_page_at_a_time_and_finds_them_by_name,
    |t| async move {
        let db = &t.db;
        let seeded = seeded(db, 200, 70).await;
        let everything = active_groups(db, &seeded).await;
        assert!(
            everything.len() > 2 * GROUPS_PAGE_SIZE,
            "three pages at least"
        );
        let (mam, _) = administrator(db, &seeded, None).await;
        let all: Vec<GroupId> = everything.iter().map(|(g, _)| *g).collect();
        assert_eq!(
            walk_home(db, &mam, "").await,
            all,
            "every group once, in order"
        );

        // Found by a part of its name in any language and any case.
        let tens: Vec<GroupId> = walk_home(db, &mam, "group 004").await;
        assert_eq!(tens.len(), 10, "Group 0040 to Group 0049");
        assert_eq!(walk_home(db, &mam, "GROEPE").await, Vec::<GroupId>::new());
        assert_eq!(walk_home(db, &mam, "groupe 004").await, tens, "in French");
        assert_eq!(walk_home(db, &mam, " Gruppe 004 ").await, tens, "in German");
        assert_eq!(walk_home(db, &mam, "%").await, Vec::<GroupId>::new());

        // An access manager: the groups of their domain, no other.
        let (am, domain) = administrator(db, &seeded, Some("access_manager")).await;
        let theirs: Vec<GroupId> = everything
            .iter()
            .filter(|(_, d)| *d == domain)
            .map(|(g, _)| *g)
            .collect();
        assert!(!theirs.is_empty() && theirs.len() < all.len());
        // More than a page: their first groups are walked in name order, not looked up.
        assert!(theirs.len() > GROUPS_PAGE_SIZE + 1, "{}", theirs.len());
        assert_eq!(walk_home(db, &am, "").await, theirs);
        let tens_of_theirs: Vec<GroupId> = theirs
            .iter()
            .filter(|g| tens.contains(g))
            .copied()
            .collect();
        assert_eq!(walk_home(db, &am, "group 004").await, tens_of_theirs);

        let bad = GroupQuery {
            search: String::new(),
            after: Some("not a cursor".into()),
        };
        assert!(matches!(
            groups(db, &mam, &bad).await,
            Err(AppError::InvalidInput { .. })
        ));
    }
);

db_test!(
    the_filters_offer_a_few_choices_of_the_scope_and_find_the_others_by_name,
    |t| async move {
        let db = &t.db;
        let seeded = seeded(db, 200, 70).await;
        let (mam, _) = administrator(db, &seeded, None).await;
        let first = filters(db, &mam, None, None).await.unwrap();
        assert_eq!(first.groups.choices.len(), CHOICES);
        assert!(first.groups.more, "70 groups: type to find the others");
        assert!(!first.services.choices.is_empty());
        let group_0066 = seeded.groups[65];
        let found = choose(db, &mam, ChoiceKind::Group, "group 0066")
            .await
            .unwrap();
        let ids: Vec<&str> = found.choices.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, vec![group_0066.to_string()]);
        assert!(!found.more);

        // Services are those someone can be granted: never ContactData.
        let contactdata = service(db, "contactdata").await;
        let every_service = choose(db, &mam, ChoiceKind::Service, "").await.unwrap();
        assert!(
            every_service
                .choices
                .iter()
                .all(|c| c.id != contactdata.to_string())
        );
        let dimona = service(db, "dimona").await;
        let named = choose(db, &mam, ChoiceKind::Service, "DIMONA")
            .await
            .unwrap();
        assert!(named.choices.iter().any(|c| c.id == dimona.to_string()));

        // A group administrator is offered their group and finds no other.
        let (ga, own) = administrator(db, &seeded, Some("group_administrator")).await;
        let offered = filters(db, &ga, Some(group_0066), None).await.unwrap();
        let ids: Vec<&str> = offered
            .groups
            .choices
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, vec![own.to_string()]);
        assert!(!offered.groups.more);
        assert_eq!(offered.group, None, "a pick outside the scope is dropped");
        let other = choose(db, &ga, ChoiceKind::Group, "group 0066")
            .await
            .unwrap();
        assert!(other.choices.is_empty() || own == group_0066.0);
        let picked = filters(db, &ga, Some(GroupId(own)), Some(dimona))
            .await
            .unwrap();
        assert_eq!(picked.group.map(|c| c.id), Some(own.to_string()));
        assert_eq!(picked.service.map(|c| c.id), Some(dimona.to_string()));
    }
);

db_test!(
    an_access_manager_is_offered_the_active_groups_of_their_domain_and_of_their_other_posts,
    |t| async move {
        // An access manager's scope is read by domain (`Within`): it must hold what the policy
        // says, no more: their domain's active groups and a group they administer elsewhere.
        let db = &t.db;
        let seeded = seeded(db, 200, 70).await;
        let (mam, _) = administrator(db, &seeded, None).await;
        let (am, domain) = administrator(db, &seeded, Some("access_manager")).await;
        let (_, administered) = administrator(db, &seeded, Some("group_administrator")).await;
        let everything = active_groups(db, &seeded).await;
        let dropped = everything.iter().find(|(_, d)| *d == domain).unwrap().0;
        let elsewhere = everything
            .iter()
            .rev()
            .find(|(g, d)| *d != domain && g.0 != administered)
            .unwrap()
            .0;
        sqlx::query(
            "UPDATE enterprise_groups SET active = 0 WHERE enterprise_id = $1 AND group_id = $2",
        )
        .bind(seeded.demo.enterprise.0)
        .bind(dropped.0)
        .execute(db.pool())
        .await
        .unwrap();
        appoint(
            db,
            &mam,
            am.person,
            Post::GroupAdministrator(elsewhere),
            &app::testing::fixtures::letter(),
            None,
        )
        .await
        .unwrap();
        let theirs: Vec<GroupId> = everything
            .iter()
            .filter(|(g, d)| (*d == domain && *g != dropped) || *g == elsewhere)
            .map(|(g, _)| *g)
            .collect();
        assert_eq!(
            walk_home(db, &am, "").await,
            theirs,
            "the home page's groups"
        );
        let first = choose(db, &am, ChoiceKind::Group, "").await.unwrap();
        let ids: Vec<String> = first.choices.iter().map(|c| c.id.clone()).collect();
        let expected: Vec<String> = theirs.iter().take(CHOICES).map(|g| g.to_string()).collect();
        assert_eq!(ids, expected, "the group filter's first choices");

        // A service only the deactivated group offers is not offered; once the group they
        // administer elsewhere offers it, it is.
        let offered = |groups: Vec<GroupId>| async move {
            let rows: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT gs.group_id, gs.service_id FROM group_services gs \
                 JOIN online_services s ON s.id = gs.service_id \
                 WHERE s.retired_at IS NULL AND s.implicit <> 'access_managers_and_users'",
            )
            .fetch_all(db.pool())
            .await
            .unwrap();
            rows.into_iter()
                .filter(|(g, _)| groups.contains(&GroupId(*g)))
                .map(|(_, s)| s.to_string())
                .collect::<BTreeSet<String>>()
        };
        let services = |acting| async move {
            let found = choose(db, &acting, ChoiceKind::Service, "").await.unwrap();
            assert!(!found.more);
            found
                .choices
                .into_iter()
                .map(|c| c.id)
                .collect::<BTreeSet<String>>()
        };
        let before = offered(theirs.clone()).await;
        let live: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM online_services WHERE retired_at IS NULL AND implicit = 'none' \
             ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        let outside = live
            .into_iter()
            .find(|s| !before.contains(&s.to_string()))
            .expect("a service their groups do not offer");
        // As a catalogue reload would: the group offers it, so its domain lists it.
        let add = |group: GroupId| async move {
            sqlx::query("INSERT INTO group_services (group_id, service_id) VALUES ($1, $2)")
                .bind(group.0)
                .bind(outside)
                .execute(db.pool())
                .await
                .unwrap();
            sqlx::query(
                "INSERT INTO domain_services (domain_id, service_id) \
                 SELECT domain_id, $2 FROM groups WHERE id = $1 \
                 ON CONFLICT (domain_id, service_id) DO NOTHING",
            )
            .bind(group.0)
            .bind(outside)
            .execute(db.pool())
            .await
            .unwrap();
        };
        add(dropped).await;
        assert_eq!(services(am).await, before, "the services of their scope");
        assert!(!before.contains(&outside.to_string()));
        add(elsewhere).await;
        let after = services(am).await;
        assert_eq!(after, offered(theirs.clone()).await);
        assert!(
            after.contains(&outside.to_string()),
            "offered elsewhere in their scope"
        );
    }
);

db_test!(
    a_page_of_users_names_the_groups_and_services_its_rows_mention_and_no_others,
    |t| async move {
        let db = &t.db;
        let seeded = seeded(db, 300, 70).await;
        let (mam, _) = administrator(db, &seeded, None).await;
        let page = list(db, &mam, &UserQuery::default()).await.unwrap();
        let in_rows: BTreeSet<GroupId> = page
            .rows
            .iter()
            .flat_map(|row| row.memberships.iter().map(|m| m.group))
            .collect();
        let named: BTreeSet<GroupId> = page.names.groups.iter().map(|g| g.id).collect();
        assert_eq!(named, in_rows);
        let services: BTreeSet<ServiceId> = page
            .rows
            .iter()
            .flat_map(|row| row.memberships.iter().flat_map(|m| m.services.clone()))
            .collect();
        let named: BTreeSet<ServiceId> = page.names.services.iter().map(|s| s.id).collect();
        assert_eq!(
            named, services,
            "the services granted in the rows, no others"
        );
        assert!(
            services
                .iter()
                .all(|s| page.names.service_name(*s).is_some())
        );

        // Filtered by a group: that group is named even on an empty page.
        let filtered = UserQuery {
            group: Some(seeded.groups[3]),
            search: "nobody is called this".into(),
            ..UserQuery::default()
        };
        let empty = list(db, &mam, &filtered).await.unwrap();
        assert!(empty.rows.is_empty());
        let named: Vec<GroupId> = empty.names.groups.iter().map(|g| g.id).collect();
        assert_eq!(named, vec![seeded.groups[3]]);
    }
);

db_test!(
    a_group_page_reads_its_group_alone_and_only_inside_the_scope,
    |t| async move {
        let db = &t.db;
        let seeded = seeded(db, 100, 20).await;
        let (ga, own) = administrator(db, &seeded, Some("group_administrator")).await;
        let own = GroupId(own);
        let read = managed_group(db, &ga, own).await.unwrap();
        assert_eq!(read.groups.len(), 1);
        let card = read.group(own).unwrap();
        assert!(card.services.iter().all(|s| read.service(*s).is_some()));
        let other = seeded.groups.iter().copied().find(|g| *g != own).unwrap();
        assert_eq!(
            refusal(managed_group(db, &ga, other).await),
            Refusal::OutsideOwnScope
        );
        assert_eq!(
            refusal(managed_group(db, &ga, GroupId(987_654)).await),
            Refusal::OutsideOwnScope
        );
    }
);

db_test!(
    the_administrators_page_pages_group_administrators_and_offers_only_the_posts_one_may_fill,
    |t| async move {
        use app::features::admins::group_administrators::group_administrators;
        use app::features::admins::open_posts::open_posts;
        use app::features::admins::overview::overview;
        use app::features::admins::{HOLDINGS_PAGE_SIZE, HoldingQuery, post_of_key};
        let db = &t.db;
        let seeded = seeded(db, 120, 70).await;
        let enterprise = seeded.demo.enterprise;
        let (mam, _) = administrator(db, &seeded, None).await;
        let people: Vec<i64> = sqlx::query_scalar(
            "SELECT u.person_id FROM enterprise_users u WHERE u.enterprise_id = $1 \
             AND u.person_id NOT IN (SELECT person_id FROM administrators) \
             AND u.person_id NOT IN (SELECT person_id FROM main_access_managers) \
             ORDER BY u.person_id LIMIT 30",
        )
        .bind(enterprise.0)
        .fetch_all(db.pool())
        .await
        .unwrap();
        for (person, group) in people.iter().zip(&seeded.groups) {
            appoint(
                db,
                &mam,
                PersonId(*person),
                Post::GroupAdministrator(*group),
                &app::testing::fixtures::letter(),
                None,
            )
            .await
            .unwrap();
        }

        // Every group administrator once, by group name, a page at a time.
        let mut query = HoldingQuery::default();
        let mut walked = Vec::new();
        loop {
            let page = group_administrators(db, enterprise, mam.person, &query)
                .await
                .unwrap();
            assert!(page.rows.len() <= HOLDINGS_PAGE_SIZE);
            assert!(
                page.rows.iter().all(|row| row.revocable),
                "the main access manager revokes any"
            );
            walked.extend(page.rows.iter().map(|row| row.post));
            match page.next {
                Some(next) => query.after = Some(next),
                None => break,
            }
        }
        let held: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM administrators WHERE enterprise_id = $1 AND level = 'group_administrator'",
        )
        .bind(enterprise.0)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(walked.len() as i64, held);
        assert!(walked.len() > HOLDINGS_PAGE_SIZE);
        // Found by the group's name (Group 0010 … Group 0019) or the holder's.
        let found = |search: &str| {
            let query = HoldingQuery {
                search: search.into(),
                after: None,
            };
            async move {
                group_administrators(db, enterprise, mam.person, &query)
                    .await
                    .unwrap()
                    .rows
            }
        };
        assert_eq!(found("group 001").await.len(), 10);
        let first = &found("group 0001").await[0];
        assert_eq!(first.post, Post::GroupAdministrator(seeded.groups[0]));
        let family = first.holder.name.rsplit(' ').next().unwrap().to_uppercase();
        assert!(
            found(&family)
                .await
                .iter()
                .any(|row| row.holder.id == first.holder.id)
        );
        let bad = HoldingQuery {
            search: String::new(),
            after: Some("nonsense".into()),
        };
        assert!(matches!(
            group_administrators(db, enterprise, mam.person, &bad).await,
            Err(app::features::admins::outcome::AdminError::InvalidInput { .. })
        ));

        // The page itself names no group administrator and only the first open posts.
        let page = overview(db, enterprise, mam.person).await.unwrap();
        assert!(
            page.upper
                .iter()
                .all(|shown| shown.post.level() > app::policy::Level::GroupAdministrator)
        );
        assert!(
            page.open.more,
            "40 free groups and more: the form searches them"
        );
        let post_of = |choices: &app::ui::picker::Choices| -> Vec<Post> {
            choices
                .choices
                .iter()
                .map(|c| post_of_key(&c.id).unwrap())
                .collect()
        };
        assert_eq!(
            post_of(
                &open_posts(db, enterprise, mam.person, "group 0066")
                    .await
                    .unwrap()
            ),
            vec![Post::GroupAdministrator(seeded.groups[65])]
        );
        assert!(
            open_posts(db, enterprise, mam.person, "group 0005")
                .await
                .unwrap()
                .choices
                .is_empty(),
            "a group with an administrator is not offered"
        );

        // An access manager is offered group administrators of its own domain, nothing above.
        let (am, domain) = administrator(db, &seeded, Some("access_manager")).await;
        let domains: std::collections::HashMap<GroupId, i64> =
            active_groups(db, &seeded).await.into_iter().collect();
        for text in ["", "group", "co-main", "access manager"] {
            let offered = post_of(&open_posts(db, enterprise, am.person, text).await.unwrap());
            assert!(
                offered.iter().all(
                    |post| matches!(post, Post::GroupAdministrator(g) if domains[g] == domain)
                ),
                "{text:?}: {offered:?}"
            );
        }
        assert!(!post_of(&open_posts(db, enterprise, am.person, "").await.unwrap()).is_empty());
    }
);
