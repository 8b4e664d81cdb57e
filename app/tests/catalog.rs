//! Loading the service catalogue into the database, on both backends: idempotent, updates in
//! place, retires what the file drops, keeps group–service pairs in step.

use app::db_test;
use app::features::catalog::file::Catalog;
use app::features::catalog::store::apply;
use app::platform::Database;
use app::policy::SystemPermit;
use std::path::Path;

fn shipped() -> Catalog {
    Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/catalog/default.toml"))
        .expect("default catalogue")
}

async fn count(db: &Database, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db.pool())
        .await
        .expect(sql)
}

async fn services_of(db: &Database, group: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT s.code FROM group_services gs JOIN groups g ON g.id = gs.group_id \
         JOIN online_services s ON s.id = gs.service_id WHERE g.code = $1 ORDER BY s.code",
    )
    .bind(group)
    .fetch_all(db.pool())
    .await
    .expect("services of group")
}

db_test!(
    loading_the_same_catalogue_twice_changes_nothing,
    |t| async move {
        let catalog = shipped();
        let first = apply(&t.db, &SystemPermit::for_system_work(), &catalog)
            .await
            .expect("first load");
        let pairs = count(&t.db, "SELECT COUNT(*) FROM group_services").await;
        let second = apply(&t.db, &SystemPermit::for_system_work(), &catalog)
            .await
            .expect("second load");
        assert_eq!(first, second);
        assert_eq!(second.retired, 0);
        assert_eq!(
            count(&t.db, "SELECT COUNT(*) FROM groups").await,
            catalog.groups.len() as i64
        );
        assert_eq!(
            count(&t.db, "SELECT COUNT(*) FROM group_services").await,
            pairs
        );
        let implicit: String =
            sqlx::query_scalar("SELECT implicit FROM online_services WHERE code = 'contactdata'")
                .fetch_one(t.db.pool())
                .await
                .expect("contactdata");
        assert_eq!(implicit, "access_managers_and_users");
    }
);

db_test!(changes_in_the_file_apply_on_the_next_load, |t| async move {
    let mut catalog = shipped();
    apply(&t.db, &SystemPermit::for_system_work(), &catalog)
        .await
        .expect("load");

    let employer = catalog
        .groups
        .iter_mut()
        .find(|g| g.code == "employer")
        .expect("employer");
    employer.name.en = "Employer (renamed)".into();
    employer.services.retain(|s| s != "checkin_at_work");
    employer.services.push("mandates".into());
    catalog.groups.retain(|g| g.code != "care_institution");
    let summary = apply(&t.db, &SystemPermit::for_system_work(), &catalog)
        .await
        .expect("reload");

    let name: String = sqlx::query_scalar("SELECT name_en FROM groups WHERE code = 'employer'")
        .fetch_one(t.db.pool())
        .await
        .expect("name");
    assert_eq!(name, "Employer (renamed)");
    let services = services_of(&t.db, "employer").await;
    assert!(services.contains(&"mandates".to_string()));
    assert!(!services.contains(&"checkin_at_work".to_string()));
    assert_eq!(summary.retired, 1, "the dropped group is retired");
    let retired = count(
        &t.db,
        "SELECT COUNT(*) FROM groups WHERE code = 'care_institution' AND retired_at IS NOT NULL",
    )
    .await;
    assert_eq!(retired, 1, "retired, not deleted");

    // Listing it again brings it back.
    apply(&t.db, &SystemPermit::for_system_work(), &shipped())
        .await
        .expect("restore");
    let live = count(
        &t.db,
        "SELECT COUNT(*) FROM groups WHERE retired_at IS NULL",
    )
    .await;
    assert_eq!(live, shipped().groups.len() as i64);
});
