//! Engine tests: catalog checks, rule kinds and worked scenarios from real sets.

mod catalog;
