use licensure::server::{db, startup};
use migration::{Migrator, MigratorTrait};

use crate::{on_both_backends, support::TestApp};

async fn a_second_start_applies_nothing(app: TestApp) {
    // TestApp already started once; starting again on the same database applies nothing.
    let config = (*app.state.config).clone();
    let again = startup::prepare(config).await.expect("second start");
    assert_eq!(db::migrate(&again.db).await.expect("migrate"), 0);
    let applied = Migrator::get_applied_migrations(&again.db)
        .await
        .expect("applied");
    assert_eq!(applied.len(), Migrator::migrations().len());
    assert!(
        Migrator::get_pending_migrations(&again.db)
            .await
            .expect("pending")
            .is_empty()
    );
}
on_both_backends!(a_second_start_applies_nothing);

#[tokio::test]
async fn an_empty_sqlite_file_in_a_missing_folder_is_created_and_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("not/yet/there");
    let config = crate::support::test_config(
        &format!("sqlite://{}?mode=rwc", data.join("fresh.db").display()),
        &data.to_string_lossy(),
    );
    let state = startup::prepare(config).await.expect("fresh start");
    assert!(data.join("fresh.db").is_file());
    assert!(data.join("files").is_dir());
    assert!(
        Migrator::get_pending_migrations(&state.db)
            .await
            .unwrap()
            .is_empty()
    );
}
