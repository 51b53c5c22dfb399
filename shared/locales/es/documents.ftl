## Documentos impresos: el certificado del Endorsement.

certificate-title = Certificado de Endorsement
certificate-document-title = Certificado de Endorsement { $number }
certificate-certifies = Se certifica que
certificate-holds = tiene el Endorsement en Salud Mental Infantil y de la Primera Infancia (IECMH) como
certificate-number = Endorsement número { $number }
certificate-dates = Endorsement desde el { $since }  •  Vigente hasta el { $until }
certificate-scan = Escanee para verificar, o visite

## El recibo de un pago.
receipt-document-title = Recibo { $number }
receipt-title = Recibo
receipt-number = Recibo número { $number }
receipt-received-from = Recibido de
receipt-for = Por
receipt-amount = Importe
receipt-method = Forma de pago
receipt-reference = Referencia
receipt-paid-on = Recibido el
receipt-thanks = Gracias. { $association } recibió este pago; conserve este recibo.
