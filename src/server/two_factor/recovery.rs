//! Recovery codes: ten single-use codes, each 10 characters from an alphabet without
//! look-alikes (about 50 bits each), stored as SHA-256 hashes.

use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

use crate::server::entities::recovery_code;

const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const COUNT: usize = 10;

/// Deletes any earlier codes and stores ten new ones; returns them as `XXXXX-XXXXX`.
pub async fn replace_codes(db: &DatabaseConnection, user_id: Uuid) -> Result<Vec<String>, DbErr> {
    delete_codes(db, user_id).await?;
    // Drawn before any await: the thread-local generator must not cross one.
    let raws: Vec<String> = {
        let mut rng = rand::rng();
        (0..COUNT)
            .map(|_| {
                (0..10)
                    .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                    .collect()
            })
            .collect()
    };
    let mut shown = Vec::with_capacity(COUNT);
    for raw in raws {
        recovery_code::ActiveModel {
            id: Set(Uuid::new_v4()),
            user_id: Set(user_id),
            code_hash: Set(hash(&raw)),
            used_at: Set(None),
        }
        .insert(db)
        .await?;
        shown.push(format!("{}-{}", &raw[..5], &raw[5..]));
    }
    Ok(shown)
}

/// Uses up a recovery code; true only the first time a valid code is presented.
pub async fn use_recovery_code(
    db: &DatabaseConnection,
    user_id: Uuid,
    presented: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let normalised: String = presented
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let updated = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::CodeHash.eq(hash(&normalised)))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

pub async fn delete_codes(db: &DatabaseConnection, user_id: Uuid) -> Result<(), DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

fn hash(code: &str) -> String {
    crate::server::crypto::sha256_hex(code)
}
