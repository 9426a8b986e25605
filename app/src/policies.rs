//! The documents a person agrees to when registering. A consent record names the
//! document and the version the person saw.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The stored name of the document.
    pub document: &'static str,
    /// The message of its title (see [`Policy::title`]).
    pub title_key: &'static str,
    pub version: &'static str,
    /// The message of when this version took effect, as the page shows it (see
    /// [`Policy::published`]).
    pub published_key: &'static str,
    /// The page's path inside a portal.
    pub path: &'static str,
}

pub const PRIVACY_POLICY: Policy = Policy {
    document: "privacy_policy",
    title_key: "policy-privacy-title",
    version: "2026-11-01",
    published_key: "policy-privacy-published",
    path: "/privacy",
};

pub const TERMS: Policy = Policy {
    document: "terms",
    title_key: "policy-terms-title",
    version: "2026-11-01",
    published_key: "policy-terms-published",
    path: "/terms",
};

impl Policy {
    /// The document's title, in the current language.
    pub fn title(&self) -> String {
        crate::i18n::t(self.title_key)
    }

    /// When this version took effect, in the current language.
    pub fn published(&self) -> String {
        crate::i18n::t(self.published_key)
    }
}

/// What registering agrees to, in every portal. Publishing a new version of either is a
/// change of its `version` (and of its `published_key` message in every language):
/// everyone who agreed to an older one is asked to agree to it at their next log-in.
pub const AGREED_AT_REGISTRATION: [Policy; 2] = [PRIVACY_POLICY, TERMS];
