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
home-loading = Loading…
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
summary-training = { $title } — { $hours } on { $date } ({ $provider })
summary-rsc = { $hours } on { $date } with { $provider }
summary-rsc-endorsed = { $hours } on { $date } with { $provider } ({ $category })
summary-agreement = { $agreement } — signed by { $name } on { $date }
summary-membership = { $association } no. { $number }, valid until { $until } (awaiting verification)
summary-membership-verified = { $association } no. { $number }, valid until { $until } (verified)

## The portfolio page

portfolio-title = Your portfolio
portfolio-loading = Loading your portfolio…
portfolio-correct = Please correct the fields marked below.
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
portfolio-upload-progress = Upload progress
portfolio-uploading = Uploading… { $percent }%
portfolio-saving = Saving…
portfolio-save = Save
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
