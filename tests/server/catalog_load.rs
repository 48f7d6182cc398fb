use licensure::server::entities::requirement_set::Entity;
use licensure::{domain::requirements::Catalog, server::catalog_loader};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::{on_both_backends, support::TestApp};

async fn loading_the_catalog_twice_adds_nothing(app: TestApp) {
    // Start-up already loaded the catalog once.
    let catalog = Catalog::embedded().unwrap();
    let versions = catalog.all_versions().count() as u64;
    assert_eq!(Entity::find().count(&app.state.db).await.unwrap(), versions);
    assert_eq!(
        catalog_loader::load(&app.state.db, &catalog).await.unwrap(),
        0
    );
    assert_eq!(Entity::find().count(&app.state.db).await.unwrap(), versions);
    let fl = Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|row| row.set_id == "FL-MD")
        .unwrap();
    assert!(
        fl.body.contains("flboardofmedicine.gov"),
        "sources are stored with the set"
    );
}
on_both_backends!(loading_the_catalog_twice_adds_nothing);
