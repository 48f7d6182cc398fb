//! Engine tests: catalog checks, rule kinds and worked scenarios from real sets.

mod catalog;
mod deadlines;
mod properties;
mod scenarios;
mod scenarios_more;
mod support;
