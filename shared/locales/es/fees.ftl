### Tarifas y pagos: lo que una persona debe y pagó, los registros de pagos y
### exenciones del personal, el pago en línea, los recibos y la página de pagos.

fee-registration = Tarifa de inscripción
fee-processing = Tarifa de tramitación
fee-exam = Tarifa de examen
fee-renewal = Tarifa de renovación
fee-reinstatement = Tarifa de restablecimiento
fee-description = { $fee }, { $category }
fee-description-sitting = { $fee }, { $category } (convocatoria { $sitting })
fee-description-number = { $fee }, { $number }
fee-status-due = Pendiente
fee-status-paid = Pagada
fee-status-waived = Exonerada
fee-checklist-line = { $fee }: { $amount } por pagar antes de enviar
payment-card = Tarjeta (en línea)
payment-check = Cheque
payment-bank-transfer = Transferencia bancaria
payment-cash = Efectivo
payment-waived = Exonerada
fee-checklist-shortfall = Páguela en línea desde su página de inicio o pregunte a la asociación cómo pagarla; cuando quede registrada, esta línea se cumple.
