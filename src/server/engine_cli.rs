//! `licensure evaluate` and `licensure catalog ...`: the engine from the command line, no database.

use std::fmt::Write as _;

use crate::domain::requirements::{Case, Catalog, Report, evaluate};

/// Reads a case file, evaluates it and returns the report as text or JSON.
pub fn evaluate_file(path: &std::path::Path, json: bool) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    let case: Case = serde_json::from_str(&text)
        .map_err(|err| format!("{} is not a valid case: {err}", path.display()))?;
    let catalog = Catalog::embedded().map_err(|err| err.to_string())?;
    let report = evaluate(&case, &catalog).map_err(|err| err.to_string())?;
    if json {
        serde_json::to_string_pretty(&report).map_err(|err| err.to_string())
    } else {
        Ok(readable(&report))
    }
}

/// A plain-text report for a terminal.
pub fn readable(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Report for {}", report.today);
    for cred in &report.credentials {
        let _ = writeln!(
            out,
            "\n{} ({} v{}, {}): cycle {} to {}",
            cred.id, cred.rule_set, cred.version, cred.board, cred.start, cred.end
        );
        for req in &cred.requirements {
            let required = req
                .required
                .map_or("a completed course".to_owned(), |h| format!("{h} h"));
            let due = req.due.map_or(String::new(), |d| format!(", due {d}"));
            let _ = writeln!(
                out,
                "  {:<40} {:>8} of {:<18} {}{}",
                req.key,
                format!("{} h", req.counted),
                required,
                req.status.label(),
                due
            );
            for credit in &req.counted_credits {
                let _ = writeln!(out, "      counted {} ({} h)", credit.id, credit.hours);
            }
            for rejected in &req.rejected {
                let _ = writeln!(
                    out,
                    "      not counted {}: {}",
                    rejected.id, rejected.reason
                );
            }
            if let Some(source) = req.sources.first() {
                let _ = writeln!(out, "      source: {} <{}>", source.title, source.url);
            }
        }
        for unknown in &cred.unknowns {
            let _ = writeln!(out, "  unverified: {unknown}");
        }
    }
    let _ = writeln!(out, "\nNext steps, most urgent first:");
    if report.next_steps.is_empty() {
        let _ = writeln!(out, "  nothing to do");
    }
    for step in &report.next_steps {
        let _ = writeln!(out, "  - {}", step.text);
    }
    out
}

/// `licensure catalog facts`: fact names with their meaning.
pub fn list_facts() -> Result<String, String> {
    let catalog = Catalog::embedded().map_err(|err| err.to_string())?;
    Ok(catalog
        .vocabulary
        .facts
        .iter()
        .map(|f| format!("{:<45} {:?}  {}\n", f.key, f.kind, f.meaning))
        .collect())
}

/// `licensure catalog credit-types`: credit types with their meaning.
pub fn list_credit_types() -> Result<String, String> {
    let catalog = Catalog::embedded().map_err(|err| err.to_string())?;
    Ok(catalog
        .vocabulary
        .credit_types
        .iter()
        .map(|t| format!("{:<16} {}\n", t.key, t.meaning))
        .collect())
}

/// `licensure catalog sets`: every requirement set with its board and confidence.
pub fn list_sets() -> Result<String, String> {
    let catalog = Catalog::embedded().map_err(|err| err.to_string())?;
    Ok(catalog
        .latest()
        .map(|s| {
            format!(
                "{:<12} v{} {:<7} {}\n",
                s.id, s.version, s.confidence, s.board
            )
        })
        .collect())
}
