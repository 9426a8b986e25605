//! The business portal's management forms: a customer administrator's decision on a
//! registration request and changes to a contact, and the administrators' company
//! account form and their settling of requests without a company.
use serde::{Deserialize, Serialize};

use super::{is_ticked, Field, FieldErrors, Message, Redact};
use crate::i18n::t;

/// The message of a form whose hidden fields make no sense: the page was tampered with
/// or is out of date.
pub const OUT_OF_DATE: &str = "business-page-out-of-date";

pub const COMPANY_NAME_MAX_CHARS: usize = 200;
pub const REASON_MAX_CHARS: usize = 500;
pub const MAX_DOMAINS: usize = 20;

/// Approve or Reject on `/csm/approvals`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub request: String,
    /// The button pressed: `approve`, `reject` or `reopen` (a rejected request).
    pub decision: String,
    pub reason: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject {
        reason: Option<String>,
    },
    /// Takes a rejection back: the request waits for a decision again.
    Reopen,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidDecision {
    pub request: i32,
    pub decision: Decision,
}

impl DecisionForm {
    pub fn validate(&self) -> Result<ValidDecision, FieldErrors> {
        let request = id(&self.request)?;
        let decision = match self.decision.as_str() {
            "approve" => Decision::Approve,
            "reopen" => Decision::Reopen,
            "reject" => Decision::Reject {
                reason: reason(&self.reason).map_err(|m| FieldErrors::one(Field::Reason, m))?,
            },
            _ => {
                return Err(FieldErrors::one(
                    Field::Form,
                    "business-choose-approve-or-reject",
                ))
            }
        };
        Ok(ValidDecision { request, decision })
    }
}

/// The buttons beside a contact on `/csm/contacts` (and on an account's page in `/admin`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactChangeForm {
    pub contact: String,
    /// `disable`, `enable`, `make_admin` or `remove_admin`.
    pub change: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactChange {
    DisableLogin,
    EnableLogin,
    MakeCustomerAdmin,
    RemoveCustomerAdmin,
}

impl ContactChange {
    pub fn form_value(self) -> &'static str {
        match self {
            ContactChange::DisableLogin => "disable",
            ContactChange::EnableLogin => "enable",
            ContactChange::MakeCustomerAdmin => "make_admin",
            ContactChange::RemoveCustomerAdmin => "remove_admin",
        }
    }

    /// The button's text, in the current language.
    pub fn label(self) -> String {
        t(match self {
            ContactChange::DisableLogin => "business-contact-disable-login",
            ContactChange::EnableLogin => "business-contact-enable-login",
            ContactChange::MakeCustomerAdmin => "business-contact-make-admin",
            ContactChange::RemoveCustomerAdmin => "business-contact-remove-admin",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidContactChange {
    pub contact: i32,
    pub change: ContactChange,
}

impl ContactChangeForm {
    pub fn validate(&self) -> Result<ValidContactChange, FieldErrors> {
        let contact = id(&self.contact)?;
        let change = [
            ContactChange::DisableLogin,
            ContactChange::EnableLogin,
            ContactChange::MakeCustomerAdmin,
            ContactChange::RemoveCustomerAdmin,
        ]
        .into_iter()
        .find(|c| c.form_value() == self.change)
        .ok_or_else(|| FieldErrors::one(Field::Form, "business-choose-change"))?;
        Ok(ValidContactChange { contact, change })
    }
}

/// A company account, as an administrator creates or edits it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountForm {
    /// Empty when creating.
    pub account: String,
    pub name: String,
    /// Separated by commas, spaces or lines.
    pub email_domains: String,
    pub auto_approve: String,
    /// "Require two-factor for this company's contacts".
    pub require_two_factor: String,
}

pub const ACCOUNT_FIELDS: [Field; 3] =
    [Field::CompanyName, Field::EmailDomains, Field::AutoApprove];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidAccount {
    pub account: Option<i32>,
    pub name: String,
    pub domains: Vec<String>,
    pub auto_approve: bool,
    pub require_two_factor: bool,
}

impl AccountForm {
    pub fn validate(&self) -> Result<ValidAccount, FieldErrors> {
        let account = if self.account.trim().is_empty() {
            None
        } else {
            Some(id(&self.account)?)
        };
        let mut errors = FieldErrors::new();
        let name = errors.check(Field::CompanyName, company_name(&self.name));
        let domains = errors.check(Field::EmailDomains, email_domains(&self.email_domains));
        let auto_approve = is_ticked(&self.auto_approve);
        if auto_approve && domains.as_ref().is_some_and(Vec::is_empty) {
            errors.add(Field::AutoApprove, "business-auto-approve-needs-domain");
        }
        match (name, domains) {
            (Some(name), Some(domains)) if errors.is_empty() => Ok(ValidAccount {
                account,
                name,
                domains,
                auto_approve,
                require_two_factor: is_ticked(&self.require_two_factor),
            }),
            _ => Err(errors.ordered_by(&ACCOUNT_FIELDS)),
        }
    }
}

/// Regenerate on an account's page: only the account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountCodeForm {
    pub account: String,
}

/// An administrator settling a request that came without a company.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PendingForm {
    pub request: String,
    pub account: String,
    /// The button pressed: `assign`, `approve`, `reject` or `reopen` (a rejected request).
    pub decision: String,
    pub reason: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

/// The company an administrator chose for a request: from the list (its id), or typed
/// (its registration code or exact name), where there are too many companies to list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompanyChoice {
    Id(i32),
    Typed(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingDecision {
    /// The request goes to the company's customer administrators.
    Assign {
        account: CompanyChoice,
    },
    /// The contact joins the company now.
    Approve {
        account: CompanyChoice,
    },
    Reject {
        reason: Option<String>,
    },
    /// Takes the staff's rejection back: the request waits for a company again.
    Reopen,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidPendingDecision {
    pub request: i32,
    pub decision: PendingDecision,
}

impl PendingForm {
    pub fn validate(&self) -> Result<ValidPendingDecision, FieldErrors> {
        let request = id(&self.request)?;
        let account = || match self.account.trim() {
            "" => Err(FieldErrors::one(Field::Account, "business-choose-company")),
            typed => Ok(typed
                .parse::<i32>()
                .map(CompanyChoice::Id)
                .unwrap_or_else(|_| CompanyChoice::Typed(typed.chars().take(200).collect()))),
        };
        let decision = match self.decision.as_str() {
            "assign" => PendingDecision::Assign {
                account: account()?,
            },
            "approve" => PendingDecision::Approve {
                account: account()?,
            },
            "reopen" => PendingDecision::Reopen,
            "reject" => PendingDecision::Reject {
                reason: reason(&self.reason).map_err(|m| FieldErrors::one(Field::Reason, m))?,
            },
            _ => {
                return Err(FieldErrors::one(
                    Field::Form,
                    "business-choose-assign-approve-or-reject",
                ))
            }
        };
        Ok(ValidPendingDecision { request, decision })
    }
}

macro_rules! nothing_secret {
    ($($form:ty),*) => {$(
        impl Redact for $form {
            fn redacted(&self) -> Self {
                self.clone()
            }
        }
    )*};
}
nothing_secret!(
    DecisionForm,
    ContactChangeForm,
    AccountForm,
    AccountCodeForm,
    PendingForm
);

/// The id of a row, from a hidden field: a bad one means the page was tampered with or
/// is out of date.
pub(crate) fn id(input: &str) -> Result<i32, FieldErrors> {
    input
        .trim()
        .parse::<i32>()
        .map_err(|_| FieldErrors::one(Field::Form, OUT_OF_DATE))
}

/// An optional reason for a rejection, shown to the person in their email.
pub fn reason(input: &str) -> Result<Option<String>, Message> {
    let trimmed = input.trim();
    if trimmed.chars().count() > REASON_MAX_CHARS {
        return Err(Message::key_with(
            "business-reason-too-long",
            &[("max", REASON_MAX_CHARS.to_string())],
        ));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        return Err("business-reason-control".into());
    }
    Ok((!trimmed.is_empty()).then(|| trimmed.to_owned()))
}

pub fn company_name(input: &str) -> Result<String, Message> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err("business-company-name-missing".into());
    }
    if trimmed.chars().count() > COMPANY_NAME_MAX_CHARS {
        return Err(Message::key_with(
            "business-company-name-too-long",
            &[("max", COMPANY_NAME_MAX_CHARS.to_string())],
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err("business-company-name-control".into());
    }
    Ok(trimmed.to_owned())
}

/// The company's email domains, like `example.com`: lower case, without `@`, each once.
pub fn email_domains(input: &str) -> Result<Vec<String>, Message> {
    let mut domains: Vec<String> = Vec::new();
    for raw in input.split(|c: char| c == ',' || c.is_whitespace()) {
        // Domains are ASCII (anything else is refused below).
        let domain = raw.trim().trim_start_matches('@').to_ascii_lowercase();
        if domain.is_empty() || domains.contains(&domain) {
            continue;
        }
        if !is_domain(&domain) {
            return Err(Message::key_with(
                "business-domain-invalid",
                &[("domain", domain)],
            ));
        }
        domains.push(domain);
    }
    if domains.len() > MAX_DOMAINS {
        return Err(Message::key_with(
            "business-domains-too-many",
            &[("max", MAX_DOMAINS.to_string())],
        ));
    }
    Ok(domains)
}

fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

#[cfg(test)]
mod tests;
