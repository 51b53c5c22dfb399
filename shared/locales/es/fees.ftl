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
fee-checklist-shortfall = Páguela en la página de Tarifas (en línea, si la asociación lo ofrece) o pregunte a la asociación cómo pagarla; cuando quede registrada, esta línea se cumple.

## The applicant's fees (home card, Fees page, beside a step)
fees-title = Sus tarifas
fees-due-heading = Tarifas
fees-nothing-due = No hay nada pendiente. Gracias.
fees-see-all = Ver sus tarifas y recibos
fees-go-pay = Ir a sus tarifas
fees-holds-submission = necesaria antes de enviar
fees-holds-exam = necesaria antes de programar su examen
fees-holds-renewal = necesaria antes de enviar la renovación
fees-for-this-step = Tarifas de este paso:
fees-line-blocking = { $fee }: { $amount }, por pagar primero
fees-line-due = { $fee }: { $amount }, pendiente
fees-list-heading = Lo que debe y lo que pagó
fees-none = La asociación no le ha cobrado ninguna tarifa.
fees-offline-only = La asociación acepta pagos con cheque, transferencia bancaria o en efectivo; pregúntele cómo pagar. Cuando registre su pago, aparecerá aquí.
fees-col-fee = Tarifa
fees-col-amount = Importe
fees-col-status = Estado
fees-col-action = Pago
fees-pay = Pagar { $amount } en línea
fees-pay-named = Pagar { $amount } en línea: { $fee }
fees-paying = Abriendo la página de pago…
fees-pay-not-opened = No se pudo abrir la página de pago. Inténtelo de nuevo.
fees-ask-association = Pregunte a la asociación cómo pagar
fees-paid-on = { $method }, { $day }
fees-waived-on = Exonerada el { $day }
fees-receipt = Recibo { $number }
fees-back-paid = Gracias: su pago está registrado.
fees-back-paid-waiting = Gracias. Su pago se está confirmando; aparecerá aquí en cuanto el proveedor de pagos lo confirme, normalmente en menos de un minuto.
fees-back-cancelled = Salió de la página de pago; no se cobró nada.
fees-back-home = Volver a su página de inicio

## Admins: a person's fees
person-fees-heading = Tarifas
person-fees-none = No se cobra ninguna tarifa a esta persona.
person-fees-record = Registrar un pago
person-fees-record-named = Registrar un pago de { $fee }
person-fees-waive = Exonerar
person-fees-waive-named = Exonerar { $fee }
person-fees-record-heading = Registrar un pago: { $fee }
person-fees-waive-heading = Exonerar: { $fee }
person-fees-method = Forma de pago
person-fees-amount = Importe recibido ({ $currency })
person-fees-amount-hint = La tarifa es de { $amount }.
person-fees-reference = Referencia
person-fees-reference-hint = El número de cheque o la referencia de la transferencia.
person-fees-paid-on = Recibido el
person-fees-record-save = Registrar el pago
person-fees-reason = Motivo
person-fees-reason-hint = Por qué se exonera la tarifa; queda en el registro de auditoría.
person-fees-waive-save = Exonerar la tarifa
person-fees-cancel = Cancelar
person-fees-recorded = El pago de { $fee } está registrado; su recibo está listo.
person-fees-waived = { $fee } está exonerada.

## The treasurer's payments page
payments-title = Pagos
payments-filters = Qué pagos
payments-from = Recibidos desde
payments-to = Recibidos hasta
payments-fee = Tarifa
payments-any-fee = Cualquier tarifa
payments-show = Mostrar
payments-download = Descargar como CSV
payments-totals = Totales
payments-list = Pagos, los más recientes primero
payments-none = Ningún pago en estos días.
payments-month = Mes
payments-method = Forma
payments-count = Pagos
payments-amount = Importe
payments-all = Todos
payments-day = Recibido
payments-person = Persona
payments-receipt = Recibo
payments-older = Pagos anteriores
