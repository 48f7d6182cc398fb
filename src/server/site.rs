//! The site settings in `Leptos.toml`, embedded at compile time so the binary runs from any
//! folder. cargo-leptos reads the same keys from `Cargo.toml`; a test keeps the two in step.

use std::sync::OnceLock;

use leptos::config::{Env, LeptosOptions};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SiteSettings {
    pub output_name: String,
    pub site_root: String,
    pub site_pkg_dir: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct LeptosToml {
    site: SiteSettings,
}

const LEPTOS_TOML: &str = include_str!("../../Leptos.toml");

/// The parsed `Leptos.toml`. A malformed file fails the unit tests, so the fallback to the
/// defaults below is never reached by a build that passed them.
pub fn settings() -> &'static SiteSettings {
    static SETTINGS: OnceLock<SiteSettings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        toml::from_str::<LeptosToml>(LEPTOS_TOML)
            .map(|file| file.site)
            .unwrap_or_else(|_| SiteSettings {
                output_name: "licensure".into(),
                site_root: "target/site".into(),
                site_pkg_dir: "pkg".into(),
            })
    })
}

/// Leptos's options for this server, from the embedded settings and the configuration.
pub fn leptos_options(config: &super::config::Config) -> LeptosOptions {
    let site = settings();
    LeptosOptions::builder()
        .output_name(site.output_name.as_str())
        .site_root(config.http.site_root.to_string_lossy().as_ref())
        .site_pkg_dir(site.site_pkg_dir.as_str())
        .site_addr(config.http.addr)
        .env(if cfg!(debug_assertions) {
            Env::DEV
        } else {
            Env::PROD
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leptos_toml_parses() {
        assert!(toml::from_str::<LeptosToml>(LEPTOS_TOML).is_ok());
    }

    #[test]
    fn leptos_toml_agrees_with_cargo_leptos_settings() -> Result<(), toml::de::Error> {
        let cargo: toml::Value = toml::from_str(include_str!("../../Cargo.toml"))?;
        let meta = &cargo["package"]["metadata"]["leptos"];
        let site = settings();
        assert_eq!(
            meta["output-name"].as_str(),
            Some(site.output_name.as_str())
        );
        assert_eq!(meta["site-root"].as_str(), Some(site.site_root.as_str()));
        assert_eq!(
            meta["site-pkg-dir"].as_str(),
            Some(site.site_pkg_dir.as_str())
        );
        Ok(())
    }
}
