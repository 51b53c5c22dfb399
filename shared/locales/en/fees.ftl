### Fees and payments: what a person owes and paid, the admins' records of
### payments and waivers, online payment, receipts and the payments page.

fee-registration = Registration fee
fee-processing = Processing fee
fee-exam = Exam fee
fee-renewal = Renewal fee
fee-reinstatement = Reinstatement fee
fee-description = { $fee }, { $category }
fee-description-sitting = { $fee }, { $category } (sitting { $sitting })
fee-description-number = { $fee }, { $number }
fee-status-due = Due
fee-status-paid = Paid
fee-status-waived = Waived
fee-checklist-line = { $fee }: { $amount } to pay before you submit
payment-card = Card (online)
payment-check = Check
payment-bank-transfer = Bank transfer
payment-cash = Cash
payment-waived = Waived
fee-checklist-shortfall = Pay it on the Fees page (online, where the association offers it), or ask the association how to pay it; once it is recorded, this line is met.

## The applicant's fees (home card, Fees page, beside a step)
fees-title = Your fees
fees-due-heading = Fees
fees-nothing-due = Nothing is due. Thank you.
fees-see-all = See your fees and receipts
fees-go-pay = Go to your fees
fees-holds-submission = needed before you submit
fees-holds-exam = needed before your exam is scheduled
fees-holds-renewal = needed before you submit the renewal
fees-for-this-step = Fees for this step:
fees-line-blocking = { $fee }: { $amount }, to pay first
fees-line-due = { $fee }: { $amount }, due
fees-list-heading = What you owe and paid
fees-none = The association has charged you no fee.
fees-offline-only = The association takes payments by check, bank transfer or in cash; ask it how to pay. Once it records your payment, it shows here.
fees-col-fee = Fee
fees-col-amount = Amount
fees-col-status = Status
fees-col-action = Payment
fees-pay = Pay { $amount } online
fees-pay-named = Pay { $amount } online: { $fee }
fees-paying = Opening the payment page…
fees-pay-not-opened = The payment page could not be opened. Try again.
fees-ask-association = Ask the association how to pay
fees-paid-on = { $method }, { $day }
fees-waived-on = Waived on { $day }
fees-receipt = Receipt { $number }
fees-back-paid = Thank you: your payment is recorded.
fees-back-paid-waiting = Thank you. Your payment is being confirmed; it shows here as soon as the payment provider confirms it, usually within a minute.
fees-back-cancelled = You left the payment page; nothing was charged.
fees-back-home = Back to your home page

## Admins: a person's fees
person-fees-heading = Fees
person-fees-none = No fee is charged to this person.
person-fees-record = Record a payment
person-fees-record-named = Record a payment of { $fee }
person-fees-waive = Waive
person-fees-waive-named = Waive { $fee }
person-fees-record-heading = Record a payment: { $fee }
person-fees-waive-heading = Waive: { $fee }
person-fees-method = How it was paid
person-fees-amount = Amount received ({ $currency })
person-fees-amount-hint = The fee is { $amount }.
person-fees-reference = Reference
person-fees-reference-hint = The check number or the transfer's reference.
person-fees-paid-on = Received on
person-fees-record-save = Record the payment
person-fees-reason = Reason
person-fees-reason-hint = Why the fee is waived; it is kept in the audit trail.
person-fees-waive-save = Waive the fee
person-fees-cancel = Cancel
person-fees-recorded = The payment of { $fee } is recorded; its receipt is ready.
person-fees-waived = { $fee } is waived.

## The treasurer's payments page
payments-title = Payments
payments-filters = Which payments
payments-from = Received from
payments-to = Received until
payments-fee = Fee
payments-any-fee = Any fee
payments-show = Show
payments-download = Download as CSV
payments-totals = Totals
payments-list = Payments, newest first
payments-none = No payment in these days.
payments-month = Month
payments-method = How
payments-count = Payments
payments-amount = Amount
payments-all = All
payments-day = Received
payments-person = Person
payments-receipt = Receipt
payments-older = Older payments
