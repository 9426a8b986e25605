# Portico auf Deutsch (förmlich: „Sie“).

## The language itself

language-name = Deutsch
number-group-separator = .
date-time-format = %-d. %B %Y, %H:%M UTC
chrono-locale = de_DE

## The portals

portal-csm-name = Kundenservice-Portal für Geschäftskunden
portal-csp-name = Serviceportal für Privatkunden
portal-csm-description = Das Kundenservice-Portal für Geschäftskunden: Beantragen Sie mit dem Registrierungscode Ihres Unternehmens Zugang und verwalten Sie die Kontakte und Freigaben Ihres Unternehmens.
portal-csp-description = Das Serviceportal für Privatkunden: In einer Minute registriert, E-Mail-Adresse bestätigt – und Ihr Kundenprofil verwalten Sie selbst.
portal-csm-audience = Ich kaufe für mein Unternehmen
portal-csp-audience = Ich kaufe für mich privat

## Every portal's frame

layout-skip-to-main = Zum Hauptinhalt springen
layout-account-nav = Konto
layout-language = Sprache
layout-looking-for = Suchen Sie das { $portal }?
layout-go-to = Zu diesem Portal
layout-privacy-policy = Datenschutzerklärung
layout-terms = Nutzungsbedingungen
layout-log-in = Anmelden
layout-register = Registrieren
layout-approvals = Freigaben
layout-contacts = Kontakte
layout-administration = Administration
layout-your-profile = Ihr Profil
layout-security = Sicherheit
layout-log-out = Abmelden
layout-menu = Menü
language-unknown = Diese Sprache wird nicht angeboten. Bitte wählen Sie eine der Sprachen auf der Seite.

## The forms' rules (the same in the browser and on the server)

check-email-missing = Geben Sie Ihre E-Mail-Adresse ein
check-email-too-long = Die E-Mail-Adresse darf höchstens { $email-max } Zeichen lang sein
check-email-format = Geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@example.com
check-first_name-missing = Geben Sie Ihren Vornamen ein
check-first_name-too-long = Der Vorname darf höchstens { $name-max } Zeichen lang sein
check-first_name-control = Der Vorname darf keine Steuerzeichen enthalten
check-last_name-missing = Geben Sie Ihren Nachnamen ein
check-last_name-too-long = Der Nachname darf höchstens { $name-max } Zeichen lang sein
check-last_name-control = Der Nachname darf keine Steuerzeichen enthalten
check-password-missing = Geben Sie ein Passwort ein
check-password-too-short = Das Passwort muss mindestens { $password-min } Zeichen lang sein
check-password-too-long = Das Passwort darf höchstens { $password-max } Zeichen lang sein
check-confirm_password-missing = Bestätigen Sie Ihr Passwort
check-confirm_password-mismatch = Die Passwörter stimmen nicht überein
check-password-log-in-missing = Geben Sie Ihr Passwort ein
check-password-log-in-incorrect = E-Mail-Adresse oder Passwort ist falsch
check-current_password-missing = Geben Sie Ihr aktuelles Passwort ein
check-current_password-confirm = Geben Sie Ihr Passwort ein
check-code-app = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein
check-code-second-factor = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein
check-consent-missing = Stimmen Sie der Datenschutzerklärung und den Nutzungsbedingungen zu
check-security_code-unticked = Setzen Sie das Häkchen bei „Sicherheitscode“ und schließen Sie die Prüfung ab
check-security_code-not-loaded = Die Sicherheitsprüfung wurde nicht geladen. Laden Sie die Seite neu und versuchen Sie es noch einmal
check-security_code-incomplete = Schließen Sie die Sicherheitsprüfung ab
check-security_code-wrong-answer = Die Antwort auf die Sicherheitsfrage ist nicht richtig

## Errors, as every form shows them

errors-summary-title = Es gibt ein Problem
errors-error-prefix = Fehler:
errors-go-to-csm = Mit dieser Adresse im { portal-csm-name } anmelden
errors-go-to-csp = Mit dieser Adresse im { portal-csp-name } anmelden
errors-go-to-administration = Zur Anmeldung der Administration
errors-send-new-link = Neuen Bestätigungslink senden
errors-log-in = Melden Sie sich an
errors-or = oder
errors-reset-password = setzen Sie Ihr Passwort zurück
errors-log-in-to-csm = Im { portal-csm-name } anmelden
errors-log-in-to-csp = Im { portal-csp-name } anmelden

## What the browser says while it works

island-sending = Wird gesendet …
island-unreachable = Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.
island-unreadable = Das Formular konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es noch einmal.
island-captcha-checking = Wird geprüft …
island-captcha-done = Erledigt
island-captcha-failed = Die Prüfung ist fehlgeschlagen. Laden Sie die Seite neu und versuchen Sie es noch einmal.

## The Security Code

captcha-label = Sicherheitscode
captcha-question = Wie viel ist { $a } plus { $b }?
captcha-hint = Setzen Sie das Häkchen, um zu zeigen, dass Sie kein Roboter sind.
captcha-answer-hint = Geben Sie das Ergebnis in Ziffern ein, zum Beispiel 7.
captcha-number-words = null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig
island-link-gone = Dieser Link funktioniert nicht mehr. Laden Sie die Seite neu, um den Grund zu sehen.
password-common = Dies ist eines der häufigsten Passwörter, die Angreifer als Erstes ausprobieren. Wählen Sie ein anderes.
# Was die Stärkeschätzung an einem neuen Passwort fand (server/src/password_rules.rs).
password-weak = Dieses Passwort ist leicht zu erraten. Fügen Sie ein oder zwei Wörter hinzu: Einige Wörter, die Sie sich merken können, ergeben ein starkes Passwort.
password-weak-like-common = Dies ist ein häufiges Passwort mit wenigen Änderungen, das Angreifer früh ausprobieren. Wählen Sie stattdessen einige Wörter, die Sie sich merken können.
password-weak-personal = Ihr Name und Ihre E-Mail-Adresse sind leicht zu erraten. Wählen Sie ein Passwort, das sie nicht enthält.
password-weak-keyboard = Tastenreihen und Tastaturmuster wie qwertz sind leicht zu erraten. Wählen Sie stattdessen einige Wörter, die Sie sich merken können.
password-weak-repeats = Wiederholte Zeichen und Wörter wie aaa oder abcabc sind leicht zu erraten. Fügen Sie ein oder zwei Wörter hinzu.
password-weak-sequence = Folgen wie abc oder 6543 sind leicht zu erraten. Fügen Sie ein oder zwei Wörter hinzu.
password-weak-date = Jahreszahlen und Daten sind leicht zu erraten, vor allem solche, die Ihnen etwas bedeuten. Fügen Sie stattdessen ein oder zwei Wörter hinzu.
password-weak-word = Ein einzelnes Wort ist leicht zu erraten. Fügen Sie ein oder zwei Wörter hinzu.
password-weak-names = Namen sind leicht zu erraten. Fügen Sie ein oder zwei Wörter hinzu, die keine Namen sind.
password-weak-capitals = Großbuchstaben machen ein Passwort kaum schwerer zu erraten. Fügen Sie ein oder zwei Wörter hinzu.
password-weak-reversed = Ein rückwärts geschriebenes Wort ist kaum schwerer zu erraten. Fügen Sie ein oder zwei Wörter hinzu.
password-weak-substitutions = Vorhersehbare Ersetzungen wie @ für a machen ein Passwort kaum schwerer zu erraten. Fügen Sie ein oder zwei Wörter hinzu.

# Die Kontoseiten (app/src/pages/account/) und die Meldungen des Passkey-Skripts.

## Register (/register and /register/sent)

register-title = Registrieren
register-heading = Registrierung für das { $portal }
register-lead-csp = Legen Sie Ihr Kundenprofil an. Bereits registriert?{" "}
register-lead-csm = Beantragen Sie Zugang zum Konto Ihres Unternehmens. Bereits registriert?{" "}
register-lead-log-in = Anmelden
register-lead-after = .
# Followed by a link named after the other portal.
register-other-portal-csp = Sie registrieren sich für Ihr Unternehmen? Nutzen Sie stattdessen das{" "}
register-other-portal-csm = Sie kaufen privat ein? Nutzen Sie stattdessen das{" "}
register-other-portal-after = .
register-first-name = Vorname
register-last-name = Nachname
register-email = E-Mail-Adresse
register-business-email = Geschäftliche E-Mail-Adresse
register-registration-code = Registrierungscode (optional)
register-registration-code-hint = Diesen Code erhalten Sie vom Kundenadministrator Ihres Unternehmens
register-password = Passwort
register-password-hint = Mindestens { $password-min } Zeichen. Ein paar Wörter, die Sie sich gut merken können, ergeben ein sicheres Passwort.
register-confirm-password = Passwort bestätigen
# The consent box: before, a link to the privacy policy, between, a link to the terms, after.
register-consent-before = Ich stimme der{" "}
register-consent-privacy-policy = Datenschutzerklärung
register-consent-between = {" "}und den{" "}
register-consent-terms = Nutzungsbedingungen
register-consent-after = {" "}zu
register-submit = Registrieren
register-sent-title = Prüfen Sie Ihr E-Mail-Postfach
register-sent-lead = Wir haben Ihnen einen Bestätigungslink gesendet.
# Around the email address, shown in bold.
register-sent-lead-to-before = Wir haben einen Bestätigungslink an{" "}
register-sent-lead-to-after = {" "}gesendet.
register-sent-open-link = Öffnen Sie den Link in dieser E-Mail, um Ihre Adresse zu bestätigen. Der Link ist 24 Stunden lang gültig.
register-sent-then-csp = Danach können Sie sich anmelden.
register-sent-then-csm = Danach wird Ihre Anfrage geprüft, und wir teilen Ihnen die Entscheidung per E-Mail mit.
register-sent-then-company = Danach prüfen die Kundenadministratoren Ihres Unternehmens Ihre Anfrage, und wir teilen Ihnen deren Entscheidung per E-Mail mit.
register-sent-then-staff = Sie haben keinen Registrierungscode angegeben. Daher ordnen unsere Mitarbeiter Ihre Anfrage zuerst dem Firmenkonto Ihres Unternehmens zu; danach wird entschieden, und wir teilen Ihnen die Entscheidung per E-Mail mit.
register-sent-no-email = Wenn die E-Mail nicht ankommt
register-sent-wait = Das kann ein paar Minuten dauern. Sehen Sie auch in Ihrem Spam- oder Junk-Ordner nach.
register-sent-check-address = Prüfen Sie die Adresse oben. Ist sie falsch, registrieren Sie sich erneut mit der richtigen.
register-sent-still-nothing = Immer noch nichts, oder ist der Link abgelaufen?{" "}
register-sent-new-link = Neuen Link anfordern
register-sent-still-nothing-after = .

## Log in (/log-in)

log-in-title = Anmelden
log-in-heading = Beim { $portal } anmelden
log-in-email = E-Mail-Adresse
log-in-password = Passwort
log-in-submit = Anmelden
log-in-passkey = Mit Passkey anmelden
log-in-forgot-password = Passwort vergessen?
# Followed by a link to register.
log-in-new-here = Neu hier?{" "}
log-in-register = Registrieren
log-in-new-here-after = .
# Shown on the log-in page an app sent the person to; followed by a link to the other portal's log-in.
log-in-other-portal-for-app = Melden Sie sich für Ihr Unternehmen bei dieser App an? Melden Sie sich stattdessen im{" "}
log-in-other-portal-for-app-after = {" "}an.

## Mit Portico bei einer App anmelden (/oidc/authorize, /oidc/consent)

oidc-error-title = Diese Anmeldung kann nicht fortgesetzt werden
oidc-error-malformed = Die App hat eine Anfrage gesendet, die Portico nicht lesen kann.
oidc-error-unknown-app = Die App, die Sie hierher geschickt hat, ist bei Portico nicht registriert.
oidc-error-redirect-uri = Die App wollte Sie an eine Adresse schicken, die sie bei Portico nicht registriert hat. Zu Ihrer Sicherheit wurden Sie nicht dorthin geschickt.
oidc-error-expired = Diese Anmeldung ist abgelaufen oder wurde bereits abgeschlossen.
oidc-error-what-now = Kehren Sie zur App zurück und melden Sie sich erneut an. Wenn es wieder geschieht, wenden Sie sich an den Betreiber der App.
oidc-continue-title = Zurück zur App
oidc-continue-link = Weiter zur App
oidc-consent-title = Bei { $app } anmelden
oidc-consent-receives = { $app } möchte Folgendes erhalten:
oidc-consent-receives-identity = wer Sie sind (eine Kennung nur für diese App)
oidc-consent-receives-email = Ihre E-Mail-Adresse
oidc-consent-receives-profile = Ihren Namen und Ihre Sprache
oidc-consent-receives-portico = Ihr Portal und bei Geschäftskunden Ihr Unternehmen und Ihre Rolle
oidc-consent-receives-offline = Sie angemeldet zu halten, während Sie nicht da sind
oidc-consent-allow = Zulassen
oidc-consent-cancel = Abbrechen

## The second step of logging in (/log-in/second-factor)

second-factor-title = Bestätigen Sie Ihre Anmeldung
second-factor-expired-title = Melden Sie sich erneut an
second-factor-expired-lead = Ihre Anmeldung ist abgelaufen oder wurde in einem anderen Tab abgeschlossen.
second-factor-log-in = Anmelden
second-factor-hint-app-or-code = Der 6-stellige Code, den Ihre Authenticator-App für Portico anzeigt, oder einer Ihrer Wiederherstellungscodes.
second-factor-hint-app = Der 6-stellige Code, den Ihre Authenticator-App für Portico anzeigt.
second-factor-hint-code = Einer der Wiederherstellungscodes, die Sie beim Hinzufügen Ihres Passkeys gespeichert haben.
second-factor-lead = Ihr Passwort war richtig. Ihr Konto ist mit einem zweiten Faktor geschützt: Geben Sie ihn an, um die Anmeldung abzuschließen.
second-factor-passkey = Passkey verwenden
second-factor-passkey-needs-javascript = Passkeys benötigen JavaScript. Verwenden Sie stattdessen einen Code.
second-factor-code = Code
second-factor-submit = Anmelden
second-factor-start-again = Von vorn beginnen

## Verify an email address (/verify and /verified)

verify-title = Bestätigen Sie Ihre E-Mail-Adresse
verify-lead = Klicken Sie auf die Schaltfläche, um zu bestätigen, dass dies Ihre E-Mail-Adresse ist.
verify-button = E-Mail-Adresse bestätigen
verify-log-in = Anmelden
verify-register = Registrieren
verify-used-title = Dieser Link wurde bereits verwendet
verify-used-lead = Jeder Bestätigungslink funktioniert nur einmal. Wenn Sie ihn selbst verwendet haben, ist Ihre Adresse bestätigt.
verify-expired-title = Dieser Link ist abgelaufen
verify-expired-lead = Bestätigungslinks sind 24 Stunden lang gültig, und ein neuerer Link ersetzt alle älteren.
verify-new-link = Neuen Bestätigungslink anfordern
verify-unknown-title = Dieser Link ist uns nicht bekannt
verify-unknown-lead = Prüfen Sie, ob Sie den vollständigen Link aus der E-Mail geöffnet haben. Manche E-Mail-Programme trennen lange Links.
verify-failed-title = Ihre Adresse konnte nicht bestätigt werden
verify-done-title = Ihre E-Mail-Adresse ist bestätigt
verify-done-ready = Ihr Konto ist bereit.
verify-passkey-offer-title = Beim nächsten Mal schneller anmelden
verify-passkey-offer = Mit einem Passkey melden Sie sich per Fingerabdruck, Gesichtserkennung oder PIN Ihres Geräts an statt mit Ihrem Passwort – und niemand kann ihn per Phishing abgreifen.
verify-passkey-offer-button = Anmelden und Passkey hinzufügen
verify-done-pending-review = Ihre Anfrage wurde eingereicht und wird nun von den Kundenadministratoren Ihres Unternehmens geprüft. Sie erhalten eine E-Mail, sobald diese entschieden haben.
verify-done-pending-staff = Ihre Anfrage wurde eingereicht. Sie haben keinen Registrierungscode angegeben, daher ordnen unsere Mitarbeiter sie zuerst dem Firmenkonto Ihres Unternehmens zu. Sie erhalten eine E-Mail, sobald über Ihre Anfrage entschieden ist.

## Where a registration stands, after a log-in before approval or after a rejection (pages/account/status.rs)

status-title = Ihre Registrierung
status-none = Melden Sie sich an, um zu sehen, wie es um Ihre Registrierung steht.
status-log-in = Anmelden
status-waiting-title = Ihre Registrierung wartet auf Freigabe
status-waiting-company = Ihre Anfrage, { $company } beizutreten, liegt bei dessen Kundenadministratoren: Sie geben sie frei oder lehnen sie ab.
status-waiting-company-next = Sie müssen nichts weiter tun. Wir schreiben Ihnen, sobald entschieden ist; nach der Freigabe melden Sie sich hier mit Ihrer E-Mail-Adresse und Ihrem Passwort an. Dauert es lange, fragen Sie einen Kundenadministrator von { $company }.
status-waiting-staff = Sie haben sich ohne Registrierungscode registriert. Daher ordnen unsere Mitarbeiter bei Portico Ihre Anfrage zuerst dem Firmenkonto Ihres Unternehmens zu.
status-waiting-staff-next = Sie müssen nichts weiter tun. Wir schreiben Ihnen, sobald über Ihre Anfrage entschieden ist; nach der Freigabe melden Sie sich hier mit Ihrer E-Mail-Adresse und Ihrem Passwort an. Die Kundenadministratoren Ihres Unternehmens können Sie auch einladen.
status-thanks = Vielen Dank für Ihre Geduld, { $name }.
status-next-title = Wie es weitergeht
status-rejected-title = Ihre Registrierung wurde nicht freigegeben
status-rejected-by-company = { $company } hat Ihre Anfrage auf Zugang nicht freigegeben. Mit diesem Konto können Sie sich daher nicht anmelden.
status-rejected-by-staff = Unsere Mitarbeiter bei Portico haben Ihre Anfrage nicht freigegeben. Mit diesem Konto können Sie sich daher nicht anmelden.
status-rejected-reason = Angegebener Grund: { $reason }
status-rejected-no-reason = Es wurde kein Grund angegeben.
status-rejected-what-now = Was Sie tun können
status-rejected-contact-company = Wenn Sie das für einen Irrtum halten, wenden Sie sich an { $company }: Dessen Kundenadministratoren haben entschieden, und nur sie können das ändern.
status-rejected-contact-us = Wenn Sie das für einen Irrtum halten, antworten Sie auf die E-Mail, die Ihnen die Entscheidung mitgeteilt hat.
status-rejected-register-again = Sie können sich mit einer anderen E-Mail-Adresse erneut registrieren, mit dem Registrierungscode, den Ihnen die Kundenadministratoren Ihres Unternehmens geben.
status-rejected-register-link = Erneut registrieren
status-rejected-same-address = Mit dieser E-Mail-Adresse ist keine erneute Registrierung möglich.

## Ask for an emailed link (/reset and /resend)

ask-link-reset-title = Passwort zurücksetzen
ask-link-reset-lead = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort festlegen können.
ask-link-reset-button = Link senden
ask-link-verification-title = Neuen Bestätigungslink anfordern
ask-link-verification-lead = Geben Sie die Adresse ein, mit der Sie sich registriert haben. Wir senden Ihnen einen neuen Link; zuvor gesendete Links funktionieren dann nicht mehr.
ask-link-verification-button = Neuen Link senden
ask-link-email = E-Mail-Adresse
ask-link-back-to-log-in = Zurück zur Anmeldung

## Choose a new password (/reset/new)

new-password-title = Neues Passwort festlegen
new-password-saved = Ihr Passwort wurde gespeichert
new-password-password = Neues Passwort
new-password-password-hint = Mindestens { $password-min } Zeichen. Ein paar Wörter, die Sie sich gut merken können, ergeben ein sicheres Passwort.
new-password-confirm-password = Neues Passwort bestätigen
new-password-submit = Neues Passwort speichern
new-password-used-title = Dieser Link wurde bereits verwendet
new-password-used-lead = Jeder Link zum Zurücksetzen funktioniert nur einmal.
new-password-expired-title = Dieser Link ist abgelaufen
new-password-expired-lead = Links zum Zurücksetzen sind eine Stunde lang gültig, und eine neuere Anfrage ersetzt ältere Links.
new-password-unchecked-title = Der Link konnte nicht geprüft werden
new-password-unchecked-lead = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.
new-password-unknown-title = Dieser Link ist uns nicht bekannt
new-password-unknown-lead = Prüfen Sie, ob Sie den vollständigen Link aus der E-Mail geöffnet haben.
new-password-new-link = Neuen Link anfordern

## Confirm it's you (/confirm)

confirm-title = Bestätigen Sie Ihre Identität
confirm-lead = Geben Sie Ihr Passwort ein, um fortzufahren. Vor Änderungen, durch die Sie sich aus Ihrem Konto aussperren könnten, fragen wir erneut nach.
confirm-password = Passwort
confirm-submit = Bestätigen
confirm-forgot-password = Passwort vergessen?
# Beside an administrator's changes that ask for a recent proof: “… ([confirm it's you]).”
confirm-hint-before = Zu Ihrer Sicherheit fragen wir bei manchen Änderungen hier erneut nach Ihrem Passwort (
confirm-hint-link = Identität bestätigen
confirm-hint-after = ).
confirm-step-title = Bitte bestätigen Sie
confirm-step-cancel = Abbrechen

## Confirm a new email address (/email-change and /email-changed)

email-change-title = Bestätigen Sie Ihre neue E-Mail-Adresse
email-change-lead = Klicken Sie auf die Schaltfläche, um diese Adresse ab sofort für Ihr Konto zu verwenden.
email-change-button = Diese Adresse verwenden
email-change-used-title = Dieser Link wurde bereits verwendet
email-change-used-lead = Wenn Sie ihn selbst verwendet haben, ist Ihre Adresse geändert.
email-change-expired-title = Dieser Link ist abgelaufen
email-change-expired-lead = Beantragen Sie die Änderung auf Ihrer Profilseite erneut.
email-change-taken-title = Diese Adresse gehört inzwischen zu einem anderen Konto
email-change-taken-lead = Wählen Sie auf Ihrer Profilseite eine andere Adresse.
email-change-unchecked-title = Der Link konnte nicht geprüft werden
email-change-unchecked-lead = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.
email-change-unknown-title = Dieser Link ist uns nicht bekannt
email-change-unknown-lead = Prüfen Sie, ob Sie den vollständigen Link aus der E-Mail geöffnet haben.
email-change-profile = Ihr Profil
email-change-done-title = Ihre E-Mail-Adresse wurde geändert
email-change-done-lead = Melden Sie sich ab sofort mit Ihrer neuen Adresse an.
email-change-log-in = Anmelden

## Profile (/profile)

profile-title = Ihr Profil
profile-email = E-Mail-Adresse
profile-company = Unternehmen
profile-registered = Registriert
profile-last-log-in = Letzte Anmeldung
profile-never = Nie
profile-name-title = Ihr Name
profile-first-name = Vorname
profile-last-name = Nachname
profile-name-submit = Name speichern
profile-password-title = Passwort ändern
profile-current-password = Aktuelles Passwort
profile-new-password = Neues Passwort
profile-new-password-hint = Mindestens { $password-min } Zeichen. Ihre anderen Sitzungen werden abgemeldet.
profile-confirm-new-password = Neues Passwort bestätigen
profile-password-submit = Passwort ändern
profile-email-title = E-Mail-Adresse ändern
profile-email-pending = Die Änderung auf { $email } wartet noch darauf, dass der Bestätigungslink geöffnet wird.
profile-new-email = Neue E-Mail-Adresse
profile-new-email-hint = Wir senden einen Link an die neue Adresse; die Änderung wird wirksam, sobald Sie ihn öffnen. Ihre anderen Sitzungen werden abgemeldet.
profile-email-submit = Bestätigungslink senden
# Followed by the button "Confirm it's you".
profile-email-confirm-first = Bestätigen Sie zu Ihrer Sicherheit Ihre Identität, bevor Sie Ihre E-Mail-Adresse ändern.
profile-confirm = Identität bestätigen
profile-data-title = Ihre Daten
# Followed by the download button.
profile-data-lead = Alles, was wir über Sie gespeichert haben (Ihre Angaben, Einwilligungen, Anmeldungen, Anfragen und die E-Mails, die wir Ihnen gesendet haben), als JSON-Datei.
profile-data-download = Meine Daten herunterladen
profile-data-confirm-first = Bestätigen Sie zu Ihrer Sicherheit Ihre Identität, bevor Sie Ihre Daten herunterladen.
profile-security-title = Passkeys und zweite Faktoren
profile-security-lead = Fügen Sie einen Passkey hinzu, richten Sie eine Authenticator-App ein oder erstellen Sie neue Wiederherstellungscodes.
profile-security-link = Sicherheit
profile-sessions-title = Sitzungen
profile-sessions-browser = Browser
profile-sessions-started = Begonnen
profile-sessions-last-seen = Zuletzt aktiv
# After the browser of the session the list is looked at in.
profile-sessions-this-session = (diese Sitzung)
profile-sessions-end-others = Alle anderen Sitzungen abmelden
profile-apps-title = Verbundene Apps
profile-apps-lead = Apps, bei denen Sie sich mit diesem Konto angemeldet haben. Wenn Sie eine trennen, werden Sie dort abgemeldet; sie fragt beim nächsten Mal erneut.
profile-apps-none = Sie haben sich mit diesem Konto noch bei keiner App angemeldet.
profile-apps-name = App
profile-apps-since = Zuletzt angemeldet
profile-apps-disconnect-column = Trennen
profile-apps-disconnect = Trennen
profile-apps-disconnect-label = { $name } trennen
profile-delete-title = Konto löschen
profile-delete-lead = Wir löschen Ihr Konto und alles, was wir über Sie gespeichert haben, 7 Tage nach Ihrem Antrag; bis dahin können Sie die Löschung durch eine Anmeldung abbrechen.
profile-delete-link = Mein Konto löschen

## Security (/security, /security/app and /security/recovery-codes)

security-title = Sicherheit
security-codes-ready = Neue Wiederherstellungscodes sind bereit.
security-lead = So melden Sie sich an: mit Ihrem Passwort und einem zweiten Faktor, der Ihr Konto schützt, falls Ihr Passwort jemals erraten oder gestohlen wird.
security-required = Ihr Konto muss einen zweiten Faktor haben: Den letzten können Sie nicht entfernen.
# Followed by the button "Confirm it's you".
security-confirm-first = Bestätigen Sie zu Ihrer Sicherheit Ihre Identität, bevor Sie ändern, wie Sie sich anmelden.
security-confirm-title = Bestätigen Sie Ihre Identität
security-confirm = Identität bestätigen
security-passkeys-title = Passkeys
security-passkeys-lead = Mit einem Passkey melden Sie sich per Fingerabdruck, Gesichtserkennung oder PIN Ihres Geräts an statt mit Ihrem Passwort. Niemand kann ihn per Phishing abgreifen.
security-passkeys-none = Sie haben noch keine Passkeys.
security-passkeys-name = Name
security-passkeys-added = Hinzugefügt
security-passkeys-last-used = Zuletzt verwendet
security-passkeys-actions = Aktionen
security-passkeys-never = Nie
security-passkeys-remove = Entfernen
security-passkeys-remove-question = Den Passkey „{ $name }“ entfernen? Sie können sich dann nicht mehr damit anmelden.
security-passkeys-remove-confirm = Ja, „{ $name }“ entfernen
# The remove button's label for screen readers; $name is the passkey's name.
security-passkeys-remove-label = { $name } entfernen
security-passkeys-not-here = Passkeys funktionieren nur, wenn diese Website über ihren Domainnamen aufgerufen wird. Wenden Sie sich an Ihre IT-Administration.
security-app-title = Authenticator-App
# $since: the moment the app was turned on.
security-app-on = Aktiv seit { $since }. Nach Ihrem Passwort fragen wir nach dem Code, den Ihre App anzeigt.
security-app-off-password = Ihr Passwort oder ein Code aus der App
security-app-off = Authenticator-App ausschalten
security-app-off-status = Aus. Eine App wie Google Authenticator, Microsoft Authenticator oder 1Password zeigt alle 30 Sekunden einen neuen Code an.
security-app-set-up = Authenticator-App einrichten
security-codes-title = Wiederherstellungscodes
security-codes-left = Noch { $count } von 10 übrig. Mit jedem Code können Sie sich einmal anmelden, falls Sie Ihr Telefon oder Ihren Passkey verlieren.
security-codes-new = Neue Wiederherstellungscodes erstellen
security-codes-new-hint = Ihre bisherigen Codes funktionieren dann nicht mehr.
security-codes-none = Sie erhalten 10 Wiederherstellungscodes, sobald Sie Ihren ersten Passkey oder eine Authenticator-App hinzufügen.
security-app-setup-title = Authenticator-App einrichten
security-app-setup-required = Ihr Konto muss einen zweiten Faktor haben. Richten Sie einen ein, um die Anmeldung abzuschließen.
security-app-setup-scan = Scannen Sie diesen QR-Code mit Ihrer Authenticator-App.
security-app-setup-qr-label = QR-Code für Ihre Authenticator-App
security-app-setup-key = Oder geben Sie, falls Sie ihn nicht scannen können, diesen Schlüssel in der App ein:
security-app-setup-code-step = Geben Sie den 6-stelligen Code ein, den die App gerade anzeigt.
security-app-setup-code = Code aus der App
security-app-setup-submit = Einschalten
security-app-setup-passkey-instead = Oder verwenden Sie stattdessen einen Passkey
security-back = Zurück zu den Sicherheitseinstellungen
security-codes-page-title = Ihre Wiederherstellungscodes
security-codes-shown-already = Sie haben noch { $count } Wiederherstellungscodes. Sie wurden nur einmal angezeigt, als sie erstellt wurden; falls Sie sie verloren haben, erstellen Sie auf Ihrer Sicherheitsseite neue.
security-codes-save-title = Speichern Sie Ihre Wiederherstellungscodes
security-codes-save-lead = Falls Sie Ihr Telefon oder Ihren Passkey verlieren, können Sie sich mit jedem dieser Codes einmal anmelden. Bewahren Sie sie an einem sicheren Ort auf, etwa in einem Passwort-Manager: Wir zeigen sie nur jetzt an.
security-codes-saved = Ich habe sie gespeichert, weiter

## Passkeys: the texts /passkeys.js shows (the pages hand them over as data-msg-*), and adding one

passkeys-not-supported = Dieser Browser kann keine Passkeys verwenden. Nutzen Sie stattdessen Ihr Passwort oder einen Code.
passkeys-failed = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.
passkeys-cancelled = Es wurde kein Passkey verwendet. Versuchen Sie es erneut, oder wählen Sie einen anderen Weg.
passkeys-already-on-device = Auf diesem Gerät gibt es bereits einen Passkey für Ihr Konto.
passkeys-name = Name des Passkeys
passkeys-name-hint = Damit Sie Ihre Passkeys auseinanderhalten können, zum Beispiel „Arbeitslaptop“.
passkeys-add = Passkey hinzufügen
passkeys-add-needs-javascript = Zum Hinzufügen eines Passkeys wird JavaScript benötigt.

## Delete the account (/delete-account)

delete-account-title = Konto löschen
delete-account-scheduled = Ihr Konto wird gelöscht
delete-account-back-to-profile = Zurück zu Ihrem Profil
# $date: the day the account is deleted, as the server writes it.
delete-account-lead = Wenn Sie fortfahren, löschen wir Ihr Konto am { $date }: Ihre Angaben, Ihre Einwilligungen, Ihre Anmeldungen und Sitzungen, Ihre zweiten Faktoren und die E-Mails, die wir Ihnen gesendet haben.
delete-account-consequences = Sie werden sofort überall abgemeldet. Bis zu diesem Datum können Sie es sich anders überlegen: Melden Sie sich einfach wieder an, und die Löschung wird abgebrochen. Danach kann Ihre E-Mail-Adresse erneut registriert werden.
# Around a link to the profile's data download.
delete-account-copy-before = Möchten Sie vorher eine Kopie? In Ihrem Profil können Sie{" "}
delete-account-copy-link = Ihre Daten herunterladen
delete-account-copy-after = .
delete-account-password = Ihr Passwort
delete-account-submit = Mein Konto löschen

## New terms to accept at log-in (/accept-terms)

accept-terms-title = Neue Fassungen
accept-terms-logged-out = Sie sind abgemeldet
accept-terms-log-in = Anmelden
accept-terms-heading = Unsere Datenschutzerklärung oder unsere Nutzungsbedingungen haben sich geändert
accept-terms-lead = Bevor Sie fortfahren, lesen Sie bitte die neuen Fassungen und stimmen Sie ihnen zu:
# After a document's title in the list of changed documents.
accept-terms-version = , Fassung vom { $version }
accept-terms-consent = Ich stimme den neuen Fassungen zu
accept-terms-accept = Zustimmen und fortfahren
accept-terms-decline = Ablehnen und abmelden
accept-terms-nothing-title = Keine Zustimmung erforderlich
accept-terms-nothing-lead = Ihre Anmeldung ist abgelaufen, oder Sie haben bereits zugestimmt. Melden Sie sich an, um fortzufahren.

## Log out (/log-out)

log-out-title = Abmelden
log-out-submit = Abmelden

## RP-initiated logout: an app sends the person here to log out (/oidc/logout)

oidc-logout-confirm-title = Von Portico abmelden?
oidc-logout-confirm-lead = Eine App bittet Sie, sich von Portico abzumelden. Sie werden dann auch von den Apps abgemeldet, bei denen Sie sich mit Portico angemeldet haben.
oidc-logout-confirm-app = { $app } bittet Sie, sich von Portico abzumelden. Sie werden dann auch von den Apps abgemeldet, bei denen Sie sich mit Portico angemeldet haben.
oidc-logout-submit = Abmelden
oidc-logout-done-title = Abgemeldet
oidc-logout-done-lead = Sie sind abgemeldet.
oidc-logout-done-home = Zu Portico
oidc-logout-refused-title = Dieser Abmeldewunsch kann nicht ausgeführt werden
oidc-logout-refused-hint = Die App hat ein Anmelde-Token gesendet, das Portico nicht ausgestellt hat oder das verändert wurde.
oidc-logout-refused-client = Die in der Anfrage genannte App ist nicht registriert oder passt nicht zu ihrem Anmelde-Token.
oidc-logout-refused-redirect = Die App möchte Sie zu einer Adresse zurückschicken, die sie nicht registriert hat.

## Administration: layout, search box and pager (pages/admin/mod.rs)

admin-search = Suchen
admin-pager-label = Seiten
admin-pager-previous = Vorherige Seite
admin-pager-page = Seite { $number }
admin-pager-next = Nächste Seite
# The browser tab's title: the page's own title, then the administration's name.
admin-page-title = { $page } · Portico-Administration
admin-skip-link = Zum Hauptinhalt springen
admin-brand = Portico-Administration
admin-nav-label = Administration
admin-nav-accounts = Firmenkonten
admin-nav-pending = Offene Registrierungen
admin-nav-people = Personen
admin-nav-webhooks = Webhooks
admin-nav-apps = Apps
admin-nav-outbox = Postausgang
admin-nav-audit = Audit-Protokoll
admin-nav-security = Ihre Sicherheit
admin-nav-customer-portal = Kundenportal
admin-log-out = Abmelden

## The administration's log-in (/admin/log-in)

admin-log-in-title = Anmelden
admin-log-in-heading = Bei der Administration anmelden
admin-log-in-lead = Für die Administratoren von Portico. Kunden und Privatkunden melden sich in ihrem Portal an.

## Administration: one company account (pages/admin/account.rs)

admin-account-page-title = Firmenkonto
admin-account-missing = Dieses Firmenkonto gibt es nicht
admin-account-all = Alle Firmenkonten
admin-account-code-title = Registrierungscode
admin-account-code-hint = Geben Sie diesen Code an den Kundenadministrator des Unternehmens weiter. Sobald Sie einen neuen Code erzeugen, ist der alte ungültig.
admin-account-code-regenerate = Neuen Code erzeugen
admin-account-details = Angaben
admin-account-save = Änderungen speichern
admin-account-contacts = Kontakte
admin-account-awaiting-title = Warten auf Freigabe durch das Unternehmen
admin-account-none-waiting = Es warten keine Anfragen.
# $requested: when they asked, already written out (“24 Nov 2026”).
admin-account-request = { $name } ({ $email }), angefragt am { $requested }
admin-account-company-name = Firmenname
admin-account-email-domains = E-Mail-Domains
admin-account-email-domains-hint = Die Domains der E-Mail-Adressen des Unternehmens, z. B. example.com, durch Kommas getrennt
admin-account-auto-approve = Kontakte automatisch freigeben, wenn ihre E-Mail-Adresse zu einer dieser Domains gehört
admin-account-require-two-factor = Zwei-Faktor-Authentifizierung für die Kontakte dieses Unternehmens vorschreiben
admin-account-copy = Kopieren
# The copy button's text once the code is on the clipboard.
admin-account-copied = Kopiert

## Administration: company accounts (pages/admin/accounts.rs)

admin-accounts-page-title = Firmenkonten
admin-accounts-title = Firmenkonten
# “Registrations without a code wait in [Pending registrations].”
admin-accounts-lead-before = Registrierungen ohne Code warten unter
admin-accounts-lead-link = Offene Registrierungen
admin-accounts-lead-after = .
admin-accounts-search = Unternehmen nach Name oder Code suchen
admin-accounts-no-match = Kein Unternehmen gefunden.
admin-accounts-company = Unternehmen
admin-accounts-code = Registrierungscode
admin-accounts-domains = E-Mail-Domains
admin-accounts-contacts = Kontakte
admin-accounts-awaiting = Warten auf Freigabe
# After the email domains, in brackets.
admin-accounts-auto-approved = (automatische Freigabe)
admin-accounts-two-factor = Zwei-Faktor-Pflicht
admin-accounts-create-title = Firmenkonto anlegen
admin-accounts-create = Firmenkonto anlegen

## Administration: audit log (pages/admin/audit.rs)

admin-audit-page-title = Audit-Protokoll
admin-audit-title = Audit-Protokoll
admin-audit-person = Person (Teil des Namens oder der E-Mail-Adresse)
admin-audit-company = Unternehmen
admin-audit-action = Aktion
admin-audit-any = Alle
admin-audit-from = Von
admin-audit-to = Bis
admin-audit-filter = Filtern
admin-audit-newer = Neuere
admin-audit-older = Ältere
admin-audit-empty = Keine Einträge vorhanden.
admin-audit-when = Zeitpunkt
admin-audit-who = Wer
admin-audit-what = Aktion
admin-audit-about = Betrifft
admin-audit-detail = Details
# The actions the audit log records, as the filter and the entries name them.
admin-audit-action-registered = Registriert
admin-audit-action-verified = E-Mail-Adresse bestätigt
admin-audit-action-approved-automatically = Automatisch freigegeben
admin-audit-action-approved = Freigegeben
admin-audit-action-rejected = Abgelehnt
admin-audit-action-reopened = Wieder geöffnet
admin-audit-action-assigned-account = Firmenkonto zugewiesen
admin-audit-action-login-disabled = Anmeldung gesperrt
admin-audit-action-login-enabled = Anmeldung entsperrt
admin-audit-action-made-customer-admin = Zum Kundenadministrator ernannt
admin-audit-action-removed-customer-admin = Kundenadministrator-Rolle entzogen
admin-audit-action-account-created = Firmenkonto angelegt
admin-audit-action-account-changed = Firmenkonto geändert
admin-audit-action-code-regenerated = Registrierungscode neu erzeugt
admin-audit-action-admin-created = Administrator angelegt
admin-audit-action-password-reset-requested = Zurücksetzen des Passworts angefordert
admin-audit-action-password-reset = Passwort zurückgesetzt
admin-audit-action-password-changed = Passwort geändert
admin-audit-action-verification-resent = Bestätigungslink erneut gesendet
admin-audit-action-email-change-requested = Änderung der E-Mail-Adresse angefordert
admin-audit-action-email-changed = E-Mail-Adresse geändert
admin-audit-action-name-changed = Name geändert
admin-audit-action-other-sessions-ended = Andere Sitzungen beendet
admin-audit-action-recovery-code-used = Wiederherstellungscode verwendet
admin-audit-action-second-step-locked = zweiter Schritt nach falschen Codes gesperrt
admin-audit-action-authenticator-added = Authenticator-App hinzugefügt
admin-audit-action-authenticator-removed = Authenticator-App entfernt
admin-audit-action-recovery-codes-regenerated = Wiederherstellungscodes neu erzeugt
admin-audit-action-passkey-added = Passkey hinzugefügt
admin-audit-action-passkey-removed = Passkey entfernt
admin-audit-action-two-factor-rule-changed = Zwei-Faktor-Regel geändert
admin-audit-action-second-factors-reset = Zwei-Faktor-Methoden zurückgesetzt
admin-audit-action-contact-invited = Kontakt eingeladen
admin-audit-action-invitation-resent = Einladung erneut gesendet
admin-audit-action-invitation-revoked = Einladung widerrufen
admin-audit-action-invitation-accepted = Einladung angenommen
admin-audit-action-deletion-scheduled = Löschung geplant
admin-audit-action-deletion-cancelled = Löschung abgebrochen
admin-audit-action-account-deleted = Benutzerkonto gelöscht
admin-audit-action-terms-accepted = Neuen Fassungen zugestimmt
admin-audit-action-webhook-added = Webhook hinzugefügt
admin-audit-action-webhook-removed = Webhook entfernt
admin-audit-action-app-registered = App registriert
admin-audit-action-app-changed = App geändert
admin-audit-action-app-secret-regenerated = App-Secret erneuert
admin-audit-action-app-removed = App entfernt
admin-audit-action-app-disconnected = App getrennt
admin-audit-action-identity-linked = Identität verknüpft
admin-audit-action-identity-unlinked = Identität getrennt
admin-audit-action-sign-in-provider-set = Anmeldedienst des Unternehmens festgelegt
admin-audit-action-sign-in-provider-switched = Anmeldedienst des Unternehmens ein- oder ausgeschaltet
admin-audit-action-sign-in-provider-removed = Anmeldedienst des Unternehmens entfernt
admin-audit-action-social-provider-added = Anmeldedienst für Privatkunden hinzugefügt
admin-audit-action-social-provider-removed = Anmeldedienst für Privatkunden entfernt

## Administration: outbox and deliveries (pages/admin/outbox.rs)

admin-outbox-page-title = Postausgang
admin-outbox-title = Postausgang
admin-outbox-lead = E-Mails und Webhook-Aufrufe, die noch nicht zugestellt wurden. Fehlgeschlagene Zustellungen können Sie hier sofort wiederholen.
admin-outbox-empty = Alles wurde zugestellt.
admin-outbox-earlier = Frühere
admin-outbox-later = Spätere
# Shown when the dev mailbox is on: emails are delivered there, never sent.
admin-outbox-dev-mailbox = Im Entwickler-Postfach zugestellte E-Mails (nicht versandt): { $count }.
admin-outbox-dev-mailbox-open = Entwickler-Postfach öffnen
admin-deliveries-empty = Noch keine.
admin-deliveries-kind = Art
admin-deliveries-to = Empfänger
admin-deliveries-what = Inhalt
admin-deliveries-state = Status
admin-deliveries-attempts = Versuche
admin-deliveries-last-error = Letzter Fehler
admin-deliveries-created = Erstellt
admin-deliveries-retry = Wiederholen
admin-deliveries-email = E-Mail
admin-deliveries-webhook = Webhook
# The button's label for screen readers: $what is the subject or event, $to the address or URL.
admin-deliveries-retry-label = Jetzt erneut versuchen: { $what } an { $to }
admin-deliveries-retry-now = Jetzt erneut versuchen

## Administration: pending registrations (pages/admin/pending.rs)

admin-pending-page-title = Offene Registrierungen
admin-pending-title = Offene Registrierungen
admin-pending-lead = Registrierungen von Geschäftskunden ohne Registrierungscode. Jede muss einem Unternehmen zugeordnet werden.
admin-pending-search = Name oder E-Mail-Adresse
admin-pending-empty = Keine offenen Registrierungen.
# $date: already written out (“24 Nov 2026”).
admin-pending-requested = angefragt am { $date }
admin-pending-company = Unternehmen
admin-pending-company-placeholder = Firmenname oder Registrierungscode
admin-pending-choose = Unternehmen auswählen
admin-pending-reason = Ablehnungsgrund (optional)
admin-pending-assign = An die Kundenadministratoren des Unternehmens weiterleiten
admin-pending-approve = Für das Unternehmen freigeben
admin-pending-reject = Ablehnen
admin-pending-reject-question = Die Registrierung von { $name } ({ $email }) ablehnen? Wir teilen der Person die Entscheidung per E-Mail mit. Sie können sie später wieder öffnen: Suchen Sie dazu auf dieser Seite nach der Adresse.
admin-pending-reject-confirm = Ja, { $email } ablehnen
admin-pending-reopen = Wieder öffnen
admin-pending-reopen-label = Registrierung von { $email } wieder öffnen

## Administration: people (pages/admin/people.rs)

admin-people-page-title = Personen
admin-people-title = Personen
admin-people-search = E-Mail-Adresse oder Name
# “… may ask for your password again ([confirm it's you]).”
admin-people-hint-before = Wer sein Telefon oder seine Passkeys verloren hat, kann hier seine Zwei-Faktor-Methoden entfernen lassen. Prüfen Sie vorher, mit wem Sie sprechen: Rufen Sie unter einer Nummer zurück, die Ihnen bereits vorliegt – niemals unter einer, die man Ihnen jetzt nennt. Zum Entfernen und zum Löschen eines Kontos werden Sie eventuell erneut nach Ihrem Passwort gefragt (
admin-people-hint-link = Identität bestätigen
admin-people-hint-after = ).
admin-people-empty = Keine Person gefunden.
admin-people-name = Name
admin-people-email = E-Mail
admin-people-who = Typ
admin-people-status = Status
admin-people-second-factors = Zwei-Faktor-Methoden
admin-people-delete-column = Löschen
admin-people-identity-checked = Ich habe geprüft, dass ich mit { $name } spreche
admin-people-reset-label = Zwei-Faktor-Methoden zurücksetzen: { $email }
admin-people-reset = Zwei-Faktor-Methoden zurücksetzen
admin-people-reset-question = Alle Zwei-Faktor-Methoden von { $name } ({ $email }) entfernen: Authenticator-App, Passkeys und Wiederherstellungscodes? Die Person meldet sich dann nur mit ihrem Passwort an, bis sie wieder eine Methode einrichtet.
admin-people-reset-confirm = Ja, Zwei-Faktor-Methoden von { $email } zurücksetzen
admin-people-reason = Grund (wird im Audit-Protokoll gespeichert)
admin-people-delete-label = Konto jetzt löschen: { $email }
admin-people-delete = Konto jetzt löschen
admin-people-delete-question = Das Konto von { $name } ({ $email }) jetzt löschen? Die Person wird abgemeldet, und alles, was Portico über sie speichert, wird sofort gelöscht. Das lässt sich nicht rückgängig machen.
admin-people-delete-confirm = Ja, { $email } löschen

## Administration: one person (pages/admin/person.rs)

admin-person-page-title = Person
admin-person-all = Alle Personen
admin-person-missing = Diese Person gibt es nicht
admin-person-email = E-Mail-Adresse
admin-person-who = Typ
admin-person-status = Status
admin-person-registered = Registriert
admin-person-verified = Bestätigt
admin-person-not-yet = Noch nicht
admin-person-last-log-in = Letzte Anmeldung
admin-person-never = Nie
admin-person-second-factors = Zwei-Faktor-Methoden
admin-person-deletion = Löschung
# $date: already written out.
admin-person-deletion-due = Geplant für { $date }
admin-person-disable = Anmeldung sperren
admin-person-disable-question = Die Anmeldung von { $name } ({ $email }) sperren? Die Person wird überall abgemeldet und kann sich erst wieder anmelden, wenn die Anmeldung entsperrt wird.
admin-person-disable-confirm = Ja, Anmeldung von { $email } sperren
admin-person-enable = Anmeldung entsperren
admin-person-sessions = Sitzungen
admin-person-no-sessions = Keine Sitzungen.
admin-person-browser = Browser
admin-person-started = Begonnen
admin-person-last-seen = Zuletzt aktiv
admin-person-history = Verlauf
admin-person-history-link = Alle Einträge im Audit-Protokoll zu dieser Person

## Administration: webhooks (pages/admin/webhooks.rs)

admin-webhooks-page-title = Webhooks
admin-webhooks-title = Webhooks
admin-webhooks-lead = So erfahren andere Systeme, wer hinzugekommen ist: Jedes Ereignis wird als JSON gesendet, im Header X-Portico-Signature signiert (t=<Zeit>,v1=<HMAC-SHA256 von „<Zeit>.<Body>“ mit dem Secret>) und mit wachsenden Abständen erneut gesendet, bis es angenommen wird.
admin-webhooks-empty = Noch keine Webhooks.
admin-webhooks-address = Adresse
admin-webhooks-events = Ereignisse
admin-webhooks-delivered = Zugestellt
admin-webhooks-waiting = Ausstehend
admin-webhooks-failed = Fehlgeschlagen
admin-webhooks-remove-column = Entfernen
admin-webhooks-remove-label = Webhook an { $url } entfernen
admin-webhooks-remove = Entfernen
admin-webhooks-remove-question = Den Webhook an { $url } entfernen? Es werden keine Ereignisse mehr dorthin gesendet.
admin-webhooks-remove-confirm = Ja, Webhook entfernen
admin-webhooks-add-title = Webhook hinzufügen
admin-webhooks-url = Adresse (URL)
admin-webhooks-secret = Secret
admin-webhooks-secret-hint = Mindestens 24 Zeichen. Auch der Empfänger kennt das Secret und prüft damit jede Signatur.
admin-webhooks-events-legend = Ereignisse
admin-webhooks-add = Webhook hinzufügen
admin-webhooks-latest = Letzte Zustellungen
admin-apps-page-title = Apps
admin-apps-title = Apps
admin-apps-lead = Apps, bei denen sich Personen mit Portico anmelden (OpenID Connect). Jede erhält eine Client-ID, eine vertrauliche App zusätzlich ein Secret, das nur einmal angezeigt wird.
admin-apps-empty = Noch keine Apps.
admin-apps-name = Name
admin-apps-client-id = Client-ID
admin-apps-client-secret = Client-Secret
admin-apps-portal = Wessen Personen sich anmelden dürfen
admin-apps-portal-csp = Verbraucherportal
admin-apps-portal-csm = Kundenportal
admin-apps-portal-both = Beide Portale
admin-apps-type = Art
admin-apps-confidential = vertraulich
admin-apps-public = öffentlich
admin-apps-first-party = eigene
admin-apps-third-party = fremde
admin-apps-confidential-choice = Vertraulich: läuft auf einem Server und bewahrt ein Secret auf
admin-apps-public-choice = Öffentlich: läuft im Browser oder auf einem Telefon, ohne Secret (PKCE)
admin-apps-first-party-choice = Eigene App: Personen werden nicht gefragt, ob sie ihre Angaben teilen möchten
admin-apps-description = Beschreibung
admin-apps-description-hint = Erscheint unter dem Namen der App auf der Startseite des Portals.
admin-apps-redirect-uris = Redirect-URIs
admin-apps-post-logout-uris = Redirect-URIs nach dem Abmelden
admin-apps-uris-hint = Eine pro Zeile, genau so, wie die App sie sendet: https (http nur für localhost), kein Fragment, kein Platzhalter.
admin-apps-backchannel-uri = Back-Channel-Logout-URI
admin-apps-backchannel-uri-hint = Optional. Portico sendet dorthin ein Logout-Token, wenn sich die Person abmeldet.
admin-apps-start-uri = Startadresse
admin-apps-start-uri-hint = Optional. Wo die App eine Anmeldung beginnt; die Startseite des Portals verlinkt dorthin.
admin-apps-add-title = App registrieren
admin-apps-add = App registrieren
admin-apps-issued-title = Die Zugangsdaten der App
admin-apps-copy-now = Kopieren Sie das Secret jetzt: Es wird nur dieses eine Mal angezeigt. Portico speichert nur einen Fingerabdruck davon.
admin-app-page-title = App
admin-app-missing = Diese App gibt es nicht
admin-app-all = Alle Apps
admin-app-created = Registriert
admin-app-edit-title = App ändern
admin-app-save = App speichern
admin-app-secret-title = Secret
admin-app-secret-lead = Ein neues Secret ersetzt das alte sofort: Die App kann niemanden anmelden, bis sie das neue hat.
admin-app-secret = Neues Secret
admin-app-secret-question = { $name } ein neues Secret geben? Das bisherige funktioniert sofort nicht mehr.
admin-app-secret-confirm = Ja, neues Secret
admin-app-delete-title = App entfernen
admin-app-delete-lead = Alles, was die App erhalten hat, endet: Personen werden dort abgemeldet und erneut gefragt.
admin-app-delete = Entfernen
admin-app-delete-question = { $name } entfernen? Niemand kann sich dort noch mit Portico anmelden, und ihre Tokens funktionieren nicht mehr.
admin-app-delete-confirm = Ja, { $name } entfernen

## Business portal: registration requests (pages/csm/approvals.rs)

csm-approvals-page-title = Freigaben
csm-approvals-title = Registrierungsanfragen
csm-approvals-lead = Personen, die Zugang für { $company } angefragt haben.
csm-approvals-waiting-none = Derzeit wartet nichts auf Sie.
csm-approvals-waiting-one = Eine Anfrage wartet auf Ihre Entscheidung.
csm-approvals-waiting-many = { $count } Anfragen warten auf Ihre Entscheidung.
# $date: already written out (“24 Nov 2026”).
csm-approvals-requested = angefragt am { $date }
csm-approvals-reason = Grund: { $reason }
csm-approvals-reason-label = Ablehnungsgrund (optional)
csm-approvals-approve = { $name } freigeben
csm-approvals-reject = { $name } ablehnen
csm-approvals-reject-question = Die Registrierung von { $name } ({ $email }) ablehnen? Wir teilen der Person die Entscheidung per E-Mail mit. Sie können sie später auf dieser Seite wieder öffnen.
csm-approvals-reject-confirm = Ja, { $email } ablehnen
csm-approvals-reopen = Wieder öffnen
csm-approvals-reopen-label = Registrierung von { $email } wieder öffnen

## Business portal: contacts (pages/csm/contacts.rs)

csm-contacts-page-title = Kontakte
csm-contacts-title = Kontakte
csm-contacts-lead = Alle, die für { $company } mit uns zusammenarbeiten.
csm-two-factor-title = Zwei-Faktor-Anmeldung
csm-two-factor-require = Zwei-Faktor-Authentifizierung für die Kontakte dieses Unternehmens vorschreiben
csm-two-factor-hint = Kontakte melden sich dann mit ihrem Passwort und einer Authenticator-App oder einem Passkey an. Wer noch keins davon hat, richtet es bei der nächsten Anmeldung ein.
csm-two-factor-save = Speichern
csm-contacts-empty = Noch keine Kontakte.
csm-contacts-name = Name
csm-contacts-email = E-Mail
csm-contacts-status = Status
csm-contacts-last-log-in = Letzte Anmeldung
csm-contacts-change = Aktionen
# After the name of the person looking at the list, in brackets.
csm-contacts-you = (Sie)
csm-contacts-active = Aktiv
csm-contacts-login-disabled = Anmeldung gesperrt
csm-contacts-customer-admin = Kundenadministrator
csm-contacts-never = Nie
csm-contacts-disable-question = Die Anmeldung von { $name } ({ $email }) sperren? Die Person wird abgemeldet und kann sich erst wieder anmelden, wenn die Anmeldung entsperrt wird.
csm-contacts-disable-confirm = Ja, Anmeldung von { $email } sperren
csm-contacts-remove-admin-question = { $name } ({ $email }) die Rolle als Kundenadministrator entziehen? Die Person kann dann keine Registrierungen mehr freigeben und keine Kontakte mehr verwalten.
csm-contacts-remove-admin-confirm = Ja, Rolle von { $email } entziehen

## Business portal: home for visitors (pages/csm/home.rs)

csm-home-page-title = Startseite
csm-home-lead = Für die Ansprechpartner unserer Geschäftskunden: die Bestellungen, Vorgänge und Verträge Ihres Unternehmens an einem Ort.
csm-home-register = Registrieren
csm-home-log-in = Anmelden
csm-home-how-title = So funktioniert die Registrierung für Geschäftskunden
csm-home-step-register = Registrieren Sie sich mit Ihrer geschäftlichen E-Mail-Adresse und, falls vorhanden, dem Registrierungscode Ihres Unternehmens.
csm-home-step-verify = Bestätigen Sie Ihre E-Mail-Adresse über den Link, den wir Ihnen senden.
csm-home-step-approve = Der Kundenadministrator Ihres Unternehmens gibt Ihre Anfrage frei. Über die Entscheidung informieren wir Sie per E-Mail.
# “Buying for yourself? Consumers use the [Consumer Service Portal].”
csm-home-consumers-before = Sie kaufen privat ein? Dann nutzen Sie das
csm-home-consumers-after = .

## Business portal: accepting an invitation (pages/csm/invitation.rs)

csm-invitation-page-title = Einladung annehmen
csm-invitation-gone-error = Diese Einladung ist nicht mehr gültig. Laden Sie die Seite neu, um den Grund zu erfahren.
csm-invitation-title = Willkommen bei { $company }
# $name: the invited person's first name.
csm-invitation-lead = Hallo { $name }, wählen Sie ein Passwort für { $email } – danach sind Sie sofort angemeldet.
csm-invitation-password = Passwort
csm-invitation-password-hint = Mindestens { $password-min } Zeichen. Ein paar Wörter, die Sie sich gut merken können, ergeben ein starkes Passwort.
csm-invitation-confirm-password = Passwort wiederholen
# “I agree to the [Privacy Policy] and the [Terms and Conditions]”: the links are the documents' titles.
csm-invitation-consent-before = Ich stimme der
csm-invitation-consent-and = und den
# Nothing in English; a leading space needs {" "}.
csm-invitation-consent-after = {" "}zu
csm-invitation-submit = Annehmen und anmelden
csm-invitation-accepted-title = Diese Einladung wurde bereits angenommen
csm-invitation-accepted-lead = Melden Sie sich mit dem Passwort an, das Sie gewählt haben.
csm-invitation-expired-title = Diese Einladung ist abgelaufen
csm-invitation-expired-lead = Einladungen sind 7 Tage gültig. Bitten Sie die Person, die Sie eingeladen hat, Ihnen eine neue zu senden.
csm-invitation-failed-title = Die Einladung konnte nicht geprüft werden
csm-invitation-failed-lead = Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.
csm-invitation-gone-title = Diese Einladung ist nicht mehr gültig
csm-invitation-gone-lead = Sie wurde zurückgezogen oder durch eine neuere E-Mail ersetzt: Verwenden Sie den Link aus der neuesten E-Mail oder wenden Sie sich an die Person, die Sie eingeladen hat.
csm-invitation-log-in = Anmelden

## Pages only some people may see (components/guarded.rs)

guarded-log-in-title = Melden Sie sich an, um diese Seite zu sehen
guarded-log-in-lead = Diese Seite ist nur für Personen mit einem Konto bei uns.
guarded-log-in = Anmelden
guarded-denied-title = Sie haben keinen Zugriff auf diese Seite
guarded-denied-lead = Sie ist den Personen vorbehalten, die dieses Konto verwalten. Wenn Sie Zugriff haben sollten, wenden Sie sich an den Kundenadministrator Ihres Unternehmens.
guarded-failed-title = Diese Seite konnte nicht angezeigt werden

## A portal's home for someone signed in (components/home.rs)

home-is-administrator = Sie sind Administrator von Portico.
home-is-customer-admin = Sie sind Kundenadministrator für { $company }.
home-is-contact = Sie sind als Kontakt für { $company } registriert.
# $portal: the portal's name.
home-own-account = Ihr persönliches Konto im { $portal }.
home-for-consumer = Mit diesem einen Konto melden Sie sich künftig bei unseren Apps und Diensten an. Bis der erste davon angebunden ist, pflegen Sie hier Ihre Angaben und sichern Ihre Anmeldung.
home-for-contact = Mit diesem Konto melden Sie sich künftig für Ihr Unternehmen bei unseren Apps und Diensten für Geschäftskunden an. Bis der erste davon angebunden ist, pflegen Sie hier Ihre Angaben und sichern Ihre Anmeldung.
home-for-customer-admin = Mit diesem Konto melden Sie sich künftig bei unseren Apps und Diensten für Geschäftskunden an, und Sie entscheiden, wer aus Ihrem Unternehmen das ebenfalls darf.
home-for-administrator = Mit diesem Konto betreuen Sie die Unternehmen der Geschäftskunden und die Personen in beiden Portalen.
home-ask-title = Ihre Ansprechpartner bei { $company }
home-ask-lead = Die Kundenadministratoren Ihres Unternehmens geben Kollegen Zugang, verwalten Anmeldungen und helfen, wenn Sie nicht weiterkommen:
home-security-has = Ihre Passkeys, Ihre Authenticator-App und Ihre Wiederherstellungscodes.
home-security-add = Fügen Sie einen Passkey oder eine Authenticator-App hinzu, damit ein gestohlenes Passwort allein nicht für eine Anmeldung reicht.
home-welcome = Willkommen, { $name }
home-company = Unternehmen
home-role = Rolle
home-role-administrator = Administrator
home-role-customer-admin = Kundenadministrator
home-role-consumer = Privatkunde
home-role-contact = Kontakt
home-waiting-none = Keine Registrierungsanfrage wartet auf Ihre Entscheidung.
home-waiting-one = 1 Registrierungsanfrage wartet auf Ihre Entscheidung.
home-waiting-many = { $count } Registrierungsanfragen warten auf Ihre Entscheidung.
home-apps-title = Ihre Apps
home-next-title = Was Sie hier tun können
# Each next step is “[link]: what it is for”.
home-next-approvals-link = Registrierungsanfragen
home-next-approvals = Personen freigeben oder ablehnen, die Zugang für Ihr Unternehmen angefragt haben.
home-next-contacts-link = Kontakte
home-next-contacts = Anmeldungen sperren, Kundenadministratoren ernennen, Zwei-Faktor-Anmeldung vorschreiben.
home-next-admin-link = Administration
home-next-admin = Firmenkonten, Registrierungen ohne Unternehmen, Personen.
home-next-profile-link = Ihr Profil
home-next-profile = Ihr Name, Ihr Passwort, Ihre E-Mail-Adresse und Ihre Sitzungen.
home-next-security-link = Sicherheit

## Invitations: inviting a contact and the pending invitations (components/invitations.rs)

invitations-title = Kontakt einladen
invitations-first-name = Vorname
invitations-last-name = Nachname
invitations-email = E-Mail-Adresse
invitations-role = Rolle
invitations-role-contact = Kontakt
invitations-role-customer-admin = Kundenadministrator (gibt Registrierungen frei, verwaltet Kontakte)
invitations-send = Einladung senden
invitations-pending-title = Offene Einladungen
invitations-empty = Keine offenen Einladungen.
invitations-name = Name
invitations-email-column = E-Mail
invitations-role-column = Rolle
invitations-sent = Gesendet
invitations-link = Link
invitations-change = Aktionen
invitations-revoke-question = Die Einladung an { $name } ({ $email }) widerrufen? Ihr Link funktioniert dann nicht mehr.
invitations-revoke-confirm = Ja, Einladung an { $email } widerrufen
invitations-customer-admin = Kundenadministrator
invitations-contact = Kontakt
invitations-expired = Abgelaufen
# $date: already written out (“2 Dec 2026”).
invitations-works-until = Gültig bis { $date }

## The start page: which portal is mine? (pages/chooser.rs)

chooser-page-title = Portico · Wählen Sie Ihr Portal
chooser-description = Kundenservice für Geschäfts- und Privatkunden: Wählen Sie Ihr Portal und registrieren oder melden Sie sich dort an.
chooser-title = Willkommen. Was trifft auf Sie zu?
chooser-csm-explain = Für Geschäftskunden: Sie arbeiten für ein Unternehmen, das bei uns einkauft, und der Kundenadministrator Ihres Unternehmens gibt Ihren Zugang frei.
chooser-csp-explain = Für Privatkunden: Sie kaufen für sich selbst ein und können sich in einer Minute selbst registrieren.

## Consumer portal: home for visitors (pages/csp_home.rs)

csp-home-page-title = Startseite
csp-home-lead = Ihr persönliches Kundenprofil: Ihre Bestellungen, Ihre Vorgänge und Ihre Fragen an einem Ort.
csp-home-register = Registrieren
csp-home-log-in = Anmelden
# “Here for your company? Business customers use the [Customer Service Management portal].”
csp-home-business-before = Sie sind für Ihr Unternehmen hier? Dann nutzen Sie das
csp-home-business-after = .

## Page not found (pages/not_found.rs)

not-found-page-title = Seite nicht gefunden · Portico
not-found-title = Seite nicht gefunden
not-found-text = Wenn Sie die Adresse selbst eingegeben haben, prüfen Sie bitte, ob sie stimmt.
not-found-start = Zur Startseite

## The privacy policy and the terms (policies.rs, pages/policy.rs)

policy-privacy-title = Datenschutzerklärung
# When the current version took effect (policies.rs: PRIVACY_POLICY.version).
policy-privacy-published = 1. November 2026
policy-terms-title = Nutzungsbedingungen
# When the current version took effect (policies.rs: TERMS.version).
policy-terms-published = 1. November 2026
policy-version = Version { $version }, gültig seit { $published }
policy-privacy-intro = Diese vorläufige Datenschutzerklärung wird durch die Ihrer Organisation ersetzt. Sie beschreibt, welche Daten wir über Sie speichern und warum:
policy-privacy-name = Ihren Namen und Ihre E-Mail-Adresse, um Ihr Konto zu führen;
policy-privacy-password = einen Einweg-Hash Ihres Passworts, niemals das Passwort selbst;
policy-privacy-consent = wann Sie dieser Datenschutzerklärung und den Nutzungsbedingungen zugestimmt haben und in welcher Version.
policy-privacy-trackers = Wir setzen keine Tracker von Drittanbietern ein, und die Sicherheitsprüfung läuft auf unseren eigenen Servern.
policy-terms-intro = Dieser vorläufige Text wird durch die Nutzungsbedingungen Ihrer Organisation ersetzt.
policy-terms-password = Geben Sie Ihr Passwort nicht weiter.
policy-terms-courteous = Begegnen Sie anderen in der Community mit Respekt.
policy-terms-tell-us = Sagen Sie uns Bescheid, wenn Ihnen etwas nicht richtig vorkommt.

## Business forms (forms/business.rs): decisions, contacts, company accounts

business-page-out-of-date = Diese Seite ist nicht mehr aktuell. Laden Sie sie neu und versuchen Sie es noch einmal.
business-choose-approve-or-reject = Wählen Sie „Freigeben“ oder „Ablehnen“
business-contact-disable-login = Anmeldung sperren
business-contact-enable-login = Anmeldung entsperren
business-contact-make-admin = Zum Kundenadministrator ernennen
business-contact-remove-admin = Rolle als Kundenadministrator entziehen
business-choose-change = Wählen Sie, was geändert werden soll
business-auto-approve-needs-domain = Fügen Sie mindestens eine E-Mail-Domain hinzu, um Kontakte automatisch freizugeben
business-choose-company = Wählen Sie ein Unternehmen
business-choose-assign-approve-or-reject = Wählen Sie „Zuweisen“, „Freigeben“ oder „Ablehnen“
# { $max }: the longest reason, in characters.
business-reason-too-long = Die Begründung darf höchstens { $max } Zeichen lang sein
business-reason-control = Die Begründung darf keine Steuerzeichen enthalten
business-company-name-missing = Geben Sie den Firmennamen ein
# { $max }: the longest company name, in characters.
business-company-name-too-long = Der Firmenname darf höchstens { $max } Zeichen lang sein
business-company-name-control = Der Firmenname darf keine Steuerzeichen enthalten
# { $domain }: what the administrator typed.
business-domain-invalid = { $domain } ist keine E-Mail-Domain. Geben Sie Domains wie example.com ein, durch Kommas getrennt
# { $max }: how many domains a company can have.
business-domains-too-many = Geben Sie höchstens { $max } Domains ein

## Invitation forms (forms/invitations.rs)

invitation-form-choose-role = Wählen Sie die Rolle des Kontakts
invitation-form-resend = Erneut senden
invitation-form-revoke = Widerrufen
invitation-form-choose-resend-or-revoke = Wählen Sie „Erneut senden“ oder „Widerrufen“
invitation-form-consent-missing = Stimmen Sie der Datenschutzerklärung und den Nutzungsbedingungen zu

## Leaving forms (forms/leaving.rs): deleting an account, answering new terms

leaving-password-missing = Geben Sie Ihr Passwort ein
leaving-reason-missing = Geben Sie an, warum das Konto gelöscht wird (das Audit-Log hält es fest)
# { $max }: the longest reason, in characters.
leaving-reason-too-long = Die Begründung darf höchstens { $max } Zeichen lang sein
leaving-terms-consent-missing = Setzen Sie das Häkchen, um zuzustimmen, oder lehnen Sie ab und melden Sie sich ab

## Two-factor forms (forms/two_factor.rs)

two-factor-form-password-or-code-missing = Geben Sie Ihr Passwort oder einen Code aus Ihrer Authenticator-App ein
two-factor-form-passkey-name-missing = Geben Sie dem Passkey einen Namen, etwa „Arbeitslaptop“
# { $max }: the longest passkey name, in characters.
two-factor-form-passkey-name-too-long = Der Name eines Passkeys darf höchstens { $max } Zeichen lang sein
two-factor-form-passkey-name-control = Der Name eines Passkeys darf keine Steuerzeichen enthalten

## Webhook forms (forms/webhooks.rs)

webhook-form-url-missing = Geben Sie die Adresse des Endpunkts ein
webhook-form-url-invalid = Geben Sie eine Adresse ein, die mit https:// (oder http://) beginnt
# { $min }: the shortest secret, in characters.
webhook-form-secret-too-short = Das Secret muss mindestens { $min } Zeichen lang sein, denn der Empfänger prüft damit die Signaturen
# { $max }: the longest secret, in characters.
webhook-form-secret-too-long = Das Secret darf höchstens { $max } Zeichen lang sein
webhook-form-events-missing = Wählen Sie mindestens ein Ereignis
app-form-name-missing = Geben Sie den Namen der App ein
app-form-name-too-long = Der Name darf höchstens { $max } Zeichen lang sein
app-form-description-too-long = Die Beschreibung darf höchstens { $max } Zeichen lang sein
app-form-redirect-uris-missing = Geben Sie mindestens eine Redirect-URI ein
app-form-too-many-uris = Geben Sie höchstens { $max } Adressen ein
app-form-portal-invalid = Wählen Sie, wessen Personen sich anmelden dürfen
app-form-client-type-invalid = Wählen Sie vertraulich oder öffentlich
app-uri-invalid = { $uri } ist keine Adresse: keine Leerzeichen, höchstens 2.000 Zeichen
app-uri-wildcard = { $uri } enthält ein *: Portico vergleicht Adressen genau, geben Sie jede einzeln ein
app-uri-fragment = { $uri } enthält ein Fragment (#…), das eine Redirect-URI nicht haben darf
app-uri-not-absolute = { $uri } ist keine vollständige Adresse: Beginnen Sie sie mit https://
app-uri-not-https = { $uri } muss mit https:// beginnen (http:// nur für localhost, 127.0.0.1 oder [::1])
app-uri-userinfo = { $uri } enthält einen Benutzernamen oder ein Passwort vor dem Host: Lassen Sie ihn weg
app-uri-not-canonical = Schreiben Sie { $uri } so, wie Browser sie senden: { $canonical }

## Registration codes (forms/registration_code.rs)

registration-code-incorrect = Ungültiger Registrierungscode

## Plain form posts (submission.rs)

submission-form-unreadable = Das Formular konnte nicht gelesen werden. Bitte füllen Sie es erneut aus.

## Pages (pages/mod.rs): a server function failed; also shown by the island

page-something-went-wrong = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.

## Server functions (api/)

api-server-not-set-up = Der Server ist nicht dafür eingerichtet, diese Anfrage zu beantworten.
api-session-unreadable = Ihre Sitzung konnte nicht gelesen werden. Laden Sie die Seite neu.
api-identity-check-first = Prüfen Sie zuerst, wer die Person ist (rufen Sie sie unter einer Nummer zurück, die Ihnen bereits vorliegt), und setzen Sie dann das Häkchen
api-choose-disable-or-enable = Wählen Sie „Sperren“ oder „Entsperren“
# A registration request's status, as a tag beside it.
api-request-status-awaiting-account = Wartet auf Zuordnung zu einem Unternehmen
api-request-status-pending = Offen
api-request-status-approved = Freigegeben
api-request-status-rejected = Abgelehnt

# Server: the services' messages (service-…), the HTTP layer's plain answers (http-…)
# and the dev mailbox page (mailbox-…).

## Shared by several services

service-common-session-ended = Ihre Sitzung wurde beendet. Melden Sie sich erneut an.
service-common-administrators-only = Nur Administratoren können das tun.
service-common-customer-administrators-only = Nur die Kundenadministratoren Ihres Unternehmens können das tun.
# How long to wait before trying again ("Try again in 2 minutes").
service-limits-wait-seconds = { $seconds } Sekunden
service-limits-wait-one-second = 1 Sekunde
service-limits-wait-minutes = { $minutes } Minuten
service-limits-wait-one-minute = 1 Minute
service-limits-wait-hours = { $hours } Stunden

## Rows of the management pages

# After a request's status: "Approved by Ada Lovelace on 4 Dec 2026, 21:45 UTC".
service-views-decided-by = von { $name } am { $date }
service-views-decided-automatically = automatisch am { $date }

## Company accounts (administration)

service-accounts-created = { $name } wurde angelegt. Der Registrierungscode lautet { $code }.
service-accounts-saved = { $name } wurde gespeichert.
service-accounts-new-code = { $name } hat einen neuen Registrierungscode: { $code }. Der bisherige Code gilt nicht mehr.
service-accounts-no-such-account = Dieses Konto gibt es nicht.

## Registration requests: decisions

service-approval-no-company-named = Es gibt kein Unternehmen mit dem Namen oder Registrierungscode „{ $typed }“
service-approval-several-companies = Mehrere Unternehmen tragen diesen Namen: Geben Sie stattdessen den Registrierungscode ein
service-approval-approved = Die Anfrage von { $name } wurde freigegeben. Wir haben { $email } die Entscheidung per E-Mail mitgeteilt.
service-approval-rejected = Die Anfrage von { $name } wurde abgelehnt. Wir haben { $email } die Entscheidung per E-Mail mitgeteilt.
service-approval-no-customer-admin = { $company } hat keinen Kundenadministrator, der entscheiden könnte. Geben Sie die Anfrage stattdessen direkt für dieses Unternehmen frei.
service-approval-sent-to-company = Die Anfrage von { $name } wurde an die Kundenadministratoren von { $company } weitergeleitet.
service-approval-no-such-request = Diese Anfrage gibt es nicht. Laden Sie die Seite neu, um die aktuelle Liste zu sehen.
service-approval-no-such-company = Dieses Unternehmen gibt es nicht
service-approval-already-approved = Die Anfrage von { $name } wurde bereits freigegeben. Laden Sie die Seite neu, um die aktuelle Liste zu sehen.
service-approval-already-rejected = Die Anfrage von { $name } wurde bereits abgelehnt. Laden Sie die Seite neu, um die aktuelle Liste zu sehen.
service-approval-reopened = Die Registrierung von { $name } ({ $email }) ist wieder geöffnet und wartet erneut auf eine Entscheidung.
service-approval-not-rejected = Die Anfrage von { $name } ist nicht (mehr) abgelehnt. Laden Sie die Seite neu, um die aktuelle Liste zu sehen.
service-approval-changed-meanwhile = Die Anfrage von { $name } hat sich geändert, während Sie entschieden haben. Laden Sie die Seite neu, um die aktuelle Liste zu sehen.
service-approval-not-waiting = Die Anfrage von { $name } wartet nicht auf diese Entscheidung. Laden Sie die Seite neu, um die aktuelle Liste zu sehen.

## A company's contacts (customer administrators)

service-company-no-such-contact = Diesen Kontakt gibt es nicht.
service-company-own-login = Sie können Ihre eigene Anmeldung nicht sperren.
service-company-login-not-active = Die Anmeldung von { $name } ist nicht aktiv.
service-company-login-disabled = Die Anmeldung von { $name } ist gesperrt.
service-company-login-not-disabled = Die Anmeldung von { $name } ist nicht gesperrt.
service-company-login-enabled = Die Anmeldung von { $name } ist wieder freigegeben.
service-company-admin-already = { $name } ist bereits Kundenadministrator.
service-company-enable-first = Geben Sie zuerst die Anmeldung von { $name } wieder frei.
service-company-admin-made = { $name } ist jetzt Kundenadministrator.
service-company-not-admin = { $name } ist kein Kundenadministrator.
service-company-admin-removed = { $name } ist kein Kundenadministrator mehr.
service-company-last-admin = { $name } ist der letzte Kundenadministrator des Unternehmens. Machen Sie zuerst einen anderen Kontakt zum Kundenadministrator.

## Deleting accounts

service-deletion-administrator = Das Konto eines Administrators wird von einem anderen Administrator gelöscht.
service-deletion-last-admin = Sie sind der letzte Kundenadministrator von { $company }. Machen Sie zuerst einen anderen Kontakt zum Kundenadministrator (auf der Seite „Kontakte“); danach können Sie Ihr Konto löschen.
service-deletion-scheduled = Ihr Konto wird am { $date } gelöscht. Sie sind abgemeldet. Wenn Sie es sich anders überlegen, melden Sie sich vorher an: Damit wird die Löschung abgebrochen. Wir haben Ihnen dazu eine E-Mail geschickt.
service-deletion-own-account = Ihr eigenes Konto können Sie hier nicht löschen: Bitten Sie einen anderen Administrator darum.
service-deletion-no-such-person = Diese Person gibt es nicht (bereits gelöscht?).
service-deletion-deleted = Das Konto von { $name } und alle dazu gespeicherten Daten wurden gelöscht.

## Invitations

service-invitations-no-such-company = Dieses Unternehmen gibt es nicht.
service-invitations-has-account = Für { $email } gibt es bereits ein Konto, daher ist keine Einladung möglich. Wenn sich die Person für { $company } registriert hat, geben Sie ihre Anfrage frei; andernfalls kann sie sich mit ihrem bestehenden Konto anmelden.
service-invitations-invited-already = { $email } ist bereits eingeladen: Senden Sie die Einladung unten erneut oder ziehen Sie sie zurück.
service-invitations-invited = { $name } ({ $email }) wurde eingeladen. Der Link in der E-Mail ist 7 Tage lang gültig.
service-invitations-no-such-invitation = Diese Einladung gibt es nicht.
service-invitations-changed-meanwhile = Diese Einladung wurde inzwischen angenommen oder zurückgezogen.
service-invitations-resent = { $name } hat eine neue Einladung erhalten; der frühere Link gilt nicht mehr.
service-invitations-revoked = Die Einladung an { $name } wurde zurückgezogen.
service-invitations-resent-lately = { $name } hat diese Einladung vor Kurzem erhalten. Sie können sie in { $wait } erneut senden.
service-invitations-daily-limit = Für { $company } wurden in den letzten 24 Stunden { $limit } Einladungen versandt, mehr sind an einem Tag nicht möglich. Sie können in { $wait } eine weitere senden.
service-invitations-accepted-has-account = Für { $email } gibt es bereits ein Konto. Melden Sie sich stattdessen damit an.

## Logging in

service-log-in-incorrect = E-Mail-Adresse oder Passwort ist falsch
service-log-in-other-portal = Ihr Konto gehört zum { $portal }. Melden Sie sich dort mit derselben E-Mail-Adresse und demselben Passwort an.
service-log-in-use-administration = Dies ist ein Administratorkonto: Administratoren melden sich bei der Administration an. Ihre E-Mail-Adresse ist dort schon eingetragen.
service-log-in-not-administrator = Hier melden sich nur die Administratoren von Portico an. Melden Sie sich stattdessen in Ihrem Portal an.
service-log-in-unverified = Bestätigen Sie Ihre E-Mail-Adresse, bevor Sie sich anmelden: Öffnen Sie den Link in der E-Mail, die wir an { $email } geschickt haben.
service-log-in-disabled-by-company = Ihr Unternehmen hat Ihre Anmeldung gesperrt. Wenden Sie sich an den Kundenadministrator Ihres Unternehmens.
service-log-in-disabled = Ihr Konto ist gesperrt. Wenden Sie sich an uns, wenn Sie das für einen Irrtum halten.
service-log-in-too-many = Zu viele fehlgeschlagene Anmeldeversuche. Warten Sie { $wait } und versuchen Sie es dann erneut, oder setzen Sie Ihr Passwort zurück.
service-sso-provider-off = Diese Anmeldung ist nicht verfügbar. Melden Sie sich auf anderem Weg an oder wenden Sie sich an uns.
service-sso-email-unverified = Ihr Anbieter hat Ihre E-Mail-Adresse nicht bestätigt, daher kann er Sie hier nicht anmelden. Bestätigen Sie die Adresse bei Ihrem Anbieter oder melden Sie sich auf anderem Weg an.
service-sso-outside-domains = Ihre E-Mail-Adresse gehört hier nicht zu den Adressen Ihres Unternehmens, daher kann die Anmeldung Ihres Unternehmens dafür nicht verwendet werden.
service-sso-address-elsewhere = Ihre E-Mail-Adresse gehört hier zu einem anderen Konto (eines Privatkunden oder eines anderen Unternehmens), daher kann diese Anmeldung dafür nicht verwendet werden. Melden Sie sich stattdessen mit diesem Konto an.
service-sso-cannot-sign-in = Ihr Konto kann derzeit nicht verwendet werden. Wenden Sie sich an den Kundenadministrator Ihres Unternehmens oder an uns.
service-sso-nothing-pending = Diese Anmeldung hat zu lange gedauert oder ist bereits abgeschlossen. Bitte beginnen Sie erneut.
service-sso-too-many = Zu viele falsche Passwörter. Warten Sie eine Weile und beginnen Sie dann erneut.
service-sso-link-not-valid = Dieser Link funktioniert nicht (mehr). Melden Sie sich erneut bei Ihrem Anbieter an und fordern Sie einen neuen an.
service-sso-use-company-sign-in = Ihr Unternehmen meldet Sie über seinen eigenen Anbieter an: Verwenden Sie „Mit der Anmeldung Ihres Unternehmens fortfahren“ statt eines Passworts.
service-sso-unlink-last-way-in = Dies ist Ihr letzter Weg, sich anzumelden: Legen Sie ein Passwort fest oder fügen Sie einen Passkey hinzu, bevor Sie ihn entfernen.
service-sso-unlink-not-found = Diese Anmeldung ist nicht mehr verknüpft.

## Webhooks and deliveries (administration)

service-operations-url-unreachable = Diese Adresse ist so, wie sie geschrieben ist, nicht erreichbar
service-operations-url-unknown-host = Unter diesem Namen ist kein Server bekannt: Bitte prüfen Sie die Adresse
service-operations-url-private = Diese Adresse führt in ein privates Netz (Loopback, privat, link-lokal oder die Metadaten-Adresse einer Cloud). Webhooks gehen nur an öffentliche Adressen, es sei denn, der Betreiber erlaubt den Bereich in OUTBOUND_ALLOW_RANGES
service-apps-backchannel-private = Diese Adresse führt in ein privates Netz (Loopback, privat, link-lokal oder die Metadaten-Adresse einer Cloud). Portico sendet Back-Channel-Abmeldungen nur an öffentliche Adressen, es sei denn, der Betreiber erlaubt den Bereich in OUTBOUND_ALLOW_RANGES
service-operations-webhook-added = Webhooks für { $events } gehen jetzt an { $url }.
service-apps-changed = { $name } ist gespeichert.
service-apps-removed = { $name } ist entfernt.
service-apps-no-such-app = Diese App gibt es nicht mehr. Laden Sie die Seite neu.
service-apps-public-has-no-secret = Eine öffentliche App hat kein Secret.
service-apps-not-connected = Sie sind mit dieser App nicht (mehr) verbunden.
service-apps-disconnected = Sie sind von { $name } getrennt.
service-operations-no-such-webhook = Diesen Webhook gibt es nicht (bereits entfernt?).
service-operations-webhook-removed = Der Webhook wurde entfernt.
service-operations-delivered-meanwhile = Dies wurde inzwischen zugestellt oder ist nicht mehr vorhanden.
service-operations-retrying = Die Zustellung wird jetzt erneut versucht.
service-operations-forbidden = Nur Administratoren können das tun.

## Sign-in providers (administration)

sign-in-providers-form-too-long = Höchstens { $max } Zeichen
sign-in-providers-form-issuer-missing = Geben Sie die Issuer-URL des Anmeldedienstes ein
sign-in-providers-form-client-id-missing = Geben Sie die Client-ID ein, die der Anmeldedienst Portico gegeben hat
sign-in-providers-form-secret-missing = Geben Sie das Client-Secret ein, das der Anmeldedienst Portico gegeben hat
sign-in-providers-form-domains-missing = Geben Sie mindestens eine E-Mail-Domain ein, z. B. example.com
sign-in-providers-form-name-missing = Geben Sie den Text der Anmeldeschaltfläche ein
sign-in-providers-form-name-too-long = Höchstens { $max } Zeichen
sign-in-providers-form-preset-invalid = Wählen Sie Google, Microsoft oder einen anderen Anmeldedienst
sign-in-providers-domain-public = { $domain } gehört zu einem öffentlichen E-Mail-Dienst: Dort kann jeder eine Adresse haben, daher kann die Domain nicht zur Anmeldung eines Unternehmens führen
sign-in-providers-domain-taken = { $domain } führt bereits zur Anmeldung von { $company }
sign-in-providers-issuer-not-url = Geben Sie den Issuer als vollständige URL ein, z. B. https://login.example.com, ohne ? oder #
sign-in-providers-issuer-not-https = Der Issuer muss eine https://-URL sein (http:// nur auf diesem Rechner)
sign-in-providers-issuer-unreachable = Portico konnte das Discovery-Dokument des Anmeldedienstes nicht lesen: { $reason }
sign-in-providers-issuer-refused = Von dieser Adresse ruft Portico nichts ab: { $reason }
sign-in-providers-issuer-not-discovery = Das Discovery-Dokument des Anmeldedienstes ist keines für OpenID Connect (kein Autorisierungs-, Token- oder Schlüssel-Endpunkt)
sign-in-providers-issuer-mismatch = Das Discovery-Dokument nennt einen anderen Issuer: { $found }. Geben Sie genau diesen ein
sign-in-providers-no-such-company = Dieses Unternehmen oder sein Anmeldedienst existiert nicht mehr. Laden Sie die Seite neu.
sign-in-providers-no-such-provider = Dieser Anmeldedienst existiert nicht mehr. Laden Sie die Seite neu.
admin-sso-title = Anmeldung über den Anmeldedienst des Unternehmens
admin-sso-lead = Die Mitarbeitenden des Unternehmens melden sich mit ihrem Unternehmenskonto an (OpenID Connect): Portico liest das Discovery-Dokument des Anmeldedienstes, und die E-Mail-Domains unten führen von den Anmelde- und Registrierungsseiten dorthin. Ein neuer Anmeldedienst bleibt ausgeschaltet, bis Sie ihn ausprobiert haben.
admin-sso-redirect-uri = Beim Anmeldedienst einzutragende Redirect-URI:
admin-sso-backchannel-uri = Beim Anmeldedienst einzutragende Back-Channel-Logout-URI:
admin-sso-issuer = Issuer-URL
admin-sso-issuer-hint = Zum Beispiel https://login.example.com/realms/acme. Für Microsoft Entra ID verwenden Sie den Issuer Ihres Mandanten, https://login.microsoftonline.com/MANDANTEN-ID/v2.0: Der common-Endpunkt nennt für jeden Mandanten einen anderen Issuer.
admin-sso-client-id = Client-ID
admin-sso-client-secret = Client-Secret
admin-sso-client-secret-hint = Wird verschlüsselt gespeichert und nie wieder angezeigt.
admin-sso-client-secret-kept = Lassen Sie das Feld leer, um das gespeicherte Secret zu behalten. Es wird nie wieder angezeigt.
admin-sso-domains = E-Mail-Domains
admin-sso-domains-hint = Durch Kommas getrennt, z. B. acme.example, acme.test. Domains öffentlicher E-Mail-Dienste oder des Anmeldedienstes eines anderen Unternehmens werden abgelehnt.
admin-sso-required = Verpflichtend: Die Kontakte des Unternehmens können sich nicht mit einem Portico-Passwort anmelden oder es zurücksetzen
admin-sso-save = Anmeldedienst speichern
admin-sso-state-on = Eingeschaltet.
admin-sso-state-off = Ausgeschaltet: Noch niemand wird dorthin geleitet.
admin-sso-domains-now = Domains: { $domains }
admin-sso-found-title = Was die Discovery gefunden hat
admin-sso-try = Anmeldung ausprobieren
admin-sso-switch-on = Einschalten
admin-sso-switch-off = Ausschalten
admin-sso-remove = Anmeldedienst entfernen
admin-sso-remove-question = Den Anmeldedienst von { $company } entfernen? Die Mitarbeitenden melden sich dann wieder mit einem Portico-Passwort an, und ihre Verknüpfungen mit dem Anmeldedienst werden vergessen.
sign-in-providers-saved = Der Anmeldedienst ist gespeichert.
sign-in-providers-switched-on = Die Anmeldung über den Anmeldedienst von { $company } ist eingeschaltet.
sign-in-providers-switched-off = Die Anmeldung über den Anmeldedienst von { $company } ist ausgeschaltet.
sign-in-providers-removed = Der Anmeldedienst von { $company } ist entfernt.

## Passkeys

service-passkeys-not-here = Passkeys sind auf dieser Website nicht verfügbar: Dafür ist ein Domainname nötig, keine IP-Adresse.
service-passkeys-added-already = Dieser Passkey wurde bereits hinzugefügt.
service-passkeys-cannot-log-in = Mit diesem Konto ist derzeit keine Anmeldung möglich. Melden Sie sich mit Ihrem Passwort an, um den Grund zu erfahren.
service-passkeys-none = Sie haben hier keinen Passkey. Verwenden Sie stattdessen einen Code.
service-passkeys-no-such-passkey = Diesen Passkey gibt es nicht.
service-passkeys-removed = Der Passkey { $name } wurde entfernt.
service-passkeys-malformed = Die Antwort des Passkeys konnte nicht gelesen werden. Versuchen Sie es erneut.
service-passkeys-refused = Der Passkey konnte nicht geprüft werden. Versuchen Sie es erneut, oder melden Sie sich auf andere Weise an.
service-passkeys-unknown = Dieser Passkey ist hier nicht bekannt. Verwenden Sie einen anderen, oder melden Sie sich mit Ihrem Passwort an.
service-passkeys-no-ceremony = Das hat zu lange gedauert oder wurde an anderer Stelle begonnen. Versuchen Sie es erneut.

## People (administration)

service-people-reset-own = Ihre eigenen zweiten Faktoren können Sie nicht zurücksetzen: Bitten Sie einen anderen Administrator darum.
service-people-no-such-person = Diese Person gibt es nicht.
service-people-no-second-factor = { $email } hat keinen zweiten Faktor.
service-people-factors-removed = Die zweiten Faktoren von { $email } wurden entfernt. Die Person wurde per E-Mail informiert.

## Profile

service-profile-name-saved = Ihr Name wurde gespeichert: { $name }.
service-profile-password-changed = Ihr Passwort wurde geändert.
service-profile-password-changed-logged-out = Ihr Passwort wurde geändert, und Ihre anderen Sitzungen wurden abgemeldet.
service-profile-same-email = Das ist bereits Ihre E-Mail-Adresse
service-profile-email-taken = Diese E-Mail-Adresse gehört zu einem anderen Konto
service-profile-link-sent-lately = Wir haben vor Kurzem einen Link geschickt. Einen weiteren können Sie in { $wait } anfordern.
service-profile-email-link-sent = Wir haben einen Link an { $new } geschickt. Ihre Adresse ändert sich, sobald Sie ihn öffnen; bis dahin verwenden Sie weiter { $current }. Ihre anderen Sitzungen wurden abgemeldet.
service-profile-other-sessions-ended = Ihre anderen Sitzungen wurden abgemeldet.
service-profile-confirm-first = Bestätigen Sie zu Ihrer Sicherheit mit Ihrem Passwort, dass Sie es sind, bevor Sie dies ändern.

## Confirming it's you

service-reauthentication-too-many = Zu viele falsche Passwörter. Warten Sie { $wait } und versuchen Sie es dann erneut.
service-reauthentication-wrong-password = Ihr aktuelles Passwort ist falsch

## A person's record and the audit log (administration)

service-records-own-login = Sie können Ihre eigene Anmeldung nicht sperren.
service-records-no-such-person = Diese Person gibt es nicht.
service-records-login-not-disabled = Die Anmeldung von { $name } ist nicht gesperrt.
service-records-login-not-active = Die Anmeldung von { $name } ist nicht aktiv.
service-records-login-enabled = Die Anmeldung von { $name } ist wieder freigegeben.
service-records-login-disabled = Die Anmeldung von { $name } ist gesperrt; die Sitzungen dieser Person wurden beendet.
service-records-no-person-matches = Keine Person passt zu „{ $person }“.
service-records-no-company-matches = Kein Unternehmen passt zu „{ $company }“.
service-records-choose-action = Wählen Sie eine Aktion aus der Liste.
service-records-date-format = Geben Sie Daten im Format JJJJ-MM-TT ein.

## Emailed links: password reset and verification

service-recovery-reset-sent = Falls es für diese Adresse ein Konto gibt, haben wir einen Link zum Zurücksetzen des Passworts geschickt. Der Link ist 1 Stunde lang gültig. Wenn Sie gerade erst angefragt haben, warten Sie eine Minute, bevor Sie es erneut versuchen.
service-recovery-resend-sent = Falls es für diese Adresse eine noch nicht bestätigte Registrierung gibt, haben wir einen neuen Bestätigungslink geschickt. Früher gesendete Links gelten nicht mehr. Wenn Sie gerade erst angefragt haben, warten Sie eine Minute, bevor Sie es erneut versuchen.
service-recovery-saved-other-portal = Ihr Passwort ist gespeichert. Melden Sie sich im { $portal } an.
service-recovery-saved-unverified = Ihr Passwort ist gespeichert. Bestätigen Sie Ihre E-Mail-Adresse, bevor Sie sich anmelden.
service-recovery-saved-cannot-log-in = Ihr Passwort ist gespeichert, aber mit Ihrem Konto ist derzeit keine Anmeldung möglich.

## Registration

service-registration-email-taken = Für diese E-Mail-Adresse gibt es bereits ein Konto.
service-registration-too-many-codes = Aus Ihrem Netzwerk wurden zu viele Registrierungscodes ausprobiert. Versuchen Sie es in { $wait } erneut.
service-registration-email-in-other-portal = Diese E-Mail-Adresse gehört zu einem Konto im { $portal }. Melden Sie sich stattdessen dort an.
service-registration-too-many-answers = Aus Ihrem Netzwerk kamen zu viele Antworten auf die Sicherheitsfrage. Versuchen Sie es in { $wait } erneut, oder aktivieren Sie JavaScript: dann ist keine Antwort nötig.
service-registration-too-many-registrations = Aus Ihrem Netzwerk kamen zu viele Registrierungen. Versuchen Sie es in { $wait } erneut.
service-registration-captcha-malformed = Die Sicherheitsprüfung wurde nicht richtig geladen. Laden Sie die Seite neu und versuchen Sie es erneut
service-registration-captcha-expired = Die Sicherheitsfrage ist abgelaufen. Beantworten Sie die neue
service-registration-captcha-expired-renewed = Die Sicherheitsprüfung war abgelaufen und wurde erneut durchgeführt. Wählen Sie noch einmal „Registrieren“
service-registration-captcha-wrong-solution = Die Sicherheitsprüfung ist fehlgeschlagen und wurde erneut durchgeführt. Wählen Sie noch einmal „Registrieren“
service-registration-captcha-wrong-answer = Die Antwort auf die Sicherheitsfrage ist nicht richtig
service-registration-captcha-spent = Diese Sicherheitsfrage wurde bereits beantwortet. Beantworten Sie die neue
service-registration-captcha-spent-renewed = Diese Sicherheitsprüfung wurde bereits verwendet und erneut durchgeführt. Wählen Sie noch einmal „Registrieren“

## Changed terms

service-terms-declined = Sie sind abgemeldet. Um Ihr Konto zu nutzen, melden Sie sich erneut an und stimmen Sie den neuen Fassungen zu.

## Second factors

service-two-factor-wrong-code = Dieser Code stimmt nicht. Prüfen Sie, ob die Uhr Ihres Telefons richtig geht, oder verwenden Sie einen Wiederherstellungscode.
service-two-factor-log-in-again = Ihre Anmeldung ist abgelaufen. Melden Sie sich erneut an.
service-two-factor-last-required = Für die Anmeldung hier brauchen Sie einen zweiten Faktor: Fügen Sie einen weiteren hinzu, bevor Sie diesen entfernen.
service-two-factor-setup-outdated = Diese Seite ist veraltet. Laden Sie sie neu und scannen Sie den neuen Code.
service-two-factor-setup-wrong-code = Dieser Code stimmt nicht. Geben Sie den Code ein, den Ihre App gerade für Portico anzeigt.
service-two-factor-app-off = Ihre Authenticator-App ist ausgeschaltet.
service-two-factor-codes-need-factor = Wiederherstellungscodes gibt es nur zusammen mit einem zweiten Faktor: Richten Sie zuerst einen ein.
service-two-factor-rule-required = Die Kontakte Ihres Unternehmens brauchen jetzt einen zweiten Faktor für die Anmeldung. Wer noch keinen hat, richtet ihn bei der nächsten Anmeldung ein.
service-two-factor-rule-optional = Ob sie einen zweiten Faktor nutzen, entscheiden die Kontakte Ihres Unternehmens jetzt selbst.
service-two-factor-too-many = Zu viele falsche Codes. Warten Sie { $wait } und versuchen Sie es dann erneut.
service-two-factor-locked = Dieser zweite Schritt ist nach zu vielen falschen Codes gesperrt; wir haben Ihnen dazu eine E-Mail geschickt. Um ihn zu entsperren, setzen Sie Ihr Passwort über „Passwort vergessen?“ zurück oder wenden Sie sich an einen Administrator.

## Plain answers of the HTTP layer

http-something-went-wrong = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.
http-form-too-large = Das Formular ist zu groß. Bitte kürzen Sie Ihre Eingaben und versuchen Sie es erneut.
http-cross-site = Dieses Formular wurde von einer anderen Website gesendet und daher nicht angenommen. Öffnen Sie die Seite auf dieser Website und senden Sie das Formular erneut.

## The dev mailbox (/dev/mailbox)

mailbox-title = Entwickler-Postfach · Portico
mailbox-heading = Entwickler-Postfach
mailbox-lead = E-Mails, die der Server verschickt hätte. SMTP_URL ist nicht gesetzt, daher bleiben sie hier. Neueste zuerst.
# Followed by a link to the registration page ("/csp/register").
mailbox-empty-before = Noch keine E-Mails. Registrieren Sie sich unter
mailbox-empty-after = .
mailbox-unreadable = Der Postausgang konnte nicht gelesen werden. Details finden Sie im Server-Log.
# Followed by the recipient's address.
mailbox-to = An

## Emails: shared by every email

# Die erste Zeile jeder E-Mail. Der erste Absatz danach beginnt nach DIN 5008 klein
# (außer Substantiven und „Sie“/„Ihr“).
email-greeting = Guten Tag { $first-name },
email-copy-link = Oder kopieren Sie diesen Link in Ihren Browser:
email-quoted = „{ $text }“
email-button-log-in = Anmelden

## Emails: verification of a new registration

email-verification-subject = Bitte bestätigen Sie Ihre E-Mail-Adresse für das { $portal }
email-verification-thanks = vielen Dank für Ihre Registrierung im { $portal }.
email-verification-open = Um Ihre E-Mail-Adresse zu bestätigen, öffnen Sie diesen Link und klicken Sie dort auf { $button }:
email-verification-page-button = E-Mail-Adresse bestätigen
email-verification-button = E-Mail-Adresse bestätigen
email-verification-expiry = Der Link ist 24 Stunden gültig und kann nur einmal verwendet werden.
email-verification-ignore = Falls Sie sich nicht registriert haben, ignorieren Sie diese E-Mail einfach: Ohne den Link wird kein Konto aktiviert.
email-verification-ignore-html = Falls Sie sich nicht registriert haben, ignorieren Sie diese E-Mail einfach{ $nbsp }– ohne den Link wird kein Konto aktiviert.

## Emails: business registration requests

email-approved-subject = Ihre Registrierung wurde freigegeben
email-approved-body = Ihre Registrierung für { $company } im { $portal } wurde freigegeben. Sie können sich jetzt anmelden.
email-pending-subject = Ihre Registrierung wird geprüft
email-pending-thanks = vielen Dank für die Bestätigung Ihrer E-Mail-Adresse.
email-pending-body = Ihre Anfrage ist bei uns eingegangen und wird nun geprüft. Sobald sie bearbeitet wurde, erhalten Sie eine E-Mail.
email-approval-needed-subject = Eine Registrierung für { $company } wartet auf Ihre Entscheidung
email-approval-needed-body = { $contact } hat im { $portal } den Zugang für { $company } beantragt. Auf der Freigabeseite können Sie die Anfrage freigeben oder ablehnen.
email-approval-needed-button = Anfrage prüfen
email-rejected-subject = Ihre Registrierung wurde nicht freigegeben
email-rejected-body = Ihre Registrierung für das { $portal } wurde nicht freigegeben.
email-rejected-reason = Angegebener Grund: { $reason }
email-rejected-mistake = Wenn Sie glauben, dass es sich um einen Irrtum handelt, wenden Sie sich bitte an die Kundenadministratoren Ihres Unternehmens.

## Emails: a contact's login disabled or enabled by their company

email-login-enabled-subject = Ihr Zugang ist wieder freigeschaltet
email-login-enabled-body = Ihr Zugang für { $company } im { $portal } ist wieder freigeschaltet.
email-login-disabled-subject = Ihr Zugang wurde gesperrt
email-login-disabled-body = Ihr Zugang für { $company } im { $portal } wurde von Ihrem Unternehmen gesperrt. Wenn Sie glauben, dass es sich um einen Irrtum handelt, wenden Sie sich bitte an die Kundenadministratoren Ihres Unternehmens.

## Emails: passwords

email-reset-subject = Passwort für das { $portal } zurücksetzen
email-reset-body = wir haben eine Anfrage erhalten, das Passwort Ihres Kontos zurückzusetzen. Wenn Sie das waren, öffnen Sie diesen Link und wählen Sie ein neues Passwort. Der Link ist 1 Stunde gültig und kann nur einmal verwendet werden.
email-reset-ignore = Falls Sie das nicht waren, ignorieren Sie diese E-Mail einfach: Ihr Passwort bleibt unverändert.
email-reset-button = Neues Passwort wählen
email-sso-link-subject = Verknüpfen Sie Ihre Anmeldung mit Ihrem Konto im { $portal }
email-sso-link-body = Sie haben sich mit { $provider } angemeldet, und zu dieser E-Mail-Adresse gibt es hier ein Konto. Wenn Sie das waren, öffnen Sie diesen Link im selben Browser, um beides zu verknüpfen; danach melden Sie sich mit { $provider } an. Der Link funktioniert einmal und läuft in 10 Minuten ab.
email-sso-link-ignore = Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Es wird nichts verknüpft.
email-sso-link-button = Meine Anmeldung verknüpfen
email-password-changed-subject = Ihr Passwort wurde geändert
email-password-changed-body = Ihr Passwort wurde soeben geändert, und alle anderen Sitzungen wurden abgemeldet.
email-password-changed-not-you = Falls Sie das nicht waren, setzen Sie Ihr Passwort bitte sofort zurück.
email-password-changed-button = Passwort zurücksetzen

## Emails: a change of email address

email-change-link-subject = Bitte bestätigen Sie Ihre neue E-Mail-Adresse für das { $portal }
email-change-link-body = Sie möchten diese Adresse für Ihr Konto verwenden. Öffnen Sie diesen Link, um sie zu bestätigen: Erst dann wird die Änderung wirksam. Der Link ist 24 Stunden gültig und kann nur einmal verwendet werden.
email-change-link-ignore = Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail einfach.
email-change-link-button = Adresse bestätigen
email-change-notice-subject = Änderung Ihrer E-Mail-Adresse angefordert
email-change-notice-body = Ihre E-Mail-Adresse soll in { $address } geändert werden – das hat jemand angefordert, der in Ihrem Konto angemeldet ist. Die Änderung wird erst wirksam, wenn der Link verwendet wird, den wir an diese Adresse gesendet haben.
email-change-notice-not-you = Falls Sie das nicht waren, melden Sie sich an und ändern Sie sofort Ihr Passwort.

## Emails: changes to how a person logs in (the first paragraph is one of these)

email-security-subject = Änderung an Ihren Anmeldemethoden
email-security-not-you = Falls Sie das nicht waren, setzen Sie jetzt Ihr Passwort zurück und überprüfen Sie Ihre zweiten Faktoren.
email-security-button = Sicherheitseinstellungen prüfen
email-security-passkey-added = Ihrem Konto wurde ein Passkey namens „{ $name }“ hinzugefügt.
email-security-passkey-removed = Ihr Passkey „{ $name }“ wurde aus Ihrem Konto entfernt.
email-security-recovery-code-used = für eine Anmeldung bei Ihrem Konto wurde ein Wiederherstellungscode verwendet. Verbleibende Wiederherstellungscodes: { $left }.
email-security-second-step-locked = der zweite Schritt der Anmeldung bei Ihrem Konto wurde nach { $count } falschen Codes in Folge gesperrt. Wenn Sie das nicht waren, kennt jemand Ihr Passwort: Setzen Sie es über „Passwort vergessen?“ zurück – das hebt auch die Sperre auf – oder bitten Sie uns um Hilfe.
email-security-app-added = für Ihr Konto wurde eine Authenticator-App als zweiter Faktor eingerichtet.
email-security-app-removed = die Authenticator-App wurde als zweiter Faktor für Ihr Konto deaktiviert.
email-security-new-recovery-codes = für Ihr Konto wurden neue Wiederherstellungscodes erstellt. Die bisherigen Codes sind nicht mehr gültig.
email-security-factors-reset = ein Administrator hat, wie von Ihnen gewünscht, die zweiten Faktoren Ihres Kontos entfernt (Ihre Authenticator-App, Ihre Passkeys und Ihre Wiederherstellungscodes). Richten Sie auf Ihrer Sicherheitsseite einen neuen zweiten Faktor ein.

## Emails: invitations into a company

email-invitation-subject = { $inviter } hat Sie zu { $company } eingeladen
email-invitation-body = { $inviter } hat Sie eingeladen, dem Unternehmen { $company } im { $portal } beizutreten.
email-invitation-body-admin = { $inviter } hat Sie eingeladen, dem Unternehmen { $company } im { $portal } als Kundenadministrator beizutreten (Sie geben dann die Registrierungen Ihrer Kolleginnen und Kollegen frei und verwalten die Kontakte des Unternehmens).
email-invitation-how = Öffnen Sie den Link, wählen Sie ein Passwort und stimmen Sie unseren Nutzungsbedingungen zu: Danach sind Sie sofort angemeldet. Der Link ist 7 Tage gültig. Falls Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail einfach.
email-invitation-button = Einladung annehmen

## Emails: deleting an account

email-deletion-subject = Ihr Konto wird gelöscht
email-deletion-body = Sie haben uns gebeten, Ihr Konto im { $portal } zu löschen. Wir löschen es am { $date } – zusammen mit allen Daten, die wir über Sie gespeichert haben.
email-deletion-keep = Sie haben es sich anders überlegt? Melden Sie sich vorher an, dann bleibt Ihr Konto bestehen.
email-deletion-button = Anmelden und Konto behalten
email-deletion-cancelled-subject = Ihr Konto wird nicht gelöscht
email-deletion-cancelled-body = Sie haben sich im { $portal } angemeldet, daher haben wir die Löschung Ihres Kontos abgebrochen. Wenn Sie Ihr Konto dennoch löschen möchten, können Sie das in Ihrem Profil erneut tun.
layout-product = Portico

# Labels: the words the services put into the rows of the pages (server/src/services/).

## People (administration): who someone is, their status and second factors

label-kind-administrator = Administrator
label-kind-consumer = Privatkunde
label-kind-contact-of = Kontakt bei { $company }
label-kind-contact-without-company = Geschäftskontakt ohne Unternehmen
label-kind-staff = Mitarbeiter
label-status-unverified = Nicht bestätigt
label-status-pending-approval = Wartet auf Freigabe
label-status-active = Aktiv
label-status-disabled = Anmeldung gesperrt
label-status-rejected = Abgelehnt
# The second factors, joined by label-factors-separator: "Authenticator app, 2 passkeys, 8 recovery codes".
label-factors-app = Authenticator-App
label-factors-passkeys-one = 1 Passkey
label-factors-passkeys-many = { $count } Passkeys
label-factors-recovery-codes-one = 1 Wiederherstellungscode
label-factors-recovery-codes-many = { $count } Wiederherstellungscodes
label-factors-none = Keine
label-factors-separator = { ", " }

## Outbox (administration): a delivery's state

label-delivery-delivered = Zugestellt
label-delivery-failed = Fehlgeschlagen
label-delivery-retrying = Wird wiederholt
label-delivery-pending = Ausstehend
label-delivery-dev-mailbox = Im Entwickler-Postfach zugestellt

## Sessions: the browser a session was started in

label-browser-unknown = Unbekannter Browser
# A browser the user agent does not name.
label-browser-any = Ein Browser
# "Firefox on Windows"; the names of browsers and systems stay as they are.
label-browser-on-system = { $browser } unter { $system }

## Audit log (administration): who did it

# An entry without a person: the service itself did it.
label-actor-portico = Portico
label-actor-deleted-account = ein gelöschtes Konto

## Audit log details (stored as a message and its arguments, read in the reader's language)

audit-detail-account = { $name }; Domains: { $domains }; automatische Freigabe: { $auto-approve ->
        [true] ja
       *[false] nein
    }; zweiter Faktor erforderlich: { $two-factors ->
        [true] ja
       *[false] nein
    }
audit-detail-invitation = Einladung { $id }
audit-detail-webhook-added = Webhook { $id } für { $events }
audit-detail-webhook-removed = Webhook { $id }
audit-detail-app = { $name } ({ $client_id })
audit-detail-identity = bei { $issuer }
audit-detail-sign-in-provider = { $name } ({ $issuer })
audit-detail-sign-in-provider-switched = { $name }: { $enabled ->
        [true] ein
       *[false] aus
    }
audit-detail-two-factor-rule = { $required ->
        [true] erforderlich
       *[false] freiwillig
    }
audit-detail-deleted-by-administrator = { $kind ->
        [consumer] ein Privatkundenkonto
        [contact] das Konto eines Geschäftskontakts
       *[staff] ein Administratorkonto
    }, von einem Administrator: { $reason }
audit-detail-deleted-by-owner = { $kind ->
        [consumer] ein Privatkundenkonto
        [contact] das Konto eines Geschäftskontakts
       *[staff] ein Administratorkonto
    }, auf Wunsch der Inhaberin oder des Inhabers
audit-detail-expired-registration = { $kind ->
        [consumer] die Registrierung eines Privatkunden
       *[contact] die Registrierung eines Geschäftskontakts
    }, nie bestätigt: ihr Link war abgelaufen und ihre Adresse wurde erneut registriert
audit-detail-created-at-command-line = { $role ->
        [customer-admin] ein Kundenadministrator
        [member] ein Kontakt
       *[administrator] ein Administrator
    }, über die Kommandozeile angelegt
audit-detail-registered-in = im { $portal ->
        [csm] { portal-csm-name }
       *[csp] { portal-csp-name }
    }
audit-detail-factors-removed = Authenticator-App: { $app ->
        [true] ja
       *[false] nein
    }; Passkeys: { $passkeys }; Wiederherstellungscodes: { $codes }
