//! The documents a person agrees to when registering. A consent record names the
//! document and the version the person saw.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The stored name of the document.
    pub document: &'static str,
    pub title: &'static str,
    pub version: &'static str,
    /// The page's path inside a portal.
    pub path: &'static str,
}

pub const PRIVACY_POLICY: Policy = Policy {
    document: "privacy_policy",
    title: "Privacy Policy",
    version: "2026-11-01",
    path: "/privacy",
};

pub const TERMS: Policy = Policy {
    document: "terms",
    title: "Community Terms and Conditions",
    version: "2026-11-01",
    path: "/terms",
};

/// What registering agrees to, in every portal.
pub const AGREED_AT_REGISTRATION: [Policy; 2] = [PRIVACY_POLICY, TERMS];
