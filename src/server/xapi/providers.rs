//! Course providers and their LRS credentials, as administrators manage them.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use uuid::Uuid;

use crate::server::{
    auth::token::Token,
    entities::{provider, xapi_credential},
};

/// A credential as created: the secret is shown this once and never stored.
pub struct NewCredential {
    pub id: Uuid,
    pub key: String,
    pub secret: Token,
}

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("A provider's name needs 1 to 120 characters.")]
    BadName,
    #[error("A provider with this name already exists.")]
    Taken,
    #[error("{0}")]
    Database(#[from] DbErr),
}

fn clean_name(name: &str) -> Result<String, ProviderError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
        return Err(ProviderError::BadName);
    }
    Ok(name.to_owned())
}

pub async fn create_provider(
    db: &DatabaseConnection,
    name: &str,
    now: DateTime<Utc>,
) -> Result<provider::Model, ProviderError> {
    let name = clean_name(name)?;
    // "Acme CME" and "acme cme" are one provider to the people choosing among them.
    let taken = provider::Entity::find()
        .all(db)
        .await?
        .iter()
        .any(|p| p.name.to_lowercase() == name.to_lowercase());
    if taken {
        return Err(ProviderError::Taken);
    }
    Ok(provider::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(name),
        created_at: Set(now),
    }
    .insert(db)
    .await?)
}

pub async fn list_providers(db: &DatabaseConnection) -> Result<Vec<provider::Model>, DbErr> {
    provider::Entity::find()
        .order_by_asc(provider::Column::Name)
        .all(db)
        .await
}

/// A new Basic credential for `provider`. The key is random too, so it reveals nothing.
pub async fn create_credential(
    db: &DatabaseConnection,
    provider_id: Uuid,
    label: &str,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<NewCredential, ProviderError> {
    let label = clean_name(label)?;
    let id = Uuid::now_v7();
    let key = format!("lrs-{}", id.simple());
    let secret = Token::generate();
    xapi_credential::ActiveModel {
        id: Set(id),
        provider_id: Set(provider_id),
        label: Set(label),
        key: Set(key.clone()),
        secret_sha256: Set(secret.hash()),
        created_by: Set(created_by),
        created_at: Set(now),
        retired_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(NewCredential { id, key, secret })
}

pub async fn list_credentials(
    db: &DatabaseConnection,
    provider_id: Uuid,
) -> Result<Vec<xapi_credential::Model>, DbErr> {
    xapi_credential::Entity::find()
        .filter(xapi_credential::Column::ProviderId.eq(provider_id))
        .order_by_asc(xapi_credential::Column::CreatedAt)
        .all(db)
        .await
}

/// Retires a credential: it stops working at once. Returns false when it was not live.
pub async fn retire_credential(
    db: &DatabaseConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = xapi_credential::Entity::update_many()
        .col_expr(
            xapi_credential::Column::RetiredAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(xapi_credential::Column::Id.eq(id))
        .filter(xapi_credential::Column::RetiredAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
