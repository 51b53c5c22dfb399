### Messages beside a field that is not valid. The app shows them before it
### sends; the API answers with the same ones.

field-invalid = is not valid
field-blank = must not be blank
field-empty = must not be empty
field-control-chars = must not contain control characters
field-invisible-chars = must not contain invisible formatting characters (such as right-to-left overrides or zero-width spaces)
field-too-long = must be at most { $max } characters
field-too-short = must be at least { $min } characters
field-length-between = must be between { $min } and { $max } characters
field-range-between = must be between { $min } and { $max }
field-range-min = must be { $min } or more
field-range-max = must be at most { $max }
field-email = must be a valid e-mail address
field-future = must not be in the future
field-not-an-amount = must be an amount, such as 150.00
field-not-a-date = must be a date
field-positive = must be more than 0
field-per-page = must be between { $min } and { $max }; narrow the search instead
field-choose-category = choose a category
field-category-code = must be a category code
field-hours-positive = must be a positive number of hours
field-hours-quarters = must be in quarter hours (.25, .5 or .75)
field-hours-too-many = is more hours than Endorse records

## Portfolio entries

entry-year-range = must be between 1940 and { $last }
entry-choose-credential = choose the degree, credential or license
entry-end-before-start = must not be before the start
entry-start-too-early = must be in 1950 or later
entry-hours-per-week = must be between 1 and 80
entry-choose-ages = choose the ages of the children served
entry-choose-kinds = choose at least one kind of work
entry-hours-max-training = must be at most 200 hours
entry-hours-max-rsc = must be at most 24 hours on one day
entry-choose-domains = choose the competency domains it covers
entry-unknown-domain = '{ $domain }' is not a competency domain
entry-domain-twice = lists a domain twice
entry-topic-twice = lists a topic twice
entry-unknown-category = '{ $category }' is not an endorsement category
entry-sign-full-name = type your full name as on your account: { $name }
entry-expiry-range = must be a date between 1950 and { $last }

## The exam

exam-start-past = must not be in the past
exam-end-before-start = must be after the start
exam-too-long = must be within 24 hours of the start
exam-not-a-vignette = is not a vignette: choose from 1 to { $offered }
exam-answer-count = answer { $answered } of the { $offered } vignettes
exam-not-answered = is not a vignette the examinee answered
exam-score-range = must be a score of the rubric, from { $low } to { $high }
exam-choose-score = choose a score
field-reason-needed = give a reason for “{ $action }”

## References

reference-unknown-category = is not a category of the current rulebook
reference-choose-answer = choose an answer
reference-not-a-domain = is not a competency domain

## Reviews

review-not-a-domain = is not a competency domain of the rulebook
review-section-not-judged = is not judged for this category
review-recommendation-closed = “{ $recommendation }” is not open to this category
review-choose-verdict = choose sufficient or insufficient
review-choose-recommendation = choose a recommendation
review-flag-one = flag at least one entry
review-flag-max = must flag at most { $max } entries
review-not-submitted-entry = is not an entry of the submitted application
review-flagged-twice = is flagged twice
review-answer-request = answer this request
review-not-open-request = is not an open request

## Peer reviewers

reviewer-endorsements-max = must list at most 20 endorsements
reviewer-unknown-category = is not a category of the rulebook in force
reviewer-listed-twice = is listed twice

## Passwords

password-too-easy = is too easy to guess.
password-passphrase = A few unrelated words make a strong passphrase.
password-warning-rows = Straight rows of keys are easy to guess.
password-warning-keyboard = Short keyboard patterns are easy to guess.
password-warning-repeats = Repeats like "aaa" are easy to guess.
password-warning-repeated-groups = Repeats like "abcabcabc" are only slightly harder to guess than "abc".
password-warning-top10 = This is one of the 10 most common passwords.
password-warning-top100 = This is one of the 100 most common passwords.
password-warning-common = This is a very common password.
password-warning-similar = This is similar to a commonly used password.
password-warning-sequences = Sequences like abc or 6543 are easy to guess.
password-warning-recent-years = Recent years are easy to guess.
password-warning-one-word = A word by itself is easy to guess.
password-warning-dates = Dates are often easy to guess.
password-warning-names = Names and surnames by themselves are easy to guess.
password-warning-common-names = Common names and surnames are easy to guess.
password-hint-few-words = Use a few words, avoid common phrases.
password-hint-no-symbols = No need for symbols, digits, or uppercase letters.
password-hint-another-word = Add another word or two. Uncommon words are better.
password-hint-capitals = Capitalization doesn't help very much.
password-hint-uppercase = All-uppercase is almost as easy to guess as all-lowercase.
password-hint-reversed = Reversed words aren't much harder to guess.
password-hint-substitutions = Predictable substitutions like '@' instead of 'a' don't help very much.
password-hint-keyboard = Use a longer keyboard pattern with more turns.
password-hint-repeats = Avoid repeated words and characters.
password-hint-sequences = Avoid sequences.
password-hint-recent-years = Avoid recent years.
password-hint-your-years = Avoid years that are associated with you.
password-hint-your-dates = Avoid dates and years that are associated with you.

## An association's settings

association-name-rule = must be 1 to 120 characters, without control characters
association-currency-rule = must be an ISO 4217 code such as USD or EUR
association-language-rule = must be en or es
association-colour-rule = must be a colour such as #1f5f5b
association-colour-contrast = white text on it has a contrast of { $ratio }:1; it needs { $needed }:1, so choose a darker colour
association-logo-kind = must be a PNG or SVG image as a base64 data: URL
association-logo-size = must be at most { $kb } KB
association-smtp-rule = must start with smtp:// or smtps:// (or be empty to use the deployment's server)
association-code-rule = '{ $code }' must be 2 to { $max } lowercase letters and digits, starting with a letter
association-host-rule = '{ $host }' is not a host name such as mi.example.org (no scheme, no port)
association-time-zone-rule = '{ $zone }' is not an IANA time zone such as America/Detroit
association-code-taken = The code '{ $code }' is taken.
association-host-taken = The host '{ $host }' is another association's.
association-taken-meanwhile = The code '{ $code }' (or its host) was taken meanwhile.
support-hours-rule = must be 1 to { $max }
smtp-url-invalid = is not a mail server address: { $detail }

exam-mode-in-person = In person
exam-mode-online = Online, proctored
