## Correo electrónico: el asunto, los párrafos y los botones de cada mensaje.

mail-greeting = Estimado/a { $name }:
mail-button-fallback = Si el botón no funciona, copie esta dirección en su navegador:
mail-footer = ¿Preguntas? Responda a este correo o escriba a { $reply_to }.
mail-signature = El equipo de Endorsement de { $association }
mail-open-endorse = Abrir Endorse

## A quien da la referencia

mail-reference-request-subject = Solicitud de referencia para { $applicant }
mail-reference-request-lead = { $applicant } está solicitando el Endorsement { $category } ante { $association } y le ha pedido a usted una evaluación de referencia. { $applicant } le describió como su { $relationship }.
mail-reference-request-how = La evaluación toma unos 15 minutos: usted califica al solicitante en cada área de competencia, agrega comentarios y una recomendación, o declina. No necesita una cuenta, y sus respuestas se guardan a medida que avanza.
mail-reference-request-personal = Este enlace es solo para usted y funciona hasta el { $until }. Por favor, no lo reenvíe.
mail-reference-button = Dar su referencia
mail-reference-reminder-subject = Recordatorio: referencia para { $applicant }
mail-reference-reminder-lead = Un recordatorio: { $applicant } espera su evaluación de referencia. Su enlace funciona hasta el { $until }.
mail-reference-reminder-decline = Si no puede dar una referencia, el mismo enlace le permite declinar, para que el solicitante pueda pedírsela a otra persona.

## Al solicitante

mail-rating-received-subject = { $referee } envió su evaluación de referencia
mail-rating-received-lead = { $referee } envió una evaluación de referencia para usted. Su página de referencias muestra si cuenta para su solicitud.
mail-see-references = Ver sus referencias
mail-declined-subject = { $referee } declinó su solicitud de referencia
mail-declined-lead = { $referee } declinó darle una evaluación de referencia, con este motivo: “{ $reason }”
mail-declined-ask = Puede pedírsela a otra persona desde su página de referencias.
mail-ask-another = Pedir otra referencia
mail-decision-subject = Su solicitud de { $category }: { $outcome }
mail-decision-lead = { $association } tomó una decisión sobre su solicitud del Endorsement { $category }: { $outcome }.
mail-decision-feedback = Comentarios de la asociación: { $feedback }
mail-see-application = Ver su solicitud
mail-information-subject = Su solicitud de { $category }: se necesita más información
mail-information-lead = { $count ->
    [one] Quienes revisan su solicitud de { $category } necesitan más información sobre una de sus entradas:
   *[other] Quienes revisan su solicitud de { $category } necesitan más información sobre { $count } de sus entradas:
}
mail-information-how = Corrija las entradas y responda cada pedido desde la página de su solicitud; la revisión continúa cuando envíe sus respuestas.
mail-answer-button = Responder los pedidos

## Lo decidido, como lo dice el correo de la decisión

outcome-endorsed = Endorsement otorgado
outcome-emerging = en formación (emerging)
outcome-deferred = aplazada, con comentarios para revisarla y volver a enviarla
outcome-not-endorsed = Endorsement no otorgado
outcome-approved-for-exam = aprobada para presentar el examen
outcome-exam-scheduled = examen programado para el { $when } (UTC)
outcome-exam-passed = aprobó el examen
outcome-exam-failed = no aprobó el examen
mail-exam-where = { $mode }; { $location }.
mail-exam-accommodations = Adaptaciones: { $accommodations }.
exam-part-passed = aprobada
exam-part-not-passed = no aprobada
mail-exam-failed-feedback = Parte 1: { $part1 }. Parte 2: { $part2 }. Puede presentar el examen otra vez a partir del { $from }.

## A quien revisa

mail-review-assigned-subject = Una solicitud para revisar: { $category }
mail-review-assigned-lead = Gracias por revisar para { $association }. Se le asignó una solicitud del Endorsement { $category }. La revisión vence el { $due }.
mail-review-assigned-lead-named = Gracias por revisar para { $association }. Se le asignó la solicitud de { $applicant } para el Endorsement { $category }. La revisión vence el { $due }.
mail-open-reviews = Abrir sus revisiones
mail-review-reminder-subject = Vence el { $due }: su revisión de { $category }
mail-review-reminder-lead = Un recordatorio: su revisión de la solicitud de { $category } vence el { $due }.
mail-review-overdue-subject = Atrasada: su revisión de { $category }
mail-review-overdue-lead = Su revisión de la solicitud de { $category } venció el { $due }. Si no puede terminarla, responda a este mensaje para que la asociación la reasigne.

## A quien tiene el Endorsement

mail-renewal-reminder-subject = { $days ->
    [0] La renovación de su Endorsement vence hoy
    [one] La renovación de su Endorsement vence mañana
   *[other] La renovación de su Endorsement vence en { $days } días
}
mail-renewal-reminder-lead = { $days ->
    [0] La renovación de su Endorsement ({ $numbers }) vence hoy.
    [one] La renovación de su Endorsement ({ $numbers }) vence mañana, { $due }.
   *[other] La renovación de su Endorsement ({ $numbers }) vence en { $days } días, el { $due }.
} Renueve desde su portafolio actual: agregue la capacitación y la supervisión/consulta reflexiva desde su última renovación, su membresía vigente, y firme otra vez el Código de Ética.
mail-renewal-reminder-lapse = Si no se renueva a más tardar el { $last_day }, el Endorsement vence y sale del registro público.
mail-renew-button = Renovar su Endorsement
mail-renewal-approved-subject = { $kind ->
    [reinstatement] Su reincorporación fue aprobada
   *[other] Su renovación fue aprobada
}
mail-renewal-approved = { $kind ->
    [reinstatement] { $association } aprobó su reincorporación.
   *[other] { $association } aprobó su renovación.
} Su Endorsement está vigente; la próxima renovación vence el { $due }. Su nueva credencial está lista para descargar.
mail-renewal-returned-subject = { $kind ->
    [reinstatement] Se le devolvió su reincorporación
   *[other] Se le devolvió su renovación
}
mail-renewal-returned = { $kind ->
    [reinstatement] { $association } le devolvió su reincorporación.
   *[other] { $association } le devolvió su renovación.
} Lea el motivo abajo, actualice su portafolio y envíela otra vez.
mail-recognised-subject = Su Endorsement fue reconocido
mail-recognised = { $association } reconoció su Endorsement { $from_number } de { $from_association } y le otorgó su propio Endorsement, número { $number }. Su credencial está lista para descargar; usted decide si el registro público lo muestra.
mail-not-recognised-subject = Su pedido de reconocimiento fue rechazado
mail-not-recognised = { $association } no reconoció su Endorsement { $from_number } de { $from_association }. Lea el motivo abajo; puede solicitar aquí el Endorsement.
mail-lapsed-subject = Su Endorsement { $number } venció
mail-lapsed-lead = Su Endorsement { $number } no se renovó a tiempo y venció: ya no aparece en el registro público, y su credencial ahora indica que no está al día.
mail-lapsed-reinstate = Puede reincorporarse sin un nuevo examen: actualice su membresía, agregue el trabajo que hizo desde el vencimiento y pida tres nuevas evaluaciones de referencia.

## Una contraseña nueva

mail-reset-subject = Elija una contraseña nueva para { $association }
mail-reset-lead = Alguien, probablemente usted, pidió elegir una contraseña nueva para su cuenta en { $association }. El enlace de abajo funciona una sola vez, durante { $minutes } minutos; al entrar con la contraseña nueva se cierran sus demás sesiones.
mail-reset-button = Elegir una contraseña nueva
mail-reset-not-you = Si no lo pidió usted, puede ignorar este mensaje: su contraseña sigue igual.

mail-claim-subject = Su cuenta en { $association } está lista
mail-claim-lead = { $association } lleva ahora sus acreditaciones, membresías y solicitudes en Endorse, y sus datos se trasladaron. Elija una contraseña para reclamar su cuenta: el enlace de abajo funciona una sola vez, durante { $days } días.
mail-claim-button = Elegir su contraseña
mail-claim-after = Una vez dentro puede ver sus datos, descargar su credencial si tiene una acreditación y decidir si el registro público la muestra. Si no es usted, ignore este mensaje o escríbanos.

mail-reset-lead-admin = Una persona administradora de { $association } le envió este enlace para elegir una contraseña nueva para su cuenta. Funciona una sola vez, durante { $minutes } minutos; hasta que lo use, su contraseña sigue igual.
mail-confirm-subject = Confirme su dirección de correo para { $association }
mail-confirm-lead = Confirme que esta es su dirección para su cuenta en { $association }, para que le lleguen las noticias sobre su solicitud. El enlace de abajo funciona durante { $days } días.
mail-confirm-lead-change = Pidió iniciar sesión en { $association } con esta dirección de ahora en adelante. Abra el enlace de abajo para confirmarla; hasta entonces, su cuenta conserva su dirección actual. El enlace funciona durante { $days } días.
mail-confirm-button = Confirmar esta dirección
mail-confirm-not-you = Si no lo pidió usted, puede ignorar este mensaje: nada cambia.
mail-email-changed-subject = Cambió su dirección para iniciar sesión en { $association }
mail-email-changed-lead = Su cuenta en { $association } ahora inicia sesión con { $email }. Los mensajes sobre ella llegarán allí de ahora en adelante.
mail-email-changed-not-you = Si usted no hizo este cambio, escriba de inmediato a la asociación respondiendo a este mensaje.
mail-confirm-first = Su dirección de correo aún no está confirmada. Inicie sesión y confírmela desde la página de su cuenta, para que mensajes como este le sigan llegando.
mail-confirm-first-link = Confírmela desde la página de su cuenta
mail-digest-subject = Lo que espera por usted hoy en { $association }
mail-digest-lead = Esto es lo que espera por usted hoy en { $association }:
mail-digest-button = Abrir su resumen
mail-digest-why = Recibe este mensaje los días en que algo espera por usted; su página de resumen siempre muestra la misma lista.
