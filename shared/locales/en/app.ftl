### The single-page app's words: its frame (header, menu, footer) and each page.

language-switch = Language

## Steps of an application (buttons)

action-submit = Submit
action-withdraw = Withdraw
action-start-review = Start the review
action-request-revision = Request more information
action-answer-revision = Send the answers
action-put-on-hold = Put on hold
action-resume = Resume the review
action-approve-for-exam = Approve for the exam
action-schedule-exam = Schedule the exam
action-record-exam-passed = Record: exam passed
action-record-exam-failed = Record: exam failed
action-endorse = Endorse
action-decide-emerging = Decide: emerging
action-defer = Defer with feedback
action-not-endorse = Decide: not endorsed
action-resubmit = Resubmit

## Where an application stands

status-draft = Draft
status-submitted = Submitted
status-under-review = Under review
status-revision-requested = Revision requested
status-on-hold = On hold
status-approved-for-exam = Approved for the exam
status-exam-scheduled = Exam scheduled
status-exam-passed = Exam passed
status-exam-failed = Exam failed
status-endorsed = Endorsed
status-emerging = Emerging
status-deferred = Deferred
status-not-endorsed = Not endorsed
status-withdrawn = Withdrawn
refusal-not-now = The application is at “{ $status }”; “{ $action }” is not possible now.
refusal-only-applicant = Only the applicant may take “{ $action }”.
refusal-only-reviewer = Only an assigned reviewer may take “{ $action }”.
refusal-only-admin = Only an admin may take “{ $action }”.

## EndorsementStatus

endorsement-status-active = Active
endorsement-status-renewal-due = Renewal due
endorsement-status-lapsed = Lapsed
endorsement-status-suspended = Suspended
endorsement-status-revoked = Revoked
endorsement-status-inactive = Inactive
endorsement-status-emeritus = Emeritus
endorsement-status-archived = Archived

## MailStatus

mail-status-pending = Waiting
mail-status-sent = Sent
mail-status-failed = Failed
mail-status-skipped = Not sent

## RecognitionStatus

recognition-status-pending = Waiting for a decision
recognition-status-granted = Recognised
recognition-status-declined = Not recognised

## RenewalStatus

renewal-status-submitted = Submitted
renewal-status-approved = Approved
renewal-status-returned = Returned

## AssignmentState

assignment-state-active = In progress
assignment-state-submitted = Submitted
assignment-state-released = Released
renewal-kind-renewal = Renewal
renewal-kind-reinstatement = Reinstatement

## Verifying a credential

verdict-valid = Valid
verdict-expired = Expired
verdict-not-yet-valid = Not yet valid
verdict-suspended = Suspended
verdict-revoked = Revoked
verdict-not-genuine = Not genuine
verdict-valid-why = The signature is the issuer's, the credential is neither revoked nor suspended, and it is valid through { $day }.
verdict-expired-why = The signature is the issuer's, but the credential was valid only through { $day }. The endorsement was not renewed in time, or a newer credential replaces this one.
verdict-not-yet-valid-why = The signature is the issuer's, but the credential is valid only from { $day }.
verdict-suspended-why = The signature is the issuer's, but the association has marked the endorsement as not in good standing (suspended, lapsed or set aside).
verdict-revoked-why = The signature is the issuer's, but the association has revoked the endorsement.
verdict-not-genuine-why = This credential cannot be trusted: { $why }.
not-genuine-malformed = it is not a credential this issuer signs: { $detail }
not-genuine-unknown-key = it is signed with a key ("{ $key }") this issuer has never published
not-genuine-bad-signature = its signature does not match its content: it was altered after signing, or signed by someone else
not-genuine-wrong-issuer = it names another issuer ("{ $issuer }")
not-genuine-bad-status-list = its status list cannot be trusted: { $detail }

## How a referee knows the applicant

relationship-current-supervisor = current supervisor
    .indefinite = a current supervisor
relationship-rsc-provider = RSC provider
    .indefinite = an RSC provider
relationship-other-supervisor = another supervisor
    .indefinite = another supervisor
relationship-colleague = colleague
    .indefinite = a colleague
relationship-supervisee = supervisee
    .indefinite = a supervisee
relationship-service-recipient = parent or service recipient
    .indefinite = a parent or service recipient

## The frame of every page

language-switch-hint = Read this page in English
skip-to-content = Skip to content
loading = Loading…
nav-menu = Menu
nav-main = Main
nav-home = Home
nav-portfolio = Portfolio
nav-references = References
nav-fees = Fees
nav-reviews = Reviews
nav-work-history = Your work history
nav-overview = Overview
nav-applications = Applications
nav-users = Users
nav-rulebook = Rulebook
nav-renewals = Renewals
nav-payments = Payments
nav-imports = Imports
nav-recognitions = Recognitions
nav-settings = Settings
nav-outbox = Outbox
nav-audit = Audit trail
nav-sign-out = Sign out
nav-account = Account
nav-registry = Registry
nav-verify = Verify
nav-sign-in = Sign in
nav-sign-up = Create an account
footer-about = Endorse — the IECMH Endorsement application tracker.
footer-registry = Endorsement Registry
footer-verify = Verify an endorsement
role-applicant = Applicant
role-reviewer = Reviewer
role-admin = Admin

## What a rulebook speaks of

age-range-prenatal-to-three = children 0–36 months
age-range-three-to-six = children 3–6 years
degree-none =
    no degree
    .indefinite = no degree
degree-cda =
    CDA credential
    .indefinite = a CDA credential
degree-associate =
    associate degree
    .indefinite = an associate degree
degree-bachelor =
    bachelor's degree
    .indefinite = a bachelor's degree
degree-master =
    master's degree
    .indefinite = a master's degree
degree-doctorate =
    doctorate
    .indefinite = a doctorate
work-kind-direct-service = direct service
work-kind-dyadic-treatment = dyadic treatment
work-kind-providing-rsc = providing RSC
work-kind-policy-leadership = leadership in policy or administration
work-kind-teaching-research = teaching or research
employment-paid = paid work
employment-volunteer-supervised = supervised volunteer work
employment-volunteer-unsupervised = unsupervised volunteer work
employment-internship = an internship
training-topic-dei = diversity, equity and inclusion
training-topic-rsc = providing RSC
agreement-code-of-ethics = Code of Ethics
agreement-endorsement-agreement = Endorsement Agreement
agreement-no-sanction-attestation = No-sanction attestation
local-words = { $words }

## Asking for a reference

reference-language = The referee's language
reference-language-hint = The e-mail and the rating form are in this language; the referee can change it on the page.

## Portfolio sections

section-education = Education and licenses
section-work = Work experience
section-training = Specialized training
section-rsc = Reflective supervision/consultation
section-agreements = Agreements
section-membership = Membership
section-add-education = Add to education and licenses
section-add-work = Add to work experience
section-add-training = Add to specialized training
section-add-rsc = Add to reflective supervision/consultation
section-add-agreements = Add to agreements
section-add-membership = Add to membership

## The verify page

verify-nothing = Paste a credential or enter an endorsement number.
verify-json-copy = That is the readable copy of a credential (the .json file), which carries no signature. Paste the contents of the .jwt file, or enter the endorsement number.
verify-holder = Holder
verify-endorsement = Endorsement
verify-number = Number
verify-issued-by = Issued by
verify-endorsed-since = Endorsed since
verify-holds = This credential holds
verify-valid-from = from { $from }
verify-valid-from-through = from { $from } through { $until }
verify-title = Verify an endorsement
verify-lead = Check an endorsement credential: paste the credential (the contents of its .jwt file) or enter the endorsement number from the certificate. Your browser checks the issuer's signature, whether the endorsement has been revoked or suspended, and its dates.
verify-what = What to check
verify-input = Credential or endorsement number
verify-input-hint = For example AL-IFS-2026-0042, or a long text starting with "ey".
verify-checking = Checking…
verify-check = Check

## The public registry

registry-title = Endorsement Registry
registry-lead = Professionals who hold the Infant and Early Childhood Mental Health Endorsement and chose to be listed. An endorsement that lapses, is suspended or revoked leaves the registry at once.
registry-not-sure = Not sure which association endorsed someone?
registry-everywhere = Search every association
registry-search = Search
registry-query = Name or endorsement number
registry-category = Category
registry-any-category = Any category
registry-none = No listed endorsement matches.
registry-count =
    { $count ->
        [one] 1 listed
       *[other] { $count } listed
    }
registry-results = Results
registry-name = Name
registry-number = Number
registry-status = Status
registry-since = Endorsed since
registry-through = Valid through
registry-verify = Verify
registry-everywhere-lead = The public registries of every association on this service that takes part, searched at once. Each line links to the association that endorsed the person, where the endorsement can be verified.
registry-association = Association
registry-every-association = Every association

registry-recognised-from = Recognised from { $association } (endorsement { $number })
registry-recognised-by = Recognised by { $association } (endorsement { $number })

## Pages and downloads

download-not-made = The file could not be made.
download-not-started = The download could not start.
table-region = Table
pager-pages = Pages
pager-previous = Previous
pager-page = Page { $page } of { $pages }
pager-next = Next
