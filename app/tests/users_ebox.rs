//! The e-Box: unread messages first, only one's own marked read.
//! On both backends, through the use cases the endpoints call; every test ends with the
//! invariant check.

mod users_support;

use users_support::*;

db_test!(
    the_ebox_lists_unread_messages_first_and_marks_only_ones_own_read,
    |t| async move {
        use app::features::ebox::inbox::{mark_read, page};
        let db = &t.db;
        let w = world(db).await;
        let anna = w.acme.acting(w.acme.anna);
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[w.dimona])
            .await
            .unwrap();
        let version = w.version(db, carla).await;
        set_blocked(
            db,
            &anna,
            carla,
            Reach::Group(w.employer),
            true,
            version,
            None,
        )
        .await
        .unwrap();
        let inbox = page(db, w.acme.enterprise, carla, None).await.unwrap();
        assert_eq!(inbox.unread, 2);
        let [newest, oldest] = &inbox.entries[..] else {
            panic!("two messages: {:?}", inbox.entries)
        };
        assert!(matches!(newest.message, Message::Blocked { .. }));
        // Someone else's message is not theirs to mark.
        assert_eq!(
            mark_read(db, w.acme.enterprise, w.acme.anna, oldest.id).await,
            Err(AppError::NotFound)
        );
        mark_read(db, w.acme.enterprise, carla, newest.id)
            .await
            .unwrap();
        let inbox = page(db, w.acme.enterprise, carla, None).await.unwrap();
        assert_eq!(inbox.unread, 1);
        assert_eq!(
            inbox
                .entries
                .iter()
                .map(|e| (e.id, e.read))
                .collect::<Vec<_>>(),
            vec![(oldest.id, false), (newest.id, true)],
            "unread first"
        );
        let locale = app::i18n::Locale::de;
        let subject = inbox.subject(&inbox.entries[1].message, locale);
        assert!(
            subject.contains("gesperrt") && subject.contains("Arbeitgeber"),
            "{subject}"
        );
        assert!(
            inbox
                .people
                .iter()
                .any(|(p, name)| *p == w.acme.anna && name.contains("Anna"))
        );
    }
);
