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
fee-checklist-shortfall = Pay it online from your home page, or ask the association how to pay it; once it is recorded, this line is met.
