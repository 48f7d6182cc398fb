//! Proposes a CE activity from the caller's uploaded certificate: the newest version is
//! opened as it streams (within the size cap), its text read, and the fields proposed for
//! the clinician to confirm. Nothing derived from the file is written anywhere, so
//! destroying the document leaves nothing of it behind.

use futures_util::StreamExt;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{
    cipher::DataKey,
    extract::{self, PdfText},
    library::owned,
    vault,
};
use crate::{
    domain::documents::{certificate, file_type::FileType},
    error::AppError,
    features::documents::ActivityProposal,
    server::{
        entities::document_version,
        respond::database_error,
        state::AppState,
        workspace::{clinician, format_hours},
    },
};

const FROM_PHOTO: &str = "Text is read from PDFs only; fill in the fields from the photo.";
const NO_TEXT: &str = "This PDF holds no text to read (it may be a scan); fill in the fields \
                       from the certificate.";
const UNREADABLE: &str = "This PDF could not be read; fill in the fields from the certificate.";
const TOO_LARGE: &str = "This PDF is too large to read here; fill in the fields from the \
                         certificate.";
const TIMED_OUT: &str = "Reading this PDF took too long; fill in the fields from the certificate.";
const NOTHING_FOUND: &str = "Nothing on this certificate could be read with confidence; fill in \
                             the fields yourself.";
/// Recording it again would count its hours twice.
const ALREADY_RECORDED: &str = "This certificate already proves an activity you recorded; \
                                    find it under Your activities instead of recording it again.";
const CHECK: &str = "Read from the certificate: check every field against it before you \
                     record the activity.";

/// The newest stored version's bytes, opened, or `None` when it is over the size cap.
async fn open_newest(
    state: &AppState,
    version: &document_version::Model,
) -> Result<Option<Vec<u8>>, AppError> {
    if u64::try_from(version.size).unwrap_or(u64::MAX) > extract::MAX_BYTES {
        return Ok(None);
    }
    let key = state
        .master_key
        .open(&version.wrapped_key)
        .ok()
        .and_then(|bytes| DataKey::from_bytes(&bytes))
        .ok_or_else(|| {
            tracing::error!("a document's data key could not be unwrapped");
            AppError::internal()
        })?;
    let unavailable = |err: &dyn std::fmt::Display| {
        tracing::error!(error = %err, "a stored document could not be opened");
        AppError::unavailable()
    };
    let stream = vault::open(&state.storage, &version.object_key, &key)
        .await
        .map_err(|err| unavailable(&err))?;
    let mut stream = Box::pin(stream);
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|err| unavailable(&err))?;
        // The recorded size is checked above; this holds even if the object says otherwise.
        if (bytes.len() + chunk.len()) as u64 > extract::MAX_BYTES {
            return Ok(None);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Some(bytes))
}

/// Fields of the caller's document `id`, proposed for the "record activity" form.
pub async fn propose(id: String) -> Result<ActivityProposal, AppError> {
    let (state, user) = clinician().await?;
    let doc = owned(&state.db, user.user_id, &id).await?;
    let version = document_version::Entity::find()
        .filter(document_version::Column::DocumentId.eq(doc.id))
        .filter(document_version::Column::State.eq(document_version::state::STORED))
        .order_by_desc(document_version::Column::Number)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    let empty = |message: &str| ActivityProposal {
        document_id: doc.id.to_string(),
        title: String::new(),
        provider: String::new(),
        accreditor: String::new(),
        completed: String::new(),
        hours: String::new(),
        credit_type: String::new(),
        found: 0,
        message: message.to_owned(),
    };
    if doc.activity_id.is_some() {
        return Ok(empty(ALREADY_RECORDED));
    }
    if FileType::from_mime(&version.content_type) != Some(FileType::Pdf) {
        return Ok(empty(FROM_PHOTO));
    }
    let Some(bytes) = open_newest(&state, &version).await? else {
        return Ok(empty(TOO_LARGE));
    };
    let text = match extract::read(bytes).await {
        PdfText::Text(text) => text,
        PdfText::NoText => return Ok(empty(NO_TEXT)),
        PdfText::Unreadable => return Ok(empty(UNREADABLE)),
        PdfText::TooLarge => return Ok(empty(TOO_LARGE)),
        PdfText::TimedOut => {
            tracing::warn!(document = %doc.id, "reading a PDF for a proposal timed out");
            return Ok(empty(TIMED_OUT));
        }
    };
    let mut fields = certificate::read(&text);
    // Only a credit type the catalog defines can be chosen in the form.
    let catalog = state.catalog.current();
    fields.credit_type = fields
        .credit_type
        .filter(|key| catalog.vocabulary.credit_type(key).is_some());
    let found = fields.found();
    Ok(ActivityProposal {
        document_id: doc.id.to_string(),
        title: fields.title.unwrap_or_default(),
        provider: fields.provider.unwrap_or_default(),
        accreditor: fields.accreditor.unwrap_or_default(),
        completed: fields.completed.map(|d| d.to_string()).unwrap_or_default(),
        hours: fields
            .hours_hundredths
            .map(format_hours)
            .unwrap_or_default(),
        credit_type: fields.credit_type.unwrap_or_default(),
        found,
        message: if found == 0 { NOTHING_FOUND } else { CHECK }.to_owned(),
    })
}
