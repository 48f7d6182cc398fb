//! Engine tests: catalog checks, rule kinds and worked scenarios from real sets.

mod catalog;
mod contract;
mod deadlines;
mod properties;
mod scenarios;
mod scenarios_more;
mod support;
