### The eligibility engine's words: each requirement's line in the checklist,
### what is still short, and why an entry does not count.

engine-hours = { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }
engine-months = { $n ->
        [one] { $n } month
       *[other] { $n } months
    }
engine-more-hours = { $hours ->
        [one] { $hours } more hour
       *[other] { $hours } more hours
    }
engine-more-months = { $n ->
        [one] { $n } more month
       *[other] { $n } more months
    }
engine-or = { $first } or { $second }
engine-line-hours = { $label }: { $hours } of { $needed }
engine-dated-future = it is dated in the future
engine-no-hours = it has no hours

## Education

engine-education = Education
engine-education-future = completed in { $year }, which is still to come
engine-license-not-enough = a license does not replace the degree for this category
engine-degree-below = { $degree } is below the { $needed } this category needs
engine-degree-or-license = { $degree } or higher, or a state mental-health license
engine-degree-or-higher = { $degree } or higher
engine-education-none-needed = Education: no degree required
engine-education-recorded = Education: { $needed } — recorded
engine-education-work-instead = Education: { $months } months of relevant work in place of a degree
engine-education-or-work = Education: { $needed }, or { $months } months of relevant work instead
engine-education-or-work-short = Add { $needed }, or record { $more } of relevant work with { $ages }.
engine-education-needed = Education: { $needed }
engine-education-add = Add { $needed }.

## Work

engine-work-short = Record { $more } of { $work }.
engine-work-summary = { $work }: { $months } of { $needed } months
engine-families = Families served
engine-families-summary = Families served: { $families } of { $needed }
engine-families-short = Record { $n ->
        [one] { $n } more family
       *[other] { $n } more families
    } served in this work.
engine-work-not-needed = this category needs no work experience
engine-work-future = it starts in the future
engine-work-ends-before = it ends before it starts
engine-work-kind = { $work } needs { $kinds }
engine-work-employment = { $employment } does not count for { $work }
engine-work-ages = it did not serve { $ages }
engine-work-no-degree = post-graduate work counts from a qualifying degree, and none is recorded
engine-work-before-degree = all of it was before the qualifying degree

## Training

engine-training = Specialized training
engine-training-summary = Training: { $hours } of { $needed }
engine-training-short = Record { $more } of specialized training.
engine-training-on = Training on { $topic }
engine-training-on-short = Record { $more } of training on { $topic } (mark it with that topic).
engine-training-repeats = it repeats an earlier entry (same title, date and hours)

## Reflective supervision/consultation

engine-rsc = Reflective supervision/consultation
engine-rsc-summary = RSC: { $hours } of { $needed }, over { $span }
engine-rsc-short = Record { $more } of RSC from a qualifying provider within { $months } months.
engine-rsc-span-short = The sessions counted must spread over at least { $months } months (now { $now }).
engine-rsc-about = RSC about the RSC you provide
engine-rsc-about-short = Record { $more } of RSC about the RSC you provide.
engine-session-repeats = it repeats an earlier entry (same day, provider and hours)
engine-session-outside = it falls outside the { $months }-month window counted
engine-session-outside-dated = it falls outside the { $months }-month window counted ({ $first } to { $last })
engine-provider-wrong = a provider endorsed as { $category } does not qualify (endorsed as { $wanted } does)
engine-provider-needed = the provider must be endorsed as { $wanted }, or vetted by the association

## References

engine-references = Reference ratings
engine-references-summary = References: { $count } of { $needed } counted
engine-references-short = { $missing ->
        [one] { $missing } more counted reference rating is needed.
       *[other] { $missing } more counted reference ratings are needed.
    }
engine-slot-counted = { $slot }: counted
engine-slot-missing = { $slot }: missing
engine-slot-short = A counted rating from { $from } is needed.
engine-endorsed-raters = Endorsed raters
engine-endorsed-raters-summary = Endorsed raters: { $count } of { $needed }
engine-endorsed-raters-short = At least { $needed } counted rating must come from an endorsed rater.
engine-no-rating-yet = no rating has been received yet
engine-rating-limit = only { $max } rating from { $from } adds to the total
engine-rater-known = raters should have known you for at least { $months } months
engine-rating-future = its rating is dated in the future
engine-rating-old = its rating was given on { $day }, more than { $days } days ago
engine-rating-too-many-unknown = too many of its answers are "not enough information to rate" ({ $limit } or more are not counted)
engine-rating-unknown = { $count } of its answers are "not enough information to rate" ({ $limit } or more are not counted)

## Agreements and membership

engine-agreement-signed = { $agreement }: signed on { $day }
engine-agreement-unsigned = { $agreement }: not signed
engine-agreement-sign = Sign the { $agreement }.
engine-agreement-not-asked = this category does not ask for it
engine-membership = Membership
engine-membership-current = Membership: current and verified
engine-membership-not-current = Membership: not current
engine-membership-waiting = Your membership is waiting for the association to verify it; they have been told.
engine-membership-short = Record a current membership of the association.
engine-membership-expired = it expired on { $day }
engine-membership-unverified = the association has not verified it yet

## Renewal and reinstatement

engine-renewal-of = { $kind } of { $categories }
engine-before-period = it is from before this period (it began { $day })
engine-renewal-training = Training
engine-renewal-training-exempt = Training: none due in the first year after the award
engine-renewal-training-short = Record { $more } of training since your last renewal.
engine-renewal-dei-short = Record { $more } of training on diversity, equity and inclusion since your last renewal (mark it with that topic).
engine-renewal-rsc-topic-short = Record { $more } of training on providing RSC since your last renewal (mark it with that topic).
engine-renewal-rsc-short = Record { $more } of reflective supervision/consultation received since your last renewal.
engine-ethics-again = Code of Ethics, signed again
engine-ethics-signed-again = Code of Ethics: signed again on { $day }
engine-ethics-not-since = Code of Ethics: not signed since { $day }
engine-ethics-sign-again = Sign the Code of Ethics again.
engine-work-since-lapse = Work experience since the lapse
engine-work-since-recorded = Work since { $day }: recorded
engine-work-since-none = Work since { $day }: none recorded
engine-work-since-short = Record the work you have done since your endorsement lapsed on { $day }.
engine-ended-before-lapse = it ended before the lapse ({ $day })
engine-given-before-lapse = it was given before the lapse ({ $day })
engine-same-referee = the same referee rated you already
engine-no-rating = no rating yet
engine-new-ratings = New reference ratings
engine-new-ratings-summary = New reference ratings: { $count } of { $needed }
engine-new-ratings-short = Ask for { $n ->
        [one] { $n } more reference rating
       *[other] { $n } more reference ratings
    } since the lapse.
