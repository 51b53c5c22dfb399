## Las páginas del solicitante: inicio, portafolio, solicitud, referencias.


## La lista de requisitos y la solicitud

checklist-met-apply = Se cumplen todos los requisitos: puede presentar su solicitud.
checklist-met-renew = Se cumplen todos los requisitos: puede enviarla.
checklist-short =
    { $count ->
        [one] Falta cumplir 1 requisito.
       *[other] Faltan cumplir { $count } requisitos.
    }
checklist-line-met = (cumplido)
checklist-line-short = (pendiente)
checklist-exam = Después de una revisión favorable, esta categoría tiene un examen.
timeline-label = Dónde está su solicitud
timeline-draft = Borrador
timeline-submitted = Enviada
timeline-review = Revisión de pares
timeline-exam = Examen
timeline-decision = Decisión
timeline-done = hecho
timeline-now = ahora
timeline-to-come = por venir
panel-heading = Su solicitud de { $category }
panel-start-hint = Inicie una solicitud para enviar este portafolio a revisión. Puede seguir editándolo hasta que lo envíe.
panel-start = Iniciar una solicitud de { $category }
panel-draft = Borrador, evaluado con la versión { $version } del reglamento.
panel-submit = Enviar su solicitud
panel-submit-short =
    { $count ->
        [one] Enviar: falta 1 requisito
       *[other] Enviar: faltan { $count } requisitos
    }
panel-all-met = Se cumplen todos los requisitos.
panel-missing = Lo que falta antes de poder enviarla:
panel-withdraw = Retirar
panel-deferred = Aplazada: revísela y vuelva a enviarla
panel-feedback = Comentarios de la asociación:
panel-resubmit = Volver a enviar su solicitud
panel-resubmit-short =
    { $count ->
        [one] Volver a enviar: falta 1 requisito
       *[other] Volver a enviar: faltan { $count } requisitos
    }
panel-missing-resubmit = Lo que falta antes de poder volver a enviarla:
panel-submitted-on = Enviada el { $day }. Lo que ven quienes revisan quedó fijo en ese momento; los cambios posteriores no lo modifican.

## Inicio

home-hero = El Endorsement IECMH, sin papeleo
home-hero-lead = En Endorse, los solicitantes arman su portafolio para el Endorsement en Salud Mental Infantil y de la Primera Infancia (IECMH), las referencias responden a sus solicitudes, los revisores pares califican, y las asociaciones deciden y mantienen el registro.
home-create-account = Crear una cuenta de solicitante
home-sign-in = Iniciar sesión
home-your-account = Su cuenta
home-manage-account = Gestionar su cuenta: nombre, dirección, contraseña
home-name = Nombre
home-email = Correo electrónico
home-role = Función
home-member-since = Miembro desde
home-where-you-stand = Dónde está usted
home-weighed = Su portafolio comparado hoy con cada categoría.
home-checking = Revisando…
home-eligible = Cumple los requisitos
home-short =
    { $count ->
        [one] falta 1
       *[other] faltan { $count }
    }
home-your-applications = Sus solicitudes
home-none-yet = Ninguna todavía. Cuando su portafolio cumpla con una categoría, inicie una solicitud desde su portafolio.
home-welcome = Le damos la bienvenida, { $name }
home-build = Arme su portafolio
home-path = El camino hacia el Endorsement
home-path-1 = Elija la categoría que corresponde a su trabajo: Family Associate, Family Specialist, Family Reflective Supervisor, Mental Health Specialist o Mental Health Mentor.
home-path-2 = Arme su portafolio: estudios, experiencia laboral, capacitación especializada, supervisión/consulta reflexiva y acuerdos firmados.
home-path-3 = Pida una evaluación de referencia a tres personas; responden mediante un enlace seguro.
home-path-4 = Envíela cuando cumpla todos los requisitos; después, revisores pares califican su portafolio.
home-moved = ¿Tiene el Endorsement de otra asociación?
home-moved-text = Si otra asociación le otorgó el Endorsement y usted se mudó aquí, pídanos que lo reconozcamos en lugar de volver a solicitarlo.
home-ask-recognition = Pedir el reconocimiento
home-reviewing = Revisar para su asociación
home-reviewing-text = Como revisor par, usted califica los portafolios y exámenes que su asociación le asigna, en categorías de su mismo nivel de Endorsement o inferiores.
home-open-reviews = Abrir sus revisiones
home-reviewer-history = Mantenga su propio historial de trabajo en su portafolio: Endorse lo usa para detectar conflictos de interés (el mismo empleador al mismo tiempo).
home-overview = Resumen
home-mail-failed =
    { $count ->
        [one] No se pudo entregar 1 correo.
       *[other] No se pudieron entregar { $count } correos.
    }
home-open-outbox = Abrir la bandeja de salida
home-people = Personas
home-counting = Contando…
home-applicants = Solicitantes
home-reviewers = Revisores
home-admins = Personas administradoras
home-manage-users = Administrar las cuentas

## Formularios y entradas del portafolio

draft-credential = Título, credencial o licencia
draft-cda = Credencial CDA
draft-associate = Título de asociado (associate degree)
draft-bachelor = Licenciatura (bachelor’s degree)
draft-master = Maestría
draft-doctorate = Doctorado
draft-license = Licencia estatal de salud mental
draft-field = Área de estudio
draft-institution = Institución o junta de licencias
draft-year = Año de finalización
draft-document-hint = PDF, PNG o JPEG, de 10 MB como máximo.
draft-transcript = Certificado de estudios o licencia
draft-verification = Carta que verifica este puesto
draft-certificate = Certificado de finalización
draft-rsc-evidence = Registro o carta de quien dio la supervisión
draft-signed-copy = Copia del acuerdo firmado
draft-card = Carné o recibo de membresía
draft-employer = Empleador
draft-position = Puesto
draft-start = Inicio
draft-end-hint = Déjelo vacío si todavía trabaja allí.
draft-end = Fin
draft-hours-per-week = Horas por semana
draft-employment = Condiciones
draft-paid = Remunerado
draft-volunteer-supervised = Voluntario, con supervisión
draft-volunteer-unsupervised = Voluntario, sin supervisión
draft-internship = Práctica profesional
draft-age-ranges = Edades de los niños atendidos
draft-prenatal-to-three = Del embarazo a los 36 meses
draft-three-to-six = De 3 a 6 años
draft-families-served = Familias atendidas
draft-kinds = Tipo de trabajo
draft-direct-service = Servicio directo (promoción, prevención, intervención temprana)
draft-dyadic-treatment = Tratamiento diádico (padre/madre y bebé)
draft-providing-rsc = Brindar supervisión/consulta reflexiva
draft-policy-leadership = Liderazgo en políticas o administración
draft-teaching-research = Docencia universitaria o investigación
draft-title = Título
draft-provider = Entidad que la ofreció
draft-date = Fecha
draft-hours-hint = En cuartos de hora, por ejemplo 6.25.
draft-hours = Horas
draft-domains = Áreas de competencia que cubre
draft-topics = Temas
draft-dei = Diversidad, equidad e inclusión
draft-topic-rsc = Brindar RSC
draft-not-endorsed = Sin Endorsement
draft-rsc-hours-hint = En cuartos de hora, 24 como máximo en un día.
draft-format = Formato
draft-individual = Individual
draft-group = Grupal
draft-provider-name = Nombre de quien la brinda
draft-provider-category = Endorsement de quien la brinda
draft-provider-number = Número de Endorsement de quien la brinda
draft-about-providing = Sobre la RSC que yo brindo
draft-agreement = Acuerdo
draft-code-of-ethics = Código de Ética
draft-endorsement-agreement = Acuerdo del Endorsement
draft-no-sanction = Ninguna junta de licencias me ha sancionado
draft-signature-hint = Escriba su nombre completo para firmar.
draft-signature = Firma
draft-association = Asociación
draft-membership-number = Número de membresía
draft-valid-until = Vigente hasta
draft-not-empty = no debe quedar vacío
draft-enter-date = escriba una fecha
draft-hours-positive = debe ser un número positivo de horas
draft-hours-quarters = debe estar en cuartos de hora (por ejemplo 1.25)
draft-enter-hours = escriba un número de horas
draft-not-negative = no debe ser negativo
draft-enter-whole = escriba un número entero
summary-education = { $what } en { $field }, { $institution } ({ $year })
summary-work = { $position } en { $employer }, del { $start } al { $end }, { $families } familias
summary-work-now = { $position } en { $employer }, desde el { $start } hasta hoy, { $families } familias
summary-training = { $title }: { $hours } h el { $date } ({ $provider })
summary-rsc = { $hours } h el { $date } con { $provider }
summary-rsc-endorsed = { $hours } h el { $date } con { $provider } ({ $category })
summary-agreement = { $agreement }: firmado por { $name } el { $date }
summary-membership = { $association } n.º { $number }, vigente hasta el { $until } (en espera de verificación)
summary-membership-verified = { $association } n.º { $number }, vigente hasta el { $until } (verificada)

## La página del portafolio

portfolio-title = Su portafolio
portfolio-loading = Cargando su portafolio…
form-correct = Corrija los campos marcados abajo.
portfolio-remove-confirm = ¿Quitar «{ $entry }»?
portfolio-lead = Su portafolio es suyo: sirve para cada solicitud y renovación. La lista de requisitos se actualiza mientras escribe.
portfolio-nothing-yet = Todavía no hay nada registrado.
portfolio-counts = Cuenta
portfolio-does-not-count = No cuenta: { $reasons }
portfolio-edit = Editar
portfolio-edit-entry = Editar { $entry }
portfolio-remove = Quitar
portfolio-remove-entry = Quitar { $entry }
portfolio-log-several = Registrar varias sesiones
portfolio-requirements = Requisitos
portfolio-check-against = Comparar con la categoría
portfolio-ask-references = Pedir evaluaciones de referencia
portfolio-referees-answer = Las referencias responden mediante un enlace seguro.
portfolio-change-entry = Cambiar la entrada
portfolio-new-entry = Nueva entrada
portfolio-optional = { $label } (opcional)
portfolio-attached = Adjunto: { $name }
portfolio-attached-before = Hay un documento adjunto.
portfolio-upload-progress = Avance de la carga
portfolio-uploading = Cargando… { $percent } %
portfolio-saving = Guardando…
portfolio-save = Guardar
portfolio-restored = Su entrada sin guardar volvió, tal como la dejó.
portfolio-closed = Se cerró el formulario; no se guardó nada.
portfolio-saved = Guardado: { $entry }
portfolio-summary = Su lista de requisitos
portfolio-summary-met = { $category }: { $met } de { $count } requisitos cumplidos
portfolio-summary-next = Lo siguiente: { $line }
portfolio-summary-open = Ver la lista completa
portfolio-history-title = Su historial de trabajo
portfolio-history-lead = Mantenga aquí su propio historial de trabajo: Endorse lo compara con el de los solicitantes para detectar conflictos de interés (el mismo empleador al mismo tiempo). No es una solicitud.
portfolio-cancel = Cancelar

## Notas para quienes revisan y varias sesiones de RSC

note-saved = Nota guardada.
note-to-reviewers = Nota para quienes revisan
note-on = Nota para quienes revisan sobre { $section }
note-count = { $count } de { $max } caracteres
note-save = Guardar la nota
batch-line-wrong = Línea { $line }: escriba una fecha y las horas, como 2025-01-07 1.5
batch-one-per-line = Escriba una sesión por línea.
batch-line-field = Línea { $line }, { $field }
batch-nothing-saved = No se guardó nada. Corrija estas líneas:
batch-sessions = Sesiones, una por línea: fecha y horas
batch-example = Por ejemplo: 2025-01-07 1.5
batch-save-all = Guardar todas las sesiones

## Referencias

references-title = Referencias
references-staff = Las referencias forman parte del portafolio de cada solicitante. Las personas administradoras las ven en cada solicitud.
references-sent = Solicitud enviada a { $referee }. El correo va en camino.
references-cancelled = Se canceló la solicitud a { $referee }; su enlace ya no funciona.
references-resent = Se envió otra vez a { $referee } en { $email }, con un enlace nuevo; el enlace anterior ya no funciona.
references-lead = Cada categoría necesita evaluaciones de referencia de personas que conocen su trabajo. Responden mediante un enlace seguro y no necesitan una cuenta. Su lista de requisitos muestra qué relaciones le faltan a su categoría:
references-lead-link = abra su portafolio
references-your-requests = Sus solicitudes
references-none = Todavía no ha pedido ninguna referencia. Use el formulario para enviar su primera solicitud.
references-replace = Reemplazar a { $referee }
references-ask = Pedir una referencia
references-replace-explain = Se cancelará la solicitud a { $referee } (su enlace dejará de funcionar) y se le pedirá a la nueva persona.
references-keep = Mantener a la persona actual
references-for-category = Para la categoría
references-referee-name = Nombre completo de la referencia
references-referee-email = Correo electrónico de la referencia
references-email-hint = El enlace seguro se envía a esta dirección.
references-how-they-know = Cómo le conoce
references-known-since = Le conoce desde
references-known-hint = Lo ideal es que le conozcan desde hace al menos un año.
references-holds = La referencia tiene un Endorsement
references-their-category = La categoría de su Endorsement
references-category-hint = Por ejemplo IMHM-C.
references-their-number = El número de su Endorsement
references-waive = Renuncio a mi derecho a ver esta evaluación
references-waive-hint = Las evaluaciones con renuncia son confidenciales: verá que llegó y si cuenta, nunca las respuestas. Muchas personas responden con más libertad.
references-replace-send = Reemplazar y enviar
references-send = Enviar la solicitud
references-meta = { $email } · { $access } · para { $category }
references-waived-short = con renuncia de acceso
references-may-read = usted puede leer la evaluación
references-asked-until = pedida el { $asked }, el enlace funciona hasta el { $until }
references-expired-on = el enlace venció el { $day }
references-undelivered =
    { $attempts ->
        [one] No se pudo entregar el correo (1 intento): { $error }. Los servidores de correo de los empleadores suelen rechazar estos mensajes: pídale a { $referee } un correo personal, corríjalo abajo y vuelva a enviarlo.
       *[other] No se pudo entregar el correo ({ $attempts } intentos): { $error }. Los servidores de correo de los empleadores suelen rechazar estos mensajes: pídale a { $referee } un correo personal, corríjalo abajo y vuelva a enviarlo.
    }
references-declined = Declinó: «{ $reason }»
references-counts = Cuenta para su categoría.
references-read = Leer la evaluación
references-waived-confidential = Usted renunció al acceso: las respuestas son confidenciales.
references-correct-resend = Corregir la dirección y volver a enviar
references-resend-corrected = Volver a enviar a la dirección corregida: { $referee }
references-resend = Volver a enviar
references-replace-referee-of = Reemplazar la referencia: { $referee }
references-replace-referee = Reemplazar la referencia
references-cancel = Cancelar
reference-status-queued = En cola
reference-status-sent = Enviada
reference-status-delivery-failed = No se pudo entregar
reference-status-opened = Abierta
reference-status-declined = Declinada
reference-status-received = Recibida
reference-status-cancelled = Cancelada
reference-status-expired = Vencida

## Renovación

renewal-submitted =
    { $kind ->
        [reinstatement] Su reincorporación fue enviada; la asociación le comunicará su decisión por correo.
       *[other] Su renovación fue enviada; la asociación le comunicará su decisión por correo.
    }
renewal-title =
    { $kind ->
        [reinstatement] Reincorporación
       *[other] Renovación
    }
renewal-returned =
    { $kind ->
        [reinstatement] Se le devolvió su reincorporación: { $reason }
       *[other] Se le devolvió su renovación: { $reason }
    }
renewal-pending =
    { $kind ->
        [reinstatement] Su reincorporación de { $numbers } se envió el { $day }; la asociación decidirá.
       *[other] Su renovación de { $numbers } se envió el { $day }; la asociación decidirá.
    }
renewal-open = La renovación de { $numbers } está abierta: vence el { $due }.
renewal-open-lapses = La renovación de { $numbers } está abierta: vence el { $due }; después del { $last }, el Endorsement vence.
renewal-lapsed = { $numbers } venció. Para reincorporarse (sin un nuevo examen), actualice su membresía, agregue el trabajo que hizo desde el vencimiento y pida nuevas evaluaciones de referencia.
renewal-opens = La renovación se abre el { $day }.
renewal-provides-rsc = Brindo supervisión/consulta reflexiva (entonces 3 de las horas de capacitación deben ser sobre cómo brindarla)
renewal-submit =
    { $kind ->
        [reinstatement] Enviar su reincorporación
       *[other] Enviar su renovación
    }
renewal-admin-title = Renovaciones
renewal-admin-lead = Renovaciones y reincorporaciones que esperan una decisión, de la más antigua a la más reciente. Al aprobar una, comienza otro ciclo para cada Endorsement que cubre y se emite una credencial nueva.
renewal-none-waiting = Ninguna renovación está en espera.
renewal-submitted-on = { $numbers } · enviada el { $day }
renewal-reason = Motivo (necesario para devolverla)
renewal-approve = Aprobar
renewal-return = Devolver a quien la envió

## Endorsements

endorsements-yours = Sus Endorsements
endorsements-line = { $status }. Otorgado el { $awarded }; la renovación vence el { $due }.
endorsements-list-me = Mostrarme en el Registro público de Endorsements (nombre, categoría, número y fechas)
endorsements-saved-listed = Guardado: el registro público le muestra.
endorsements-saved-unlisted = Guardado: el registro público no le muestra.
endorsements-choose-status = Elija el nuevo estado.
endorsements-heading = Endorsement { $number }
endorsements-status = Estado
endorsements-awarded = Otorgado
endorsements-renewal-due = Vence la renovación
endorsements-in-registry = En el registro
endorsements-listed = se muestra
endorsements-not-shown = no se muestra (no está al día)
endorsements-not-listed = no se muestra (quien lo tiene no lo autorizó)
endorsements-change-to = Cambiar el estado a
endorsements-choose = Elija…
endorsements-reason = Motivo
endorsements-audit-hint = Queda en el registro de auditoría.
endorsements-change-status = Cambiar el estado
endorsements-credential-unreadable = No se pudo leer la credencial.
endorsements-download-jwt = Descargar la credencial (.jwt)
endorsements-download-json = Copia legible (.json)
endorsements-certificate = Certificado (PDF)
endorsements-anyone-can-check = Cualquier persona puede verificarla en

## Responder a quienes revisan, y el examen

answers-every = Responda cada pedido antes de enviar.
answers-heading =
    { $count ->
        [one] Quienes revisan preguntan sobre 1 entrada
       *[other] Quienes revisan preguntan sobre { $count } entradas
    }
answers-lead = Si hace falta, corrija cada entrada en su portafolio y luego responda cada pedido aquí. La revisión continúa cuando envía sus respuestas; quien revisa ve la entrada como era y como es ahora.
answers-question = La pregunta:
answers-yours = Su respuesta
answers-send = Enviar las respuestas
exam-loading = Cargando el examen…
exam-request-recorded = Su pedido quedó registrado; la asociación lo verá al programar el examen.
exam-handed-in-short = Sus respuestas fueron entregadas.
exam-saved = Guardado.
exam-not-yet-known = todavía no se sabe
exam-yours = Su examen (intento { $attempt })
exam-parts = Parte 1: { $questions } preguntas de opción múltiple; se aprueba con { $pass } respuestas correctas. Parte 2: responda { $answered } de { $offered } viñetas, por escrito aquí durante el período del examen.
exam-scheduled = Programado: { $starts } a { $ends } (UTC).
exam-accommodations-granted = Adaptaciones otorgadas: { $accommodations }
exam-accommodations-you-need = Adaptaciones que necesita (opcional)
exam-accommodations-hint = Por ejemplo, más tiempo, alguien que lea en voz alta o una sala tranquila. La asociación decide al programar el examen.
exam-save-request = Guardar el pedido
exam-part2-answers = Parte 2: sus respuestas
exam-answer-vignette = Respondo la viñeta { $number }
exam-answer-to = Respuesta a la viñeta { $number }
exam-save = Guardar
exam-hand-in = Entregar las respuestas
exam-handed-in = Sus respuestas fueron entregadas. Dos revisores las califican sin saber quién las escribió.
exam-result = Examen: { $outcome }
exam-part-results = Parte 1: { $part1 }. Parte 2: { $part2 }.
exam-retake-from = Puede presentar el examen otra vez a partir del { $day }.

## Reconocimiento

recognition-granted = Reconocido: su Endorsement aquí es el número { $number }.
recognition-declined = No reconocido: { $reason }
recognition-verified = Su Endorsement { $number } de { $association } quedó verificado; la asociación le comunicará su decisión por correo.
recognition-title = Reconocimiento de un Endorsement de otra asociación
recognition-lead = ¿Otra asociación le otorgó el Endorsement y se mudó aquí? Pídanos que lo reconozcamos. Verificamos su credencial con la asociación que la otorgó; cuando decidamos, tendrá un Endorsement nuestro con su propio número.
recognition-ask = Pedir el reconocimiento
recognition-association = La asociación que le otorgó el Endorsement (su código)
recognition-association-hint = El código corto de su dirección, por ejemplo mi para mi.example.org o /a/mi/.
recognition-number = Número de Endorsement
recognition-number-hint = Tal como aparece en su certificado.
recognition-code = Código de verificación
recognition-code-hint = Aparece en su certificado junto al código QR; demuestra que el certificado es suyo.
recognition-checking = Verificando su credencial…
recognition-your-requests = Sus pedidos
recognition-none = Todavía no ha pedido un reconocimiento.
recognition-from = { $category } ({ $code }) de { $association }
recognition-asked = Endorsement { $number } · pedido el { $day }
recognition-admin-title = Reconocimientos
recognition-admin-lead = Personas con el Endorsement de otra asociación que piden que se les reconozca aquí. Cada credencial se verificó con la asociación que la otorgó (firma, fechas y estado) al hacer el pedido, y se vuelve a verificar antes de otorgar un Endorsement nuestro.
recognition-none-asked = Nadie ha pedido un reconocimiento.
recognition-endorsed-by = Otorgado por
recognition-their-endorsement = Su Endorsement
recognition-name-on-credential = Nombre en la credencial
recognition-same-email = El mismo correo allá
recognition-yes = Sí
recognition-no = No
recognition-endorsed-since = Con Endorsement desde
recognition-asked-on = Pedido
recognition-reason = Motivo (necesario para rechazar)
recognition-recognise = Reconocer y otorgar el Endorsement
recognition-decline = Rechazar
recognition-recognised-as = Reconocido como Endorsement { $number }.
recognition-admin-declined = Rechazado: { $reason }
