## The referee's page, opened from the e-mailed link.

referee-loading = Loading the request…
referee-title = Reference for { $applicant }
referee-lead = { $applicant } is applying for the { $category } endorsement with the { $association } and has asked you, { $referee }, for a reference rating. It takes about 15 minutes.
referee-waived = The applicant waived the right to see your answers: only the reviewers and the association will read them.
referee-not-waived = The applicant may read your answers once you submit them.
referee-link-until = This link works until { $day }. Questions: { $contact }.
referee-step = Step { $step } of { $steps }
referee-progress = Your progress
referee-how-you-know = How you know the applicant
referee-relationship = Your relationship to the applicant
referee-known-since = Known since
referee-domain-heading = { $domain }
referee-domain-of = Competency domain { $number } of { $count }
referee-rate-hint = Rate what you have seen yourself. Where you have not seen enough to judge, say so: that is a good answer, not a bad one.
referee-your-recommendation = Your recommendation
referee-overall = Overall
referee-comments = Comments for the reviewers
referee-comments-hint = Examples help most: what you have seen the applicant do with families and colleagues.
referee-final = Once submitted, your rating is final and cannot be changed.
referee-submit = Submit rating
referee-next = Next
referee-back = Back
referee-saved-at = Draft saved at { $time }.
referee-not-saved = The draft could not be saved; your answers are still on this page.
referee-missing = Some answers are missing; they are marked below.
referee-choose-relationship = choose how you know the applicant
referee-choose-date = choose a date
referee-choose-rating = choose an answer (or “I do not have enough information to rate”)
referee-choose-recommendation = choose a recommendation
referee-cannot = I cannot give a reference
referee-why = Why, in a few words (the applicant will read this)
referee-decline = Decline the request
referee-thanks = Thank you
referee-invalid = This link is not valid
referee-no-longer = This link no longer works
referee-too-many = Too many attempts
referee-not-opened = The request could not be opened
referee-done-rated = Your rating has been received. The reviewers will read it with the applicant’s portfolio; nothing more is needed from you, and you can close this page.
referee-done-declined = Thank you for letting us know. The applicant will be told, so they can ask someone else. You can close this page.

## Ratings and recommendations

rating-exemplary = Exemplary
rating-strong = Strong
rating-competent = Competent
rating-developing = Developing
rating-not-evident = Not evident
rating-not-enough-information = I do not have enough information to rate
recommendation-recommend = I recommend the applicant
recommendation-with-reservations = I recommend the applicant, with reservations
recommendation-do-not-recommend = I do not recommend the applicant
