## Signing in, creating an account, changing the password.

account-sign-in = Sign in
account-email = E-mail address
account-password = Password
account-signing-in = Signing in…
account-new-here = New here?
account-create-applicant = Create an applicant account
account-full-name = Full name
account-full-name-hint = As it should appear on your certificate.
account-password-hint = At least 12 characters. A few unrelated words make a strong, memorable passphrase.
account-creating = Creating your account…
account-create = Create account
account-already-registered = Already registered?
account-choose-new = Choose a new password
account-set-by-someone = Your password was set by someone else. Choose one only you know before you continue.
account-others-signed-out = Your other devices will be signed out.
account-current-password = Current password
account-new-password = New password
account-new-password-hint = At least 12 characters.
account-saving = Saving…
account-change-password = Change password

not-found-title = Page not found
not-found-lead = There is nothing at this address. It may have moved, or the link may be mistyped.
not-found-home = Go to the home page
account-create-lead = Build your endorsement portfolio, see what each category still needs, and submit when you are ready.

## Getting back into an account

account-forgot = Forgot your password?
recovery-title = Forgot your password?
recovery-lead = Enter the e-mail address you sign in with. We'll send you a link to choose a new password.
recovery-sent = If { $email } has an account here, a link to choose a new password is on its way. It works once, for { $minutes } minutes.
recovery-sent-next = Nothing after a few minutes? Check your spam folder, or send it again: only the newest link works.
recovery-send = Send the link
recovery-send-again = Send it again
recovery-sending = Sending…
recovery-back = Back to sign in
recovery-choose-lead = Choose a new password for your account. Your other devices will be signed out.
recovery-ask-again = Ask for a new link
recovery-set = Set the new password and sign in
claim-title = Claim your account
claim-lead = Your association brought your records over to Endorse. Choose a password to claim your account; you sign in with it from now on.
claim-set = Claim my account and sign in

me-title = Your account
me-name = Your name
me-full-name = Full name
me-name-hint = As it should appear on your certificate and credential. A credential already issued keeps the name it was signed with; the next one carries this.
me-save-name = Save the name
me-name-saved = Your name is saved.
me-email = Your e-mail address
me-email-confirmed = Confirmed
me-email-unconfirmed = Not confirmed yet
me-email-unconfirmed-why = Open the link we mailed you to confirm it, so that news about your application reaches you.
me-email-pending = Waiting for you to confirm { $email }: we sent a link there. Until you open it, you sign in with the address above.
me-email-send-again = Send the link again
me-email-link-sent = We sent a link to { $email }. It works for { $days } days; until you open it, you sign in with your current address.
me-email-link-sent-again = We sent a new link to { $email }; it works for { $days } days, and earlier links no longer do.
me-email-change = Sign in with another address
me-email-change-hint = Your current password keeps anyone who finds your session open from taking your account.
me-new-email = New e-mail address
me-email-send-link = Send a link to confirm it
me-email-unconfirmed-notice = Your address { $email } is not confirmed yet.
me-email-unconfirmed-go = Confirm it from your account page
me-password = Password
me-password-hint = Choosing a new password signs you out everywhere else.
confirm-title = Confirm your e-mail address
confirm-working = Confirming your address…
confirm-done = Thank you: { $email } is confirmed.
confirm-go-home = Go to your home page
confirm-go-account = Go to your account page
account-signed-out-because = You were signed out.

## The second factor

account-mfa-code = Code from your authenticator app
account-mfa-code-hint = Six digits, or one of your recovery codes.
mfa-title = Second factor
mfa-why = With a second factor, signing in asks for your password and a code from an authenticator app on your phone, so that a password alone does not open your account.
mfa-required = Admins here must turn on a second factor before they can use the admin pages.
mfa-set-up = Set up a second factor
mfa-step-scan = Scan this code with your authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password).
mfa-qr-label = A QR code holding the key for your authenticator app
mfa-step-type = Or type this key into the app:
mfa-open-app = Open in an authenticator app on this device
mfa-step-code = Then enter the six-digit code the app shows.
mfa-turn-on = Turn on
mfa-on = On
mfa-on-since = Since { $date }.
mfa-on-now = The second factor is on. Signing in now asks for a code.
mfa-codes-left = { $count ->
    [one] One recovery code left.
   *[other] { $count } recovery codes left.
}
mfa-change = New recovery codes, or turn it off
mfa-change-hint = Enter your password and a code from your app (or a recovery code).
mfa-new-codes = Make new recovery codes
mfa-codes-renewed = New recovery codes are made; the old ones no longer work.
mfa-turn-off = Turn off
mfa-off-now = The second factor is off. Signing in asks for your password only.
mfa-required-keep = Admins here must keep a second factor.
mfa-codes-title = Your recovery codes
mfa-codes-once = Keep these somewhere safe: each one signs you in once if you lose your phone. They are shown only now.
mfa-codes-download = Download the codes
mfa-codes-kept = I have kept them
mfa-codes-file-title = Endorse recovery codes: each signs in once in place of a code from your app.

## Download my data

export-readme = Everything { $association } holds about you in Endorse, as of { $date }.

    endorse-data.json: your account, your portfolio (every entry, your notes and your reference requests), the facts of each document you uploaded, your applications with the snapshot each submission froze, the reference answers you may see, your endorsements and their signed credentials (Open Badges 3.0), your requests for recognition, every e-mail sent to you, and what was done to your account.
    documents/: the documents you uploaded, as you uploaded them.

    Dates and times are in UTC (ISO 8601).
me-data = Your data
me-data-hint = Download everything Endorse holds about you: your account, portfolio, documents, applications, references you may see, endorsements and credentials, and the e-mail sent to you, as one ZIP file.
me-data-download = Download my data
me-data-preparing = Preparing your archive…
