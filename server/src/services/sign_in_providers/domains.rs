//! The email domains a company's provider answers for: lower case, IDNA ASCII, valid host
//! names, none of a public email service (anyone has an address there), and each one
//! company's only.
use app::forms::Message;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entities::{account, identity_provider, identity_provider_domain};

/// The shipped list of public email services, one domain a line (`#` starts a comment).
const PUBLIC_EMAIL_DOMAINS: &str = include_str!("public_email_domains.txt");

/// Whether `domain` (lower case) is a public email service's.
pub fn is_public_email_service(domain: &str) -> bool {
    PUBLIC_EMAIL_DOMAINS
        .lines()
        .map(str::trim)
        .any(|listed| !listed.starts_with('#') && listed == domain)
}

/// The domains as typed (separated by commas, spaces or lines), each in IDNA ASCII and
/// lower case, checked as host names and against the public services.
pub fn parse_domains(typed: &str) -> Result<Vec<String>, Message> {
    let mut ascii = Vec::new();
    for raw in typed.split(|c: char| c == ',' || c.is_whitespace()) {
        let raw = raw.trim().trim_start_matches('@').trim_end_matches('.');
        if raw.is_empty() {
            continue;
        }
        // `ß.example` → `xn--zca.example`: what an address's domain is compared as.
        match url::Host::parse(raw) {
            Ok(url::Host::Domain(domain)) => ascii.push(domain),
            _ => {
                return Err(Message::key_with(
                    "business-domain-invalid",
                    &[("domain", raw.to_owned())],
                ))
            }
        }
    }
    let domains = app::forms::business::email_domains(&ascii.join(" "))?;
    if domains.is_empty() {
        return Err(Message::from("sign-in-providers-form-domains-missing"));
    }
    if let Some(public) = domains.iter().find(|d| is_public_email_service(d)) {
        return Err(Message::key_with(
            "sign-in-providers-domain-public",
            &[("domain", public.clone())],
        ));
    }
    Ok(domains)
}

/// The first of `domains` that another provider than `own` answers for, as a message
/// naming the company that has it.
pub async fn taken_elsewhere<C: ConnectionTrait>(
    db: &C,
    domains: &[String],
    own: Option<i32>,
) -> Result<Option<Message>, DbErr> {
    let mut query = identity_provider_domain::Entity::find()
        .filter(identity_provider_domain::Column::Domain.is_in(domains.iter().cloned()));
    if let Some(own) = own {
        query = query.filter(identity_provider_domain::Column::ProviderId.ne(own));
    }
    let Some(taken) = query.one(db).await? else {
        return Ok(None);
    };
    let company = match identity_provider::Entity::find_by_id(taken.provider_id)
        .one(db)
        .await?
        .and_then(|provider| provider.account_id)
    {
        Some(id) => account::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(Some(Message::key_with(
        "sign-in-providers-domain-taken",
        &[
            ("domain", taken.domain),
            ("company", company.map(|c| c.name).unwrap_or_default()),
        ],
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_lower_case_ascii_and_no_public_service() {
        assert_eq!(
            parse_domains("Acme.Example, @straße.example\nacme.example").unwrap(),
            vec!["acme.example", "xn--strae-oqa.example"]
        );
        assert!(parse_domains("acme.example gmail.com").is_err());
        assert!(parse_domains("not a domain!").is_err());
        assert!(parse_domains("  ").is_err());
        assert!(is_public_email_service("gmx.de"));
        assert!(!is_public_email_service(
            "# domains of public email services"
        ));
    }
}
