//! `/healthz` says the process lives; `/readyz` says the database answers. Both backends.

mod common;

use app::db_test;
use common::{app, get};

db_test!(healthz_answers_ok, |t| async move {
    let reply = get(&app(&t.db), "/healthz", &[]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, "ok");
    assert_eq!(reply.header("cache-control"), "no-store");
});

db_test!(
    readyz_answers_ok_when_the_database_is_reachable,
    |t| async move {
        let reply = get(&app(&t.db), "/readyz", &[]).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.body, "ready");
    }
);

db_test!(
    readyz_answers_503_when_the_database_is_gone,
    |t| async move {
        let app = app(&t.db);
        t.db.close().await;
        let reply = get(&app, "/readyz", &[]).await;
        assert_eq!(reply.status, 503);
        assert_eq!(reply.body, "database unavailable");
        let alive = get(&app, "/healthz", &[]).await;
        assert_eq!(
            alive.status, 200,
            "liveness does not depend on the database"
        );
    }
);
