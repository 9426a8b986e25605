//! The documents a person agrees to when registering. A consent record names the
//! document and the version the person saw.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The stored name of the document.
    pub document: &'static str,
    pub title: &'static str,
    pub version: &'static str,
    /// When this version took effect, as the page shows it.
    pub published: &'static str,
    /// The page's path inside a portal.
    pub path: &'static str,
}

pub const PRIVACY_POLICY: Policy = Policy {
    document: "privacy_policy",
    title: "Privacy Policy",
    version: "2026-11-01",
    published: "1 November 2026",
    path: "/privacy",
};

pub const TERMS: Policy = Policy {
    document: "terms",
    title: "Community Terms and Conditions",
    version: "2026-11-01",
    published: "1 November 2026",
    path: "/terms",
};

/// What registering agrees to, in every portal. Publishing a new version of either is a
/// change of its `version` (and `published`): everyone who agreed to an older one is asked
/// to agree to it at their next log-in.
pub const AGREED_AT_REGISTRATION: [Policy; 2] = [PRIVACY_POLICY, TERMS];
