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
users-loading = Loading…
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
review-loading = Loading…
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
radmin-loading = Loading…
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
