//! The course catalog as a clinician sees it: filtered, optionally ranked by the missing
//! hours each course would cover (the engine decides), with the clinician's progress.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use crate::{
    domain::{
        courses::{CourseCredit, rank_by_gaps},
        requirements::{
            Hours,
            ids::{CreditType, TopicKey},
        },
        workspace::activity_form,
    },
    error::AppError,
    features::{
        courses::{CourseCard, CourseCatalog, Progress},
        workspace::Choice,
    },
    server::{
        courses::credit::activity_of,
        display,
        entities::{course, provider, registration},
        respond::{database_error, record_id},
        workspace::{
            activities::SOURCE_SELF,
            clinician,
            credentials::{credit_type_label, topic_label},
            dashboard::evaluate_for,
            format_hours,
        },
    },
};

pub struct Filter {
    pub words: String,
    pub topic: String,
    pub credit_type: String,
    pub max_hours: String,
    pub gaps: bool,
}

fn topics_of(row: &course::Model) -> Vec<String> {
    serde_json::from_str(&row.topics).unwrap_or_default()
}

fn price(cents: Option<i32>) -> String {
    match cents {
        None | Some(0) => "Free".to_owned(),
        Some(cents) => format!("${}.{:02}", cents / 100, cents % 100),
    }
}

fn matches(row: &course::Model, provider: &str, filter: &Filter, max: Option<i64>) -> bool {
    let haystack = format!("{} {} {provider}", row.title, row.description).to_lowercase();
    let words_ok = filter
        .words
        .to_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word));
    let topic_ok = filter.topic.is_empty() || topics_of(row).contains(&filter.topic);
    let type_ok = filter.credit_type.is_empty() || row.credit_type == filter.credit_type;
    let hours_ok = max.is_none_or(|max| i64::from(row.hours_hundredths) <= max);
    words_ok && topic_ok && type_ok && hours_ok
}

pub async fn list(filter: Filter) -> Result<CourseCatalog, AppError> {
    let (state, user) = clinician().await?;
    // A bad "at most" leaves that filter out and says why, so the page keeps its form.
    let (max, problem) = match filter.max_hours.trim() {
        "" => (None, None),
        raw => match activity_form::hours(raw) {
            Ok(max) => (Some(max), None),
            Err(problem) => (
                None,
                Some(format!(
                    "At most (hours): {} Showing courses of any length.",
                    problem.message
                )),
            ),
        },
    };
    let providers: HashMap<Uuid, String> = provider::Entity::find()
        .all(&state.db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let offered = course::Entity::find()
        .filter(course::Column::RetiredAt.is_null())
        .order_by_asc(course::Column::Title)
        .all(&state.db)
        .await
        .map_err(database_error)?;
    let catalog = state.catalog.current();
    let credit_label = |key: &str| credit_type_label(&catalog, key);
    let mut topics: Vec<Choice> = Vec::new();
    let mut credit_types: Vec<Choice> = Vec::new();
    for row in &offered {
        for key in topics_of(row) {
            if !topics.iter().any(|t| t.key == key) {
                let label = topic_label(&catalog, &key).unwrap_or_else(|| key.clone());
                topics.push(Choice { key, label });
            }
        }
        if !credit_types.iter().any(|c| c.key == row.credit_type) {
            credit_types.push(Choice {
                key: row.credit_type.clone(),
                label: credit_label(&row.credit_type),
            });
        }
    }
    topics.sort_by(|a, b| a.label.cmp(&b.label));
    credit_types.sort_by(|a, b| a.label.cmp(&b.label));
    let provider_of =
        |row: &course::Model| providers.get(&row.provider_id).cloned().unwrap_or_default();
    let mut shown: Vec<(course::Model, Option<Hours>)> = offered
        .into_iter()
        .filter(|row| matches(row, &provider_of(row), &filter, max))
        .map(|row| (row, None))
        .collect();
    let registrations: HashMap<Uuid, registration::Model> = registration::Entity::find()
        .filter(registration::Column::UserId.eq(user.user_id))
        .all(&state.db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|r| (r.course_id, r))
        .collect();
    if filter.gaps {
        // A course already completed fills nothing more.
        shown.retain(|(row, _)| {
            registrations
                .get(&row.id)
                .is_none_or(|r| r.satisfied_at.is_none())
        });
        let evaluated = evaluate_for(&state, user.user_id).await?;
        let credits: Vec<CourseCredit> = shown
            .iter()
            .map(|(row, _)| CourseCredit {
                hours: Hours::hundredths(i64::from(row.hours_hundredths)),
                credit_type: CreditType::new(row.credit_type.clone()),
                topics: topics_of(row).into_iter().map(TopicKey::new).collect(),
            })
            .collect();
        let ranked =
            rank_by_gaps(&evaluated.case, &evaluated.catalog, &credits).map_err(|err| {
                tracing::error!(error = %err, "the engine refused a stored case");
                AppError::internal()
            })?;
        let mut slots: Vec<Option<(course::Model, Option<Hours>)>> =
            shown.into_iter().map(Some).collect();
        shown = ranked
            .into_iter()
            .filter_map(|(i, covered)| {
                slots
                    .get_mut(i)?
                    .take()
                    .map(|(row, _)| (row, Some(covered)))
            })
            .collect();
    }
    let courses = shown
        .into_iter()
        .map(|(row, covered)| {
            let progress = match registrations.get(&row.id) {
                None => Progress::NotStarted,
                Some(r) => match r.satisfied_at {
                    Some(at) => Progress::Completed {
                        on: at.date_naive().to_string(),
                    },
                    None => Progress::InProgress {
                        last_activity: display::minute(r.last_activity_at),
                    },
                },
            };
            CourseCard {
                id: row.id.to_string(),
                provider: provider_of(&row),
                hours: format_hours(i64::from(row.hours_hundredths)),
                credit_type: credit_label(&row.credit_type),
                topics: topics_of(&row)
                    .iter()
                    .map(|key| topic_label(&catalog, key).unwrap_or_else(|| key.clone()))
                    .collect(),
                accreditor: row.accreditor.clone(),
                price: price(row.price_cents),
                launch: row.launch_method.clone(),
                link_url: row.link_url.clone(),
                progress,
                covers: covered.map(|h| format_hours(h.as_hundredths())),
                title: row.title,
                description: row.description,
            }
        })
        .collect();
    Ok(CourseCatalog {
        problem,
        courses,
        topics,
        credit_types,
    })
}

/// "I completed it" on a link course: the clinician's own record of it, as an activity
/// they reported (the provider told Licensure nothing).
pub async fn complete_link(id: String) -> Result<(), AppError> {
    let (state, user) = clinician().await?;
    let course_id = record_id(&id)?;
    let row = course::Entity::find_by_id(course_id)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .filter(|c| c.retired_at.is_none() && c.launch_method == "link")
        .ok_or_else(AppError::not_found)?;
    let already = registration::Entity::find()
        .filter(registration::Column::UserId.eq(user.user_id))
        .filter(registration::Column::CourseId.eq(row.id))
        .one(&state.db)
        .await
        .map_err(database_error)?;
    if already.as_ref().is_some_and(|r| r.satisfied_at.is_some()) {
        return Err(AppError::bad_request(
            "You already recorded this course as completed.",
        ));
    }
    let provider = provider::Entity::find_by_id(row.provider_id)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .map(|p| p.name)
        .unwrap_or_default();
    let now = Utc::now();
    let txn = sea_orm::TransactionTrait::begin_with_options(&state.db, crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    let activity_id = activity_of(&row, &provider, user.user_id, SOURCE_SELF, now)
        .insert(&txn)
        .await
        .map_err(database_error)?
        .id;
    match already {
        Some(found) => {
            let mut active: registration::ActiveModel = found.into();
            active.satisfied_at = Set(Some(now));
            active.last_activity_at = Set(now);
            active.activity_id = Set(Some(activity_id));
            active.update(&txn).await.map_err(database_error)?;
        }
        None => {
            registration::ActiveModel {
                id: Set(Uuid::new_v4()),
                user_id: Set(user.user_id),
                course_id: Set(row.id),
                created_at: Set(now),
                last_activity_at: Set(now),
                satisfied_at: Set(Some(now)),
                activity_id: Set(Some(activity_id)),
            }
            .insert(&txn)
            .await
            .map_err(database_error)?;
        }
    }
    txn.commit().await.map_err(database_error)
}
