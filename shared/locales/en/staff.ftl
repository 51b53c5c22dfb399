## The admins' pages

pipeline-waits = median { $median } d, oldest { $oldest } d
pipeline-chart-title = Days in each stage
pipeline-chart-legend = Each bar is the median wait; the mark is the longest.
pipeline-chart-numbers = The numbers
pipeline-days = { $days ->
    [one] 1 day
   *[other] { $days } days
}
pipeline-status = Status
pipeline-count = Applications
pipeline-median = Median days
pipeline-oldest = Longest, in days

## Users

users-title = Users
users-only-admin = Only an admin can manage users.
users-all-roles = All roles
users-accounts = Accounts
users-search = Search by name or e-mail
users-role = Role
users-search-button = Search
users-none = No account matches.
users-count =
    { $count ->
        [one] 1 account
       *[other] { $count } accounts
    }
users-name = Name
users-email = E-mail
users-since = Since
users-password-not-chosen = (password not yet chosen)
users-profile = Profile
users-profile-of = of { $name }
users-created = { $name } ({ $email }) can now sign in as { $role } with the initial password, and will choose their own.
users-create = Create an account
users-create-hint = For reviewers and admins. Applicants register themselves.
users-full-name = Full name
users-email-address = E-mail address
users-initial-password = Initial password
users-initial-password-hint = At least 12 characters. Give it to the person privately; they must replace it when they first sign in.
users-creating = Creating…
users-create-account = Create account

## Reviewing

review-your-reviews = Your reviews
review-assigned = Applications assigned to you
review-nothing = Nothing is assigned to you now. The association e-mails you when something is.
review-application = Application
review-category = Category
review-due = Due
review-your-review = Your review
review-application-status = Application status
review-overdue = Overdue
review-exams = Exams to score
review-exams-blind = You see the answers only, never who wrote them.
review-exam = Exam { $reference }
review-marks-submitted = Marks submitted
review-ready = Ready to score
review-not-handed-in = Answers not handed in yet
review-score-for = Score for { $domain }
review-recommendation = Recommendation
review-rationale = Rationale
review-no-such = There is no such review of yours.
review-conflict-declared = Conflict declared
review-released = Thank you. You are released from this review, and the association has been told.
review-back = Back to your reviews
review-review = Review
review-draft-saved = Draft saved.
review-missing = Some answers are missing or wrong; they are listed below.
review-submitted = Your review is submitted. Thank you.
review-asked = The applicant has been asked. You can go on once they answer.
review-reason = Reason: { $reason }
review-title-named = Review: { $name } — { $category }
review-title = Review: application { $reference }
review-portfolio = The submitted portfolio (round { $round })
review-how-to-ask = To ask the applicant about an entry, tick “Ask about this entry”, say what is missing, then send all your questions at once below.
review-note = The applicant's note: { $note }
review-amended = Amended
review-ask-this = Ask about this entry
review-what-missing = What is missing or unclear?
review-look-twice = Look twice
review-the-rating = The rating
review-comments = Comments: { $comments }
review-referee-recommendation = Recommendation: { $recommendation }
review-ask-about =
    { $count ->
        [one] Ask the applicant about 1 entry
       *[other] Ask the applicant about { $count } entries
    }
review-requests = Requests for information
review-yours = Your review
review-yours-submitted = Your review (submitted)
review-competencies = Competencies
review-score-each = Score each domain on the rubric. Each level says what it means.
review-sections = Sections
review-sufficient = Sufficient
review-insufficient = Insufficient
review-comment = Comment
review-comment-hint = Needed when insufficient: say what is missing.
review-choose = Choose…
review-rationale-hint = Why you recommend this. The admin and the other reviewer read it; the applicant never does.
review-save-draft = Save draft
review-submit = Submit the review
review-all = All your reviews
review-line = { $category } — { $name }. Due { $due }. Application: { $status }.
review-what-to-correct = What to correct
review-other = The other review
review-peer = Submitted { $day }: { $recommendation }
review-no-recommendation = no recommendation
review-declare = Declare a conflict of interest
review-declare-text = If you know the applicant in a way that could bias you, say so: you are released at once and not assigned to them again.
review-how-you-know = How you know the applicant
review-declare-button = Declare the conflict
review-waiting = Waiting for the applicant.
review-amended-to = Amended to: { $entry }
review-not-changed = The entry was not changed.
review-removed = The entry was removed.
review-answer = Answer: { $answer }
review-open-transcript = Open the transcript
review-open-certificate = Open the certificate
review-open-verification = Open the employer's letter
review-open-rsc-evidence = Open the provider's log or letter
review-open-signed-copy = Open the signed copy
review-open-card = Open the membership card
review-as-submitted = As submitted: { $entry }
review-no-such-exam = There is no such exam for you to score.
review-exam-scoring = Exam scoring
review-marks-thanks = Your marks are submitted. Thank you.
review-saved = Saved.
review-scoring-lead = { $category } — { $name }. Score each answer on the rubric; you never see who wrote them.
review-not-yet = The answers are not handed in yet. Scoring opens when they are.
review-vignette = Vignette { $number }
review-score-vignette = Score for vignette { $number }
review-comment-admin = Comment for the admin
review-submit-marks = Submit the marks
review-marks-done = Your marks are submitted.
section-references = Reference ratings
review-rec-endorse = Endorse
review-rec-approve-for-exam = Approve for the exam
review-rec-defer = Defer with feedback
review-rec-on-hold = Put on hold
review-rec-emerging = Emerging
review-rec-not-endorsed = Not endorsed

## The admins' review and exam panels

radmin-review = Review
radmin-release-reason = Write the reason for releasing the reviewer in “Reason” first.
radmin-heading =
    { $count ->
        [one] Review (1 reviewer for this category)
       *[other] Review ({ $count } reviewers for this category)
    }
radmin-disagree = The reviewers disagree.
radmin-assigned = Assigned
radmin-reviewer = Reviewer
radmin-round = Round
radmin-due = Due
radmin-state = State
radmin-actions = Actions
radmin-override = Override: { $why }
radmin-released = Released: { $why }
radmin-overdue = Overdue
radmin-release = Release { $name }
radmin-assign-heading =
    { $count ->
        [one] Assign (1 place open)
       *[other] Assign ({ $count } places open)
    }
radmin-assign-proposed = Assign the proposed reviewers
radmin-nobody = Nobody can be proposed: no eligible reviewer is free of conflicts and under their load. Assign by hand with a reason, or add reviewers.
radmin-reason = Reason
radmin-reason-hint = Needed to assign despite a conflict or a full load, and to release a reviewer; kept in the audit log.
radmin-load-heading = Load
radmin-standing = Standing
radmin-not-eligible = Not eligible: { $why }
radmin-proposed = Proposed
radmin-full = At full load
radmin-available = Available
radmin-load = { $load } of { $max }
radmin-assign = Assign { $name }
radmin-submitted-reviews = Submitted reviews
radmin-sufficient = sufficient
radmin-insufficient = insufficient
radmin-requests = Requests for information
radmin-exam = Exam
radmin-choose-start = Choose the date and time the exam starts.
radmin-window-hours = Give the length of the window in hours, e.g. 3.
radmin-part1-score = Give Part 1's score as a whole number of correct answers.
radmin-exam-heading = Exam (attempt { $attempt })
radmin-accommodations-requested = Accommodations requested
radmin-none = none
radmin-scheduled = Scheduled
radmin-accommodations-granted = Accommodations granted
radmin-part1-label = Part 1
radmin-part1 = { $score } of { $questions } (pass mark { $pass }): { $outcome }
radmin-not-recorded = not recorded
radmin-part2-label = Part 2
radmin-part2-mean = answers handed in; mean mark { $mean }: { $outcome }
radmin-part2-marks = answers handed in; { $count } of 2 scorers' marks in
radmin-not-handed-in = answers not handed in
radmin-result = Result
radmin-retake-from = Retake from
radmin-schedule-retake = Schedule a retake
radmin-schedule-exam = Schedule the exam
radmin-starts = Starts (UTC)
radmin-window = Answer window (hours)
radmin-mode = Mode
radmin-where = Where, or how to join
radmin-schedule = Schedule
radmin-correct-answers = Correct answers (of { $questions })
radmin-record-part1 = Record Part 1
radmin-scorers = Part 2 scorers
radmin-choose-two = Choose two reviewers; they see the answers only.
radmin-marks-submitted = marks submitted
radmin-scoring = scoring
radmin-add-scorer = Add { $name } as scorer
radmin-result-heading = Result
radmin-result-hint = The result follows from both parts; it can be recorded once Part 1 and both scorers' marks are in.
radmin-record-result = Record the result

## The admins' applications

apps-title = Applications
apps-pipeline = Pipeline
apps-overdue = Overdue reviews ({ $count })
apps-overdue-line =
    { $reviewer } is { $days ->
        [one] 1 day
       *[other] { $days } days
    } late (due { $due }).
apps-all = All applications
apps-search = Search by name or e-mail
apps-status = Status
apps-any-status = Any status
apps-search-button = Search
apps-download = Download these as CSV
apps-none = No application matches.
apps-count =
    { $count ->
        [one] 1 application
       *[other] { $count } applications
    }
apps-count-at-least = { $count } or more applications
apps-applicant = Applicant
apps-category = Category
apps-rulebook = Rulebook
apps-submitted = Submitted
apps-started = Started
apps-not-yet = not yet
apps-version-short = v{ $version }
apps-version = version { $version }
apps-no-such = There is no such application.
apps-application = Application
apps-the-application = The application
apps-snapshot = Submitted portfolio (round { $round }, frozen { $day })
apps-reference-from = Reference from { $relationship } ({ $email })
apps-process = Process
apps-status-now = Status: { $status }.
apps-closed = This application is closed.
apps-waiting-applicant = Waiting for the applicant.
apps-nothing-to-do = Nothing for an admin to do now.
apps-reason = Reason or feedback
apps-reason-hint = Required for decisions and holds; kept in the audit log. The reason for a decision is shown to the applicant as feedback.
apps-audit = Audit log
apps-audit-download = Download as CSV
apps-audit-when = When (UTC)
apps-audit-who = Who
apps-audit-what = What
apps-audit-why = Why
apps-audit-system = system
apps-audit-who-as = { $who } ({ $role })
apps-audit-who-from = { $who } ({ $role }, { $ip })
apps-audit-step = { $action }: { $from } → { $to }.
apps-references = References
apps-no-references = No reference requests.
apps-reference-meta = { $status } · for { $category }
apps-reference-meta-waived = { $status } · for { $category } · applicant waived access
apps-signal = Signal: { $signal }
apps-counts = Counts.
apps-does-not-count = Does not count: { $reasons }.
apps-declined = Declined: “{ $reason }”
apps-the-rating = The rating
apps-rating-summary = { $recommendation } · relationship confirmed as { $relationship }, known since { $since }
apps-verifications = Waiting for the association
apps-nothing-to-verify = Nothing to verify.
apps-verify-membership = Mark membership verified
apps-vet-provider = Vet this provider

## Signals worth a second look

signal-shared-email = Another referee of this applicant has the same e-mail address.
signal-applicant-email = The referee's e-mail address is the applicant's own.
signal-applicant-ip = The referee answered from { $ip }, an address the applicant signed in from.
signal-applicant-address = The referee answered from an address the applicant signed in from.
signal-applicant-device = The referee answered from a browser the applicant signed in with.
signal-applicant-session = The answer was sent while the applicant was signed in in the same browser.
signal-applicant-disabled = An admin disabled the applicant's account; this request was sent before.
counting-no-category = the current rulebook has no category { $category }

## The outbox

outbox-title = Outbox
outbox-only-admin = Only an admin can read the outbox.
outbox-every-status = Every status
outbox-lead = Every e-mail Endorse sends goes through this queue, with retries when the mail server does not answer. Without a mail server configured, messages are written to the log and kept here.
outbox-messages = Messages
outbox-status = Status
outbox-none = No messages.
outbox-count =
    { $count ->
        [one] 1 message
       *[other] { $count } messages
    }
outbox-meta = To { $name } <{ $address }> · { $kind } · queued { $queued }
outbox-attempts =
    { $count ->
        [one] 1 attempt
       *[other] { $count } attempts
    }
outbox-hide = Hide the message
outbox-read = Read the message
outbox-retry = Try again
outbox-attempts-heading = Attempts
outbox-delivered = delivered
mail-kind-reference-request = Reference request
mail-kind-reference-reminder = Reminder to a referee
mail-kind-rating-received = Rating received
mail-kind-reference-declined = Referee declined
mail-kind-decision = Decision on an application
mail-kind-review-assigned = Review assigned
mail-kind-review-reminder = Reminder to a reviewer
mail-kind-information-requested = Request for information
mail-kind-renewal-reminder = Renewal reminder
mail-kind-renewal-decision = Decision on a renewal
mail-kind-lapsed = Endorsement lapsed
mail-kind-recognition-decision = Decision on a recognition
mail-kind-password-reset = Link to choose a new password
mail-kind-email-confirm = Link to confirm an e-mail address
mail-kind-email-changed = Notice that the sign-in address changed
mail-kind-admin-digest = Daily digest of what waits on an admin
mail-kind-account-claim = Invitation to claim an imported account

## A reviewer's profile

reviewer-no-such = There is no such account.
reviewer-endorsement-line = line { $line }: write the category, a space, then the number
reviewer-title = Reviewer profile
reviewer-all-users = All users
reviewer-saved = Saved.
reviewer-endorsements = Endorsements held
reviewer-endorsements-hint = One per line: the category, a space, then the endorsement number. For example: IMHM-C MI-IMHM-C-2015-0003
reviewer-categories = May review these categories
reviewer-max-load = Applications at once
reviewer-save = Save the profile

## The association's settings

settings-title = Association settings
settings-logo-too-big = The logo must be at most { $kb } KB.
settings-logo-unreadable = That file could not be read.
settings-saved = Saved. Reload the page to see the new name and colours everywhere.
settings-lead = How { $name } appears to applicants, referees and the public, and how its mail goes out. People reach it at { $address }.
settings-profile = Profile
settings-name = Name
settings-time-zone = Time zone
settings-time-zone-hint = Due dates, reminders and “valid through” follow it; for example America/Detroit.
settings-currency = Currency
settings-currency-hint = An ISO 4217 code, such as USD or EUR.
settings-language = Language people see before they choose
settings-main-colour = Main colour
settings-main-colour-hint = #rrggbb, dark enough for white text (4.5:1).
settings-second-colour = Second colour
settings-second-colour-hint = #rrggbb, likewise.
settings-logo = Logo (PNG or SVG, at most { $kb } KB)
settings-current-logo = The current logo
settings-remove-logo = Remove the logo
settings-mail = Mail
settings-sender = Sender address
settings-reply-to = Reply-to address
settings-reply-to-hint = Where replies go; the contact referees are given.
settings-signature = Signature under every message
settings-smtp = Your own SMTP server (optional)
settings-smtp-own = Mail goes through your own server; leave empty to keep it, or enter a new address.
settings-smtp-hint = smtp:// or smtps:// with its user and password; leave empty to use the deployment's server.
settings-registry = Registry
settings-registry-shared = Take part in the search across every association's registry (for employers who do not know where someone was endorsed)
settings-saving = Saving…
settings-save = Save settings

## The platform operators' page

platform-title = Platform
platform-signed-in = Signed in as { $name } ({ $email }), a platform operator. You see each association's health, never a person's records.
platform-sign-out = Sign out
platform-enter-both = Enter your e-mail address and password.
platform-sign-in-title = Platform operators: sign in
platform-sign-in-lead = For the people who run this deployment. Association staff sign in at their association's own address.
platform-email = E-mail address
platform-password = Password
platform-signing-in = Signing in…
platform-sign-in = Sign in
platform-ready = { $name } is ready
platform-ready-lead = It is at { $address }. Its first admin signs in there as { $email } with this one-time password, and chooses their own at once:
platform-shown-once = It is shown only now: pass it on safely.
platform-associations = Associations
platform-caption = Every association on this deployment, with its health
platform-association = Association
platform-accounts = Accounts
platform-open = Open applications
platform-active = Active endorsements
platform-mail = Mail waiting / failed
platform-unreachable = not reachable
platform-people = { $applicants } applicants, { $reviewers } reviewers, { $admins } admins
platform-new = New association
platform-code = Code
platform-code-hint = 2 to 20 lowercase letters and digits, starting with a letter (for example mi). It is in the association's address and endorsement links.
platform-name = Name
platform-host = Its own host name (optional)
platform-host-hint = For example mi.example.org, pointed at this deployment. Without one it is reached at /a/{"{"}code{"}"}/.
platform-time-zone = Time zone
platform-time-zone-hint = An IANA time zone, for example America/Detroit.
platform-admin-email = First admin's e-mail address
platform-making = Making the association…
platform-make = Make the association

## What a rulebook may not say

rule-a-reminder-cannot-go-out-before = a reminder cannot go out before renewal opens
rule-asks-for-more-relationships-than-references = asks for more relationships than references
rule-is-listed-twice = is listed twice
rule-fee-of-nothing = is nothing: leave the fee out instead
rule-exam-fee-without-exam = names an exam fee, but the category has no exam
rule-is-not-a-category-of-this = is not a category of this rulebook
rule-is-not-a-competency-domain-of = is not a competency domain of this rulebook
rule-must-be-1-or-2 = must be 1 or 2
rule-must-be-1-to-8-capital = must be 1 to 8 capital letters or digits
rule-must-be-a-score-of-the = must be a score of the review rubric
rule-must-be-between-1-and-part2 = must be between 1 and part2_vignettes_offered
rule-must-be-capital-letters-and-hyphens = must be capital letters and hyphens, e.g. IMHM-C
rule-must-be-higher-than-the-level = must be higher than the level before
rule-must-be-less-than-due-days = must be less than due_days
rule-must-be-lower-case-letters-and = must be lower-case letters and underscores
rule-must-be-more-than-0-leave = must be more than 0 (leave out [rsc] when none is required)
rule-must-have-between-2-and-10 = must have between 2 and 10 levels
rule-must-list-a-category-or-let = must list a category, or let vetted providers qualify
rule-must-list-at-least-one-category = must list at least one category
rule-must-list-at-least-one-domain = must list at least one domain
rule-kinds-of-employment = must list at least one kind of employment
rule-kinds-of-work = must list at least one kind of work
rule-must-list-at-least-one-relationship = must list at least one relationship
rule-must-not-exceed-count = must not exceed count
rule-must-not-exceed-max-span-months = must not exceed max_span_months
rule-must-not-exceed-min-hours = must not exceed min_hours
rule-must-not-exceed-the-training-total = must not exceed the training total
rule-names-no-category-of-this-rulebook = names no category of this rulebook
rule-renewal-month-and-renewal-day-must = renewal_month and renewal_day must make a date
rule-the-topic-hours-cannot-exceed-the = the topic hours cannot exceed the training hours

## The rulebook page

rulebook-only-admin = Only an admin can manage the rulebook.
rulebook-title = Rulebook
rulebook-published = Version { $number } is published. New applications use it; existing ones keep theirs until moved.
rulebook-version = Version { $number }: { $name }
rulebook-lead = Edit a copy and publish it as the next version. Every rule is checked first; nothing is published while one is wrong.
rulebook-problems = Problems in the rulebook
rulebook-toml = Rulebook (TOML)
rulebook-publishing = Publishing…
rulebook-publish = Publish as a new version
rulebook-versions = Versions

person-back = Back to the accounts
person-account = Account
person-pending-email = Waiting to be confirmed
person-state = State
person-active = Active
person-disabled = Disabled
person-disabled-since = since { $date }
person-disabled-reason = Reason: { $reason }
person-reviewer-profile = Reviewer profile
person-trail = Everything done to and by this account
person-mfa-off = Off
person-mfa-reset = Reset the second factor
person-mfa-reset-hint = For someone who lost their phone: they sign in with the password alone, every session of theirs ends, and they may turn it on again. The reason is kept in the audit trail.
person-mfa-reset-done = The second factor is reset.
person-mfa-none = Signing in asks for the password only: this person has not turned on a second factor.
person-access = Access
person-own-account = This is your own account: another admin can disable it or send you a link; your name and address are yours to change on your account page.
person-reset-hint = Mail this person a link to choose a new password. Their password stays as it is until they use it.
person-reset = Send a link to choose a new password
person-reset-sent = A link to choose a new password is on its way to { $email }; it works for { $minutes } minutes.
person-disable = Disable the account
person-disable-hint = The person is signed out everywhere at once and cannot sign in until an admin enables the account again. Nothing is removed; reviews they hold show as needing another reviewer.
person-disable-reason = Why (kept with the account and in the log)
person-disable-button = Disable the account
person-disabled-done = The account is disabled; every session of it has ended.
person-enable-hint = The account is disabled. Enabling it lets the person sign in again with their password.
person-enable = Enable the account
person-enabled-done = The account is enabled again.
person-edit = Change name, address or role
person-edit-hint = A new address takes effect at once and is not confirmed until the person opens the link mailed there; the old address is told.
person-email-hint = The address the person signs in with.
person-reason = Reason
person-reason-hint = Needed when the name or the address changes; kept in the log.
person-reason-needed = Say why the name or the address changes.
person-save = Save the changes
person-saved = Saved.
work-title = Waiting on you
work-nothing = Nothing waits on you right now.
work-memberships = { $count ->
    [one] 1 membership to verify
   *[other] { $count } memberships to verify
}
work-providers = { $count ->
    [one] 1 RSC provider to vet
   *[other] { $count } RSC providers to vet
}
work-unassigned = { $count ->
    [one] 1 application without reviewers
   *[other] { $count } applications without reviewers
}
work-overdue = { $count ->
    [one] 1 review overdue
   *[other] { $count } reviews overdue
}
work-exams-schedule = { $count ->
    [one] 1 exam to schedule
   *[other] { $count } exams to schedule
}
work-exams-score = { $count ->
    [one] 1 exam to score
   *[other] { $count } exams to score
}
work-renewals = { $count ->
    [one] 1 renewal waiting for a decision
   *[other] { $count } renewals waiting for a decision
}
work-recognitions = { $count ->
    [one] 1 request for recognition
   *[other] { $count } requests for recognition
}
work-mail = { $count ->
    [one] 1 e-mail that could not be delivered
   *[other] { $count } e-mails that could not be delivered
}

## The audit trail

trail-title = Audit trail
trail-filters = Which events
trail-who = Who
trail-anyone = Anyone
trail-the-schedule = The schedule
trail-this-account = This account
trail-kind = About
trail-any-kind = Anything
trail-subject = Which one
trail-subject-hint = An application's or an account's id, an endorsement's number, a rulebook version.
trail-from = From
trail-to = To
trail-show = Show
trail-clear = Clear
trail-download = Download as CSV
trail-events = Events, newest first
trail-none = No event matches these filters.
trail-about = About
trail-shown = { $count ->
    [one] One event shown.
   *[other] { $count } events shown.
}
trail-older = Show older events
trail-erased-account = An erased account
trail-reason = Reason: { $reason }
trail-kind-application = Application
trail-kind-user = Account
trail-kind-endorsement = Endorsement
trail-kind-rulebook = Rulebook
trail-kind-key = Signing key
trail-kind-export = Download
trail-kind-association = The association
trail-kind-payment = Fees and payments
trail-kind-import = Imports
trail-account-created = Account created
trail-account-disabled = Account disabled
trail-account-enabled = Account enabled again
trail-account-erased = Account erased
trail-name-changed = Name changed
trail-email-changed = E-mail address changed
trail-email-confirmed = E-mail address confirmed
trail-role-changed = Role changed
trail-reset-sent = Password link sent
trail-mfa-enrolled = Second factor turned on
trail-mfa-reset = Second factor reset
trail-mfa-turned-off = Second factor turned off
trail-recovery-code-used = Signed in with a recovery code
trail-recovery-codes-renewed = New recovery codes made
trail-membership-verified = Membership verified
trail-provider-vetted = RSC provider vetted
trail-reviewer-profile-changed = Reviewer profile changed
trail-rulebook-published = Rulebook version published
trail-key-rotated = Signing key rotated
trail-export-downloaded = Records downloaded
trail-settings-changed = Settings changed
trail-support-granted = Support access granted
trail-support-revoked = Support access taken back
trail-support-session = Support session opened
trail-mail-retried = Mail sent again
trail-data-downloaded = Downloaded their own data
trail-association-created = Association created
trail-payment-recorded = Payment recorded
trail-fee-waived = Fee waived
trail-payment-online = Paid online
trail-payment-refused = Online payment not believed
trail-payment-duplicate = Paid twice (refund one)

## Erasure on request

erase-title = Erase on request
erase-hint = When a person asks to be forgotten. What the association must keep stays; everything else about them goes, their documents included. This cannot be undone.
erase-kept = Kept
erase-kept-endorsements = { $count ->
    [0] No issued endorsement.
    [one] One issued endorsement ({ $numbers }), with its credential; it leaves the public registry.
   *[other] { $count } issued endorsements ({ $numbers }), with their credentials; they leave the public registry.
}
erase-kept-applications = { $count ->
    [0] No application.
    [one] The record of one application (category, status, dates, reviews and results as decided), without its content.
   *[other] The records of { $count } applications (category, status, dates, reviews and results as decided), without their content.
}
erase-kept-audit = { $count ->
    [one] One event of the audit trail.
   *[other] { $count } events of the audit trail.
}
erase-goes = Removed
erase-removed = Removed
erase-goes-entries = { $count ->
    [one] One portfolio entry, and the notes.
   *[other] { $count } portfolio entries, and the notes.
}
erase-goes-documents = { $count ->
    [one] One uploaded document.
   *[other] { $count } uploaded documents.
}
erase-goes-references = { $count ->
    [one] One reference request, with its answer.
   *[other] { $count } reference requests, with their answers.
}
erase-goes-snapshots = { $count ->
    [one] One snapshot frozen at submission.
   *[other] { $count } snapshots frozen at submission.
}
erase-goes-mails = { $count ->
    [one] One e-mail to them.
   *[other] { $count } e-mails to them.
}
erase-goes-rest = Their name and address, sessions and links, second factor, answers to reviewers, exam answers and accommodations, renewals and requests for recognition not granted.
erase-blocked = { $count ->
    [one] An application is open: withdraw it or decide it first.
   *[other] { $count } applications are open: withdraw or decide them first.
}
erase-open-application = An open application
erase-email = Their e-mail address, typed again
erase-email-hint = To confirm: { $email }
erase-reason-hint = The request and its date. Name no personal data: the audit trail keeps this.
erase-button = Erase this person
erase-done = Erased. The account keeps only its id; what was kept is listed here.
person-erased = Erased on request
