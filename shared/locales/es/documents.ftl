## Documentos impresos: el certificado del Endorsement.

certificate-title = Certificado de Endorsement
certificate-document-title = Certificado de Endorsement { $number }
certificate-certifies = Se certifica que
certificate-holds = tiene el Endorsement en Salud Mental Infantil y de la Primera Infancia (IECMH) como
certificate-number = Endorsement número { $number }
certificate-dates = Endorsement desde el { $since }  •  Vigente hasta el { $until }
certificate-scan = Escanee para verificar, o visite
