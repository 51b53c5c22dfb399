# Importing what an association already has.

import-kind-holders = Endorsement holders
import-kind-members = Members and applicants
import-kind-ratings = Past reference ratings
import-kind-rsc = Past RSC sessions

import-outcome-create = New
import-outcome-update = Update
import-outcome-unchanged = Unchanged
import-outcome-refused = Refused

import-status-checked = Checked, not imported yet
import-status-applying = Importing
import-status-applied = Imported
import-status-discarded = Set aside

import-issue-missing = { $column } is empty.
import-issue-too-long = { $column } is longer than { $max } characters.
import-issue-hidden = { $column } holds control or invisible characters.
import-issue-not-a-date = { $column } is not a date: “{ $value }” (write 2026-05-31 or 5/31/2026).
import-issue-in-the-future = { $column } is a day that has not come yet.
import-issue-not-an-email = { $column } is not an e-mail address.
import-issue-not-a-number = { $column } is not a whole number from 0 to 20: “{ $value }”.
import-issue-not-hours = hours is not a number of hours in quarter hours, more than 0 and at most 24: “{ $value }”.
import-issue-not-one-of = { $column } is “{ $value }”; it must be one of: { $allowed }.
import-issue-unknown-category = No category of the rulebook has the code “{ $value }”.
import-issue-due-before-award = The renewal falls due before the endorsement was awarded.
import-issue-duplicate-number = This endorsement number is on line { $line } too.
import-issue-duplicate-row = The same row is on line { $line } too.
import-issue-number-of-another = This endorsement number is another person’s.
import-issue-category-differs = This endorsement number is an endorsement in { $stored }; its category cannot change.
import-issue-not-imported = This endorsement was awarded through Endorse; an import does not change it.
import-issue-no-account = No account has the address { $email }: import the members and applicants first.
import-issue-same-as-applicant = The referee’s address is the applicant’s own.

import-file-empty = The file is empty: it needs a header row and at least one row.
import-file-too-large = The file is larger than { $megabytes } MB.
import-file-too-many-rows = The file has more than { $rows } rows: split it into smaller files.
import-file-not-csv = The file could not be read as CSV on line { $line }: { $error }
import-file-missing-columns = The header row lacks { $columns }. Download the template to see every column.
import-file-repeated-columns = The header row names { $columns } more than once.
import-file-binary = The file is not text: save it from the spreadsheet as CSV.
import-not-checked = Only a checked import can be confirmed or set aside; this one’s status is: { $status }.
import-kind-unknown = There is no kind of import called “{ $kind }”; it is one of holders, members, ratings, rsc.

import-rating-note = Imported from the association’s earlier records; given on { $day }.
import-rating-imported = Imported

## The imports page

imports-title = Import records
import-title = Import
import-title-of = Import of { $file }
imports-lead = Bring in what your association already keeps: endorsement holders, members and applicants, then their past ratings and RSC sessions. Each file is checked first and nothing is written until you confirm; importing the same file again changes nothing, and a corrected file updates what it corrects. People new to Endorse are invited by e-mail to claim their accounts, sixty a minute.
imports-kind = What the file holds
imports-hint-holders = One row per endorsement: the holder, its number (kept exactly), when it was awarded and falls due, its status, and the holder's membership.
imports-hint-members = One row per person: members, and applicants with the category they are applying for (a draft application is opened for it).
imports-hint-ratings = One row per rating given in the earlier system, for people already imported; each keeps the day it was given, from which its year of validity counts.
imports-hint-rsc = One row per reflective supervision/consultation session, for people already imported, with its own day.
imports-columns = Columns: { $columns }. Required: { $required }. Dates as 2026-05-31 or 5/31/2026; UTF-8 or Windows-1252; commas or semicolons.
imports-template = Download the template for { $kind }
imports-file = The CSV file
imports-file-hint = At most 10 MB and 50,000 rows, with a header row.
imports-choose-file = Choose the file to check.
imports-sending = Sending the file…
imports-checking = Checking every row…
imports-check = Check the file
imports-made = Imports
imports-none = No file has been imported yet.
imports-counts = { $create } new, { $update } to update, { $unchanged } unchanged, { $refused } refused
imports-file-name = File
imports-status = Status
imports-rows = Rows
imports-uploaded = Checked by
imports-back = All imports
imports-read-as = Read as
imports-encoding = { $encoding }, fields separated by “{ $delimiter }”
imports-ignored = Columns not read
imports-plan = The file has { $rows } rows: { $counts }. Nothing is written until you confirm.
imports-refused-note = { $refused ->
    [one] One row is refused; the table below says why. It is left out, and the other rows go in.
   *[other] { $refused } rows are refused; the table below says why. They are left out, and the other rows go in.
}
imports-confirm = { $rows ->
    [one] Import 1 row
   *[other] Import { $rows } rows
}
imports-discard = Set this file aside
imports-writing = Importing
imports-progress = { $done } of { $rows } rows imported…
imports-done = Imported: { $counts }. { $invited ->
    [0] Nobody new needs inviting.
    [one] One person is invited to claim their account.
   *[other] { $invited } people are invited to claim their accounts.
}
imports-discarded = This file was set aside; nothing of it was written.
imports-rows-heading = Row by row
imports-show = Show
imports-every-row = Every row
imports-no-rows = No row to show.
imports-line = Line
imports-subject = Who or what
imports-outcome = What happens
imports-why = Why
imports-new-account = A new account; its owner is invited to claim it.
imports-changes = Changes: { $columns }.
imports-applied-as = When imported: { $outcome }.
imports-more = Show more rows
import-check-unfinished = The check of this file did not finish: check the file again.
import-rating-summary = Imported from the association’s earlier records: given on { $day }, { $recommendation }; the referee is the applicant’s { $relationship }{ $unrated ->
    [0] .
    [one] ; one domain could not be rated.
   *[other] ; { $unrated } domains could not be rated.
}
import-file-too-many-columns = The header row has more than { $columns } columns: is this the right file?
import-issue-day-over-full = { $logged } hours of RSC are logged on that day already; with this session the day would pass 24 hours.
