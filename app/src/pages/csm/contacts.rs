//! `/csm/contacts`: a customer administrator's list of their company's contacts, with
//! Disable login / Enable login and the customer administrator role, and the company's
//! rule that its contacts need a second factor to log in.
use leptos::prelude::*;

use crate::api::{
    change_contact, change_invitation, company_contacts, invite_contact, set_company_two_factor,
    ActionOutcome, ContactStatus, ContactView,
};
use crate::components::confirm_step::{awaiting_confirmation, ConfirmStep};
use crate::components::fields::CheckboxField;
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::invitations::Invitations;
use crate::components::layout::PortalLayout;
use crate::components::notice::{ConfirmHint, FormSection};
use crate::forms::business::{ContactChange, ContactChangeForm};
use crate::forms::Field;
use crate::i18n::{t, t_with};
use crate::portal::Portal;
use crate::submission::posted_submission_of;

#[component]
pub fn ContactsPage() -> impl IntoView {
    let posted = posted_submission_of(Some("contact"), change_contact);
    let two_factor = posted_submission_of(Some("two-factor"), set_company_two_factor);
    let invited = posted_submission_of(Some("invite"), invite_contact);
    let invitation = posted_submission_of(Some("invitation"), change_invitation);
    let contacts = guarded_resource(move || async move {
        posted.await;
        two_factor.await;
        invited.await;
        invitation.await;
        company_contacts().await
    });
    view! {
        <PortalLayout portal=Portal::Csm title=t("csm-contacts-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let asked = awaiting_confirmation(&posted);
                    let outcome = posted.map(|s| s.outcome);
                    let invitation = invitation.await;
                    let asked_invitation = awaiting_confirmation(&invitation);
                    let two_factor = two_factor.await.map(|s| s.outcome);
                    let invited = invited.await;
                    let typed = invited
                        .as_ref()
                        .filter(|s| !matches!(s.outcome, Ok(ActionOutcome::Done { .. })))
                        .map(|s| s.form.clone());
                    let invited = invited.map(|s| s.outcome);
                    let changed = invitation.map(|s| s.outcome);
                    let contacts = contacts.await;
                    // Each form's notice is drawn by its own `FormSection`, right after it
                    // provides its errors: a page-wide notice drawn from context could read
                    // the other form's, when the server renders the suspended part twice.
                    guarded(contacts, move |data| view! {
                        <FormSection outcome>
                            <h1>{t("csm-contacts-title")}</h1>
                            <p class="lead">{t_with("csm-contacts-lead", &[("company", data.company.clone())])}</p>
                            <ConfirmHint here=Portal::Csm.path("/contacts") />
                            <ContactsTable contacts=data.contacts action=Portal::Csm.path("/contacts") asked=asked.clone() />
                        </FormSection>
                        <Invitations
                            invitations=data.invitations
                            action=Portal::Csm.path("/contacts")
                            invited=invited.clone()
                            typed=typed.clone()
                            changed=changed.clone()
                            asked=asked_invitation.clone()
                        />
                        <TwoFactorRule required=data.require_two_factor posted=two_factor.clone() />
                    }.into_any())
                })}
            </Suspense>
        </PortalLayout>
    }
}

/// "Require two-factor for this company's contacts": those without a second factor set
/// one up at their next log-in, before they reach any other page.
#[component]
fn TwoFactorRule(
    required: bool,
    posted: Option<Result<ActionOutcome, ServerFnError>>,
) -> impl IntoView {
    view! {
        <h2 id="two-factor">{t("csm-two-factor-title")}</h2>
        <FormSection outcome=posted>
            <form class="form" method="post" action=Portal::Csm.path("/contacts")>
                <input type="hidden" name="intent" value="two-factor" />
                <CheckboxField field=Field::RequireTwoFactor checked=required>
                    {t("csm-two-factor-require")}
                </CheckboxField>
                <p class="field__hint">
                    {t("csm-two-factor-hint")}
                </p>
                <ConfirmHint here=Portal::Csm.path("/contacts") />
                <button class="button button--secondary" type="submit">{t("csm-two-factor-save")}</button>
            </form>
        </FormSection>
    }
}

/// The second look at disabling a contact's login or removing their role, naming them
/// by address (none when they are not in the list: nothing was done either way).
fn confirm_change(
    form: ContactChangeForm,
    contacts: &[ContactView],
    action: &str,
) -> Option<impl IntoView> {
    let contact = contacts
        .iter()
        .find(|c| c.id.to_string() == form.contact.trim())?;
    let (question, confirm) = match form.change.as_str() {
        "disable" => (
            "csm-contacts-disable-question",
            "csm-contacts-disable-confirm",
        ),
        "remove_admin" => (
            "csm-contacts-remove-admin-question",
            "csm-contacts-remove-admin-confirm",
        ),
        _ => return None,
    };
    let named = [
        ("name", contact.name.clone()),
        ("email", contact.email.clone()),
    ];
    Some(view! {
        <ConfirmStep
            question=t_with(question, &named)
            confirm=t_with(confirm, &named)
            action=action.to_owned()
            fields=vec![
                ("intent", "contact".to_owned()),
                ("form[contact]", contact.id.to_string()),
                ("form[change]", form.change.clone()),
            ]
        />
    })
}

/// A table of contacts with their buttons; each button posts to `action` (with the
/// `contact` intent, for pages that have other forms too). `asked` is a change waiting
/// for its second look, shown above the table.
#[component]
pub fn ContactsTable(
    contacts: Vec<ContactView>,
    action: String,
    asked: Option<ContactChangeForm>,
) -> impl IntoView {
    if contacts.is_empty() {
        return view! { <p>{t("csm-contacts-empty")}</p> }.into_any();
    }
    let step = asked.and_then(|form| confirm_change(form, &contacts, &action));
    view! {
        {step}
        <table class="table table--wide">
            <thead>
                <tr>
                    <th scope="col">{t("csm-contacts-name")}</th>
                    <th scope="col">{t("csm-contacts-email")}</th>
                    <th scope="col">{t("csm-contacts-status")}</th>
                    <th scope="col">{t("csm-contacts-last-log-in")}</th>
                    <th scope="col">{t("csm-contacts-change")}</th>
                </tr>
            </thead>
            <tbody>
                {contacts
                    .into_iter()
                    .map(|contact| {
                        let changes = changes_for(&contact);
                        let action = action.clone();
                        view! {
                            <tr>
                                <td>
                                    {contact.name.clone()}
                                    {contact.is_you.then(|| format!(" {}", t("csm-contacts-you")))}
                                </td>
                                <td>{contact.email.clone()}</td>
                                <td>
                                    {t(match contact.status {
                                        ContactStatus::Active => "csm-contacts-active",
                                        ContactStatus::LoginDisabled => "csm-contacts-login-disabled",
                                    })}
                                    {contact.customer_admin.then(|| format!(" · {}", t("csm-contacts-customer-admin")))}
                                </td>
                                <td>{contact.last_log_in.clone().unwrap_or_else(|| t("csm-contacts-never"))}</td>
                                <td>
                                    <form class="inline-actions" method="post" action=action>
                                        <input type="hidden" name="intent" value="contact" />
                                        <input type="hidden" name="form[contact]" value=contact.id.to_string() />
                                        {changes
                                            .into_iter()
                                            .map(|change| {
                                                let label = change.label();
                                                let aria_label = format!("{label}: {}", contact.name);
                                                view! {
                                                    <button
                                                        class="button button--small button--secondary"
                                                        type="submit"
                                                        name="form[change]"
                                                        value=change.form_value()
                                                        aria-label=aria_label
                                                    >
                                                        {label}
                                                    </button>
                                                }
                                            })
                                            .collect_view()}
                                    </form>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn changes_for(contact: &ContactView) -> Vec<ContactChange> {
    let mut changes = Vec::new();
    if !contact.is_you {
        changes.push(match contact.status {
            ContactStatus::Active => ContactChange::DisableLogin,
            ContactStatus::LoginDisabled => ContactChange::EnableLogin,
        });
    }
    changes.push(if contact.customer_admin {
        ContactChange::RemoveCustomerAdmin
    } else {
        ContactChange::MakeCustomerAdmin
    });
    changes
}
