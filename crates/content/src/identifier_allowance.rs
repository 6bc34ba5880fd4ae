//! A page's allowance for personal identifiers in its text: the front-matter key
//! `identifiers: {allow: [phone], reason: "…"}`, for a page that must publish a work
//! contact. National identity numbers cannot be allowed: there is no such kind to name.

use serde::Deserialize;

/// What a page may publish that the identifier scan would otherwise stop.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentifierAllowance {
    /// The kinds allowed on the page.
    pub allow: Vec<AllowedIdentifier>,
    /// Why, for the suppression report: whose contact it is and that it may be published.
    pub reason: String,
}

/// A kind of personal identifier a page may be allowed to publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AllowedIdentifier {
    /// Phone numbers.
    Phone,
    /// E-mail addresses.
    Email,
}

impl AllowedIdentifier {
    /// The key as written in front matter.
    pub fn key(self) -> &'static str {
        match self {
            AllowedIdentifier::Phone => "phone",
            AllowedIdentifier::Email => "email",
        }
    }
}
