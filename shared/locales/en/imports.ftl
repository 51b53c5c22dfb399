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
