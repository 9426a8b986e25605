//! The company page's section "Sign-in through the company's provider" in `/admin`:
//! the issuer (and what discovery found), the redirect URI to register at the provider,
//! the client, a write-only secret, the domains, whether it is required; Try sign-in,
//! switch on or off, remove (asked first).
use leptos::prelude::*;

use crate::api::{
    company_sign_in, remove_company_provider, set_company_provider, switch_company_provider,
    Access, ActionOutcome, CompanyProviderView, CompanySignInView,
};
use crate::components::confirm_step::{awaiting_confirmation, ConfirmStep};
use crate::components::fields::{CheckboxField, TextField};
use crate::components::guarded::guarded_resource;
use crate::components::notice::FormSection;
use crate::forms::sign_in_providers::{CompanyProviderForm, ProviderChoiceForm};
use crate::forms::{is_ticked, Field, Redact};
use crate::i18n::{t, t_with};
use crate::submission::{posted_submission_of, Submission};

type Outcome = Option<Result<ActionOutcome, ServerFnError>>;

/// What the section's forms left: the set form's outcome and what was typed, the switch's
/// and the removal's outcomes, and whether the removal waits for its second look.
#[derive(Clone, Default)]
pub struct Posted {
    pub set: Outcome,
    pub typed: Option<CompanyProviderForm>,
    pub switched: Outcome,
    pub removed: Outcome,
    pub asked_removal: bool,
}

type Posting<F> = Resource<Option<Submission<F, ActionOutcome>>>;

/// The section's forms as posted to the company's page, and its data, loaded after them.
#[derive(Clone, Copy)]
pub struct SectionResources {
    set: Posting<CompanyProviderForm>,
    switched: Posting<ProviderChoiceForm>,
    removed: Posting<ProviderChoiceForm>,
    data: Resource<Result<Access<CompanySignInView>, ServerFnError>>,
}

impl SectionResources {
    pub fn new(account: i32) -> Self {
        let set = posted_submission_of(Some("sso"), set_company_provider);
        let switched = posted_submission_of(Some("sso-switch"), switch_company_provider);
        let removed = posted_submission_of(Some("sso-remove"), remove_company_provider);
        let data = guarded_resource(move || async move {
            set.await;
            switched.await;
            removed.await;
            company_sign_in(account).await
        });
        Self {
            set,
            switched,
            removed,
            data,
        }
    }

    /// What the forms left, and the section's data.
    pub async fn load(self) -> (Posted, Result<Access<CompanySignInView>, ServerFnError>) {
        let set = self.set.await;
        let removed = self.removed.await;
        let posted = Posted {
            typed: set
                .as_ref()
                .filter(|s| !matches!(s.outcome, Ok(ActionOutcome::Done { .. })))
                .map(|s| s.form.redacted()),
            set: set.map(|s| s.outcome),
            switched: self.switched.await.map(|s| s.outcome),
            asked_removal: awaiting_confirmation(&removed).is_some(),
            removed: removed.map(|s| s.outcome),
        };
        (posted, self.data.await)
    }
}

/// The section, for an administrator (the page itself is theirs: its data says so).
pub fn section(
    account: i32,
    company: String,
    data: Result<Access<CompanySignInView>, ServerFnError>,
    posted: Posted,
) -> Option<AnyView> {
    match data {
        Ok(Access::Granted(sign_in)) => {
            Some(view! { <CompanySignInSection account company sign_in posted /> }.into_any())
        }
        _ => None,
    }
}

#[component]
pub fn CompanySignInSection(
    account: i32,
    company: String,
    sign_in: CompanySignInView,
    posted: Posted,
) -> impl IntoView {
    let here = format!("/admin/accounts/{account}");
    let provider = sign_in.provider.clone();
    let form = posted.typed.clone().unwrap_or_else(|| match &provider {
        Some(p) => CompanyProviderForm {
            account: account.to_string(),
            issuer: p.issuer.clone(),
            client_id: p.client_id.clone(),
            client_secret: String::new(),
            email_domains: p.domains.join(", "),
            required: if p.required {
                "on".into()
            } else {
                String::new()
            },
        },
        None => CompanyProviderForm {
            account: account.to_string(),
            ..CompanyProviderForm::default()
        },
    });
    view! {
        <section aria-labelledby="sso-title">
            <h2 id="sso-title">{t("admin-sso-title")}</h2>
            <p>{t("admin-sso-lead")}</p>
            <p>
                {t("admin-sso-redirect-uri")}" "
                <code id="sso-redirect-uri">{sign_in.redirect_uri.clone()}</code>
            </p>
            {provider.clone().map(|p| found_view(p, account, &here, &company, &posted))}
            <FormSection outcome=posted.set.clone()>
                <form class="form" method="post" data-reload="" action=here.clone() novalidate>
                    <input type="hidden" name="intent" value="sso" />
                    <input type="hidden" name="form[account]" value=account.to_string() />
                    <TextField field=Field::Issuer label=t("admin-sso-issuer") hint=t("admin-sso-issuer-hint") value=form.issuer />
                    <TextField field=Field::ClientId label=t("admin-sso-client-id") value=form.client_id />
                    <TextField
                        field=Field::ClientSecret
                        label=t("admin-sso-client-secret")
                        input_type="password"
                        hint=t(if provider.is_some() { "admin-sso-client-secret-kept" } else { "admin-sso-client-secret-hint" })
                    />
                    <TextField field=Field::EmailDomains label=t("admin-sso-domains") hint=t("admin-sso-domains-hint") value=form.email_domains />
                    <CheckboxField field=Field::SignInRequired checked=is_ticked(&form.required)>
                        {t("admin-sso-required")}
                    </CheckboxField>
                    <button class="button" type="submit">{t("admin-sso-save")}</button>
                </form>
            </FormSection>
        </section>
    }
}

/// The provider as it is: what discovery found, its state, Try sign-in, the switch and
/// the removal.
fn found_view(
    provider: CompanyProviderView,
    account: i32,
    here: &str,
    company: &str,
    posted: &Posted,
) -> impl IntoView {
    let state = t(if provider.enabled {
        "admin-sso-state-on"
    } else {
        "admin-sso-state-off"
    });
    let (switch_to, switch_label) = if provider.enabled {
        ("off", t("admin-sso-switch-off"))
    } else {
        ("on", t("admin-sso-switch-on"))
    };
    let remove_fields = vec![
        ("intent", "sso-remove".to_owned()),
        ("form[provider]", account.to_string()),
    ];
    let here = here.to_owned();
    let (switch_action, remove_action) = (here.clone(), here.clone());
    let step = posted.asked_removal.then(|| {
        view! {
            <ConfirmStep
                question=t_with("admin-sso-remove-question", &[("company", company.to_owned())])
                confirm=t("admin-sso-remove")
                action=here.clone()
                fields=remove_fields
            />
        }
    });
    view! {
        <p><strong>{state}</strong>" "{t_with("admin-sso-domains-now", &[("domains", provider.domains.join(", "))])}</p>
        <p>{t("admin-sso-backchannel-uri")}" "<code>{provider.backchannel_logout_uri.clone()}</code></p>
        <h3>{t("admin-sso-found-title")}</h3>
        <dl class="details" id="sso-found">
            {provider.found.into_iter().map(|(name, value)| view! {
                <dt><code>{name}</code></dt>
                <dd>{value}</dd>
            }).collect_view()}
        </dl>
        <p><a class="button button--secondary" href=format!("/sso/try/{}", provider.id)>{t("admin-sso-try")}</a></p>
        <FormSection outcome=posted.switched.clone()>
            <form method="post" data-reload="" action=switch_action>
                <input type="hidden" name="intent" value="sso-switch" />
                <input type="hidden" name="form[provider]" value=account.to_string() />
                <input type="hidden" name="form[enabled]" value=switch_to />
                <button class="button button--secondary" type="submit">{switch_label}</button>
            </form>
        </FormSection>
        <FormSection outcome=posted.removed.clone()>
            {step}
            <form method="post" data-reload="" action=remove_action>
                <input type="hidden" name="intent" value="sso-remove" />
                <input type="hidden" name="form[provider]" value=account.to_string() />
                <button class="button button--secondary" type="submit">{t("admin-sso-remove")}</button>
            </form>
        </FormSection>
    }
}
