## The applicant's pages: home, portfolio, application, references.


## The checklist and the application

checklist-met-apply = Every requirement is met: you can apply.
checklist-met-renew = Every requirement is met: you can submit it.
checklist-short =
    { $count ->
        [one] 1 requirement is still short.
       *[other] { $count } requirements are still short.
    }
checklist-line-met = (met)
checklist-line-short = (short)
checklist-exam = After a successful review, this category has an exam.
timeline-label = Where your application is
timeline-draft = Draft
timeline-submitted = Submitted
timeline-review = Peer review
timeline-exam = Exam
timeline-decision = Decision
timeline-done = done
timeline-now = now
timeline-to-come = to come
panel-heading = Your { $category } application
panel-start-hint = Start an application to submit this portfolio for review. You can keep editing until you submit.
panel-start = Start an application for { $category }
panel-draft = Draft, judged by rulebook version { $version }.
panel-submit = Submit your application
panel-submit-short =
    { $count ->
        [one] Submit — 1 still short
       *[other] Submit — { $count } still short
    }
panel-all-met = Every requirement is met.
panel-missing = Still missing before you can submit:
panel-withdraw = Withdraw
panel-deferred = Deferred: revise and resubmit
panel-feedback = The association's feedback:
panel-resubmit = Resubmit your application
panel-resubmit-short =
    { $count ->
        [one] Resubmit — 1 still short
       *[other] Resubmit — { $count } still short
    }
panel-missing-resubmit = Still missing before you can resubmit:
panel-submitted-on = Submitted on { $day }. What reviewers see was frozen then; later edits do not change it.

## Home

home-hero = The IECMH Endorsement, without the paperwork
home-hero-lead = Endorse is where applicants build their portfolio for the Infant and Early Childhood Mental Health Endorsement, referees answer reference requests, peer reviewers score, and associations decide and keep the registry.
home-create-account = Create an applicant account
home-sign-in = Sign in
home-your-account = Your account
home-manage-account = Manage your account: name, address, password
home-name = Name
home-email = E-mail
home-role = Role
home-member-since = Member since
home-where-you-stand = Where you stand
home-weighed = Your portfolio weighed against every category today.
home-checking = Checking…
home-eligible = Eligible now
home-short =
    { $count ->
        [one] 1 short
       *[other] { $count } short
    }
home-your-applications = Your applications
home-none-yet = None yet. When your portfolio meets a category, start an application from your portfolio.
home-welcome = Welcome, { $name }
home-build = Build your portfolio
home-path = The path to endorsement
home-path-1 = Choose the category that fits your work: Family Associate, Family Specialist, Family Reflective Supervisor, Mental Health Specialist, or Mental Health Mentor.
home-path-2 = Build your portfolio: education, work experience, specialized training, reflective supervision/consultation, and signed agreements.
home-path-3 = Ask three referees for a reference rating; they answer through a secure link.
home-path-4 = Submit when every requirement is met; peer reviewers then score your portfolio.
home-moved = Endorsed elsewhere?
home-moved-text = If another association endorsed you and you have moved here, ask us to recognise your endorsement instead of applying again.
home-ask-recognition = Ask for recognition
home-reviewing = Reviewing for your association
home-reviewing-text = As a peer reviewer you score the portfolios and exams that your association assigns to you, in categories at or below your own endorsement.
home-open-reviews = Open your reviews
home-reviewer-history = Keep your own work history in your portfolio: Endorse uses it to spot conflicts of interest (the same employer at the same time).
home-overview = Overview
home-mail-failed =
    { $count ->
        [one] 1 e-mail could not be delivered.
       *[other] { $count } e-mails could not be delivered.
    }
home-open-outbox = Open the outbox
home-people = People
home-counting = Counting…
home-applicants = Applicants
home-reviewers = Reviewers
home-admins = Admins
home-manage-users = Manage users

## Portfolio forms and entries

draft-credential = Degree, credential or license
draft-cda = CDA credential
draft-associate = Associate degree
draft-bachelor = Bachelor's degree
draft-master = Master's degree
draft-doctorate = Doctorate
draft-license = State mental-health license
draft-field = Field
draft-institution = School or licensing board
draft-year = Year completed
draft-document-hint = PDF, PNG or JPEG, at most 10 MB.
draft-transcript = Transcript or license
draft-verification = Letter verifying this position
draft-certificate = Certificate of completion
draft-rsc-evidence = Log or letter from the provider
draft-signed-copy = Copy of the signed agreement
draft-card = Membership card or receipt
draft-employer = Employer
draft-position = Position
draft-start = Start
draft-end-hint = Leave empty while you still work there.
draft-end = End
draft-hours-per-week = Hours per week
draft-employment = Terms
draft-paid = Paid
draft-volunteer-supervised = Volunteer, supervised
draft-volunteer-unsupervised = Volunteer, unsupervised
draft-internship = Internship
draft-age-ranges = Ages of the children served
draft-prenatal-to-three = Pregnancy to 36 months
draft-three-to-six = 3 to 6 years
draft-families-served = Families served
draft-kinds = Kind of work
draft-direct-service = Direct service (promotion, prevention, early intervention)
draft-dyadic-treatment = Dyadic (parent–infant) treatment
draft-providing-rsc = Providing reflective supervision/consultation
draft-policy-leadership = Leadership in policy or administration
draft-teaching-research = University teaching or research
draft-title = Title
draft-provider = Provider
draft-date = Date
draft-hours-hint = In quarter hours, e.g. 6.25.
draft-hours = Hours
draft-domains = Competency domains covered
draft-topics = Topics
draft-dei = Diversity, equity and inclusion
draft-topic-rsc = Providing RSC
draft-not-endorsed = Not endorsed
draft-rsc-hours-hint = In quarter hours, at most 24 on one day.
draft-format = Format
draft-individual = Individual
draft-group = Group
draft-provider-name = Provider's name
draft-provider-category = Provider's endorsement
draft-provider-number = Provider's endorsement number
draft-about-providing = About the RSC I provide
draft-agreement = Agreement
draft-code-of-ethics = Code of Ethics
draft-endorsement-agreement = Endorsement Agreement
draft-no-sanction = No licensing board has sanctioned me
draft-signature-hint = Type your full name to sign.
draft-signature = Signature
draft-association = Association
draft-membership-number = Membership number
draft-valid-until = Valid until
draft-not-empty = must not be empty
draft-enter-date = enter a date
draft-hours-positive = must be a positive number of hours
draft-hours-quarters = must be in quarter hours (for example 1.25)
draft-enter-hours = enter a number of hours
draft-not-negative = must not be negative
draft-enter-whole = enter a whole number
summary-education = { $what } in { $field }, { $institution } ({ $year })
summary-work = { $position } at { $employer }, { $start } to { $end }, { $families } families
summary-work-now = { $position } at { $employer }, { $start } to now, { $families } families
summary-training = { $title } — { $hours } h on { $date } ({ $provider })
summary-rsc = { $hours } h on { $date } with { $provider }
summary-rsc-endorsed = { $hours } h on { $date } with { $provider } ({ $category })
summary-agreement = { $agreement } — signed by { $name } on { $date }
summary-membership = { $association } no. { $number }, valid until { $until } (awaiting verification)
summary-membership-verified = { $association } no. { $number }, valid until { $until } (verified)

## The portfolio page

portfolio-title = Your portfolio
portfolio-loading = Loading your portfolio…
form-correct = Please correct the fields marked below.
portfolio-remove-confirm = Remove “{ $entry }”?
portfolio-lead = Your portfolio is yours: it carries over to every application and renewal. The checklist updates as you type.
portfolio-nothing-yet = Nothing recorded yet.
portfolio-counts = Counts
portfolio-does-not-count = Does not count: { $reasons }
portfolio-edit = Edit
portfolio-edit-entry = Edit { $entry }
portfolio-remove = Remove
portfolio-remove-entry = Remove { $entry }
portfolio-log-several = Log several sessions
portfolio-requirements = Requirements
portfolio-check-against = Check against the category
portfolio-ask-references = Ask for reference ratings
portfolio-referees-answer = Referees answer through a secure link.
portfolio-change-entry = Change the entry
portfolio-new-entry = New entry
portfolio-optional = { $label } (optional)
portfolio-attached = Attached: { $name }
portfolio-attached-before = A document is attached.
portfolio-upload-progress = Upload progress
portfolio-uploading = Uploading… { $percent }%
portfolio-saving = Saving…
portfolio-save = Save
portfolio-restored = Your unsaved entry is back, as you left it.
portfolio-closed = The form is closed; nothing was saved.
portfolio-saved = Saved: { $entry }
portfolio-summary = Your checklist
portfolio-summary-met = { $category }: { $met } of { $count } requirements met
portfolio-summary-next = Next: { $line }
portfolio-summary-open = See the whole checklist
portfolio-history-title = Your work history
portfolio-history-lead = Keep your own work history here: Endorse compares it with applicants’ to spot conflicts of interest (the same employer at the same time). It is not an application.
portfolio-cancel = Cancel

## Notes to reviewers and several RSC sessions

note-saved = Note saved.
note-to-reviewers = Note to reviewers
note-on = Note to reviewers on { $section }
note-count = { $count } of { $max } characters
note-save = Save note
batch-line-wrong = Line { $line }: write a date and hours, like 2025-01-07 1.5
batch-one-per-line = Write one session per line.
batch-line-field = Line { $line }, { $field }
batch-nothing-saved = Nothing was saved. Correct these lines:
batch-sessions = Sessions, one per line: date and hours
batch-example = For example: 2025-01-07 1.5
batch-save-all = Save all sessions

## References

references-title = References
references-staff = References belong to applicants' portfolios. Admins see them on each application.
references-sent = Request sent to { $referee }. The e-mail is on its way.
references-cancelled = Request to { $referee } cancelled; its link no longer works.
references-resent = Sent again to { $referee } at { $email }, with a new link; the old link no longer works.
references-lead = Each category needs reference ratings from people who know your work. Referees answer through a secure link; they need no account. Your checklist shows which relationships your category still needs:
references-lead-link = open your portfolio
references-your-requests = Your requests
references-none = You have not asked anyone yet. Use the form to send your first request.
references-replace = Replace { $referee }
references-ask = Ask for a reference
references-replace-explain = The request to { $referee } will be cancelled (its link stops working) and the new referee asked instead.
references-keep = Keep the current referee
references-for-category = For the category
references-referee-name = Referee's full name
references-referee-email = Referee's e-mail
references-email-hint = The secure link goes to this address.
references-how-they-know = How they know you
references-known-since = Known since
references-known-hint = Raters should have known you for at least a year.
references-holds = The referee holds an endorsement
references-their-category = Their endorsement category
references-category-hint = For example IMHM-C.
references-their-number = Their endorsement number
references-waive = I waive my right to see this rating
references-waive-hint = Waived ratings are confidential: you will see that it arrived and whether it counts, never the answers. Many referees answer more freely.
references-replace-send = Replace and send
references-send = Send request
references-meta = { $email } · { $access } · for { $category }
references-waived-short = access waived
references-may-read = you may read the rating
references-asked-until = asked { $asked }, link works until { $until }
references-expired-on = the link expired on { $day }
references-undelivered =
    { $attempts ->
        [one] The e-mail could not be delivered (1 attempt): { $error }. Employers' mail servers often refuse such mail: ask { $referee } for a personal e-mail address, correct it below and re-send.
       *[other] The e-mail could not be delivered ({ $attempts } attempts): { $error }. Employers' mail servers often refuse such mail: ask { $referee } for a personal e-mail address, correct it below and re-send.
    }
references-declined = Declined: “{ $reason }”
references-counts = Counts toward your category.
references-read = Read the rating
references-waived-confidential = You waived access: the answers stay confidential.
references-correct-resend = Correct the address and re-send
references-resend-corrected = Re-send to the corrected address: { $referee }
references-resend = Re-send
references-replace-referee-of = Replace referee: { $referee }
references-replace-referee = Replace referee
references-cancel = Cancel
reference-status-queued = Queued
reference-status-sent = Sent
reference-status-delivery-failed = Delivery failed
reference-status-opened = Opened
reference-status-declined = Declined
reference-status-received = Received
reference-status-cancelled = Cancelled
reference-status-expired = Expired

## Renewal

renewal-submitted =
    { $kind ->
        [reinstatement] Your reinstatement is submitted; the association will tell you its decision by e-mail.
       *[other] Your renewal is submitted; the association will tell you its decision by e-mail.
    }
renewal-title =
    { $kind ->
        [reinstatement] Reinstatement
       *[other] Renewal
    }
renewal-returned =
    { $kind ->
        [reinstatement] Your reinstatement was returned: { $reason }
       *[other] Your renewal was returned: { $reason }
    }
renewal-pending =
    { $kind ->
        [reinstatement] Your reinstatement of { $numbers } was submitted on { $day }; the association will decide.
       *[other] Your renewal of { $numbers } was submitted on { $day }; the association will decide.
    }
renewal-open = Renewal of { $numbers } is open: due { $due }.
renewal-open-lapses = Renewal of { $numbers } is open: due { $due }; after { $last } it lapses.
renewal-lapsed = { $numbers } lapsed. To be reinstated (no new exam), update your membership, add the work you have done since the lapse and ask for new reference ratings.
renewal-opens = Renewal opens on { $day }.
renewal-provides-rsc = I provide reflective supervision/consultation (3 of the training hours must then be on providing it)
renewal-submit =
    { $kind ->
        [reinstatement] Submit your reinstatement
       *[other] Submit your renewal
    }
renewal-admin-title = Renewals
renewal-admin-lead = Renewals and reinstatements waiting for a decision, the oldest first. Approving one starts another cycle for each endorsement it covers and issues a new credential.
renewal-none-waiting = No renewal is waiting.
renewal-submitted-on = { $numbers } · submitted { $day }
renewal-reason = Reason (needed to return it)
renewal-approve = Approve
renewal-return = Return to the holder

## Endorsements

endorsements-yours = Your endorsements
endorsements-line = { $status }. Awarded { $awarded }; renewal due { $due }.
endorsements-list-me = List me in the public Endorsement Registry (name, category, number and dates)
endorsements-saved-listed = Saved: the public registry lists you.
endorsements-saved-unlisted = Saved: the public registry does not list you.
endorsements-choose-status = Choose the new status.
endorsements-heading = Endorsement { $number }
endorsements-status = Status
endorsements-awarded = Awarded
endorsements-renewal-due = Renewal due
endorsements-in-registry = In the registry
endorsements-listed = listed
endorsements-not-shown = not shown (not in good standing)
endorsements-not-listed = not listed (the holder has not agreed)
endorsements-change-to = Change the status to
endorsements-choose = Choose…
endorsements-reason = Reason
endorsements-audit-hint = Kept in the audit log.
endorsements-change-status = Change the status
endorsements-credential-unreadable = The credential could not be read.
endorsements-download-jwt = Download the credential (.jwt)
endorsements-download-json = Readable copy (.json)
endorsements-certificate = Certificate (PDF)
endorsements-anyone-can-check = Anyone can check it at

## Answering reviewers, and the exam

answers-every = Answer every request before sending.
answers-heading =
    { $count ->
        [one] The reviewers ask about 1 entry
       *[other] The reviewers ask about { $count } entries
    }
answers-lead = Amend each entry below in your portfolio if needed, then answer each request here. The review continues once you send your answers; the reviewer sees the entry as it was and as it is now.
answers-question = The question:
answers-yours = Your answer
answers-send = Send the answers
exam-loading = Loading the exam…
exam-request-recorded = Your request is recorded; the association sees it when scheduling.
exam-handed-in-short = Your answers are handed in.
exam-saved = Saved.
exam-not-yet-known = not yet known
exam-yours = Your exam (attempt { $attempt })
exam-parts = Part 1: { $questions } multiple-choice questions; { $pass } correct pass. Part 2: answer { $answered } of { $offered } vignettes, written here during the exam window.
exam-scheduled = Scheduled: { $starts } to { $ends } (UTC).
exam-accommodations-granted = Accommodations granted: { $accommodations }
exam-accommodations-you-need = Accommodations you need (optional)
exam-accommodations-hint = For example extra time, a reader, or a quiet room. The association decides when scheduling.
exam-save-request = Save the request
exam-part2-answers = Part 2: your answers
exam-answer-vignette = I answer vignette { $number }
exam-answer-to = Answer to vignette { $number }
exam-save = Save
exam-hand-in = Hand in the answers
exam-handed-in = Your answers are handed in. Two reviewers score them without knowing who wrote them.
exam-result = Exam { $outcome }
exam-part-results = Part 1: { $part1 }. Part 2: { $part2 }.
exam-retake-from = You may sit the exam again from { $day }.

## Recognition

recognition-granted = Recognised: your endorsement here is number { $number }.
recognition-declined = Not recognised: { $reason }
recognition-verified = Your endorsement { $number } from { $association } is verified; the association will tell you its decision by e-mail.
recognition-title = Recognition of an endorsement from another association
recognition-lead = Endorsed by another association and moved here? Ask us to recognise your endorsement. We check your credential with the association that awarded it; once we decide, you hold an endorsement of ours with its own number.
recognition-ask = Ask for recognition
recognition-association = The association that endorsed you (its code)
recognition-association-hint = The short code in its address, for example mi for mi.example.org or /a/mi/.
recognition-number = Endorsement number
recognition-number-hint = As printed on your certificate.
recognition-code = Verification code
recognition-code-hint = Printed on your certificate beside its QR code; it shows the certificate is yours.
recognition-checking = Checking your credential…
recognition-your-requests = Your requests
recognition-none = You have not asked for recognition yet.
recognition-from = { $category } ({ $code }) from { $association }
recognition-asked = Endorsement { $number } · asked { $day }
recognition-admin-title = Recognitions
recognition-admin-lead = Holders of another association's endorsement who ask to be recognised here. Each credential was verified with the association that awarded it (signature, dates and status) when they asked, and is checked again before a grant issues an endorsement of ours.
recognition-none-asked = No one has asked for recognition.
recognition-endorsed-by = Endorsed by
recognition-their-endorsement = Their endorsement
recognition-name-on-credential = Name on the credential
recognition-same-email = Same e-mail address there
recognition-yes = Yes
recognition-no = No
recognition-endorsed-since = Endorsed since
recognition-asked-on = Asked
recognition-reason = Reason (needed to decline)
recognition-recognise = Recognise and endorse
recognition-decline = Decline
recognition-recognised-as = Recognised as endorsement { $number }.
recognition-admin-declined = Declined: { $reason }
