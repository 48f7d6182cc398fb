//! Services behind the workspace server functions: credentials, activities, and the
//! dashboard that runs the engine over them.

pub mod activities;
pub mod case;
pub mod credentials;
pub mod dashboard;
pub mod history;
pub mod profile;

use crate::{
    error::AppError,
    server::{
        auth::{self, CurrentUser, Permission},
        state::AppState,
    },
};

/// The signed-in clinician and the app state, or the error to answer with.
pub(crate) async fn clinician() -> Result<(AppState, CurrentUser), AppError> {
    let state = AppState::from_context()?;
    let user = auth::require(&state, Permission::OwnAccount).await?;
    Ok((state, user))
}

pub(crate) use crate::server::respond::{database_error, record_id};

/// A source as the pages show it. The clinician's own rules have no page to link to, so
/// their source keeps its title and loses its placeholder address.
pub(crate) fn source_view(title: &str, url: &str) -> crate::features::workspace::SourceView {
    crate::features::workspace::SourceView {
        title: title.to_owned(),
        url: if url == crate::domain::requirements::custom::NO_ADDRESS {
            String::new()
        } else {
            url.to_owned()
        },
    }
}

/// Hundredths of an hour as people write hours: `1.5`, `0.25`, `40`.
pub fn format_hours(hundredths: i64) -> String {
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    match fraction {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hours_read_as_written() {
        assert_eq!(super::format_hours(150), "1.5");
        assert_eq!(super::format_hours(25), "0.25");
        assert_eq!(super::format_hours(4000), "40");
        assert_eq!(super::format_hours(5), "0.05");
    }
}
