//! What failures leave behind is removed, and nothing else: the orphan sweep (stale pending
//! versions, stray objects, unfinished uploads) and account deletion, on both databases
//! with the local folder and with S3, looked at directly in storage.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use licensure::server::{
    documents::{
        cipher::DataKey,
        storage::{LocalStore, S3Store, Storage},
        sweep::{self, Swept},
        vault,
    },
    entities::{document, document_version, user},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};
use uuid::Uuid;

use crate::{
    documents::{download, list, pdf, rows, upload},
    on_both_backends, on_every_store,
    support::{
        STRONG_PASSWORD, TestApp,
        stores::{TestBucket, everything_stored},
    },
};

/// What an upload leaves when it stops between writing its object and marking it stored
/// (the database failed, the process died): a pending row created at `at`, and the object.
async fn interrupted_upload(app: &TestApp, owner: Uuid, at: chrono::DateTime<Utc>) -> String {
    let (document_id, version_id) = (Uuid::now_v7(), Uuid::now_v7());
    let object_key = format!("documents/{document_id}/{version_id}");
    document::ActiveModel {
        id: Set(document_id),
        user_id: Set(owner),
        title: Set("half way".into()),
        kind: Set("other".into()),
        activity_id: Set(None),
        credential_id: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    document_version::ActiveModel {
        id: Set(version_id),
        document_id: Set(document_id),
        user_id: Set(owner),
        number: Set(1),
        state: Set("pending".into()),
        object_key: Set(object_key.clone()),
        wrapped_key: Set("never opened".into()),
        file_name: Set("half.pdf".into()),
        content_type: Set("application/pdf".into()),
        size: Set(0),
        sha256: Set(String::new()),
        created_at: Set(at),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let bytes = pdf(3000);
    vault::store(
        &app.state.storage,
        &object_key,
        &DataKey::generate(),
        &mut bytes.as_slice(),
        1 << 20,
    )
    .await
    .unwrap();
    object_key
}

async fn user_id(app: &TestApp, username: &str) -> Uuid {
    use sea_orm::{ColumnTrait, QueryFilter};
    user::Entity::find()
        .filter(user::Column::UsernameKey.eq(username))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn put(app: &TestApp, key: &str, bytes: &[u8]) {
    app.state.storage.put(key, &mut { bytes }).await.unwrap();
}

async fn the_sweep_removes_only_what_failures_left(app: TestApp, bucket: Option<TestBucket>) {
    let cookie = app.with_clinician("dr_sweep").await;
    let owner = user_id(&app, "dr_sweep").await;
    let certificate = pdf(40_000);
    upload(&app, &cookie, &[("kept.pdf", &certificate)]).await;
    let kept = list(&app, &cookie).await.remove(0);
    let kept_key = document_version::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .object_key;
    // A thumbnail beside a stored version belongs to it.
    put(&app, &format!("{kept_key}.thumb"), b"thumbnail").await;

    let now = Utc::now();
    let stale = interrupted_upload(&app, owner, now - Duration::hours(2)).await;
    let fresh = interrupted_upload(&app, owner, now).await;
    let stray = format!("documents/{}/{}", Uuid::now_v7(), Uuid::now_v7());
    put(&app, &stray, b"no row names me").await;
    assert_eq!(rows(&app).await, (3, 3));

    let first = sweep::sweep(&app.state.db, &app.state.storage, now).await;
    assert_eq!(
        first,
        Swept {
            pending_versions: 1,
            ..Swept::default()
        },
        "only the pending version older than the grace period goes; the stray object is new"
    );
    let keys = app.state.storage.keys("documents/").await.unwrap();
    assert!(!keys.contains(&stale), "{keys:?}");
    assert!(keys.contains(&fresh) && keys.contains(&stray), "{keys:?}");
    assert_eq!(rows(&app).await, (2, 2));

    // An hour and more later the rest is abandoned too; the stored document never is.
    let later = sweep::run(
        &app.state.db,
        &app.state.storage,
        now + Duration::minutes(90),
    )
    .await;
    assert_eq!(
        later,
        Swept {
            pending_versions: 1,
            stray_objects: 1,
            ..Swept::default()
        }
    );
    assert_eq!(rows(&app).await, (1, 1));
    assert_eq!(
        app.state.storage.keys("documents/").await.unwrap(),
        [kept_key.clone(), format!("{kept_key}.thumb")]
    );
    let (status, _, bytes) = download(&app, &cookie, &format!("/documents/{}/file", kept.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes == certificate);
    // Nothing else lingers: no old copies or markers on S3, no temporary files locally.
    let left = everything_stored(&app, bucket.as_ref()).await;
    assert_eq!(left.len(), 2, "{left:?}");
    assert_eq!(
        sweep::sweep(&app.state.db, &app.state.storage, now + Duration::hours(5)).await,
        Swept::default()
    );
}
on_every_store!(the_sweep_removes_only_what_failures_left);

async fn unfinished_uploads_are_cleared(app: TestApp, bucket: Option<TestBucket>) {
    match &bucket {
        Some(bucket) => {
            // A multipart upload begun and never finished: its parts are stored, unseen.
            let begun = bucket
                .client
                .create_multipart_upload()
                .bucket(&bucket.name)
                .key(format!("documents/{}/{}", Uuid::now_v7(), Uuid::now_v7()))
                .send()
                .await
                .unwrap();
            bucket
                .client
                .upload_part()
                .bucket(&bucket.name)
                .key(begun.key().unwrap())
                .upload_id(begun.upload_id().unwrap())
                .part_number(1)
                .body(vec![7u8; 6 * 1024 * 1024].into())
                .send()
                .await
                .unwrap();
        }
        None => {
            // The temporary file of a process that died mid-upload.
            let partial = app.state.config.storage.local_root.join("partial");
            std::fs::create_dir_all(&partial).unwrap();
            std::fs::write(partial.join(Uuid::new_v4().to_string()), b"half").unwrap();
        }
    }
    let now = Utc::now();
    assert_eq!(everything_stored(&app, bucket.as_ref()).await.len(), 1);
    let early = sweep::sweep(&app.state.db, &app.state.storage, now).await;
    assert_eq!(
        early.abandoned_uploads, 0,
        "an upload in progress is left alone"
    );
    assert_eq!(everything_stored(&app, bucket.as_ref()).await.len(), 1);
    let later = sweep::sweep(&app.state.db, &app.state.storage, now + Duration::hours(2)).await;
    assert_eq!(
        later,
        Swept {
            abandoned_uploads: 1,
            ..Swept::default()
        }
    );
    let left = everything_stored(&app, bucket.as_ref()).await;
    assert!(left.is_empty(), "{left:?}");
}
on_every_store!(unfinished_uploads_are_cleared);

async fn storage_that_fails_leaves_the_rows_alone(app: TestApp) {
    app.with_clinician("dr_outage").await;
    let owner = user_id(&app, "dr_outage").await;
    let now = Utc::now();
    interrupted_upload(&app, owner, now - Duration::hours(3)).await;
    // A local store whose folder is a file, and an S3 server nobody answers at.
    let file = tempfile::NamedTempFile::new().unwrap();
    let broken_local = Storage::Local(LocalStore::new(file.path().to_path_buf()));
    let broken_s3 = Storage::S3(S3Store::new(&TestBucket::settings(
        "http://127.0.0.1:9",
        "nowhere",
    )));
    for broken in [broken_local, broken_s3] {
        let swept = sweep::sweep(&app.state.db, &broken, now).await;
        assert_eq!(swept.pending_versions, 0);
        assert!(swept.failures >= 1, "{swept:?}");
        assert_eq!(rows(&app).await, (1, 1));
    }
    let recovered = sweep::sweep(&app.state.db, &app.state.storage, now).await;
    assert_eq!(recovered.pending_versions, 1);
    assert_eq!(recovered.failures, 0);
    assert_eq!(rows(&app).await, (0, 0));
    assert!(everything_stored(&app, None).await.is_empty());
}
on_both_backends!(storage_that_fails_leaves_the_rows_alone);

async fn users(app: &TestApp) -> u64 {
    user::Entity::find().count(&app.state.db).await.unwrap()
}

async fn deleting_an_account_leaves_nothing_in_storage(app: TestApp, bucket: Option<TestBucket>) {
    let cookie = app.with_clinician("dr_leaving").await;
    let stays = app.with_clinician("dr_staying").await;
    // 9 MB goes to S3 as a multipart upload.
    upload(
        &app,
        &cookie,
        &[("small.pdf", &pdf(2000)), ("large.pdf", &pdf(9 << 20))],
    )
    .await;
    upload(&app, &stays, &[("mine.pdf", &pdf(1000))]).await;
    let first_key = document_version::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .object_key;
    put(&app, &format!("{first_key}.thumb"), b"thumbnail").await;
    let before = everything_stored(&app, bucket.as_ref()).await.len();
    assert_eq!(before, 4);

    let deleted = app
        .post_form(
            "accounts/delete",
            &[("password", STRONG_PASSWORD)],
            Some(&cookie),
        )
        .await;
    assert!(deleted.status.is_success() || deleted.status.is_redirection());
    assert_eq!(users(&app).await, 1);
    assert_eq!(
        rows(&app).await,
        (1, 1),
        "only the other clinician's document"
    );
    let left = everything_stored(&app, bucket.as_ref()).await;
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(list(&app, &stays).await.len(), 1);
    app.latest_audit("account_deleted").await;
}
on_every_store!(deleting_an_account_leaves_nothing_in_storage);

async fn an_account_is_kept_whole_while_storage_fails(app: TestApp) {
    let cookie = app.with_clinician("dr_patient").await;
    upload(&app, &cookie, &[("licence.pdf", &pdf(2000))]).await;
    // The folder of objects becomes a file: every removal in it fails.
    let objects = app.state.config.storage.local_root.join("objects");
    let away = app.state.config.storage.local_root.join("objects-away");
    std::fs::rename(&objects, &away).unwrap();
    std::fs::write(&objects, b"not a folder").unwrap();
    let refused = app
        .post_form(
            "accounts/delete",
            &[("password", STRONG_PASSWORD)],
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        refused.body.contains("your account was not deleted"),
        "{}",
        refused.body
    );
    assert_eq!((users(&app).await, rows(&app).await), (1, (1, 1)));

    std::fs::remove_file(&objects).unwrap();
    std::fs::rename(&away, &objects).unwrap();
    assert_eq!(
        list(&app, &cookie).await.len(),
        1,
        "still signed in, still listed"
    );
    app.post_form(
        "accounts/delete",
        &[("password", STRONG_PASSWORD)],
        Some(&cookie),
    )
    .await;
    assert_eq!((users(&app).await, rows(&app).await), (0, (0, 0)));
    assert!(everything_stored(&app, None).await.is_empty());
}
on_both_backends!(an_account_is_kept_whole_while_storage_fails);
