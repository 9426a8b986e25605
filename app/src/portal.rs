//! The two portals, told apart by their URL prefix.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Portal {
    /// Customer Service Management: business customers, contacts of a company account.
    Csm,
    /// Consumer Service Portal: individuals who buy for themselves.
    Csp,
}

impl Portal {
    pub const ALL: [Portal; 2] = [Portal::Csm, Portal::Csp];

    pub fn prefix(self) -> &'static str {
        match self {
            Portal::Csm => "/csm",
            Portal::Csp => "/csp",
        }
    }

    /// The portal's name, in the page's language.
    pub fn name(self) -> String {
        crate::i18n::t(self.name_key())
    }

    /// The key of the portal's name (for emails, which are written in the recipient's
    /// language rather than the page's).
    pub fn name_key(self) -> &'static str {
        match self {
            Portal::Csm => "portal-csm-name",
            Portal::Csp => "portal-csp-name",
        }
    }

    /// What the portal is for, as search engines show it.
    pub fn description(self) -> String {
        crate::i18n::t(match self {
            Portal::Csm => "portal-csm-description",
            Portal::Csp => "portal-csp-description",
        })
    }

    /// The audience, as the chooser on `/` names it.
    pub fn audience(self) -> String {
        crate::i18n::t(match self {
            Portal::Csm => "portal-csm-audience",
            Portal::Csp => "portal-csp-audience",
        })
    }

    /// The prefix as a path segment, without the slash.
    pub fn segment(self) -> &'static str {
        &self.prefix()[1..]
    }

    /// A path inside this portal: `Portal::Csp.path("/register")` is `/csp/register`.
    pub fn path(self, rest: &str) -> String {
        format!("{}{}", self.prefix(), rest)
    }

    /// The CSS class that selects the portal's theme (style/portals.css).
    pub fn theme(self) -> &'static str {
        match self {
            Portal::Csm => "portal-csm",
            Portal::Csp => "portal-csp",
        }
    }

    /// The other portal, for the "wrong place?" links.
    pub fn other(self) -> Portal {
        match self {
            Portal::Csm => Portal::Csp,
            Portal::Csp => Portal::Csm,
        }
    }

    /// The portal a URL path belongs to, if any.
    pub fn of_path(path: &str) -> Option<Portal> {
        Portal::ALL.into_iter().find(|portal| {
            path == portal.prefix() || path.starts_with(&format!("{}/", portal.prefix()))
        })
    }
}

/// A value for a query string: `+`, `&` and anything unusual percent-encoded.
pub fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'@' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_belongs_to_the_portal_of_its_prefix_only() {
        assert_eq!(Portal::of_path("/csp"), Some(Portal::Csp));
        assert_eq!(Portal::of_path("/csp/register"), Some(Portal::Csp));
        assert_eq!(Portal::of_path("/csm/log-in"), Some(Portal::Csm));
        assert_eq!(Portal::of_path("/cspx"), None);
        assert_eq!(Portal::of_path("/"), None);
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(query_value("ada+x@example.com"), "ada%2Bx@example.com");
        assert_eq!(query_value("a&b c"), "a%26b%20c");
    }

    #[test]
    fn paths_are_built_under_the_prefix() {
        assert_eq!(Portal::Csp.path("/verify"), "/csp/verify");
        assert_eq!(Portal::Csm.other(), Portal::Csp);
    }
}
