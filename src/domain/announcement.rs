//! What an announcement ("product update") may hold: a one-line title and a plain-text
//! body whose paragraphs are separated by blank lines. Pure, so the rules are tested here.

use super::workspace::fields::{self, FieldProblem};

/// The column is `varchar(120)`; a title longer than that would not fit a phone's banner.
pub const TITLE_MAX: usize = 120;
/// Long enough for a release note, short enough to read in the dashboard's banner.
pub const BODY_MAX: usize = 5000;

/// An announcement as typed into the console's form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnnouncementForm {
    pub title: String,
    pub body: String,
}

/// A checked announcement: trimmed, line breaks as `\n`, within the limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAnnouncement {
    pub title: String,
    pub body: String,
}

impl AnnouncementForm {
    /// Checks the title first, then the body; the problem names the field to fix.
    pub fn validate(&self) -> Result<ValidAnnouncement, FieldProblem> {
        let title = fields::text("Title", &self.title, 1, TITLE_MAX)?;
        let body = body(&self.body)?;
        Ok(ValidAnnouncement { title, body })
    }
}

/// The body with Windows and old Mac line breaks made `\n`, trailing spaces on each line
/// dropped and blank lines around it removed. Tabs and line breaks are the only control
/// characters allowed: anything else is invisible on the page and usually a paste accident.
fn body(raw: &str) -> Result<String, FieldProblem> {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unified.lines().map(str::trim_end).collect();
    let value = lines.join("\n").trim().to_owned();
    let len = value.chars().count();
    if len == 0 {
        return Err(FieldProblem::new("Body", "This is required."));
    }
    if len > BODY_MAX {
        return Err(FieldProblem::new(
            "Body",
            format!("Use at most {BODY_MAX} characters (this has {len})."),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(FieldProblem::new(
            "Body",
            "Remove control characters; only line breaks and tabs are kept.",
        ));
    }
    Ok(value)
}

/// The paragraphs of a body: runs of lines between blank lines. Single line breaks stay
/// inside their paragraph, so an address or a short list keeps its shape.
pub fn paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in body.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(title: &str, body: &str) -> AnnouncementForm {
        AnnouncementForm {
            title: title.to_owned(),
            body: body.to_owned(),
        }
    }

    fn field_of(result: Result<ValidAnnouncement, FieldProblem>) -> Option<&'static str> {
        result.err().map(|problem| problem.field)
    }

    #[test]
    fn a_good_announcement_is_trimmed_and_kept() {
        let valid = form(
            "  New: CE import  ",
            "\r\nFirst line.\r\n\r\nSecond.  \r\n\n",
        );
        assert_eq!(
            valid.validate(),
            Ok(ValidAnnouncement {
                title: "New: CE import".into(),
                body: "First line.\n\nSecond.".into(),
            })
        );
    }

    #[test]
    fn the_title_is_one_line_of_1_to_120_characters() {
        assert_eq!(field_of(form("", "Body").validate()), Some("Title"));
        assert_eq!(field_of(form("   ", "Body").validate()), Some("Title"));
        assert_eq!(
            field_of(form("Two\nlines", "Body").validate()),
            Some("Title")
        );
        assert!(form(&"é".repeat(120), "Body").validate().is_ok());
        let long = form(&"x".repeat(121), "Body").validate().err();
        assert_eq!(long.as_ref().map(|p| p.field), Some("Title"));
        assert!(long.is_some_and(|p| p.to_string().contains("at most 120")));
    }

    #[test]
    fn the_body_is_1_to_5000_characters_of_text() {
        assert_eq!(field_of(form("Title", "").validate()), Some("Body"));
        assert_eq!(field_of(form("Title", " \n\n ").validate()), Some("Body"));
        assert!(form("Title", &"ü".repeat(5000)).validate().is_ok());
        let long = form("Title", &"x".repeat(5001)).validate().err();
        assert!(long.is_some_and(|p| p.field == "Body" && p.message.contains("at most 5000")));
        assert_eq!(
            field_of(form("Title", "bell\u{7}").validate()),
            Some("Body")
        );
        assert!(form("Title", "tab\there").validate().is_ok());
    }

    #[test]
    fn markup_is_kept_as_plain_text() {
        // Escaping is the page's job; the text is stored exactly as written.
        let valid = form("<script>alert(1)</script>", "<b>bold</b>").validate();
        assert_eq!(
            valid.map(|v| (v.title, v.body)),
            Ok(("<script>alert(1)</script>".into(), "<b>bold</b>".into()))
        );
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(
            paragraphs("One\ntwo\n\n\n  \nThree  \n"),
            vec!["One\ntwo".to_owned(), "Three".to_owned()]
        );
        assert!(paragraphs("").is_empty());
    }
}
