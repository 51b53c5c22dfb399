## Printed documents: the certificate of endorsement.

certificate-title = Certificate of Endorsement
certificate-document-title = Certificate of endorsement { $number }
certificate-certifies = This certifies that
certificate-holds = holds the Infant and Early Childhood Mental Health Endorsement as
certificate-number = Endorsement number { $number }
certificate-dates = Endorsed since { $since }  •  Valid through { $until }
certificate-scan = Scan to verify, or visit
