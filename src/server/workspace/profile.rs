//! "About you": the facts about a clinician that their boards' rules turn on. Only the
//! questions some rule of their own credentials asks are shown.

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};
use uuid::Uuid;

use super::{clinician, credentials, database_error};
use crate::{
    domain::{
        requirements::{
            Catalog,
            catalog::{Deadline, FactKind},
        },
        workspace::profile::{AnswerKind, DERIVED, ProfileFacts, ProfileForm, shown},
    },
    error::AppError,
    features::workspace::{ProfileView, QuestionView},
    server::entities::{clinician_fact, credential},
};

/// A question one or more of the clinician's credentials ask.
pub struct Question {
    pub key: String,
    pub text: String,
    pub kind: AnswerKind,
    pub asked_by: Vec<String>,
}

/// The questions the rules of these credentials turn on, in vocabulary order.
pub fn questions(catalog: &Catalog, rows: &[credential::Model]) -> Vec<Question> {
    let mut asked: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for row in rows {
        let Some(set) = credentials::set_of(catalog, row) else {
            continue;
        };
        let title = credentials::title_of(row, catalog);
        for condition in set.topics.iter().flat_map(|topic| &topic.applies_if) {
            let by = asked.entry(condition.fact.as_str()).or_default();
            if !by.contains(&title) {
                by.push(title.clone());
            }
        }
    }
    catalog
        .vocabulary
        .facts
        .iter()
        .filter(|info| !DERIVED.contains(&info.key.as_str()))
        .filter_map(|info| {
            let asked_by = asked.get(info.key.as_str())?.clone();
            Some(Question {
                key: info.key.as_str().to_owned(),
                text: info.meaning.clone(),
                kind: answer_kind(info.key.as_str(), info.kind)?,
                asked_by,
            })
        })
        .collect()
}

/// Yes/no facts are asked as such; number facts in the catalog are shares of patients.
fn answer_kind(key: &str, kind: FactKind) -> Option<AnswerKind> {
    match kind {
        FactKind::Bool => Some(AnswerKind::YesNo),
        FactKind::Number if key.contains("share") => Some(AnswerKind::Percent),
        _ => None,
    }
}

/// Titles of credentials whose deadline follows the birthday.
fn birthday_credentials(catalog: &Catalog, rows: &[credential::Model]) -> Vec<String> {
    rows.iter()
        .filter(|row| {
            credentials::set_of(catalog, row).is_some_and(|set| {
                matches!(
                    set.cycle.deadline,
                    Deadline::Birthday | Deadline::EndOfBirthMonth | Deadline::BirthdayAfterIssue
                )
            })
        })
        .map(|row| credentials::title_of(row, catalog))
        .collect()
}

/// The facts a clinician has given. A stored value that no longer parses is left out, as if
/// never answered, rather than failing the dashboard.
pub async fn stored(db: &DatabaseConnection, user_id: Uuid) -> Result<ProfileFacts, AppError> {
    let rows = clinician_fact::Entity::find()
        .filter(clinician_fact::Column::UserId.eq(user_id))
        .all(db)
        .await
        .map_err(database_error)?;
    Ok(rows
        .into_iter()
        .filter_map(|row| Some((row.fact, serde_json::from_str(&row.value).ok()?)))
        .collect())
}

fn profile_view(
    catalog: &Catalog,
    rows: &[credential::Model],
    facts: &ProfileFacts,
) -> ProfileView {
    ProfileView {
        birth_date: facts
            .get("birth_date")
            .and_then(|value| value.as_str())
            .unwrap_or_default()
            .to_owned(),
        birthday_credentials: birthday_credentials(catalog, rows),
        questions: questions(catalog, rows)
            .into_iter()
            .map(|question| QuestionView {
                answer: facts
                    .get(&question.key)
                    .map(|value| shown(question.kind, value))
                    .unwrap_or_default(),
                key: question.key,
                text: question.text,
                kind: question.kind,
                asked_by: question.asked_by.join(", "),
            })
            .collect(),
    }
}

pub async fn load() -> Result<ProfileView, AppError> {
    let (state, user) = clinician().await?;
    let rows = credentials::active_rows(&state.db, user.user_id).await?;
    let facts = stored(&state.db, user.user_id).await?;
    Ok(profile_view(&state.catalog.current(), &rows, &facts))
}

pub async fn save(form: ProfileForm) -> Result<ProfileView, AppError> {
    let (state, user) = clinician().await?;
    let now = Utc::now();
    let rows = credentials::active_rows(&state.db, user.user_id).await?;
    let asked = questions(&state.catalog.current(), &rows);
    let kind_of = |key: &str| {
        asked
            .iter()
            .find(|question| question.key == key)
            .map(|question| question.kind)
    };
    let facts = form
        .validate(now.date_naive(), kind_of)
        .map_err(|problem| AppError::bad_request(problem.to_string()))?;
    // Answers to questions not on the form (another credential's, archived) are kept.
    let on_form: Vec<String> = std::iter::once("birth_date".to_owned())
        .chain(asked.iter().map(|question| question.key.clone()))
        .collect();
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    clinician_fact::Entity::delete_many()
        .filter(clinician_fact::Column::UserId.eq(user.user_id))
        .filter(clinician_fact::Column::Fact.is_in(on_form))
        .exec(&txn)
        .await
        .map_err(database_error)?;
    let new_rows: Vec<clinician_fact::ActiveModel> = facts
        .iter()
        .map(|(fact, value)| clinician_fact::ActiveModel {
            user_id: Set(user.user_id),
            fact: Set(fact.clone()),
            value: Set(value.to_string()),
            updated_at: Set(now),
        })
        .collect();
    if !new_rows.is_empty() {
        clinician_fact::Entity::insert_many(new_rows)
            .exec(&txn)
            .await
            .map_err(database_error)?;
    }
    txn.commit().await.map_err(database_error)?;
    // The form's facts are now exactly what is stored for its questions, and the view
    // shows nothing else, so there is no need to read them back.
    Ok(profile_view(&state.catalog.current(), &rows, &facts))
}
