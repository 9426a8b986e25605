//! "Invite a contact" and the company's pending invitations (Resend, Revoke), on
//! `/csm/contacts` for a customer administrator and on a company's page in `/admin`.
//! The forms post the plain way (`data-reload`): their answer adds and removes rows.
use leptos::prelude::*;

use crate::api::{ActionOutcome, InvitationView};
use crate::components::confirm_step::ConfirmStep;
use crate::components::fields::TextField;
use crate::components::notice::FormSection;
use crate::forms::invitations::{InvitationChange, InvitationChangeForm, InvitationForm};
use crate::forms::Field;
use crate::i18n::{t, t_with};

/// The invitation form, then the pending invitations. `account` is the company's id on
/// an administrator's page (a customer administrator's is their own); `asked` is a
/// Revoke waiting for its second look.
#[component]
pub fn Invitations(
    invitations: Vec<InvitationView>,
    action: String,
    #[prop(optional)] account: Option<i32>,
    invited: Option<Result<ActionOutcome, ServerFnError>>,
    typed: Option<InvitationForm>,
    changed: Option<Result<ActionOutcome, ServerFnError>>,
    asked: Option<InvitationChangeForm>,
) -> impl IntoView {
    let step = asked.and_then(|form| confirm_revoking(form, &invitations, &action));
    let form = typed.unwrap_or_default();
    let admin_role = form.role == "customer_admin";
    let pending_action = action.clone();
    view! {
        <h2 id="invite">{t("invitations-title")}</h2>
        <FormSection outcome=invited>
            <form class="form" method="post" data-reload="" action=action.clone() novalidate>
                <input type="hidden" name="intent" value="invite" />
                {account.map(|a| view! { <input type="hidden" name="form[account]" value=a.to_string() /> })}
                <TextField field=Field::FirstName label=t("invitations-first-name") autocomplete="off" value=form.first_name.clone() />
                <TextField field=Field::LastName label=t("invitations-last-name") autocomplete="off" value=form.last_name.clone() />
                <TextField field=Field::Email label=t("invitations-email") input_type="email" autocomplete="off" value=form.email.clone() />
                <fieldset class="field">
                    <legend class="field__label">{t("invitations-role")}</legend>
                    <div class="checkbox">
                        <input class="checkbox__input" type="radio" id="role-member" name="form[role]" value="member" checked=!admin_role />
                        <label class="checkbox__label" for="role-member">{t("invitations-role-contact")}</label>
                    </div>
                    <div class="checkbox">
                        <input class="checkbox__input" type="radio" id="role-customer-admin" name="form[role]" value="customer_admin" checked=admin_role />
                        <label class="checkbox__label" for="role-customer-admin">{t("invitations-role-customer-admin")}</label>
                    </div>
                </fieldset>
                <button class="button" type="submit">{t("invitations-send")}</button>
            </form>
        </FormSection>
        <h2 id="invitations">{t("invitations-pending-title")}</h2>
        <FormSection outcome=changed>
            {step}
            <PendingInvitations invitations action=pending_action />
        </FormSection>
    }
}

/// The second look at revoking an invitation, naming it by address (none when it is not
/// listed: nothing was done either way).
fn confirm_revoking(
    form: InvitationChangeForm,
    invitations: &[InvitationView],
    action: &str,
) -> Option<impl IntoView> {
    let invitation = invitations
        .iter()
        .find(|i| i.id.to_string() == form.invitation.trim())?;
    let named = [
        ("name", invitation.name.clone()),
        ("email", invitation.email.clone()),
    ];
    Some(view! {
        <ConfirmStep
            question=t_with("invitations-revoke-question", &named)
            confirm=t_with("invitations-revoke-confirm", &named)
            action=action.to_owned()
            fields=vec![
                ("intent", "invitation".to_owned()),
                ("form[invitation]", invitation.id.to_string()),
                ("form[change]", InvitationChange::Revoke.form_value().to_owned()),
            ]
        />
    })
}

#[component]
fn PendingInvitations(invitations: Vec<InvitationView>, action: String) -> impl IntoView {
    if invitations.is_empty() {
        return view! { <p>{t("invitations-empty")}</p> }.into_any();
    }
    view! {
        <table class="table table--wide">
            <thead>
                <tr>
                    <th scope="col">{t("invitations-name")}</th>
                    <th scope="col">{t("invitations-email-column")}</th>
                    <th scope="col">{t("invitations-role-column")}</th>
                    <th scope="col">{t("invitations-sent")}</th>
                    <th scope="col">{t("invitations-link")}</th>
                    <th scope="col">{t("invitations-change")}</th>
                </tr>
            </thead>
            <tbody>
                {invitations
                    .into_iter()
                    .map(|invitation| {
                        let action = action.clone();
                        view! {
                            <tr>
                                <td>{invitation.name.clone()}</td>
                                <td>{invitation.email.clone()}</td>
                                <td>{t(if invitation.customer_admin { "invitations-customer-admin" } else { "invitations-contact" })}</td>
                                <td>{invitation.sent.clone()}</td>
                                <td>
                                    {if invitation.expired {
                                        t("invitations-expired")
                                    } else {
                                        t_with("invitations-works-until", &[("date", invitation.expires.clone())])
                                    }}
                                </td>
                                <td>
                                    <form class="inline-actions" method="post" data-reload="" action=action>
                                        <input type="hidden" name="intent" value="invitation" />
                                        <input type="hidden" name="form[invitation]" value=invitation.id.to_string() />
                                        {InvitationChange::ALL
                                            .into_iter()
                                            .map(|change| {
                                                let label = change.label();
                                                let aria_label = format!("{label}: {}", invitation.email);
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
