//! `POST /cmi5/fetch/{code}`: the content's one-time request for its LRS token. The first
//! call answers the token; every later call answers cmi5's error structure, so a fetch URL
//! copied out of a launch address is worth nothing once used.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::json;

use crate::server::{
    auth::token::Token, crypto::sha256_hex, entities::launch_session, state::AppState,
};

fn refused(code: &str, text: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error-code": code, "error-text": text})),
    )
        .into_response()
}

pub async fn fetch(State(state): State<AppState>, Path(code): Path<String>) -> Response {
    let now = Utc::now();
    let found = launch_session::Entity::find()
        .filter(launch_session::Column::FetchHash.eq(sha256_hex(&code)))
        .one(&state.db)
        .await;
    let session = match found {
        // A session a later launch abandoned hands out no token.
        Ok(Some(session)) if session.expires_at > now && session.state != "ended" => session,
        Ok(_) => {
            return refused(
                "3",
                "This launch is unknown or has expired; launch the course again.",
            );
        }
        Err(err) => {
            tracing::error!(error = %err, "a cmi5 fetch failed on the database");
            return refused("3", "The token could not be issued; try again.");
        }
    };
    let secret = Token::generate();
    // Only the first fetch of a launch sets the token: the update is conditional.
    let issued = launch_session::Entity::update_many()
        .col_expr(launch_session::Column::FetchedAt, Expr::value(now))
        .col_expr(
            launch_session::Column::TokenHash,
            Expr::value(secret.hash()),
        )
        .filter(launch_session::Column::Id.eq(session.id))
        .filter(launch_session::Column::FetchedAt.is_null())
        .exec(&state.db)
        .await;
    match issued {
        Ok(result) if result.rows_affected == 1 => {
            let token = STANDARD.encode(format!("{}:{}", session.token_key, secret.expose()));
            Json(json!({"auth-token": token})).into_response()
        }
        Ok(_) => refused("1", "This launch's token was already fetched."),
        Err(err) => {
            tracing::error!(error = %err, "a cmi5 fetch failed on the database");
            refused("3", "The token could not be issued; try again.")
        }
    }
}
