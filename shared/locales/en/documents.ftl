## Printed documents: the certificate of endorsement.

certificate-title = Certificate of Endorsement
certificate-document-title = Certificate of endorsement { $number }
certificate-certifies = This certifies that
certificate-holds = holds the Infant and Early Childhood Mental Health Endorsement as
certificate-number = Endorsement number { $number }
certificate-dates = Endorsed since { $since }  •  Valid through { $until }
certificate-scan = Scan to verify, or visit

## The receipt of a payment.
receipt-document-title = Receipt { $number }
receipt-title = Receipt
receipt-number = Receipt number { $number }
receipt-received-from = Received from
receipt-for = For
receipt-amount = Amount
receipt-method = Paid by
receipt-reference = Reference
receipt-paid-on = Received on
receipt-thanks = Thank you. { $association } received this payment; keep this receipt for your records.
