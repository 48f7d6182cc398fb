//! The credit a satisfied course earns: a CE activity marked as reported by the provider,
//! and a certificate of completion filed with the clinician's documents and linked to it.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::certificate_pdf::{self, Certificate};
use crate::{
    domain::{documents::DocumentKind, workspace::Format},
    server::{
        documents::intake::{self, Destination},
        entities::{activity, course, document, provider, registration, user},
        state::AppState,
        workspace::{activities::SOURCE_PROVIDER, credentials::credit_type_label, format_hours},
    },
};

/// The CE activity completing `course` today records for `user`, as `source` reports it.
pub fn activity_of(
    course: &course::Model,
    provider: &str,
    user: Uuid,
    source: &str,
    now: DateTime<Utc>,
) -> activity::ActiveModel {
    activity::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        title: Set(course.title.clone()),
        provider: Set(provider.to_owned()),
        accreditor: Set(course.accreditor.clone()),
        completed: Set(now.date_naive()),
        hours_hundredths: Set(course.hours_hundredths),
        credit_type: Set(course.credit_type.clone()),
        // Self-paced online content is enduring material in the accreditors' terms.
        format: Set(Format::Enduring.as_str().to_owned()),
        topics: Set(course.topics.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        source: Set(source.to_owned()),
    }
}

/// Posts the credit of a satisfied registration once; a second call finds it posted.
/// Failures are logged: the statements that earned the credit are stored either way, and
/// the registration shows as completed without credit until an administrator looks.
pub async fn post(state: &AppState, registration_id: Uuid, now: DateTime<Utc>) {
    if let Err(err) = try_post(state, registration_id, now).await {
        tracing::error!(error = %err, registration = %registration_id, "course credit could not be posted");
    }
}

async fn try_post(
    state: &AppState,
    registration_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    let Some(registration) = registration::Entity::find_by_id(registration_id)
        .one(&state.db)
        .await?
    else {
        return Ok(());
    };
    if registration.activity_id.is_some() {
        return Ok(());
    }
    let (Some(course), Some(clinician)) = (
        course::Entity::find_by_id(registration.course_id)
            .one(&state.db)
            .await?,
        user::Entity::find_by_id(registration.user_id)
            .one(&state.db)
            .await?,
    ) else {
        return Ok(());
    };
    let provider = provider::Entity::find_by_id(course.provider_id)
        .one(&state.db)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let completed = now.date_naive();
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await?;
    let activity_id = activity_of(&course, &provider, clinician.id, SOURCE_PROVIDER, now)
        .insert(&txn)
        .await?
        .id;
    // Only one caller gets to link its activity: the update is conditional.
    let linked = registration::Entity::update_many()
        .col_expr(registration::Column::ActivityId, Expr::value(activity_id))
        .filter(registration::Column::Id.eq(registration.id))
        .filter(registration::Column::ActivityId.is_null())
        .exec(&txn)
        .await?;
    if linked.rows_affected != 1 {
        return txn.rollback().await;
    }
    txn.commit().await?;

    let credit_label = credit_type_label(&state.catalog.current(), &course.credit_type);
    let hours = format_hours(i64::from(course.hours_hundredths));
    let completed_text = completed.to_string();
    let registration_text = registration.id.to_string();
    let pdf = certificate_pdf::render(&Certificate {
        clinician: &clinician.display_name,
        course: &course.title,
        provider: &provider,
        accreditor: course.accreditor.as_deref(),
        completed: &completed_text,
        hours: &hours,
        credit_type: &credit_label,
        registration: &registration_text,
    });
    // A slash in a title would read as a folder in the file name.
    let name = format!(
        "Certificate - {}.pdf",
        course.title.replace(['/', '\\'], "-")
    );
    let taken = intake::take_from(
        state,
        clinician.id,
        Destination::NewDocument(DocumentKind::CeCertificate),
        &name,
        pdf.as_slice(),
    )
    .await;
    match taken {
        Ok(taken) => {
            document::Entity::update_many()
                .col_expr(document::Column::ActivityId, Expr::value(activity_id))
                .filter(document::Column::Id.eq(taken.document_id))
                .exec(&state.db)
                .await?;
        }
        Err(reason) => {
            // The credit stands; only its certificate is missing (a full quota, storage down).
            tracing::warn!(registration = %registration.id, %reason, "the course certificate could not be filed");
        }
    }
    Ok(())
}
