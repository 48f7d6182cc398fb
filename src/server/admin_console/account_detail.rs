//! One account in the console: its state for anyone with console access, and its records
//! (credentials, CE activities and the list of documents) only after the administrator
//! gives a reason, which the audit log keeps.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{accounts, admin};
use crate::{
    domain::admin as rules,
    error::AppError,
    features::admin::{AccountDetail, AccountRecords, RecordLine},
    server::{
        audit::{self, Action, Event, Outcome},
        auth, display,
        documents::library,
        entities::{activity, credential, user},
        respond::{database_error, record_id},
        workspace::credentials::title_of,
    },
};

pub async fn detail(id: String) -> Result<AccountDetail, AppError> {
    let (state, me) = admin().await?;
    let db = &state.db;
    let account = user::Entity::find_by_id(record_id(&id)?)
        .one(db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    let granter = match account.role_granted_by {
        Some(by) => user::Entity::find_by_id(by)
            .one(db)
            .await
            .map_err(database_error)?
            .map(|granter| granter.username)
            .or_else(|| Some(by.to_string())),
        None => None,
    };
    let admin_since = (account.role == user::role::ADMIN).then(|| {
        let when = account
            .role_granted_at
            .map(display::minute)
            .unwrap_or_else(|| "an unrecorded time".to_owned());
        format!(
            "{when}, by {}",
            granter.unwrap_or_else(|| "the operator".to_owned())
        )
    });
    let terminate_on = account.terminate_on.map(|day| day.to_string());
    let created_at = account.created_at.format("%Y-%m-%d").to_string();
    let email_verified = account.email_verified_at.is_some();
    let row = accounts::rows(db, vec![account], me.user_id)
        .await?
        .pop()
        .ok_or_else(AppError::not_found)?;
    Ok(AccountDetail {
        account: row,
        terminate_on,
        created_at,
        email_verified,
        admin_since,
    })
}

/// The account's credentials and CE activities. Personal records: the administrator says
/// why, and the audit log keeps who looked, at whose records, and why.
pub async fn records(id: String, reason: String) -> Result<AccountRecords, AppError> {
    let (state, me) = admin().await?;
    let reason = rules::reason(&reason).map_err(|p| AppError::bad_request(p.to_string()))?;
    let db = &state.db;
    let owner = user::Entity::find_by_id(record_id(&id)?)
        .one(db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    let event = Event {
        actor: Some(me.user_id),
        action: Action::AccountRecordsViewed,
        target: Some(format!("user:{}", owner.id)),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: Some(reason),
    };
    // No record is shown unless the look at it is on the record first.
    audit::record(db, event, chrono::Utc::now())
        .await
        .map_err(database_error)?;
    let catalog = state.catalog.current();
    let credentials = credential::Entity::find()
        .filter(credential::Column::UserId.eq(owner.id))
        .filter(credential::Column::ArchivedAt.is_null())
        .order_by_asc(credential::Column::Expires)
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|row| RecordLine {
            title: title_of(&row, &catalog),
            detail: row.number.clone().unwrap_or_default(),
            date: format!("expires {}", row.expires),
        })
        .collect();
    let activities = activity::Entity::find()
        .filter(activity::Column::UserId.eq(owner.id))
        .order_by_desc(activity::Column::Completed)
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|row| RecordLine {
            detail: format!(
                "{} · {}.{:02} h {}",
                row.provider,
                row.hours_hundredths / 100,
                row.hours_hundredths % 100,
                row.credit_type
            ),
            title: row.title,
            date: row.completed.to_string(),
        })
        .collect();
    // Links are not shown to the administrator: the records above already list both ends.
    let documents = library::documents_of(db, owner.id, &Default::default()).await?;
    Ok(AccountRecords {
        credentials,
        activities,
        documents,
    })
}
