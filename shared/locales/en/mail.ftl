## E-mail: every message's subject, paragraphs and buttons. Names, numbers
## and links are filled in; the HTML is escaped after the words are chosen.

mail-greeting = Dear { $name },
mail-button-fallback = If the button does not work, copy this address into your browser:
mail-footer = Questions? Reply to this e-mail or write to { $reply_to }.
mail-signature = The { $association } endorsement team
mail-open-endorse = Open Endorse

## To a referee

mail-reference-request-subject = Reference request for { $applicant }
mail-reference-request-lead = { $applicant } is applying for the { $category } endorsement with the { $association } and has asked you for a reference rating. { $applicant } described you as their { $relationship }.
mail-reference-request-how = The rating takes about 15 minutes: you rate the applicant on each competency domain, add comments and a recommendation, or decline. No account is needed, and your answers are saved as you go.
mail-reference-request-personal = This link is personal to you and works until { $until }. Please do not forward it.
mail-reference-button = Give your reference
mail-reference-reminder-subject = Reminder: reference for { $applicant }
mail-reference-reminder-lead = A reminder: { $applicant } is waiting for your reference rating. Your link works until { $until }.
mail-reference-reminder-decline = If you cannot give a reference, the same link lets you decline, so the applicant can ask someone else.

## To an applicant

mail-rating-received-subject = { $referee } submitted your reference rating
mail-rating-received-lead = { $referee } has submitted a reference rating for you. Your references page shows whether it counts for your application.
mail-see-references = See your references
mail-declined-subject = { $referee } declined your reference request
mail-declined-lead = { $referee } declined to give you a reference rating, saying: “{ $reason }”
mail-declined-ask = You can ask someone else from your references page.
mail-ask-another = Ask another referee
mail-decision-subject = Your { $category } application: { $outcome }
mail-decision-lead = The { $association } has decided on your application for the { $category } endorsement: { $outcome }.
mail-decision-feedback = The association's feedback: { $feedback }
mail-see-application = See your application
mail-information-subject = Your { $category } application: more information needed
mail-information-lead = { $count ->
    [one] The reviewers of your { $category } application need more information on one of your entries:
   *[other] The reviewers of your { $category } application need more information on { $count } of your entries:
}
mail-information-how = Amend the entries and answer each request from your application page; the review continues once you send your answers.
mail-answer-button = Answer the requests

## What was decided, as the decision mail says it

outcome-endorsed = endorsed
outcome-emerging = emerging
outcome-deferred = deferred, with feedback to revise and resubmit
outcome-not-endorsed = not endorsed
outcome-approved-for-exam = approved to sit the exam
outcome-exam-scheduled = scheduled to sit the exam on { $when } (UTC)
outcome-exam-passed = passed the exam
outcome-exam-failed = did not pass the exam
mail-exam-where = { $mode }; { $location }.
mail-exam-accommodations = Accommodations: { $accommodations }.
exam-part-passed = passed
exam-part-not-passed = not passed
mail-exam-failed-feedback = Part 1: { $part1 }. Part 2: { $part2 }. You may sit the exam again from { $from }.

## To a reviewer

mail-review-assigned-subject = An application to review: { $category }
mail-review-assigned-lead = Thank you for reviewing for the { $association }. You have been assigned an application for the { $category } endorsement. The review is due on { $due }.
mail-review-assigned-lead-named = Thank you for reviewing for the { $association }. You have been assigned { $applicant }'s application for the { $category } endorsement. The review is due on { $due }.
mail-open-reviews = Open your reviews
mail-review-reminder-subject = Due { $due }: your { $category } review
mail-review-reminder-lead = A reminder: your review of the { $category } application is due on { $due }.
mail-review-overdue-subject = Overdue: your { $category } review
mail-review-overdue-lead = Your review of the { $category } application was due on { $due }. If you cannot finish it, reply to this message so the association can reassign it.

## To a holder

mail-renewal-reminder-subject = { $days ->
    [0] Your endorsement renewal is due today
    [one] Your endorsement renewal is due tomorrow
   *[other] Your endorsement renewal is due in { $days } days
}
mail-renewal-reminder-lead = { $days ->
    [0] The renewal of your endorsement ({ $numbers }) is due today.
    [one] The renewal of your endorsement ({ $numbers }) is due tomorrow, { $due }.
   *[other] The renewal of your endorsement ({ $numbers }) is due in { $days } days, on { $due }.
} Renew from your existing portfolio: add the training and reflective supervision/consultation since your last renewal, your current membership, and sign the Code of Ethics again.
mail-renewal-reminder-lapse = If it is not renewed by { $last_day }, the endorsement lapses and leaves the public registry.
mail-renew-button = Renew your endorsement
mail-renewal-approved-subject = { $kind ->
    [reinstatement] Your reinstatement is approved
   *[other] Your renewal is approved
}
mail-renewal-approved = { $kind ->
    [reinstatement] The { $association } approved your reinstatement.
   *[other] The { $association } approved your renewal.
} Your endorsement is active; the next renewal is due on { $due }. Your new credential is ready to download.
mail-renewal-returned-subject = { $kind ->
    [reinstatement] Your reinstatement was returned to you
   *[other] Your renewal was returned to you
}
mail-renewal-returned = { $kind ->
    [reinstatement] The { $association } returned your reinstatement to you.
   *[other] The { $association } returned your renewal to you.
} Please see the reason below, update your portfolio and submit it again.
mail-recognised-subject = Your endorsement is recognised
mail-recognised = The { $association } recognised your endorsement { $from_number } from { $from_association } and endorsed you with its own endorsement, number { $number }. Its credential is ready to download; you choose whether the public registry lists it.
mail-not-recognised-subject = Your request for recognition was declined
mail-not-recognised = The { $association } did not recognise your endorsement { $from_number } from { $from_association }. Please see the reason below; you may apply here for the endorsement.
mail-lapsed-subject = Your endorsement { $number } has lapsed
mail-lapsed-lead = Your endorsement { $number } was not renewed in time and has lapsed: it no longer appears in the public registry, and its credential now reads as not in good standing.
mail-lapsed-reinstate = You can be reinstated without a new exam: update your membership, add the work you have done since the lapse, and ask for three new reference ratings.

## A new password

mail-reset-subject = Choose a new password for { $association }
mail-reset-lead = Someone, probably you, asked to choose a new password for your account at { $association }. The link below works once, for { $minutes } minutes; signing in with the new password signs you out everywhere else.
mail-reset-button = Choose a new password
mail-reset-not-you = If you did not ask, you can ignore this message: your password stays as it is.

mail-claim-subject = Your account at { $association } is ready
mail-claim-lead = { $association } now keeps its endorsements, memberships and applications in Endorse, and your records were brought over. Choose a password to claim your account: the link below works once, for { $days } days.
mail-claim-button = Choose your password
mail-claim-after = Once signed in you can see your records, download your credential if you hold an endorsement, and decide whether the public registry lists you. If this is not you, ignore this message, or write to us.

mail-reset-lead-admin = An administrator of { $association } sent you this link to choose a new password for your account. It works once, for { $minutes } minutes; until you use it, your password stays as it is.
mail-confirm-subject = Confirm your e-mail address for { $association }
mail-confirm-lead = Please confirm that this is your address for your account at { $association }, so that news about your application reaches you. The link below works for { $days } days.
mail-confirm-lead-change = You asked to sign in to { $association } with this address from now on. Open the link below to confirm it; until you do, your account keeps its current address. The link works for { $days } days.
mail-confirm-button = Confirm this address
mail-confirm-not-you = If you did not ask for this, you can ignore this message: nothing changes.
mail-email-changed-subject = Your sign-in address at { $association } changed
mail-email-changed-lead = Your account at { $association } now signs in with { $email }. Messages about it go there from now on.
mail-email-changed-not-you = If you did not make this change, write to the association at once by replying to this message.
mail-confirm-first = Your e-mail address is not confirmed yet. Please sign in and confirm it from your account page, so that messages like this one keep reaching you.
mail-confirm-first-link = Confirm it from your account page
mail-digest-subject = What waits on you at { $association } today
mail-digest-lead = Here is what waits on you at { $association } today:
mail-digest-button = Open your overview
mail-digest-why = You get this message on the days something waits on you; the overview always shows the same list.
