# Portico in English: the language every other file is checked against.
# One message per key; `{ $name }` is an argument the code fills in. The numbers of the
# forms' rules are arguments of every message: { $name-max }, { $email-max },
# { $password-min }, { $password-max }.

## The language itself

# The language's own name, as the switcher offers it.
language-name = English
number-group-separator = ,
# chrono's strftime pattern and locale (pure-rust-locales' name) for a moment.
date-time-format = %-d %b %Y, %H:%M UTC
chrono-locale = en_US

## The portals

portal-csm-name = Customer Service Management portal
portal-csp-name = Consumer Service Portal
portal-csm-description = The Customer Service Management portal for business customers: request access with your company's registration code, and manage your company's contacts and approvals.
portal-csp-description = The Consumer Service Portal: register in a minute, verify your email address, and manage your own consumer profile.
portal-csm-audience = I buy for my business
portal-csp-audience = I buy for myself

## Every portal's frame

layout-skip-to-main = Skip to main content
layout-account-nav = Account
layout-language = Language
layout-looking-for = Looking for the { $portal }?
layout-go-to = Go to that portal
layout-privacy-policy = Privacy Policy
layout-terms = Terms and Conditions
layout-log-in = Log in
layout-register = Register
layout-approvals = Approvals
layout-contacts = Contacts
layout-administration = Administration
layout-your-profile = Your profile
layout-security = Security
layout-log-out = Log out
layout-menu = Menu
language-unknown = This language is not offered. Choose one of the languages on the page.

## The forms' rules (the same in the browser and on the server)

check-email-missing = Enter your email address
check-email-too-long = Email address must be { $email-max } characters or fewer
check-email-format = Enter an email address in the correct format, like name@example.com
check-first_name-missing = Enter your first name
check-first_name-too-long = First name must be { $name-max } characters or fewer
check-first_name-control = First name must not contain control characters
check-last_name-missing = Enter your last name
check-last_name-too-long = Last name must be { $name-max } characters or fewer
check-last_name-control = Last name must not contain control characters
check-password-missing = Enter a password
check-password-too-short = Password must be at least { $password-min } characters
check-password-too-long = Password must be { $password-max } characters or fewer
check-confirm_password-missing = Confirm your password
check-confirm_password-mismatch = The passwords do not match
check-password-log-in-missing = Enter your password
check-password-log-in-incorrect = Email address or password is incorrect
check-current_password-missing = Enter your current password
check-current_password-confirm = Enter your password
check-code-app = Enter the 6-digit code your authenticator app shows
check-code-second-factor = Enter the 6-digit code from your authenticator app, or one of your recovery codes
check-consent-missing = Agree to the Privacy Policy and the Terms and Conditions
check-security_code-unticked = Tick Security Code and complete the check
check-security_code-not-loaded = The security check did not load. Reload the page and try again
check-security_code-incomplete = Complete the security check
check-security_code-wrong-answer = The answer to the security question is not right

## Errors, as every form shows them

errors-summary-title = There is a problem
errors-error-prefix = Error:
errors-go-to-csm = Log in to the { portal-csm-name } with this address
errors-go-to-csp = Log in to the { portal-csp-name } with this address
errors-go-to-administration = Log in to the administration
errors-send-new-link = Send a new verification link
errors-log-in = Log in
errors-or = or
errors-reset-password = reset your password
errors-log-in-to-csm = Log in to the { portal-csm-name }
errors-log-in-to-csp = Log in to the { portal-csp-name }

## What the browser says while it works

island-sending = Sending…
island-unreachable = The server could not be reached. Check your connection and try again.
island-unreadable = The form could not be read. Reload the page and try again.
island-captcha-checking = Checking…
island-captcha-done = Done
island-captcha-failed = The check failed. Reload the page and try again.

## The Security Code

captcha-label = Security Code
captcha-question = What is { $a } plus { $b }?
captcha-hint = Tick the box to show that you are not a robot.
captcha-answer-hint = Type the answer in digits, for example 7.
# The numbers 0 to 20 as words, lower case, separated by spaces: an answer may be typed so.
captcha-number-words = zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty
island-link-gone = This link no longer works. Reload the page to see why.
password-common = This is one of the most common passwords, which attackers try first. Choose another.
# What the strength estimate found in a new password (server/src/password_rules.rs).
password-weak = This password is easy to guess. Add another word or two: a few words you will remember make a strong password.
password-weak-like-common = This is a common password with a few changes, which attackers try early. Choose a few words you will remember instead.
password-weak-personal = Your name and email address are easy to guess. Choose a password that does not contain them.
password-weak-keyboard = Rows and patterns of keys on a keyboard, like qwerty, are easy to guess. Choose a few words you will remember instead.
password-weak-repeats = Repeated characters and words, like aaa or abcabc, are easy to guess. Add another word or two.
password-weak-sequence = Sequences, like abc or 6543, are easy to guess. Add another word or two.
password-weak-date = Years and dates are easy to guess, most of all ones that mean something to you. Add another word or two instead.
password-weak-word = A single word is easy to guess. Add another word or two.
password-weak-names = Names are easy to guess. Add another word or two that are not names.
password-weak-capitals = Capital letters make a password only slightly harder to guess. Add another word or two.
password-weak-reversed = A word spelt backwards is hardly harder to guess. Add another word or two.
password-weak-substitutions = Predictable substitutions, like @ for a, make a password only slightly harder to guess. Add another word or two.

# The account pages (app/src/pages/account/) and the passkeys script's messages.

## Register (/register and /register/sent)

register-title = Register
register-heading = Register for the { $portal }
register-lead-csp = Create your consumer profile. Already registered?{" "}
register-lead-csm = Request access for your company's account. Already registered?{" "}
register-lead-log-in = Log in
register-lead-after = .
# Followed by a link named after the other portal.
register-other-portal-csp = Registering for your company? Use the{" "}
register-other-portal-csm = Buying for yourself? Use the{" "}
register-other-portal-after = {" "}instead.
register-first-name = First name
register-last-name = Last name
register-email = Email
register-business-email = Business email
register-registration-code = Registration code (optional)
register-registration-code-hint = Your company's customer administrator can give you this code
register-password = Password
register-password-hint = At least { $password-min } characters. A few words you will remember make a strong password.
register-confirm-password = Confirm password
# The consent box: before, a link to the privacy policy, between, a link to the terms, after.
register-consent-before = I agree to the{" "}
register-consent-privacy-policy = Privacy Policy
register-consent-between = {" "}and the{" "}
register-consent-terms = Terms and Conditions
register-consent-after = {""}
register-submit = Sign Up
register-sent-title = Check your email
register-sent-lead = We sent you a verification link.
# Around the email address, shown in bold.
register-sent-lead-to-before = We sent a verification link to{" "}
register-sent-lead-to-after = .
register-sent-open-link = Open the link in that email to verify your address. The link expires in 24 hours.
register-sent-then-csp = Then you can log in.
register-sent-then-csm = Then your request is reviewed, and we email you the decision.
register-sent-then-company = Then your company's customer administrators review your request, and we email you their decision.
register-sent-then-staff = You gave no registration code, so our staff first find your company's account for your request; then it is decided, and we email you the decision.
register-sent-no-email = If the email does not arrive
register-sent-wait = It can take a few minutes. Check your spam or junk folder.
register-sent-check-address = Check the address above. If it is wrong, register again with the right one.
register-sent-still-nothing = Still nothing, or the link has expired?{" "}
register-sent-new-link = Send a new link
register-sent-still-nothing-after = .

## Log in (/log-in)

log-in-title = Log in
log-in-heading = Log in to the { $portal }
log-in-email = Email
log-in-password = Password
log-in-submit = Log in
log-in-passkey = Log in with a passkey
log-in-forgot-password = Forgot your password?
# Followed by a link to register.
log-in-new-here = New here?{" "}
log-in-register = Register
log-in-new-here-after = .
# Shown on the log-in page an app sent the person to; followed by a link to the other portal's log-in.
log-in-other-portal-for-app = Signing in to this app for your company? Log in at the{" "}
log-in-other-portal-for-app-after = {" "}instead.

## Signing in to an app with Portico (/oidc/authorize, /oidc/consent)

oidc-error-title = This sign-in cannot go on
oidc-error-malformed = The app sent a request Portico cannot read.
oidc-error-unknown-app = The app that sent you here is not registered with Portico.
oidc-error-redirect-uri = The app asked to send you to an address it has not registered with Portico. For your safety, you were not sent there.
oidc-error-expired = This sign-in has expired or was already finished.
oidc-error-what-now = Go back to the app and sign in again. If it keeps happening, tell the app's operator.
oidc-continue-title = Back to the app
oidc-continue-link = Continue to the app
oidc-consent-title = Sign in to { $app }
oidc-consent-receives = { $app } would like to receive:
oidc-consent-receives-identity = who you are (an identifier only for this app)
oidc-consent-receives-email = your email address
oidc-consent-receives-profile = your name and language
oidc-consent-receives-portico = your portal, and for business customers your company and role
oidc-consent-receives-offline = to keep you signed in when you are away
oidc-consent-allow = Allow
oidc-consent-cancel = Cancel

## The second step of logging in (/log-in/second-factor)

second-factor-title = Check it's you
second-factor-expired-title = Log in again
second-factor-expired-lead = Your log-in has expired, or it was finished in another tab.
second-factor-log-in = Log in
second-factor-hint-app-or-code = The 6-digit code your authenticator app shows for Portico, or one of your recovery codes.
second-factor-hint-app = The 6-digit code your authenticator app shows for Portico.
second-factor-hint-code = One of the recovery codes you saved when you added your passkey.
second-factor-lead = Your password was right. Your account has a second factor: give it to finish logging in.
second-factor-passkey = Use a passkey
second-factor-passkey-needs-javascript = Passkeys need JavaScript. Use a code instead.
second-factor-code = Code
second-factor-submit = Log in
second-factor-start-again = Start again

## Verify an email address (/verify and /verified)

verify-title = Verify your email address
verify-lead = Select the button to confirm this is your email address.
verify-button = Verify email address
verify-log-in = Log in
verify-register = Register
verify-used-title = This link has already been used
verify-used-lead = Each verification link works once. If you used it, your address is verified.
verify-expired-title = This link has expired
verify-expired-lead = Verification links work for 24 hours, and a newer link replaces older ones.
verify-new-link = Send a new verification link
verify-unknown-title = We do not recognise this link
verify-unknown-lead = Check that you opened the whole link from the email; some email programs split long links.
verify-failed-title = Your address could not be verified
verify-done-title = Your email address is verified
verify-done-ready = Your account is ready.
verify-passkey-offer-title = Log in faster next time
verify-passkey-offer = A passkey lets you log in with your device's fingerprint, face or PIN instead of your password, and nobody can phish it.
verify-passkey-offer-button = Log in and add a passkey
verify-done-pending-review = Your request has been submitted and is pending review by your company's customer administrators. You receive an email when they have decided.
verify-done-pending-staff = Your request has been submitted. You gave no registration code, so our staff first find your company's account for it; you receive an email when your request is decided.

## Where a registration stands, after a log-in before approval or after a rejection (pages/account/status.rs)

status-title = Your registration
status-none = Log in to see where your registration stands.
status-log-in = Log in
status-waiting-title = Your registration is waiting for approval
# $company: the company's name.
status-waiting-company = Your request to join { $company } is with its customer administrators: they approve or reject it.
status-waiting-company-next = There is nothing you need to do. We email you as soon as they have decided; once approved, you log in here with your email address and password. If it takes long, ask a customer administrator of { $company }.
status-waiting-staff = You registered without a registration code, so our staff at Portico first find your company's account for your request.
status-waiting-staff-next = There is nothing you need to do. We email you as soon as your request is decided; once approved, you log in here with your email address and password. If your company has given you a registration code in the meantime, its customer administrators can also invite you.
# $name: the person's first name.
status-thanks = Thank you for your patience, { $name }.
status-next-title = What happens next
status-rejected-title = Your registration was not approved
status-rejected-by-company = { $company } did not approve your request to join it, so you cannot log in with this account.
status-rejected-by-staff = Our staff at Portico did not approve your request, so you cannot log in with this account.
# $reason: the words the person who decided gave.
status-rejected-reason = The reason given: { $reason }
status-rejected-no-reason = No reason was given.
status-rejected-what-now = What you can do
status-rejected-contact-company = If you think this is a mistake, contact { $company }: its customer administrators decided, and only they can change it.
status-rejected-contact-us = If you think this is a mistake, reply to the email that told you the decision.
status-rejected-register-again = You can register again with another email address, with the registration code your company's customer administrator gives you.
status-rejected-register-link = Register again
status-rejected-same-address = This email address cannot be used to register again.

## Ask for an emailed link (/reset and /resend)

ask-link-reset-title = Reset your password
ask-link-reset-lead = Enter the email address of your account. We send you a link to choose a new password.
ask-link-reset-button = Send the link
ask-link-verification-title = Send a new verification link
ask-link-verification-lead = Enter the address you registered with. We send a new link, and links sent before stop working.
ask-link-verification-button = Send a new link
ask-link-email = Email
ask-link-back-to-log-in = Back to log in

## Choose a new password (/reset/new)

new-password-title = Choose a new password
new-password-saved = Your password is saved
new-password-password = New password
new-password-password-hint = At least { $password-min } characters. A few words you will remember make a strong password.
new-password-confirm-password = Confirm new password
new-password-submit = Save the new password
new-password-used-title = This link has already been used
new-password-used-lead = Each reset link works once.
new-password-expired-title = This link has expired
new-password-expired-lead = Reset links work for 1 hour, and a newer request replaces older links.
new-password-unchecked-title = The link could not be checked
new-password-unchecked-lead = Something went wrong on our side. Please try again in a moment.
new-password-unknown-title = We do not recognise this link
new-password-unknown-lead = Check that you opened the whole link from the email.
new-password-new-link = Ask for a new link

## Confirm it's you (/confirm)

confirm-title = Confirm it's you
confirm-lead = Enter your password to continue. We ask again before changes that could lock you out of your account.
confirm-password = Password
confirm-submit = Confirm
confirm-forgot-password = Forgot your password?
# Beside an administrator's changes that ask for a recent proof: “… ([confirm it's you]).”
confirm-hint-before = For your security, some changes here ask for your password again (
confirm-hint-link = confirm it's you
confirm-hint-after = ).
confirm-step-title = Please confirm
confirm-step-cancel = Cancel

## Confirm a new email address (/email-change and /email-changed)

email-change-title = Confirm your new email address
email-change-lead = Select the button to use this address for your account from now on.
email-change-button = Use this address
email-change-used-title = This link has already been used
email-change-used-lead = If you used it, your address is changed.
email-change-expired-title = This link has expired
email-change-expired-lead = Ask for the change again on your profile page.
email-change-taken-title = This address belongs to another account now
email-change-taken-lead = Choose another address on your profile page.
email-change-unchecked-title = The link could not be checked
email-change-unchecked-lead = Something went wrong on our side. Please try again in a moment.
email-change-unknown-title = We do not recognise this link
email-change-unknown-lead = Check that you opened the whole link from the email.
email-change-profile = Your profile
email-change-done-title = Your email address is changed
email-change-done-lead = From now on, log in with your new address.
email-change-log-in = Log in

## Profile (/profile)

profile-title = Your profile
profile-email = Email
profile-company = Company
profile-registered = Registered
profile-last-log-in = Last log-in
profile-never = Never
profile-name-title = Your name
profile-first-name = First name
profile-last-name = Last name
profile-name-submit = Save name
profile-password-title = Change password
profile-current-password = Current password
profile-new-password = New password
profile-new-password-hint = At least { $password-min } characters. Your other sessions are logged out.
profile-confirm-new-password = Confirm new password
profile-password-submit = Change password
profile-email-title = Change email address
profile-email-pending = A change to { $email } waits for its link to be opened.
profile-new-email = New email address
profile-new-email-hint = We send a link to the new address; the change takes effect when you open it. Your other sessions are logged out.
profile-email-submit = Send a confirmation link
# Followed by the button "Confirm it's you".
profile-email-confirm-first = For your security, confirm it's you before you change your email address.
profile-confirm = Confirm it's you
profile-data-title = Your data
# Followed by the download button.
profile-data-lead = Everything we hold about you (your details, consents, log-ins, requests and the emails we sent you), as a JSON file.
profile-data-download = Download my data
profile-data-confirm-first = For your security, confirm it's you before you download your data.
profile-security-title = Passkeys and second factors
profile-security-lead = Add a passkey, set up an authenticator app, or make new recovery codes.
profile-security-link = Security
profile-sessions-title = Sessions
profile-sessions-browser = Browser
profile-sessions-started = Started
profile-sessions-last-seen = Last seen
# After the browser of the session the list is looked at in.
profile-sessions-this-session = (this session)
profile-sessions-end-others = Log out everywhere else
profile-apps-title = Connected apps
profile-apps-lead = Apps you signed in to with this account. Disconnecting one signs you out of it; it asks again next time.
profile-apps-none = You have not signed in to any app with this account yet.
profile-apps-name = App
profile-apps-since = Last signed in
profile-apps-disconnect-column = Disconnect
profile-apps-disconnect = Disconnect
profile-apps-disconnect-label = Disconnect { $name }
profile-delete-title = Delete your account
profile-delete-lead = We delete your account and everything we hold about you 7 days after you ask; until then, logging in cancels it.
profile-delete-link = Delete my account

## Security (/security, /security/app and /security/recovery-codes)

security-title = Security
security-codes-ready = New recovery codes are ready.
security-lead = How you log in: your password, and a second factor that keeps your account safe if your password is ever guessed or stolen.
security-required = Your account must have a second factor: you cannot remove the last one.
# Followed by the button "Confirm it's you".
security-confirm-first = For your security, confirm it's you before you change how you log in.
security-confirm-title = Confirm it's you
security-confirm = Confirm it's you
security-passkeys-title = Passkeys
security-passkeys-lead = A passkey logs you in with your device's fingerprint, face or PIN instead of your password. Nobody can phish it.
security-passkeys-none = You have no passkeys yet.
security-passkeys-name = Name
security-passkeys-added = Added
security-passkeys-last-used = Last used
security-passkeys-actions = Actions
security-passkeys-never = Never
security-passkeys-remove = Remove
security-passkeys-remove-question = Remove the passkey “{ $name }”? You can no longer log in with it.
security-passkeys-remove-confirm = Yes, remove “{ $name }”
# The remove button's label for screen readers; $name is the passkey's name.
security-passkeys-remove-label = Remove { $name }
security-passkeys-not-here = Passkeys work only when this site is opened by its domain name; ask your administrator.
security-app-title = Authenticator app
# $since: the moment the app was turned on.
security-app-on = On since { $since }. After your password, we ask for the code your app shows.
security-app-off-password = Your password, or a code from the app
security-app-off = Turn off the authenticator app
security-app-off-status = Off. An app such as Google Authenticator, Microsoft Authenticator or 1Password shows a new code every 30 seconds.
security-app-set-up = Set up an authenticator app
security-codes-title = Recovery codes
security-codes-left = { $count } of 10 left. Each code logs you in once, if you lose your phone or passkey.
security-codes-new = Make new recovery codes
security-codes-new-hint = The codes you have now stop working.
security-codes-none = You get 10 recovery codes when you add your first passkey or authenticator app.
security-app-setup-title = Set up an authenticator app
security-app-setup-required = Your account must have a second factor. Set one up to finish logging in.
security-app-setup-scan = Scan this QR code with your authenticator app.
security-app-setup-qr-label = QR code for your authenticator app
security-app-setup-key = Or, if you cannot scan it, type this key into the app:
security-app-setup-code-step = Type the 6-digit code the app shows now.
security-app-setup-code = Code from the app
security-app-setup-submit = Turn on
security-app-setup-passkey-instead = Or use a passkey instead
security-back = Back to security
security-codes-page-title = Your recovery codes
security-codes-shown-already = You have { $count } recovery codes left. They were shown once, when they were made; make new ones on your security page if you have lost them.
security-codes-save-title = Save your recovery codes
security-codes-save-lead = If you lose your phone or passkey, each of these codes logs you in once. Keep them somewhere safe, such as a password manager: we show them only now.
security-codes-saved = I have saved them, continue

## Passkeys: the texts /passkeys.js shows (the pages hand them over as data-msg-*), and adding one

passkeys-not-supported = This browser cannot use passkeys. Use your password or a code instead.
passkeys-failed = Something went wrong on our side. Please try again in a moment.
passkeys-cancelled = No passkey was used. Try again, or use another way.
passkeys-already-on-device = This device already has a passkey for your account.
passkeys-name = Name your passkey
passkeys-name-hint = So that you can tell your passkeys apart, for example Work laptop.
passkeys-add = Add a passkey
passkeys-add-needs-javascript = Adding a passkey needs JavaScript.

## Delete the account (/delete-account)

delete-account-title = Delete your account
delete-account-scheduled = Your account will be deleted
delete-account-back-to-profile = Back to your profile
# $date: the day the account is deleted, as the server writes it.
delete-account-lead = If you go on, we delete your account on { $date }: your details, your consents, your log-ins and sessions, your second factors and the emails we sent you.
delete-account-consequences = You are logged out at once, everywhere. Until that date you can change your mind: log in again and the deletion is cancelled. Afterwards your email address can register again.
# Around a link to the profile's data download.
delete-account-copy-before = Want a copy first?{" "}
delete-account-copy-link = Download your data
delete-account-copy-after = {" "}from your profile.
delete-account-password = Your password
delete-account-submit = Delete my account

## New terms to accept at log-in (/accept-terms)

accept-terms-title = New versions
accept-terms-logged-out = You are logged out
accept-terms-log-in = Log in
accept-terms-heading = Our Privacy Policy or Terms and Conditions have changed
accept-terms-lead = Before you go on, please read and agree to the new versions:
# After a document's title in the list of changed documents.
accept-terms-version = , version of { $version }
accept-terms-consent = I agree to the new versions
accept-terms-accept = Agree and continue
accept-terms-decline = Decline and log out
accept-terms-nothing-title = Nothing to agree to
accept-terms-nothing-lead = Your log-in has expired or you agreed already. Log in to go on.

## Log out (/log-out)

log-out-title = Log out
log-out-submit = Log out

## RP-initiated logout: an app sends the person here to log out (/oidc/logout)

oidc-logout-confirm-title = Log out of Portico?
oidc-logout-confirm-lead = An app asks you to log out of Portico. You will be logged out of the apps you signed in to with Portico as well.
oidc-logout-confirm-app = { $app } asks you to log out of Portico. You will be logged out of the apps you signed in to with Portico as well.
oidc-logout-submit = Log out
oidc-logout-done-title = Logged out
oidc-logout-done-lead = You are logged out.
oidc-logout-done-home = Go to Portico
oidc-logout-refused-title = This log-out request cannot be followed
oidc-logout-refused-hint = The app sent a sign-in token that Portico did not issue, or that was changed.
oidc-logout-refused-client = The app named in the request is not registered, or does not match its sign-in token.
oidc-logout-refused-redirect = The app asked to send you back to an address it has not registered.

## Administration: layout, search box and pager (pages/admin/mod.rs)

admin-search = Search
admin-pager-label = Pages
admin-pager-previous = Previous page
admin-pager-page = Page { $number }
admin-pager-next = Next page
# The browser tab's title: the page's own title, then the administration's name.
admin-page-title = { $page } · Portico administration
admin-skip-link = Skip to main content
admin-brand = Portico administration
admin-nav-label = Administration
admin-nav-accounts = Accounts
admin-nav-pending = Pending registrations
admin-nav-people = People
admin-nav-webhooks = Webhooks
admin-nav-apps = Apps
admin-nav-outbox = Outbox
admin-nav-audit = Audit log
admin-nav-security = Your security
admin-nav-customer-portal = Customer portal
admin-log-out = Log out

## The administration's log-in (/admin/log-in)

admin-log-in-title = Log in
admin-log-in-heading = Log in to the administration
admin-log-in-lead = For Portico's administrators. Customers and consumers log in to their portal.

## Administration: one company account (pages/admin/account.rs)

admin-account-page-title = Account
admin-account-missing = No such account
admin-account-all = All accounts
admin-account-code-title = Registration code
admin-account-code-hint = Give this code to the company's customer administrator. Regenerating it makes the old code stop working.
admin-account-code-regenerate = Regenerate code
admin-account-details = Details
admin-account-save = Save changes
admin-account-contacts = Contacts
admin-account-awaiting-title = Waiting for the company's approval
admin-account-none-waiting = No requests are waiting.
# $requested: when they asked, already written out (“24 Nov 2026”).
admin-account-request = { $name } ({ $email }), requested { $requested }
admin-account-company-name = Company name
admin-account-email-domains = Email domains
admin-account-email-domains-hint = The domains of the company's email addresses, like example.com, separated by commas
admin-account-auto-approve = Approve contacts automatically when their email address is in one of these domains
admin-account-require-two-factor = Require two-factor for this company's contacts
admin-account-copy = Copy
# The copy button's text once the code is on the clipboard.
admin-account-copied = Copied

## Administration: company accounts (pages/admin/accounts.rs)

admin-accounts-page-title = Accounts
admin-accounts-title = Company accounts
# “Registrations without a code wait in [Pending registrations].”
admin-accounts-lead-before = Registrations without a code wait in
admin-accounts-lead-link = Pending registrations
admin-accounts-lead-after = .
admin-accounts-search = Find a company by its name or code
admin-accounts-no-match = No company matches.
admin-accounts-company = Company
admin-accounts-code = Registration code
admin-accounts-domains = Email domains
admin-accounts-contacts = Contacts
admin-accounts-awaiting = Awaiting approval
# After the email domains, in brackets.
admin-accounts-auto-approved = (approved automatically)
admin-accounts-two-factor = two-factor required
admin-accounts-create-title = Create an account
admin-accounts-create = Create account

## Administration: audit log (pages/admin/audit.rs)

admin-audit-page-title = Audit log
admin-audit-title = Audit log
admin-audit-person = Person (part of a name or address)
admin-audit-company = Company
admin-audit-action = Action
admin-audit-any = Any
admin-audit-from = From
admin-audit-to = To
admin-audit-filter = Filter
admin-audit-newer = Newer
admin-audit-older = Older
admin-audit-empty = Nothing recorded.
admin-audit-when = When
admin-audit-who = Who
admin-audit-what = What
admin-audit-about = About
admin-audit-detail = Detail
# The actions the audit log records, as the filter and the entries name them.
admin-audit-action-registered = registered
admin-audit-action-verified = verified
admin-audit-action-approved-automatically = approved automatically
admin-audit-action-approved = approved
admin-audit-action-rejected = rejected
admin-audit-action-reopened = reopened
admin-audit-action-assigned-account = assigned account
admin-audit-action-login-disabled = login disabled
admin-audit-action-login-enabled = login enabled
admin-audit-action-made-customer-admin = made customer administrator
admin-audit-action-removed-customer-admin = customer administrator role removed
admin-audit-action-account-created = account created
admin-audit-action-account-changed = account changed
admin-audit-action-code-regenerated = code regenerated
admin-audit-action-admin-created = administrator created
admin-audit-action-password-reset-requested = password reset requested
admin-audit-action-password-reset = password reset
admin-audit-action-password-changed = password changed
admin-audit-action-verification-resent = verification resent
admin-audit-action-email-change-requested = email change requested
admin-audit-action-email-changed = email changed
admin-audit-action-name-changed = name changed
admin-audit-action-other-sessions-ended = other sessions ended
admin-audit-action-recovery-code-used = recovery code used
admin-audit-action-second-step-locked = second step locked after wrong codes
admin-audit-action-authenticator-added = authenticator added
admin-audit-action-authenticator-removed = authenticator removed
admin-audit-action-recovery-codes-regenerated = recovery codes regenerated
admin-audit-action-passkey-added = passkey added
admin-audit-action-passkey-removed = passkey removed
admin-audit-action-two-factor-rule-changed = two factor rule changed
admin-audit-action-second-factors-reset = second factors reset
admin-audit-action-contact-invited = contact invited
admin-audit-action-invitation-resent = invitation resent
admin-audit-action-invitation-revoked = invitation revoked
admin-audit-action-invitation-accepted = invitation accepted
admin-audit-action-deletion-scheduled = deletion scheduled
admin-audit-action-deletion-cancelled = deletion cancelled
admin-audit-action-account-deleted = account deleted
admin-audit-action-terms-accepted = new versions agreed to
admin-audit-action-webhook-added = webhook added
admin-audit-action-webhook-removed = webhook removed
admin-audit-action-app-registered = app registered
admin-audit-action-app-changed = app changed
admin-audit-action-app-secret-regenerated = app secret regenerated
admin-audit-action-app-removed = app removed
admin-audit-action-app-disconnected = app disconnected
admin-audit-action-identity-linked = identity linked
admin-audit-action-identity-unlinked = identity unlinked
admin-audit-action-sign-in-provider-set = company sign-in provider set
admin-audit-action-sign-in-provider-switched = company sign-in provider switched on or off
admin-audit-action-sign-in-provider-removed = company sign-in provider removed
admin-audit-action-social-provider-added = social sign-in provider added
admin-audit-action-social-provider-removed = social sign-in provider removed

## Administration: outbox and deliveries (pages/admin/outbox.rs)

admin-outbox-page-title = Outbox
admin-outbox-title = Outbox
admin-outbox-lead = Emails and webhook deliveries not delivered yet. Failed ones can be tried again now.
admin-outbox-empty = Everything was delivered.
admin-outbox-earlier = Earlier
admin-outbox-later = Later
# Shown when the dev mailbox is on: emails are delivered there, never sent.
admin-outbox-dev-mailbox = Emails delivered to the dev mailbox (not sent): { $count }.
admin-outbox-dev-mailbox-open = Open the dev mailbox
admin-deliveries-empty = None yet.
admin-deliveries-kind = Kind
admin-deliveries-to = To
admin-deliveries-what = What
admin-deliveries-state = State
admin-deliveries-attempts = Attempts
admin-deliveries-last-error = Last error
admin-deliveries-created = Created
admin-deliveries-retry = Retry
admin-deliveries-email = Email
admin-deliveries-webhook = Webhook
# The button's label for screen readers: $what is the subject or event, $to the address or URL.
admin-deliveries-retry-label = Retry now: { $what } to { $to }
admin-deliveries-retry-now = Retry now

## Administration: pending registrations (pages/admin/pending.rs)

admin-pending-page-title = Pending registrations
admin-pending-title = Pending registrations
admin-pending-lead = Business registrations without a registration code. Each needs a company.
admin-pending-search = Name or email address
admin-pending-empty = Nothing is waiting.
# $date: already written out (“24 Nov 2026”).
admin-pending-requested = requested { $date }
admin-pending-company = Company
admin-pending-company-placeholder = Company name or registration code
admin-pending-choose = Choose a company
admin-pending-reason = Reason for rejecting (optional)
admin-pending-assign = Send to the company's customer administrators
admin-pending-approve = Approve into the company
admin-pending-reject = Reject
admin-pending-reject-question = Reject the registration of { $name } ({ $email })? We email them the decision. You can reopen it later: search for their address on this page.
admin-pending-reject-confirm = Yes, reject { $email }
admin-pending-reopen = Reopen
admin-pending-reopen-label = Reopen the registration of { $email }

## Administration: people (pages/admin/people.rs)

admin-people-page-title = People
admin-people-title = People
admin-people-search = Email address or name
# “… may ask for your password again ([confirm it's you]).”
admin-people-hint-before = Someone who lost their phone or passkeys can have their second factors removed here. Check who they are first: call them back on a number you already have, never one they give you now. Removing them, and deleting an account, may ask for your password again (
admin-people-hint-link = confirm it's you
admin-people-hint-after = ).
admin-people-empty = Nobody matches.
admin-people-name = Name
admin-people-email = Email
admin-people-who = Who
admin-people-status = Status
admin-people-second-factors = Second factors
admin-people-delete-column = Delete
admin-people-identity-checked = I checked that I am talking to { $name }
admin-people-reset-label = Reset second factors: { $email }
admin-people-reset = Reset second factors
admin-people-reset-question = Remove every second factor of { $name } ({ $email }): their authenticator app, passkeys and recovery codes? They log in with their password alone until they set one up again.
admin-people-reset-confirm = Yes, reset the second factors of { $email }
admin-people-reason = Reason (kept in the audit log)
admin-people-delete-label = Delete account now: { $email }
admin-people-delete = Delete account now
admin-people-delete-question = Delete the account of { $name } ({ $email }) now? They are logged out and everything Portico holds about them is erased at once. This cannot be undone.
admin-people-delete-confirm = Yes, delete { $email }

## Administration: one person (pages/admin/person.rs)

admin-person-page-title = Person
admin-person-all = All people
admin-person-missing = No such person
admin-person-email = Email address
admin-person-who = Who
admin-person-status = Status
admin-person-registered = Registered
admin-person-verified = Verified
admin-person-not-yet = Not yet
admin-person-last-log-in = Last log-in
admin-person-never = Never
admin-person-second-factors = Second factors
admin-person-deletion = Deletion
# $date: already written out.
admin-person-deletion-due = Scheduled for { $date }
admin-person-disable = Disable login
admin-person-disable-question = Disable the login of { $name } ({ $email })? They are logged out everywhere and cannot log in until their login is enabled again.
admin-person-disable-confirm = Yes, disable the login of { $email }
admin-person-enable = Enable login
admin-person-sessions = Sessions
admin-person-no-sessions = No sessions.
admin-person-browser = Browser
admin-person-started = Started
admin-person-last-seen = Last seen
admin-person-history = History
admin-person-history-link = Everything in the audit log about them

## Administration: webhooks (pages/admin/webhooks.rs)

admin-webhooks-page-title = Webhooks
admin-webhooks-title = Webhooks
admin-webhooks-lead = Other systems learn who joined: each event is posted as JSON, signed in the X-Portico-Signature header (t=<time>,v1=<HMAC-SHA256 of "<time>.<body>" with the secret>), and retried with backoff until it is accepted.
admin-webhooks-empty = No webhooks yet.
admin-webhooks-address = Address
admin-webhooks-events = Events
admin-webhooks-delivered = Delivered
admin-webhooks-waiting = Waiting
admin-webhooks-failed = Failed
admin-webhooks-remove-column = Remove
admin-webhooks-remove-label = Remove the webhook to { $url }
admin-webhooks-remove = Remove
admin-webhooks-remove-question = Remove the webhook to { $url }? No more events are sent to it.
admin-webhooks-remove-confirm = Yes, remove the webhook
admin-webhooks-add-title = Add a webhook
admin-webhooks-url = Address (URL)
admin-webhooks-secret = Secret
admin-webhooks-secret-hint = At least 24 characters, shared with the receiver, which checks each signature with it.
admin-webhooks-events-legend = Events
admin-webhooks-add = Add the webhook
admin-webhooks-latest = Latest deliveries
admin-apps-page-title = Apps
admin-apps-title = Apps
admin-apps-lead = Apps that sign people in with Portico (OpenID Connect). Each gets a client ID, and a confidential app a secret that is shown once.
admin-apps-empty = No apps yet.
admin-apps-name = Name
admin-apps-client-id = Client ID
admin-apps-client-secret = Client secret
admin-apps-portal = Whose people may sign in
admin-apps-portal-csp = Consumer portal
admin-apps-portal-csm = Customer portal
admin-apps-portal-both = Both portals
admin-apps-type = Type
admin-apps-confidential = confidential
admin-apps-public = public
admin-apps-first-party = first-party
admin-apps-third-party = third-party
admin-apps-confidential-choice = Confidential: runs on a server and keeps a secret
admin-apps-public-choice = Public: runs in a browser or on a phone, no secret (PKCE)
admin-apps-first-party-choice = First-party: ours, people are not asked to agree to share their details
admin-apps-description = Description
admin-apps-description-hint = Shown under the app's name on the portal's home.
admin-apps-redirect-uris = Redirect URIs
admin-apps-post-logout-uris = Redirect URIs after logging out
admin-apps-uris-hint = One a line, exactly as the app sends it: https (http only for localhost), no fragment, no wildcard.
admin-apps-backchannel-uri = Back-channel logout URI
admin-apps-backchannel-uri-hint = Optional. Portico posts a logout token there when the person logs out.
admin-apps-start-uri = Start address
admin-apps-start-uri-hint = Optional. Where the app starts a sign-in; the portal's home links there.
admin-apps-add-title = Register an app
admin-apps-add = Register the app
admin-apps-issued-title = The app's credentials
admin-apps-copy-now = Copy the secret now: it is shown only this once. Portico keeps only a fingerprint of it.
admin-app-page-title = App
admin-app-missing = There is no such app
admin-app-all = All apps
admin-app-created = Registered
admin-app-edit-title = Change the app
admin-app-save = Save the app
admin-app-secret-title = Secret
admin-app-secret-lead = A new secret replaces the old one at once: the app cannot sign anyone in until it has the new one.
admin-app-secret = New secret
admin-app-secret-question = Give { $name } a new secret? The current one stops working at once.
admin-app-secret-confirm = Yes, new secret
admin-app-delete-title = Remove the app
admin-app-delete-lead = Everything the app was given ends: people are signed out of it and must be asked again.
admin-app-delete = Remove
admin-app-delete-question = Remove { $name }? Nobody can sign in to it with Portico any more, and its tokens stop working.
admin-app-delete-confirm = Yes, remove { $name }

## Business portal: registration requests (pages/csm/approvals.rs)

csm-approvals-page-title = Approvals
csm-approvals-title = Registration requests
csm-approvals-lead = People who asked to join { $company }.
csm-approvals-waiting-none = Nothing is waiting for you.
csm-approvals-waiting-one = One request is waiting for your decision.
csm-approvals-waiting-many = { $count } requests are waiting for your decision.
# $date: already written out (“24 Nov 2026”).
csm-approvals-requested = requested { $date }
csm-approvals-reason = Reason: { $reason }
csm-approvals-reason-label = Reason for rejecting (optional)
csm-approvals-approve = Approve { $name }
csm-approvals-reject = Reject { $name }
csm-approvals-reject-question = Reject the registration of { $name } ({ $email })? We email them the decision. You can reopen it later on this page.
csm-approvals-reject-confirm = Yes, reject { $email }
csm-approvals-reopen = Reopen
csm-approvals-reopen-label = Reopen the registration of { $email }

## Business portal: contacts (pages/csm/contacts.rs)

csm-contacts-page-title = Contacts
csm-contacts-title = Contacts
csm-contacts-lead = Everyone who works with us for { $company }.
csm-two-factor-title = Two-step log-in
csm-two-factor-require = Require two-factor for this company's contacts
csm-two-factor-hint = Contacts then log in with a password and an authenticator app or a passkey. Those without one set it up at their next log-in.
csm-two-factor-save = Save
csm-contacts-empty = No contacts yet.
csm-contacts-name = Name
csm-contacts-email = Email
csm-contacts-status = Status
csm-contacts-last-log-in = Last log-in
csm-contacts-change = Change
# After the name of the person looking at the list, in brackets.
csm-contacts-you = (you)
csm-contacts-active = Active
csm-contacts-login-disabled = Login disabled
csm-contacts-customer-admin = Customer administrator
csm-contacts-never = Never
csm-contacts-disable-question = Disable the login of { $name } ({ $email })? They are logged out and cannot log in until their login is enabled again.
csm-contacts-disable-confirm = Yes, disable the login of { $email }
csm-contacts-remove-admin-question = Remove { $name } ({ $email }) as a customer administrator? They can no longer approve registrations or manage contacts.
csm-contacts-remove-admin-confirm = Yes, remove the role of { $email }

## Business portal: home for visitors (pages/csm/home.rs)

csm-home-page-title = Home
csm-home-lead = For the contacts of our business customers: your company's orders, cases and contracts, in one place.
csm-home-register = Register
csm-home-log-in = Log in
csm-home-how-title = How business registration works
csm-home-step-register = Register with your business email address and, if you have one, your company's registration code.
csm-home-step-verify = Verify your email address with the link we send you.
csm-home-step-approve = Your company's customer administrator approves your request. We email you the decision.
# “Buying for yourself? Consumers use the [Consumer Service Portal].”
csm-home-consumers-before = Buying for yourself? Consumers use the
csm-home-consumers-after = .

## Business portal: accepting an invitation (pages/csm/invitation.rs)

csm-invitation-page-title = Accept your invitation
csm-invitation-gone-error = This invitation no longer works. Reload the page to see why.
csm-invitation-title = Join { $company }
# $name: the invited person's first name.
csm-invitation-lead = Welcome, { $name }. Choose a password for { $email }; you are logged in at once.
csm-invitation-password = Password
csm-invitation-password-hint = At least { $password-min } characters. A few words you will remember make a strong password.
csm-invitation-confirm-password = Confirm password
# “I agree to the [Privacy Policy] and the [Terms and Conditions]”: the links are the documents' titles.
csm-invitation-consent-before = I agree to the
csm-invitation-consent-and = and the
# Nothing in English; a leading space needs {" "}.
csm-invitation-consent-after = {""}
csm-invitation-submit = Accept and log in
csm-invitation-accepted-title = This invitation was accepted already
csm-invitation-accepted-lead = Log in with the password you chose.
csm-invitation-expired-title = This invitation has expired
csm-invitation-expired-lead = Invitations work for 7 days. Ask the person who invited you to send a new one.
csm-invitation-failed-title = The invitation could not be checked
csm-invitation-failed-lead = Something went wrong on our side. Please try again in a moment.
csm-invitation-gone-title = This invitation no longer works
csm-invitation-gone-lead = It was withdrawn, or a newer email replaced it: use the link in the latest email, or ask the person who invited you.
csm-invitation-log-in = Log in

## Pages only some people may see (components/guarded.rs)

guarded-log-in-title = Log in to see this page
guarded-log-in-lead = This page is for people who have an account here.
guarded-log-in = Log in
guarded-denied-title = You cannot see this page
guarded-denied-lead = It is for the people who manage this account. If you should have access, ask your company's customer administrator.
guarded-failed-title = This page could not be shown

## A portal's home for someone signed in (components/home.rs)

home-is-administrator = You are an administrator of Portico.
home-is-customer-admin = You are a customer administrator of { $company }.
home-is-contact = You are a contact of { $company }.
# $portal: the portal's name.
home-own-account = Your own account at the { $portal }.
home-for-consumer = With this one account you will sign in to our apps and services. Until the first of them is connected, this is where you keep your details and your log-in safe.
home-for-contact = With this account you will sign in to our business apps and services for your company. Until the first of them is connected, this is where you keep your details and your log-in safe.
home-for-customer-admin = With this account you will sign in to our business apps and services, and you decide who else from your company may.
home-for-administrator = With this account you look after the business customers' companies and the people in both portals.
# $company: the company's name.
home-ask-title = Whom to ask at { $company }
home-ask-lead = Your company's customer administrators let colleagues in, manage logins and can help when you are stuck:
home-security-has = your passkeys, authenticator app and recovery codes.
home-security-add = add a passkey or an authenticator app, so that a stolen password is not enough to get in.
home-welcome = Welcome, { $name }
home-company = Company
home-role = Role
home-role-administrator = Administrator
home-role-customer-admin = Customer administrator
home-role-consumer = Consumer
home-role-contact = Contact
home-waiting-none = No registration request waits for your decision.
home-waiting-one = 1 registration request waits for your decision.
home-waiting-many = { $count } registration requests wait for your decision.
home-apps-title = Your apps
home-next-title = What you can do
# Each next step is “[link]: what it is for”.
home-next-approvals-link = Registration requests
home-next-approvals = approve or reject the people who asked to join your company.
home-next-contacts-link = Contacts
home-next-contacts = disable a login, appoint customer administrators, require two-step log-in.
home-next-admin-link = Administration
home-next-admin = company accounts, registrations waiting for a company, people.
home-next-profile-link = Your profile
home-next-profile = your name, password, email address and sessions.
home-next-security-link = Security

## Invitations: inviting a contact and the pending invitations (components/invitations.rs)

invitations-title = Invite a contact
invitations-first-name = First name
invitations-last-name = Last name
invitations-email = Email address
invitations-role = Role
invitations-role-contact = Contact
invitations-role-customer-admin = Customer administrator (approves registrations, manages contacts)
invitations-send = Send the invitation
invitations-pending-title = Pending invitations
invitations-empty = No invitations waiting.
invitations-name = Name
invitations-email-column = Email
invitations-role-column = Role
invitations-sent = Sent
invitations-link = Link
invitations-change = Change
invitations-revoke-question = Revoke the invitation to { $name } ({ $email })? Its link stops working.
invitations-revoke-confirm = Yes, revoke the invitation to { $email }
invitations-customer-admin = Customer administrator
invitations-contact = Contact
invitations-expired = Expired
# $date: already written out (“2 Dec 2026”).
invitations-works-until = Works until { $date }

## The start page: which portal is mine? (pages/chooser.rs)

chooser-page-title = Portico · Choose your portal
chooser-description = Customer service for businesses and for consumers: choose the portal that is yours, and register or log in there.
chooser-title = Welcome. Which describes you?
chooser-csm-explain = For business customers: you work for a company that buys from us, and your company's customer administrator approves your access.
chooser-csp-explain = For consumers: you buy for yourself, and you can register on your own in a minute.

## Consumer portal: home for visitors (pages/csp_home.rs)

csp-home-page-title = Home
csp-home-lead = Your own consumer profile: your orders, your cases and your questions, in one place.
csp-home-register = Register
csp-home-log-in = Log in
# “Here for your company? Business customers use the [Customer Service Management portal].”
csp-home-business-before = Here for your company? Business customers use the
csp-home-business-after = .

## Page not found (pages/not_found.rs)

not-found-page-title = Page not found · Portico
not-found-title = Page not found
not-found-text = If you typed the web address, check it is correct.
not-found-start = Go to the start page

## The privacy policy and the terms (policies.rs, pages/policy.rs)

policy-privacy-title = Privacy Policy
# When the current version took effect (policies.rs: PRIVACY_POLICY.version).
policy-privacy-published = 1 November 2026
policy-terms-title = Terms and Conditions
# When the current version took effect (policies.rs: TERMS.version).
policy-terms-published = 1 November 2026
policy-version = Version { $version }, in effect since { $published }
policy-privacy-intro = This placeholder policy will be replaced by your organisation's own. It says what we keep about you and why:
policy-privacy-name = your name and email address, to run your account;
policy-privacy-password = a one-way hash of your password, never the password itself;
policy-privacy-consent = when you agreed to this policy and to the Terms and Conditions, and which versions.
policy-privacy-trackers = We use no third-party trackers, and the security check runs on our own servers.
policy-terms-intro = This placeholder text will be replaced by your organisation's terms and conditions.
policy-terms-password = Keep your password to yourself.
policy-terms-courteous = Be courteous in the community.
policy-terms-tell-us = Tell us if something looks wrong.

## Business forms (forms/business.rs): decisions, contacts, company accounts

business-page-out-of-date = This page is out of date. Reload it and try again.
business-choose-approve-or-reject = Choose Approve or Reject
business-contact-disable-login = Disable login
business-contact-enable-login = Enable login
business-contact-make-admin = Make customer administrator
business-contact-remove-admin = Remove customer administrator
business-choose-change = Choose what to change
business-auto-approve-needs-domain = Add at least one email domain to approve contacts automatically
business-choose-company = Choose a company
business-choose-assign-approve-or-reject = Choose Assign, Approve or Reject
# { $max }: the longest reason, in characters.
business-reason-too-long = Reason must be { $max } characters or fewer
business-reason-control = Reason must not contain control characters
business-company-name-missing = Enter the company name
# { $max }: the longest company name, in characters.
business-company-name-too-long = Company name must be { $max } characters or fewer
business-company-name-control = Company name must not contain control characters
# { $domain }: what the administrator typed.
business-domain-invalid = { $domain } is not an email domain. Enter domains like example.com, separated by commas
# { $max }: how many domains a company can have.
business-domains-too-many = Enter at most { $max } domains

## Invitation forms (forms/invitations.rs)

invitation-form-choose-role = Choose the contact's role
invitation-form-resend = Resend
invitation-form-revoke = Revoke
invitation-form-choose-resend-or-revoke = Choose Resend or Revoke
invitation-form-consent-missing = Agree to the Privacy Policy and the Terms and Conditions

## Leaving forms (forms/leaving.rs): deleting an account, answering new terms

leaving-password-missing = Enter your password
leaving-reason-missing = Say why the account is deleted (the audit log keeps it)
# { $max }: the longest reason, in characters.
leaving-reason-too-long = Keep the reason under { $max } characters
leaving-terms-consent-missing = Tick the box to agree, or decline and log out

## Two-factor forms (forms/two_factor.rs)

two-factor-form-password-or-code-missing = Enter your password or a code from your authenticator app
two-factor-form-passkey-name-missing = Give the passkey a name, like Work laptop
# { $max }: the longest passkey name, in characters.
two-factor-form-passkey-name-too-long = A passkey's name must be { $max } characters or fewer
two-factor-form-passkey-name-control = A passkey's name must not contain control characters

## Webhook forms (forms/webhooks.rs)

webhook-form-url-missing = Enter the endpoint's address
webhook-form-url-invalid = Enter an address that starts with https:// (or http://)
# { $min }: the shortest secret, in characters.
webhook-form-secret-too-short = The secret must be at least { $min } characters: the receiver checks signatures with it
# { $max }: the longest secret, in characters.
webhook-form-secret-too-long = Keep the secret under { $max } characters
webhook-form-events-missing = Choose at least one event
app-form-name-missing = Enter the app's name
app-form-name-too-long = Keep the name under { $max } characters
app-form-description-too-long = Keep the description under { $max } characters
app-form-redirect-uris-missing = Enter at least one redirect URI
app-form-too-many-uris = Enter at most { $max } addresses
app-form-portal-invalid = Choose whose people may sign in
app-form-client-type-invalid = Choose confidential or public
app-uri-invalid = { $uri } is not an address: no spaces, at most 2,000 characters
app-uri-wildcard = { $uri } has a *: Portico matches addresses exactly, enter each one
app-uri-fragment = { $uri } has a fragment (#…), which a redirect URI must not have
app-uri-not-absolute = { $uri } is not a whole address: start it with https://
app-uri-not-https = { $uri } must start with https:// (http:// only for localhost, 127.0.0.1 or [::1])
app-uri-userinfo = { $uri } has a user name or password before the host: leave it out
app-uri-not-canonical = Write { $uri } as browsers send it: { $canonical }

## Registration codes (forms/registration_code.rs)

registration-code-incorrect = Incorrect registration code

## Plain form posts (submission.rs)

submission-form-unreadable = The form could not be read. Please fill it in again.

## Pages (pages/mod.rs): a server function failed; also shown by the island

page-something-went-wrong = Something went wrong on our side. Please try again in a moment.

## Server functions (api/)

api-server-not-set-up = The server is not set up to answer this.
api-session-unreadable = Your session could not be read. Reload the page.
api-identity-check-first = Check who the person is first (call them back on a number you already have), then tick the box
api-choose-disable-or-enable = Choose Disable or Enable
# A registration request's status, as a tag beside it.
api-request-status-awaiting-account = Waiting for a company
api-request-status-pending = Pending
api-request-status-approved = Approved
api-request-status-rejected = Rejected

# Server: the services' messages (service-…), the HTTP layer's plain answers (http-…)
# and the dev mailbox page (mailbox-…).

## Shared by several services

service-common-session-ended = Your session has ended. Log in again.
service-common-administrators-only = Only administrators can do this.
service-common-customer-administrators-only = Only your company's customer administrators can do this.
# How long to wait before trying again ("Try again in 2 minutes").
service-limits-wait-seconds = { $seconds } seconds
service-limits-wait-one-second = 1 second
service-limits-wait-minutes = { $minutes } minutes
service-limits-wait-one-minute = 1 minute
service-limits-wait-hours = { $hours } hours

## Rows of the management pages

# After a request's status: "Approved by Ada Lovelace on 4 Dec 2026, 21:45 UTC".
service-views-decided-by = by { $name } on { $date }
service-views-decided-automatically = automatically on { $date }

## Company accounts (administration)

service-accounts-created = Created { $name }. Its registration code is { $code }.
service-accounts-saved = Saved { $name }.
service-accounts-new-code = { $name } has a new registration code: { $code }. The old code no longer works.
service-accounts-no-such-account = There is no such account.

## Registration requests: decisions

service-approval-no-company-named = No company is named { $typed } or has it as its registration code
service-approval-several-companies = Several companies have this name: type its registration code instead
service-approval-approved = Approved { $name }. We emailed { $email } the decision.
service-approval-rejected = Rejected { $name }. We emailed { $email } the decision.
service-approval-no-customer-admin = { $company } has no customer administrator to decide. Approve the request into it instead.
service-approval-sent-to-company = Sent { $name }'s request to the customer administrators of { $company }.
service-approval-no-such-request = There is no such request. Reload the page to see the current list.
service-approval-no-such-company = There is no such company
service-approval-already-approved = { $name }'s request was already approved. Reload the page to see the current list.
service-approval-already-rejected = { $name }'s request was already rejected. Reload the page to see the current list.
service-approval-reopened = Reopened the registration of { $name } ({ $email }): it waits for a decision again.
service-approval-not-rejected = { $name }'s request is not rejected (any more). Reload the page to see the current list.
service-approval-changed-meanwhile = { $name }'s request changed while you were deciding. Reload the page to see the current list.
service-approval-not-waiting = { $name }'s request is not waiting for this decision. Reload the page to see the current list.

## A company's contacts (customer administrators)

service-company-no-such-contact = There is no such contact.
service-company-own-login = You cannot disable your own login.
service-company-login-not-active = { $name }'s login is not active.
service-company-login-disabled = Disabled { $name }'s login.
service-company-login-not-disabled = { $name }'s login is not disabled.
service-company-login-enabled = Enabled { $name }'s login.
service-company-admin-already = { $name } is a customer administrator already.
service-company-enable-first = Enable { $name }'s login first.
service-company-admin-made = { $name } is now a customer administrator.
service-company-not-admin = { $name } is not a customer administrator.
service-company-admin-removed = { $name } is no longer a customer administrator.
service-company-last-admin = { $name } is the company's last customer administrator. Make another contact a customer administrator first.

## Deleting accounts

service-deletion-administrator = An administrator's account is deleted by another administrator.
service-deletion-last-admin = You are { $company }'s last customer administrator. Make another contact a customer administrator first (on the Contacts page); then you can delete your account.
service-deletion-scheduled = Your account will be deleted on { $date }. You are logged out. If you change your mind, log in before then: that cancels the deletion. We sent you an email about it.
service-deletion-own-account = You cannot delete your own account here: ask another administrator.
service-deletion-no-such-person = There is no such person (already deleted?).
service-deletion-deleted = Deleted { $name }'s account and everything held about them.

## Invitations

service-invitations-no-such-company = There is no such company.
service-invitations-has-account = { $email } already has an account, so it cannot be invited. If they registered for { $company }, approve their request; otherwise they can log in as they are.
service-invitations-invited-already = { $email } is invited already: resend or revoke that invitation below.
service-invitations-invited = Invited { $name } ({ $email }). The link in their email works for 7 days.
service-invitations-no-such-invitation = There is no such invitation.
service-invitations-changed-meanwhile = This invitation was accepted or revoked meanwhile.
service-invitations-resent = Sent { $name } a new invitation; the earlier link no longer works.
service-invitations-revoked = Revoked { $name }'s invitation.
service-invitations-resent-lately = { $name } was sent this invitation a short while ago. You can send it again in { $wait }.
service-invitations-daily-limit = { $company } has sent { $limit } invitations in the last 24 hours, the most allowed in a day. You can send another in { $wait }.
service-invitations-accepted-has-account = { $email } has an account already. Log in with it instead.

## Logging in

service-log-in-incorrect = Email address or password is incorrect
service-log-in-other-portal = Your account belongs to the { $portal }. Log in there with the same email address and password.
service-log-in-use-administration = This is an administrator's account: administrators log in to the administration. Your address is filled in there.
service-log-in-not-administrator = Only Portico's administrators log in here. Log in to your portal instead.
service-log-in-unverified = Verify your email address before you log in: open the link in the email we sent to { $email }.
service-log-in-disabled-by-company = Your login has been disabled by your company. Contact your company's customer administrator.
service-log-in-disabled = Your account is disabled. Contact us if you think this is a mistake.
service-log-in-too-many = Too many failed log-ins. Wait { $wait } and try again, or reset your password.
service-sso-provider-off = This sign-in is not available. Log in another way, or contact us.
service-sso-email-unverified = Your provider did not confirm your email address, so it cannot sign you in here. Confirm the address at your provider, or log in another way.
service-sso-outside-domains = Your email address is not one of your company's addresses here, so your company's sign-in cannot be used for it.
service-sso-address-elsewhere = Your email address belongs to another account here (a consumer's or another company's), so this sign-in cannot be used for it. Log in with that account instead.
service-sso-cannot-sign-in = Your account cannot be used at the moment. Contact your company's customer administrator or us.
service-sso-nothing-pending = This sign-in took too long or has already been finished. Please start again.
service-sso-too-many = Too many wrong passwords. Wait a while and start again.
service-sso-link-not-valid = This link does not work (any more). Sign in with your provider again and ask for a new one.
service-sso-use-company-sign-in = Your company signs you in through its own provider: use "Continue with your company's sign-in" instead of a password.
service-sso-unlink-last-way-in = This is your last way to log in: set a password or add a passkey before you remove it.
service-sso-unlink-not-found = This sign-in is no longer linked.

## Webhooks and deliveries (administration)

service-operations-url-unreachable = This address cannot be reached as it is written
service-operations-url-unknown-host = No server is known by this name: check the address
service-operations-url-private = This address leads into a private network (loopback, private, link-local or a cloud metadata address). Webhooks go only to public addresses, unless the operator allows the range in OUTBOUND_ALLOW_RANGES
service-apps-backchannel-private = This address leads into a private network (loopback, private, link-local or a cloud metadata address). Portico posts back-channel logouts only to public addresses, unless the operator allows the range in OUTBOUND_ALLOW_RANGES
service-operations-webhook-added = Webhooks for { $events } now go to { $url }.
service-apps-changed = { $name } is saved.
service-apps-removed = { $name } is removed.
service-apps-no-such-app = This app no longer exists. Reload the page.
service-apps-public-has-no-secret = A public app has no secret.
service-apps-not-connected = You are not connected to this app (any more).
service-apps-disconnected = You are disconnected from { $name }.
service-operations-no-such-webhook = There is no such webhook (removed already?).
service-operations-webhook-removed = Removed the webhook.
service-operations-delivered-meanwhile = This was delivered meanwhile, or is gone.
service-operations-retrying = It will be tried again now.
service-operations-forbidden = Only administrators can do this.

## Sign-in providers (administration)

sign-in-providers-form-too-long = At most { $max } characters
sign-in-providers-form-issuer-missing = Enter the provider's issuer URL
sign-in-providers-form-client-id-missing = Enter the client ID the provider gave Portico
sign-in-providers-form-secret-missing = Enter the client secret the provider gave Portico
sign-in-providers-form-domains-missing = Enter at least one email domain, like example.com
sign-in-providers-form-name-missing = Enter the text of the sign-in button
sign-in-providers-form-name-too-long = At most { $max } characters
sign-in-providers-form-preset-invalid = Choose Google, Microsoft or another provider
sign-in-providers-domain-public = { $domain } is a public email service: anyone can have an address there, so it cannot lead to one company's sign-in
sign-in-providers-domain-taken = { $domain } already leads to the sign-in of { $company }
sign-in-providers-issuer-not-url = Enter the issuer as a full URL, like https://login.example.com, without ? or #
sign-in-providers-issuer-not-https = The issuer must be an https:// URL (http:// only on this machine)
sign-in-providers-issuer-unreachable = Portico could not read the provider's discovery document: { $reason }
sign-in-providers-issuer-refused = Portico does not fetch from this address: { $reason }
sign-in-providers-issuer-not-discovery = The provider's discovery document is not an OpenID Connect one (no authorization, token or keys endpoint)
sign-in-providers-issuer-mismatch = The discovery document names another issuer: { $found }. Enter exactly that one
sign-in-providers-no-such-company = This company or its sign-in provider no longer exists. Reload the page.
sign-in-providers-no-such-provider = This sign-in provider no longer exists. Reload the page.
admin-sso-title = Sign-in through the company's provider
admin-sso-lead = The company's people sign in with their company account (OpenID Connect): Portico reads the provider's discovery document, and the email domains below lead there from the log-in and register pages. A new provider stays off until you have tried it.
admin-sso-redirect-uri = Redirect URI to register at the provider:
admin-sso-backchannel-uri = Back-channel logout URI to register at the provider:
admin-sso-issuer = Issuer URL
admin-sso-issuer-hint = For example https://login.example.com/realms/acme. For Microsoft Entra ID use your tenant's issuer, https://login.microsoftonline.com/TENANT-ID/v2.0: the common endpoint names a different issuer for each tenant.
admin-sso-client-id = Client ID
admin-sso-client-secret = Client secret
admin-sso-client-secret-hint = Stored encrypted and never shown again.
admin-sso-client-secret-kept = Leave empty to keep the stored secret. It is never shown again.
admin-sso-domains = Email domains
admin-sso-domains-hint = Separated by commas, like acme.example, acme.test. A domain of a public email service, or of another company's provider, is refused.
admin-sso-required = Required: the company's contacts cannot log in or reset with a Portico password
admin-sso-save = Save the provider
admin-sso-state-on = On.
admin-sso-state-off = Off: nobody is sent there yet.
admin-sso-domains-now = Domains: { $domains }
admin-sso-found-title = What discovery found
admin-sso-try = Try sign-in
admin-sso-switch-on = Switch on
admin-sso-switch-off = Switch off
admin-sso-remove = Remove the provider
admin-sso-remove-question = Remove the sign-in provider of { $company }? Its people then log in with a Portico password again, and their links to the provider are forgotten.
sign-in-providers-saved = The provider is saved.
sign-in-providers-switched-on = Sign-in through the provider of { $company } is on.
sign-in-providers-switched-off = Sign-in through the provider of { $company } is off.
sign-in-providers-removed = The sign-in provider of { $company } is removed.

## Passkeys

service-passkeys-not-here = Passkeys are not available on this site: it needs a domain name, not an IP address.
service-passkeys-added-already = This passkey is added already.
service-passkeys-cannot-log-in = This account cannot log in at the moment. Log in with your password to see why.
service-passkeys-none = You have no passkey here. Use a code instead.
service-passkeys-no-such-passkey = There is no such passkey.
service-passkeys-removed = Removed the passkey { $name }.
service-passkeys-malformed = The passkey's answer could not be read. Try again.
service-passkeys-refused = The passkey could not be checked. Try again, or use another way to log in.
service-passkeys-unknown = This passkey is not known here. Use another one, or log in with your password.
service-passkeys-no-ceremony = This took too long or was started elsewhere. Try again.

## People (administration)

service-people-reset-own = You cannot reset your own second factors: ask another administrator.
service-people-no-such-person = There is no such person.
service-people-no-second-factor = { $email } has no second factor.
service-people-factors-removed = Removed the second factors of { $email }. They were told by email.

## Profile

service-profile-name-saved = Saved your name: { $name }.
service-profile-password-changed = Your password is changed.
service-profile-password-changed-logged-out = Your password is changed, and your other sessions are logged out.
service-profile-same-email = This is already your email address
service-profile-email-taken = This email address belongs to another account
service-profile-link-sent-lately = We sent a link a short while ago. You can ask for another in { $wait }.
service-profile-email-link-sent = We sent a link to { $new }. Your address changes when you open it; until then, keep using { $current }. Your other sessions are logged out.
service-profile-other-sessions-ended = Your other sessions are logged out.
service-profile-confirm-first = For your security, confirm it's you (with your password) before you change this.

## Confirming it's you

service-reauthentication-too-many = Too many wrong passwords. Wait { $wait } and try again.
service-reauthentication-wrong-password = Your current password is incorrect

## A person's record and the audit log (administration)

service-records-own-login = You cannot disable your own login.
service-records-no-such-person = There is no such person.
service-records-login-not-disabled = { $name }'s login is not disabled.
service-records-login-not-active = { $name }'s login is not active.
service-records-login-enabled = Enabled { $name }'s login.
service-records-login-disabled = Disabled { $name }'s login; their sessions ended.
service-records-no-person-matches = No person matches “{ $person }”.
service-records-no-company-matches = No company matches “{ $company }”.
service-records-choose-action = Choose an action from the list.
service-records-date-format = Write dates as YYYY-MM-DD.

## Emailed links: password reset and verification

service-recovery-reset-sent = If an account exists for this address, we sent a link to reset its password. The link works for 1 hour. If you asked a moment ago, wait a minute before asking again.
service-recovery-resend-sent = If an unverified registration exists for this address, we sent a new verification link to it. Links sent before no longer work. If you asked a moment ago, wait a minute before asking again.
service-recovery-saved-other-portal = Your password is saved. Log in at the { $portal }.
service-recovery-saved-unverified = Your password is saved. Verify your email address before you log in.
service-recovery-saved-cannot-log-in = Your password is saved, but your account cannot log in at the moment.

## Registration

service-registration-email-taken = An account with this email address already exists.
service-registration-too-many-codes = Too many registration codes were tried from your network. Try again in { $wait }.
service-registration-email-in-other-portal = This email address belongs to an account in the { $portal }. Log in there instead.
service-registration-too-many-answers = Too many answers to the security question came from your network. Try again in { $wait }, or turn on JavaScript: then no answer is needed.
service-registration-too-many-registrations = Too many registrations came from your network. Try again in { $wait }.
service-registration-captcha-malformed = The security check did not load properly. Reload the page and try again
service-registration-captcha-expired = The security question has expired. Answer the new one
# With JavaScript the browser does the new check at once, by itself.
service-registration-captcha-expired-renewed = The security check had expired and has been done again. Select Sign Up again
service-registration-captcha-wrong-solution = The security check failed and has been done again. Select Sign Up again
service-registration-captcha-wrong-answer = The answer to the security question is not right
service-registration-captcha-spent = This security question has been answered already. Answer the new one
service-registration-captcha-spent-renewed = This security check had been used already and has been done again. Select Sign Up again

## Changed terms

service-terms-declined = You are logged out. To use your account, log in again and agree to the new versions.

## Second factors

service-two-factor-wrong-code = That code is not right. Check that your phone's clock is right, or use a recovery code.
service-two-factor-log-in-again = Your log-in has expired. Log in again.
service-two-factor-last-required = You need a second factor to log in here: add another before you remove this one.
service-two-factor-setup-outdated = This page is out of date. Reload it and scan the new code.
service-two-factor-setup-wrong-code = That code is not right. Type the code your app shows now for Portico.
service-two-factor-app-off = Your authenticator app is off.
service-two-factor-codes-need-factor = Recovery codes come with a second factor: set one up first.
service-two-factor-rule-required = Your company's contacts now need a second factor to log in. Those without one set it up at their next log-in.
service-two-factor-rule-optional = A second factor is now up to each of your company's contacts.
service-two-factor-too-many = Too many wrong codes. Wait { $wait } and try again.
service-two-factor-locked = This second step is locked after too many wrong codes, and we have emailed you about it. To unlock it, reset your password with "Forgot your password?", or ask an administrator.

## Plain answers of the HTTP layer

http-something-went-wrong = Something went wrong on our side. Please try again in a moment.
http-form-too-large = The form is too large. Please shorten what you typed and try again.
http-cross-site = This form was sent from another site, so it was not accepted. Open the page on this site and send it again.

## The dev mailbox (/dev/mailbox)

mailbox-title = Dev mailbox · Portico
mailbox-heading = Dev mailbox
mailbox-lead = Emails the server would have sent. SMTP_URL is not set, so they stay here. Newest first.
# Followed by a link to the registration page ("/csp/register").
mailbox-empty-before = No emails yet. Register at
mailbox-empty-after = .
mailbox-unreadable = The outbox could not be read. See the server log.
# Followed by the recipient's address.
mailbox-to = To

## Emails: shared by every email

# The first line of every email.
email-greeting = Hello { $first-name },
email-copy-link = Or copy this link into your browser:
# A button's label quoted inside a sentence of a plain-text email.
email-quoted = "{ $text }"
email-button-log-in = Log in

## Emails: verification of a new registration

email-verification-subject = Verify your email address for the { $portal }
email-verification-thanks = Thank you for registering for the { $portal }.
# $button is the label of the verification page's button (email-verification-page-button),
# quoted in the plain text and in bold in HTML.
email-verification-open = To verify your email address, open this link and select { $button }:
# The button on the verification page the link opens.
email-verification-page-button = Verify email address
email-verification-button = Verify your email address
email-verification-expiry = The link expires in 24 hours and works once.
email-verification-ignore = If you did not register, ignore this email: no account is activated without the link.
# HTML version: $nbsp is a non-breaking space.
email-verification-ignore-html = If you did not register, ignore this email{ $nbsp }— no account is activated without the link.

## Emails: business registration requests

email-approved-subject = Your registration is approved
email-approved-body = Your registration for { $company } in the { $portal } is approved. You can log in now.
email-pending-subject = Your registration is pending review
email-pending-thanks = Thank you for verifying your email address.
email-pending-body = Your request has been submitted and is pending review. You receive an email when your request is processed.
email-approval-needed-subject = A registration for { $company } needs your decision
# $contact is the person's name and address: Ada Lovelace (ada@example.com).
email-approval-needed-body = { $contact } asked to join { $company } in the { $portal }. Approve or reject the request on the approvals page.
email-approval-needed-button = Review the request
email-rejected-subject = Your registration was not approved
email-rejected-body = Your registration for the { $portal } was not approved.
email-rejected-reason = The reason given: { $reason }
email-rejected-mistake = If you think this is a mistake, contact your company's customer administrator.

## Emails: a contact's login disabled or enabled by their company

email-login-enabled-subject = Your login is enabled again
email-login-enabled-body = Your login for { $company } in the { $portal } is enabled again.
email-login-disabled-subject = Your login was disabled
email-login-disabled-body = Your login for { $company } in the { $portal } was disabled by your company. If you think this is a mistake, contact your company's customer administrator.

## Emails: passwords

email-reset-subject = Reset your password for the { $portal }
email-reset-body = Someone asked to reset the password of your account. If it was you, open this link and choose a new password. The link works once and expires in 1 hour.
email-reset-ignore = If it was not you, ignore this email: your password stays as it is.
email-reset-button = Choose a new password
email-sso-link-subject = Link your sign-in to your account at the { $portal }
email-sso-link-body = You signed in with { $provider }, whose email address has an account here. If it was you, open this link in the same browser to link the two; from then on you sign in with { $provider }. The link works once and expires in 10 minutes.
email-sso-link-ignore = If it was not you, ignore this email: nothing is linked.
email-sso-link-button = Link my sign-in
email-password-changed-subject = Your password was changed
email-password-changed-body = The password of your account was just changed, and every other session was logged out.
email-password-changed-not-you = If you did not do this, reset your password now.
email-password-changed-button = Reset your password

## Emails: a change of email address

email-change-link-subject = Confirm your new email address for the { $portal }
email-change-link-body = You asked to use this address for your account. Open this link to confirm it: the change takes effect only then. The link works once and expires in 24 hours.
email-change-link-ignore = If you did not ask for this, ignore this email.
email-change-link-button = Confirm this address
email-change-notice-subject = A change of your email address was requested
email-change-notice-body = Someone logged in to your account asked to change its email address to { $address }. The change takes effect only when the link sent to that address is used.
email-change-notice-not-you = If this was not you, log in and change your password now.

## Emails: changes to how a person logs in (the first paragraph is one of these)

email-security-subject = A change to how you log in
email-security-not-you = If this was not you, reset your password now and review your second factors.
email-security-button = Review your security settings
email-security-passkey-added = A passkey named “{ $name }” was added to your account.
email-security-passkey-removed = The passkey named “{ $name }” was removed from your account.
email-security-recovery-code-used = A recovery code was used to log in to your account. { $left } of your recovery codes are left.
email-security-second-step-locked = The second step of logging in to your account was locked after { $count } wrong codes in a row. If that was not you, someone knows your password: reset it with "Forgot your password?", which also unlocks the second step, or ask us for help.
email-security-app-added = An authenticator app was set up as a second factor for your account.
email-security-app-removed = The authenticator app was turned off as a second factor for your account.
email-security-new-recovery-codes = New recovery codes were made for your account. The old ones no longer work.
email-security-factors-reset = An administrator removed the second factors of your account (your authenticator app, passkeys and recovery codes), as you asked. Set up a new one on your security page.

## Emails: invitations into a company

email-invitation-subject = { $inviter } invited you to { $company }
email-invitation-body = { $inviter } invited you to join { $company } in the { $portal }.
email-invitation-body-admin = { $inviter } invited you to join { $company } in the { $portal } as a customer administrator (you will approve your colleagues' registrations and manage the company's contacts).
email-invitation-how = Open the link, choose a password and agree to our Terms and Conditions: you are logged in at once. The link works for 7 days. If you were not expecting this, ignore this email.
email-invitation-button = Accept the invitation

## Emails: deleting an account

email-deletion-subject = Your account will be deleted
# $date is a moment as date-time-format writes it.
email-deletion-body = You asked us to delete your account in the { $portal }. We will delete it, and everything we hold about you, on { $date }.
email-deletion-keep = Changed your mind? Log in before then and your account stays as it is.
email-deletion-button = Log in to keep your account
email-deletion-cancelled-subject = Your account will not be deleted
email-deletion-cancelled-body = You logged in to the { $portal }, so we cancelled the deletion of your account. If you still want to leave, delete it again from your profile.
layout-product = Portico

# Labels: the words the services put into the rows of the pages (server/src/services/).

## People (administration): who someone is, their status and second factors

label-kind-administrator = Administrator
label-kind-consumer = Consumer
label-kind-contact-of = Contact of { $company }
label-kind-contact-without-company = Business contact without a company
label-kind-staff = Staff
label-status-unverified = Unverified
label-status-pending-approval = Waiting for approval
label-status-active = Active
label-status-disabled = Login disabled
label-status-rejected = Rejected
# The second factors, joined by label-factors-separator: "Authenticator app, 2 passkeys, 8 recovery codes".
label-factors-app = Authenticator app
label-factors-passkeys-one = 1 passkey
label-factors-passkeys-many = { $count } passkeys
label-factors-recovery-codes-one = 1 recovery code
label-factors-recovery-codes-many = { $count } recovery codes
label-factors-none = None
label-factors-separator = { ", " }

## Outbox (administration): a delivery's state

label-delivery-delivered = Delivered
label-delivery-failed = Failed
label-delivery-retrying = Retrying
label-delivery-pending = Pending
label-delivery-dev-mailbox = Delivered to the dev mailbox

## Sessions: the browser a session was started in

label-browser-unknown = Unknown browser
# A browser the user agent does not name.
label-browser-any = A browser
# "Firefox on Windows"; the names of browsers and systems stay as they are.
label-browser-on-system = { $browser } on { $system }

## Audit log (administration): who did it

# An entry without a person: the service itself did it.
label-actor-portico = Portico
label-actor-deleted-account = a deleted account

## Audit log details (stored as a message and its arguments, read in the reader's language)

audit-detail-account = { $name }; domains: { $domains }; auto-approve: { $auto-approve ->
        [true] yes
       *[false] no
    }; two factors required: { $two-factors ->
        [true] yes
       *[false] no
    }
audit-detail-invitation = invitation { $id }
audit-detail-webhook-added = webhook { $id } for { $events }
audit-detail-webhook-removed = webhook { $id }
audit-detail-app = { $name } ({ $client_id })
audit-detail-identity = at { $issuer }
audit-detail-sign-in-provider = { $name } ({ $issuer })
audit-detail-sign-in-provider-switched = { $name }: { $enabled ->
        [true] on
       *[false] off
    }
audit-detail-two-factor-rule = { $required ->
        [true] required
       *[false] optional
    }
audit-detail-deleted-by-administrator = { $kind ->
        [consumer] a consumer account
        [contact] a business contact's account
       *[staff] an administrator's account
    }, by an administrator: { $reason }
audit-detail-deleted-by-owner = { $kind ->
        [consumer] a consumer account
        [contact] a business contact's account
       *[staff] an administrator's account
    }, at its owner's request
audit-detail-expired-registration = { $kind ->
        [consumer] a consumer's registration
       *[contact] a business contact's registration
    }, never verified: its link had expired and its address registered again
audit-detail-created-at-command-line = { $role ->
        [customer-admin] a customer administrator
        [member] a contact
       *[administrator] an administrator
    }, created at the command line
audit-detail-registered-in = in the { $portal ->
        [csm] { portal-csm-name }
       *[csp] { portal-csp-name }
    }
audit-detail-factors-removed = authenticator app: { $app ->
        [true] yes
       *[false] no
    }; passkeys: { $passkeys }; recovery codes: { $codes }
