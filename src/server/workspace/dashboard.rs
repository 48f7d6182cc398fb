//! The dashboard and "where did this activity count": both run the engine over the
//! clinician's stored records, so the numbers shown are exactly the engine's.

use std::collections::HashMap;

use chrono::Utc;

use super::{activities, case, clinician, credentials, format_hours, history, profile, record_id};
use crate::{
    domain::{
        requirements::{Case, Catalog, Hours, Report, Status, evaluate},
        workspace::profile::ProfileFacts,
    },
    error::AppError,
    features::workspace::{
        ActivityUsage, CredentialStatus, Dashboard, RequirementView, StepView, UsageLine,
    },
    server::{
        entities::{activity, credential},
        state::AppState,
    },
};

pub(crate) struct Evaluated {
    pub(crate) catalog: std::sync::Arc<Catalog>,
    pub(crate) case: Case,
    pub(crate) report: Report,
    credentials: Vec<credential::Model>,
    activities: Vec<activity::Model>,
    profile: ProfileFacts,
    need_birth_date: Vec<uuid::Uuid>,
}

impl Evaluated {
    /// Each credential's title by id, as the report names credentials by id.
    fn titles(&self, catalog: &Catalog) -> HashMap<String, String> {
        self.credentials
            .iter()
            .map(|row| (row.id.to_string(), credentials::title_of(row, catalog)))
            .collect()
    }
}

pub(crate) async fn evaluate_for(
    state: &AppState,
    user_id: uuid::Uuid,
) -> Result<Evaluated, AppError> {
    let credentials = credentials::active_rows(&state.db, user_id).await?;
    let activities = activities::all_rows(&state.db, user_id).await?;
    let today = Utc::now().date_naive();
    let refused = |err: crate::domain::requirements::EngineError| {
        // Stored records were validated on the way in, so this is our fault, not theirs.
        tracing::error!(error = %err, "the engine refused a stored case");
        AppError::internal()
    };
    let profile = profile::stored(&state.db, user_id).await?;
    // One catalog for the whole request, even if an administrator adds a version meanwhile.
    let catalog = state.catalog.current();
    let built =
        case::build(today, &catalog, &credentials, &activities, &profile).map_err(refused)?;
    let report = evaluate(&built.case, &catalog).map_err(refused)?;
    Ok(Evaluated {
        catalog,
        case: built.case,
        report,
        credentials,
        activities,
        profile,
        need_birth_date: built.need_birth_date,
    })
}

fn hours(value: Hours) -> String {
    format_hours(value.as_hundredths())
}

pub async fn dashboard() -> Result<Dashboard, AppError> {
    let (state, user) = clinician().await?;
    let evaluated = evaluate_for(&state, user.user_id).await?;
    let titles = evaluated.titles(&evaluated.catalog);
    let today = evaluated.report.today;
    let credentials = evaluated
        .report
        .credentials
        .iter()
        .map(|report| CredentialStatus {
            id: report.id.as_str().to_owned(),
            title: titles.get(report.id.as_str()).cloned().unwrap_or_default(),
            rule_set: report.rule_set.clone(),
            board: report.board.clone(),
            cycle_start: report.start.to_string(),
            cycle_end: report.end.to_string(),
            days_left: (report.end - today).num_days(),
            unknowns: report.unknowns.clone(),
            history: history::past_cycles(
                &evaluated.catalog,
                &evaluated.case,
                report.id.as_str(),
                report.start,
            ),
            requirements: report
                .requirements
                .iter()
                .map(|req| {
                    let percent = match req.required {
                        Some(required) if !required.is_zero() => {
                            let share =
                                req.counted.as_hundredths() * 100 / required.as_hundredths();
                            u8::try_from(share.clamp(0, 100)).unwrap_or(100)
                        }
                        _ if req.status == Status::Met => 100,
                        _ => 0,
                    };
                    RequirementView {
                        key: req.key.clone(),
                        label: req.label.clone(),
                        required: req.required.map(hours),
                        counted: hours(req.counted),
                        missing: req.missing.map(hours),
                        percent,
                        status: serde_json::to_value(req.status)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
                        status_label: req.status.label().to_owned(),
                        due: req.due.map(|d| d.to_string()),
                        sources: req
                            .sources
                            .iter()
                            .map(|s| super::source_view(&s.title, &s.url))
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    let next_steps = evaluated
        .report
        .next_steps
        .iter()
        .map(|step| {
            // The engine's text starts with the credential's id, which means nothing to a
            // person; the title is shown beside it instead.
            let prefix = format!("{}: ", step.credential.as_str());
            StepView {
                credential: titles
                    .get(step.credential.as_str())
                    .cloned()
                    .unwrap_or_default(),
                status: step.status.label().to_owned(),
                text: step
                    .text
                    .strip_prefix(&prefix)
                    .unwrap_or(&step.text)
                    .to_owned(),
            }
        })
        .collect();
    let untracked = evaluated
        .credentials
        .iter()
        .filter(|row| row.rule_set.is_none())
        .map(|row| credentials::title_of(row, &evaluated.catalog))
        .collect();
    let need_birth_date = evaluated
        .credentials
        .iter()
        .filter(|row| evaluated.need_birth_date.contains(&row.id))
        .map(|row| credentials::title_of(row, &evaluated.catalog))
        .collect();
    let open_questions = profile::questions(&evaluated.catalog, &evaluated.credentials)
        .iter()
        .filter(|question| !evaluated.profile.contains_key(&question.key))
        .count();
    Ok(Dashboard {
        credentials,
        next_steps,
        untracked,
        need_birth_date,
        open_questions,
        activity_count: evaluated.activities.len(),
    })
}

pub async fn usage(id: String) -> Result<ActivityUsage, AppError> {
    let (state, user) = clinician().await?;
    let wanted = record_id(&id)?.to_string();
    let evaluated = evaluate_for(&state, user.user_id).await?;
    let Some(completed) = evaluated
        .activities
        .iter()
        .find(|row| row.id.to_string() == wanted)
        .map(|row| row.completed)
    else {
        return Err(AppError::not_found());
    };
    let titles = evaluated.titles(&evaluated.catalog);
    let mut usage = ActivityUsage {
        counted: Vec::new(),
        rejected: Vec::new(),
    };
    for report in &evaluated.report.credentials {
        let credential = titles.get(report.id.as_str()).cloned().unwrap_or_default();
        let (counted_before, rejected_before) = (usage.counted.len(), usage.rejected.len());
        for req in &report.requirements {
            for counted in req
                .counted_credits
                .iter()
                .filter(|c| c.id.as_str() == wanted)
            {
                usage.counted.push(UsageLine {
                    credential: credential.clone(),
                    requirement: req.label.clone(),
                    detail: format!("{} h", hours(counted.hours)),
                });
            }
            for rejected in req.rejected.iter().filter(|r| r.id.as_str() == wanted) {
                usage.rejected.push(UsageLine {
                    credential: credential.clone(),
                    requirement: req.label.clone(),
                    detail: rejected.reason.to_string(),
                });
            }
        }
        // The engine lists only credits inside a cycle's window; say why the others are not.
        if usage.counted.len() == counted_before && usage.rejected.len() == rejected_before {
            let detail = if completed < report.start {
                format!(
                    "Completed before this cycle, which began on {}.",
                    report.start
                )
            } else if completed > report.end {
                format!("Completed after this cycle, which ends on {}.", report.end)
            } else {
                "Not needed: other activities already cover what it could count toward.".to_owned()
            };
            usage.rejected.push(UsageLine {
                credential,
                requirement: "Whole cycle".to_owned(),
                detail,
            });
        }
    }
    Ok(usage)
}
