//! The demo course that ships with Licensure (`courses/demo/`), put in the catalog on the
//! first start so a newcomer can take a cmi5 course end to end. Added once: retired or
//! changed in the console, it stays as the administrator left it.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};
use uuid::Uuid;

use super::package::read_package;
use crate::server::entities::{course, provider};

const STRUCTURE: &str = include_str!("../../../courses/demo/cmi5.xml");
/// Where the built package is served from (`public/course-content/demo/`).
pub const CONTENT_BASE: &str = "/course-content/demo/";
const PROVIDER: &str = "Licensure Demo";

pub async fn demo(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), DbErr> {
    let Ok((xml, structure)) = read_package(STRUCTURE.as_bytes()) else {
        // Tests hold the shipped package to the cmi5 rules; a broken one is never seeded.
        tracing::error!("the demo course package is not a valid cmi5 course");
        return Ok(());
    };
    let known = course::Entity::find()
        .filter(course::Column::CourseIri.eq(structure.id.as_str()))
        .count(db)
        .await?;
    if known > 0 {
        return Ok(());
    }
    let provider_id = match provider::Entity::find()
        .filter(provider::Column::Name.eq(PROVIDER))
        .one(db)
        .await?
    {
        Some(found) => found.id,
        None => {
            provider::ActiveModel {
                id: Set(Uuid::now_v7()),
                name: Set(PROVIDER.to_owned()),
                created_at: Set(now),
            }
            .insert(db)
            .await?
            .id
        }
    };
    let title = structure
        .title
        .first()
        .map(|(_, text)| text.clone())
        .unwrap_or_default();
    let description = structure
        .description
        .first()
        .map(|(_, text)| text.clone())
        .unwrap_or_default();
    course::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider_id),
        title: Set(title),
        description: Set(description),
        hours_hundredths: Set(100),
        credit_type: Set("AMA_PRA_1".to_owned()),
        topics: Set(r#"["controlled_substance_prescribing","opioid_prescribing"]"#.to_owned()),
        accreditor: Set(None),
        price_cents: Set(None),
        launch_method: Set("cmi5".to_owned()),
        link_url: Set(None),
        structure_xml: Set(Some(xml)),
        course_iri: Set(Some(structure.id)),
        content_base: Set(Some(CONTENT_BASE.to_owned())),
        created_at: Set(now),
        updated_at: Set(now),
        retired_at: Set(None),
    }
    .insert(db)
    .await?;
    tracing::info!("the demo course was added to the catalog");
    Ok(())
}
