//! The user list: search by NRN or name, filters, keyset pages, and both walks finding the same users in the same order.
//! On both backends, through the use cases the endpoints call; every test ends with the
//! invariant check.

mod users_support;

use users_support::*;

db_test!(
    the_user_list_searches_by_nrn_or_name_filters_and_pages_by_keyset,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.acting(w.acme.anna);
        // 120 users of employer, named so that the order is known; every third blocked.
        let mut people = Vec::new();
        for i in 0..120u64 {
            let nrn = Nrn::synthetic(1000 + i);
            let family = format!("Name{i:03}");
            let person = link(
                db,
                w.acme.enterprise,
                &person(nrn.as_str(), "Test", &family),
            )
            .await;
            let new = NewUser {
                group: w.employer,
                nrn: nrn.as_str().into(),
                services: if i % 2 == 0 { vec![w.dimona] } else { vec![] },
                link: None,
            };
            create(db, &anna, &new, &letter(), None).await.unwrap();
            if i % 3 == 0 {
                let version = w.version(db, person).await;
                set_blocked(
                    db,
                    &anna,
                    person,
                    Reach::Group(w.employer),
                    true,
                    version,
                    None,
                )
                .await
                .unwrap();
            }
            people.push((person, nrn, family));
        }
        let zoe = link(
            db,
            w.acme.enterprise,
            &person(Nrn::synthetic(5).as_str(), "Zoë", "Çelik"),
        )
        .await;
        create(
            db,
            &anna,
            &NewUser {
                group: w.care,
                nrn: Nrn::synthetic(5).formatted(),
                services: vec![],
                link: None,
            },
            &letter(),
            None,
        )
        .await
        .unwrap();

        // Pages of 50 by name, without overlap or gap.
        let mut query = UserQuery::default();
        let mut seen = Vec::new();
        loop {
            let page = list(db, &anna, &query).await.unwrap();
            assert!(page.rows.len() <= 50);
            seen.extend(page.rows.iter().map(|r| r.name.clone()));
            match page.next {
                Some(next) => query.after = Some(next),
                None => break,
            }
        }
        let mut expected: Vec<String> =
            people.iter().map(|(_, _, f)| format!("Test {f}")).collect();
        expected.push("Zoë Çelik".into());
        assert_eq!(seen.len(), 121);
        let mut sorted_expected = expected.clone();
        sorted_expected.sort_by_key(|name| {
            let (given, family) = name.split_once(' ').unwrap();
            format!(
                "{} {}",
                family.replace('Ç', "C").to_lowercase(),
                given.to_lowercase()
            )
        });
        assert_eq!(seen, sorted_expected);

        let search = |text: &str| UserQuery {
            search: text.into(),
            ..UserQuery::default()
        };
        // By NRN, with or without separators.
        let (carla_like, nrn, _) = &people[7];
        for text in [
            nrn.as_str().to_owned(),
            nrn.formatted(),
            nrn.as_str()[..9].to_owned(),
        ] {
            let rows = list(db, &anna, &search(&text)).await.unwrap().rows;
            assert!(rows.iter().any(|r| r.person == *carla_like), "{text}");
            assert!(rows.len() <= 2, "{text}: {}", rows.len());
        }
        // By name, without case or accents, family or given name first.
        for text in ["celik", "ÇELIK", "zoe", "Zoë Çe"] {
            let rows = list(db, &anna, &search(text)).await.unwrap().rows;
            assert_eq!(
                rows.iter().map(|r| r.person).collect::<Vec<_>>(),
                vec![zoe],
                "{text}"
            );
        }
        assert_eq!(
            list(db, &anna, &search("name01")).await.unwrap().rows.len(),
            10
        );
        // Filters: group, service, status.
        let filtered = |group, service, status| UserQuery {
            group,
            service,
            status,
            ..UserQuery::default()
        };
        let count = |query: UserQuery| async move {
            let mut query = query;
            let mut total = 0;
            loop {
                let page = list(db, &anna, &query).await.unwrap();
                total += page.rows.len();
                match page.next {
                    Some(next) => query.after = Some(next),
                    None => break total,
                }
            }
        };
        assert_eq!(count(filtered(Some(w.care), None, None)).await, 1);
        assert_eq!(count(filtered(None, Some(w.dimona), None)).await, 60);
        assert_eq!(
            count(filtered(None, None, Some(StatusFilter::Blocked))).await,
            40
        );
        assert_eq!(
            count(filtered(Some(w.employer), None, Some(StatusFilter::Active))).await,
            80
        );
        assert_eq!(
            count(filtered(
                Some(w.employer),
                Some(w.dimona),
                Some(StatusFilter::Blocked)
            ))
            .await,
            20
        );
        assert_eq!(
            list(
                db,
                &anna,
                &UserQuery {
                    after: Some("garbage".into()),
                    ..UserQuery::default()
                }
            )
            .await,
            Err(AppError::InvalidInput {
                field: "after".into()
            })
        );
    }
);

db_test!(
    every_walk_of_a_user_list_finds_the_same_users_in_the_same_order,
    |t| async move {
        use app::features::users::page_query::{Covered, GivenFirst, PageQuery, Walk};
        use app::features::users::search::Search;
        let db = &t.db;
        let enterprise = seeded(db, 400, 6).await.demo.enterprise;
        let groups: Vec<GroupId> = sqlx::query_scalar::<_, i64>(
            "SELECT group_id FROM enterprise_groups WHERE enterprise_id = $1 ORDER BY group_id",
        )
        .bind(enterprise.0)
        .fetch_all(db.pool())
        .await
        .unwrap()
        .into_iter()
        .map(GroupId)
        .collect();
        let (service, nrn, family, given): (i64, String, String, String) = sqlx::query_as(
            "SELECT g.service_id, u.nrn, u.sort_name, u.given_first FROM grants g \
             JOIN enterprise_users u ON u.enterprise_id = g.enterprise_id AND u.person_id = g.person_id \
             WHERE g.enterprise_id = $1 ORDER BY g.person_id LIMIT 1",
        )
        .bind(enterprise.0)
        .fetch_one(db.pool())
        .await
        .unwrap();
        /// Every page of `query` on `walk`: the person ids in order.
        /// A search by given name walks `within` users in name order for its given-name range
        /// (`None`: sorts the range).
        async fn all_pages(
            db: &Database,
            query: &PageQuery,
            walk: Walk,
            within: Option<usize>,
        ) -> Vec<i64> {
            let mut conn = db.pool().acquire().await.unwrap();
            let mut query = query.clone();
            let mut seen = Vec::new();
            loop {
                let given = match within {
                    Some(within) => query.given_first(&mut conn, walk, within).await.unwrap(),
                    None => GivenFirst::Sorted,
                };
                let rows: Vec<(i64, String, i64, Option<String>, String, String)> = query
                    .rows(walk, &given)
                    .query_as(&conn)
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
                let more = rows.len() > 50;
                seen.extend(rows.iter().take(50).map(|row| row.0));
                match rows.get(49) {
                    Some(last) if more => query.after = Some((last.1.clone(), last.0)),
                    _ => break seen,
                }
            }
        }
        let coverings = [
            Covered::All,
            Covered::Only(vec![groups[0]]),
            Covered::Only(groups[1..4].to_vec()),
        ];
        let searches = [
            Search::All,
            Search::NrnPrefix(nrn[..3].to_owned()),
            Search::NamePrefix(family[..2].to_owned()),
            Search::NamePrefix(given[..2].to_owned()),
            Search::NamePrefix(given[..1].to_owned()),
            // Every name: a walk of the given-name range finds a page in any 60 users.
            Search::NamePrefix(String::new()),
        ];
        let mut compared = 0;
        for covered in &coverings {
            for status in [
                None,
                Some(StatusFilter::Active),
                Some(StatusFilter::Blocked),
            ] {
                for service in [None, Some(ServiceId(service))] {
                    for search in &searches {
                        let query = PageQuery {
                            enterprise,
                            groups: covered.clone(),
                            status,
                            service,
                            search: search.clone(),
                            after: None,
                        };
                        let users = all_pages(db, &query, Walk::Users, None).await;
                        let memberships = all_pages(db, &query, Walk::Memberships, None).await;
                        assert_eq!(users, memberships, "{query:?}");
                        if service.is_some() {
                            let grants = all_pages(db, &query, Walk::Grants, None).await;
                            assert_eq!(users, grants, "{query:?}");
                        }
                        // A search by given name walks a few users, a page's worth, or all
                        // of them in name order before it sorts its range: the same users.
                        for within in [20, 120, 2000] {
                            let walked = all_pages(db, &query, Walk::Users, Some(within)).await;
                            assert_eq!(users, walked, "{query:?} walking {within}");
                        }
                        compared += usize::from(!users.is_empty());
                    }
                }
            }
        }
        assert!(compared > 40, "most queries find someone: {compared}");
        let everyone = PageQuery {
            enterprise,
            groups: Covered::All,
            status: None,
            service: None,
            search: Search::NamePrefix(String::new()),
            after: None,
        };
        let mut conn = db.pool().acquire().await.unwrap();
        assert!(matches!(
            everyone.given_first(&mut conn, Walk::Users, 120).await.unwrap(),
            GivenFirst::Found(people) if people.len() == 51
        ));
        assert_eq!(
            everyone
                .given_first(&mut conn, Walk::Users, 20)
                .await
                .unwrap(),
            GivenFirst::Sorted
        );
    }
);
