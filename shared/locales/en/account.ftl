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
