## Las páginas de administración

pipeline-waits = mediana { $median } d, máximo { $oldest } d
pipeline-chart-title = Días en cada etapa
pipeline-chart-legend = Cada barra es la espera mediana; la marca, la más larga.
pipeline-chart-numbers = Los números
pipeline-days = { $days ->
    [one] 1 día
   *[other] { $days } días
}
pipeline-status = Estado
pipeline-count = Solicitudes
pipeline-median = Mediana en días
pipeline-oldest = La más larga, en días

## Cuentas

users-title = Cuentas
users-only-admin = Solo una persona administradora puede administrar las cuentas.
users-all-roles = Todas las funciones
users-accounts = Cuentas
users-search = Buscar por nombre o correo
users-role = Función
users-search-button = Buscar
users-none = Ninguna cuenta coincide.
users-count =
    { $count ->
        [one] 1 cuenta
       *[other] { $count } cuentas
    }
users-name = Nombre
users-email = Correo electrónico
users-since = Desde
users-password-not-chosen = (todavía no eligió su contraseña)
users-profile = Perfil
users-profile-of = de { $name }
users-created = { $name } ({ $email }) ya puede iniciar sesión con la función { $role } usando la contraseña inicial, y elegirá la suya.
users-create = Crear una cuenta
users-create-hint = Para revisores y personas administradoras. Los solicitantes se registran por su cuenta.
users-full-name = Nombre completo
users-email-address = Correo electrónico
users-initial-password = Contraseña inicial
users-initial-password-hint = Al menos 12 caracteres. Désela a la persona en privado; deberá cambiarla la primera vez que inicie sesión.
users-creating = Creando…
users-create-account = Crear la cuenta

## Revisar

review-your-reviews = Sus revisiones
review-assigned = Solicitudes asignadas a usted
review-nothing = No tiene nada asignado por ahora. La asociación le escribirá cuando lo tenga.
review-application = Solicitud
review-category = Categoría
review-due = Vence
review-your-review = Su revisión
review-application-status = Estado de la solicitud
review-overdue = Atrasada
review-exams = Exámenes para calificar
review-exams-blind = Solo ve las respuestas, nunca quién las escribió.
review-exam = Examen { $reference }
review-marks-submitted = Calificaciones enviadas
review-ready = Listo para calificar
review-not-handed-in = Las respuestas todavía no se entregaron
review-score-for = Calificación de { $domain }
review-recommendation = Recomendación
review-rationale = Fundamento
review-no-such = No tiene ninguna revisión con ese número.
review-conflict-declared = Conflicto declarado
review-released = Gracias. Ya no tiene a su cargo esta revisión, y se le informó a la asociación.
review-back = Volver a sus revisiones
review-review = Revisión
review-draft-saved = Borrador guardado.
review-missing = Faltan algunas respuestas o tienen errores; se detallan abajo.
review-submitted = Su revisión fue enviada. Gracias.
review-asked = Se le preguntó al solicitante. Podrá continuar cuando responda.
review-reason = Motivo: { $reason }
review-title-named = Revisión: { $name } — { $category }
review-title = Revisión: solicitud { $reference }
review-portfolio = El portafolio enviado (ronda { $round })
review-how-to-ask = Para preguntarle al solicitante sobre una entrada, marque «Preguntar sobre esta entrada», diga qué falta y luego envíe todas sus preguntas juntas abajo.
review-note = La nota del solicitante: { $note }
review-amended = Corregida
review-ask-this = Preguntar sobre esta entrada
review-what-missing = ¿Qué falta o no está claro?
review-look-twice = Revise con atención
review-the-rating = La evaluación
review-comments = Comentarios: { $comments }
review-referee-recommendation = Recomendación: { $recommendation }
review-ask-about =
    { $count ->
        [one] Preguntar al solicitante sobre 1 entrada
       *[other] Preguntar al solicitante sobre { $count } entradas
    }
review-requests = Pedidos de información
review-yours = Su revisión
review-yours-submitted = Su revisión (enviada)
review-competencies = Competencias
review-score-each = Califique cada área con la rúbrica. Cada nivel dice lo que significa.
review-sections = Secciones
review-sufficient = Suficiente
review-insufficient = Insuficiente
review-comment = Comentario
review-comment-hint = Necesario si es insuficiente: diga qué falta.
review-choose = Elija…
review-rationale-hint = Por qué lo recomienda. Lo leen la persona administradora y el otro revisor; el solicitante nunca.
review-save-draft = Guardar el borrador
review-submit = Enviar la revisión
review-all = Todas sus revisiones
review-line = { $category } — { $name }. Vence el { $due }. Solicitud: { $status }.
review-what-to-correct = Qué corregir
review-other = La otra revisión
review-peer = Enviada el { $day }: { $recommendation }
review-no-recommendation = sin recomendación
review-declare = Declarar un conflicto de interés
review-declare-text = Si conoce al solicitante de una manera que podría influir en usted, dígalo: queda liberado de inmediato y no se le volverá a asignar.
review-how-you-know = Cómo conoce al solicitante
review-declare-button = Declarar el conflicto
review-waiting = Esperando al solicitante.
review-amended-to = Corregida: { $entry }
review-not-changed = La entrada no cambió.
review-removed = La entrada se quitó.
review-answer = Respuesta: { $answer }
review-open-transcript = Abrir el certificado de estudios
review-open-certificate = Abrir el certificado
review-open-verification = Abrir la carta del empleador
review-open-rsc-evidence = Abrir el registro o la carta de supervisión
review-open-signed-copy = Abrir la copia firmada
review-open-card = Abrir el carné de membresía
review-as-submitted = Como se envió: { $entry }
review-no-such-exam = No tiene ningún examen con ese número para calificar.
review-exam-scoring = Calificación de exámenes
review-marks-thanks = Sus calificaciones fueron enviadas. Gracias.
review-saved = Guardado.
review-scoring-lead = { $category } — { $name }. Califique cada respuesta con la rúbrica; nunca verá quién las escribió.
review-not-yet = Las respuestas todavía no se entregaron. La calificación se abre cuando se entreguen.
review-vignette = Viñeta { $number }
review-score-vignette = Calificación de la viñeta { $number }
review-comment-admin = Comentario para la persona administradora
review-submit-marks = Enviar las calificaciones
review-marks-done = Sus calificaciones fueron enviadas.
section-references = Evaluaciones de referencia
review-rec-endorse = Otorgar el Endorsement
review-rec-approve-for-exam = Aprobar para el examen
review-rec-defer = Aplazar con comentarios
review-rec-on-hold = Poner en espera
review-rec-emerging = En formación (emerging)
review-rec-not-endorsed = No otorgar el Endorsement

## Los paneles de revisión y examen de administración

radmin-review = Revisión
radmin-release-reason = Primero escriba en «Motivo» por qué libera al revisor.
radmin-heading =
    { $count ->
        [one] Revisión (1 revisor para esta categoría)
       *[other] Revisión ({ $count } revisores para esta categoría)
    }
radmin-disagree = Los revisores no coinciden.
radmin-assigned = Asignados
radmin-reviewer = Revisor
radmin-round = Ronda
radmin-due = Vence
radmin-state = Estado
radmin-actions = Acciones
radmin-override = Excepción: { $why }
radmin-released = Liberado: { $why }
radmin-overdue = Atrasada
radmin-release = Liberar a { $name }
radmin-assign-heading =
    { $count ->
        [one] Asignar (1 lugar libre)
       *[other] Asignar ({ $count } lugares libres)
    }
radmin-assign-proposed = Asignar a los revisores propuestos
radmin-nobody = No se puede proponer a nadie: ningún revisor habilitado está libre de conflictos y por debajo de su carga. Asigne a mano con un motivo, o agregue revisores.
radmin-reason = Motivo
radmin-reason-hint = Necesario para asignar pese a un conflicto o una carga completa, y para liberar a un revisor; queda en el registro de auditoría.
radmin-load-heading = Carga
radmin-standing = Situación
radmin-not-eligible = No habilitado: { $why }
radmin-proposed = Propuesto
radmin-full = Con la carga completa
radmin-available = Disponible
radmin-load = { $load } de { $max }
radmin-assign = Asignar a { $name }
radmin-submitted-reviews = Revisiones enviadas
radmin-sufficient = suficiente
radmin-insufficient = insuficiente
radmin-requests = Pedidos de información
radmin-exam = Examen
radmin-choose-start = Elija la fecha y la hora en que empieza el examen.
radmin-window-hours = Indique la duración del período en horas, por ejemplo 3.
radmin-part1-score = Indique la calificación de la Parte 1 como un número entero de respuestas correctas.
radmin-exam-heading = Examen (intento { $attempt })
radmin-accommodations-requested = Adaptaciones pedidas
radmin-none = ninguna
radmin-scheduled = Programado
radmin-accommodations-granted = Adaptaciones otorgadas
radmin-part1-label = Parte 1
radmin-part1 = { $score } de { $questions } (para aprobar: { $pass }): { $outcome }
radmin-not-recorded = sin registrar
radmin-part2-label = Parte 2
radmin-part2-mean = respuestas entregadas; calificación media { $mean }: { $outcome }
radmin-part2-marks = respuestas entregadas; { $count } de 2 calificaciones recibidas
radmin-not-handed-in = respuestas no entregadas
radmin-result = Resultado
radmin-retake-from = Puede repetirlo desde
radmin-schedule-retake = Programar otro intento
radmin-schedule-exam = Programar el examen
radmin-starts = Empieza (UTC)
radmin-window = Período para responder (horas)
radmin-mode = Modalidad
radmin-where = Dónde, o cómo conectarse
radmin-schedule = Programar
radmin-correct-answers = Respuestas correctas (de { $questions })
radmin-record-part1 = Registrar la Parte 1
radmin-scorers = Quienes califican la Parte 2
radmin-choose-two = Elija dos revisores; solo ven las respuestas.
radmin-marks-submitted = calificaciones enviadas
radmin-scoring = calificando
radmin-add-scorer = Agregar a { $name } para calificar
radmin-result-heading = Resultado
radmin-result-hint = El resultado surge de ambas partes; se puede registrar cuando estén la Parte 1 y las calificaciones de ambas personas.
radmin-record-result = Registrar el resultado

## Las solicitudes, para administración

apps-title = Solicitudes
apps-pipeline = Etapas del proceso
apps-overdue = Revisiones atrasadas ({ $count })
apps-overdue-line =
    { $reviewer } lleva { $days ->
        [one] 1 día
       *[other] { $days } días
    } de atraso (vencía el { $due }).
apps-all = Todas las solicitudes
apps-search = Buscar por nombre o correo
apps-status = Estado
apps-any-status = Cualquier estado
apps-search-button = Buscar
apps-download = Descargar estas en CSV
apps-none = Ninguna solicitud coincide.
apps-count =
    { $count ->
        [one] 1 solicitud
       *[other] { $count } solicitudes
    }
apps-count-at-least = { $count } solicitudes o más
apps-applicant = Solicitante
apps-category = Categoría
apps-rulebook = Reglamento
apps-submitted = Enviada
apps-started = Iniciada
apps-not-yet = todavía no
apps-version-short = v{ $version }
apps-version = versión { $version }
apps-no-such = Esa solicitud no existe.
apps-application = Solicitud
apps-the-application = La solicitud
apps-snapshot = Portafolio enviado (ronda { $round }, fijado el { $day })
apps-reference-from = Referencia de: { $relationship } ({ $email })
apps-process = Proceso
apps-status-now = Estado: { $status }.
apps-closed = Esta solicitud está cerrada.
apps-waiting-applicant = Se espera a la persona solicitante.
apps-nothing-to-do = Por ahora no hay nada que hacer para administración.
apps-reason = Motivo o comentarios
apps-reason-hint = Obligatorio para las decisiones y las pausas; queda en el registro de auditoría. El motivo de una decisión se le muestra a la persona solicitante como comentario.
apps-audit = Registro de auditoría
apps-audit-download = Descargar en CSV
apps-audit-when = Cuándo (UTC)
apps-audit-who = Quién
apps-audit-what = Qué
apps-audit-why = Por qué
apps-audit-system = el sistema
apps-audit-who-as = { $who } ({ $role })
apps-audit-who-from = { $who } ({ $role }, { $ip })
apps-audit-step = { $action }: { $from } → { $to }.
apps-references = Referencias
apps-no-references = No hay solicitudes de referencia.
apps-reference-meta = { $status } · para { $category }
apps-reference-meta-waived = { $status } · para { $category } · la persona solicitante renunció a verla
apps-signal = Señal: { $signal }
apps-counts = Cuenta.
apps-does-not-count = No cuenta: { $reasons }.
apps-declined = Rechazada: «{ $reason }»
apps-the-rating = La evaluación
apps-rating-summary = { $recommendation } · relación confirmada: { $relationship }, se conocen desde { $since }
apps-verifications = Pendiente de la asociación
apps-nothing-to-verify = Nada que verificar.
apps-verify-membership = Marcar la membresía como verificada
apps-vet-provider = Aprobar a esta persona proveedora

## Señales que conviene revisar

signal-shared-email = Otra persona de referencia de este solicitante tiene el mismo correo electrónico.
signal-applicant-email = El correo de la persona de referencia es el del propio solicitante.
signal-applicant-ip = La persona de referencia respondió desde { $ip }, una dirección desde la que el solicitante inició sesión.
signal-applicant-address = La persona de referencia respondió desde una dirección desde la que el solicitante inició sesión.
signal-applicant-device = La persona de referencia respondió desde un navegador con el que el solicitante inició sesión.
signal-applicant-session = La respuesta se envió mientras el solicitante tenía la sesión iniciada en el mismo navegador.
signal-applicant-disabled = Un administrador desactivó la cuenta del solicitante; esta solicitud se envió antes.
counting-no-category = el reglamento vigente no tiene la categoría { $category }

## La bandeja de salida

outbox-title = Bandeja de salida
outbox-only-admin = Solo una persona administradora puede ver la bandeja de salida.
outbox-every-status = Todos los estados
outbox-lead = Cada correo que envía Endorse pasa por esta cola, que reintenta cuando el servidor de correo no responde. Si no hay un servidor de correo configurado, los mensajes se escriben en el registro y se guardan aquí.
outbox-messages = Mensajes
outbox-status = Estado
outbox-none = No hay mensajes.
outbox-count =
    { $count ->
        [one] 1 mensaje
       *[other] { $count } mensajes
    }
outbox-meta = Para { $name } <{ $address }> · { $kind } · en cola desde { $queued }
outbox-attempts =
    { $count ->
        [one] 1 intento
       *[other] { $count } intentos
    }
outbox-hide = Ocultar el mensaje
outbox-read = Leer el mensaje
outbox-retry = Volver a intentar
outbox-attempts-heading = Intentos
outbox-delivered = entregado
mail-kind-reference-request = Solicitud de referencia
mail-kind-reference-reminder = Recordatorio a una persona de referencia
mail-kind-rating-received = Evaluación recibida
mail-kind-reference-declined = La persona de referencia no aceptó
mail-kind-decision = Decisión sobre una solicitud
mail-kind-review-assigned = Revisión asignada
mail-kind-review-reminder = Recordatorio a un revisor
mail-kind-information-requested = Pedido de información
mail-kind-renewal-reminder = Recordatorio de renovación
mail-kind-renewal-decision = Decisión sobre una renovación
mail-kind-lapsed = Endorsement vencido
mail-kind-recognition-decision = Decisión sobre un reconocimiento
mail-kind-password-reset = Enlace para elegir una contraseña nueva
mail-kind-email-confirm = Enlace para confirmar una dirección de correo
mail-kind-email-changed = Aviso de que cambió la dirección para iniciar sesión
mail-kind-admin-digest = Resumen diario de lo que espera a una persona administradora
mail-kind-account-claim = Invitación a reclamar una cuenta importada

## El perfil de un revisor

reviewer-no-such = Esa cuenta no existe.
reviewer-endorsement-line = línea { $line }: escriba la categoría, un espacio y luego el número
reviewer-title = Perfil de revisor
reviewer-all-users = Todas las cuentas
reviewer-saved = Guardado.
reviewer-endorsements = Endorsements que tiene
reviewer-endorsements-hint = Uno por línea: la categoría, un espacio y luego el número del Endorsement. Por ejemplo: IMHM-C MI-IMHM-C-2015-0003
reviewer-categories = Puede revisar estas categorías
reviewer-max-load = Solicitudes a la vez
reviewer-save = Guardar el perfil

## La configuración de la asociación

settings-title = Configuración de la asociación
settings-logo-too-big = El logotipo debe pesar como máximo { $kb } KB.
settings-logo-unreadable = No se pudo leer ese archivo.
settings-saved = Guardado. Vuelva a cargar la página para ver el nuevo nombre y los colores en todas partes.
settings-lead = Cómo ven { $name } los solicitantes, las personas de referencia y el público, y cómo sale su correo. Se llega a ella en { $address }.
settings-profile = Perfil
settings-name = Nombre
settings-time-zone = Zona horaria
settings-time-zone-hint = Las fechas de vencimiento, los recordatorios y el «vigente hasta» la siguen; por ejemplo America/Detroit.
settings-currency = Moneda
settings-currency-hint = Un código ISO 4217, como USD o EUR.
settings-language = Idioma que se ve antes de elegir
settings-main-colour = Color principal
settings-main-colour-hint = #rrggbb, lo bastante oscuro para texto blanco (4.5:1).
settings-second-colour = Color secundario
settings-second-colour-hint = #rrggbb, con el mismo criterio.
settings-logo = Logotipo (PNG o SVG, como máximo { $kb } KB)
settings-current-logo = El logotipo actual
settings-remove-logo = Quitar el logotipo
settings-mail = Correo
settings-sender = Dirección del remitente
settings-reply-to = Dirección de respuesta
settings-reply-to-hint = Adonde llegan las respuestas; es el contacto que reciben las personas de referencia.
settings-signature = Firma al pie de cada mensaje
settings-smtp = Su propio servidor SMTP (opcional)
settings-smtp-own = El correo sale por su propio servidor; deje el campo vacío para conservarlo, o escriba una dirección nueva.
settings-smtp-hint = smtp:// o smtps:// con su usuario y contraseña; déjelo vacío para usar el servidor del servicio.
settings-registry = Registro
settings-registry-shared = Participar en la búsqueda en los registros de todas las asociaciones (para empleadores que no saben dónde obtuvo alguien su Endorsement)
settings-saving = Guardando…
settings-save = Guardar la configuración

## La página de quienes operan la plataforma

platform-title = Plataforma
platform-signed-in = Sesión iniciada como { $name } ({ $email }), operador de la plataforma. Ve el estado de cada asociación, nunca los expedientes de una persona.
platform-sign-out = Cerrar sesión
platform-enter-both = Escriba su correo electrónico y su contraseña.
platform-sign-in-title = Operadores de la plataforma: iniciar sesión
platform-sign-in-lead = Para quienes administran este servicio. El personal de una asociación inicia sesión en la dirección de su asociación.
platform-email = Correo electrónico
platform-password = Contraseña
platform-signing-in = Iniciando sesión…
platform-sign-in = Iniciar sesión
platform-ready = { $name } está lista
platform-ready-lead = Está en { $address }. Su primera persona administradora inicia sesión allí como { $email } con esta contraseña de un solo uso, y elige la suya enseguida:
platform-shown-once = Solo se muestra ahora: compártala de forma segura.
platform-associations = Asociaciones
platform-caption = Todas las asociaciones de este servicio, con su estado
platform-association = Asociación
platform-accounts = Cuentas
platform-open = Solicitudes abiertas
platform-active = Endorsements vigentes
platform-mail = Correo en espera / fallido
platform-unreachable = no responde
platform-people = { $applicants } solicitantes, { $reviewers } revisores, { $admins } administración
platform-new = Nueva asociación
platform-code = Código
platform-code-hint = De 2 a 20 letras minúsculas y dígitos, empezando por una letra (por ejemplo mi). Aparece en la dirección de la asociación y en los enlaces de sus Endorsements.
platform-name = Nombre
platform-host = Su propio nombre de host (opcional)
platform-host-hint = Por ejemplo mi.example.org, dirigido a este servicio. Sin él, se llega a ella en /a/{"{"}código{"}"}/.
platform-time-zone = Zona horaria
platform-time-zone-hint = Una zona horaria IANA, por ejemplo America/Detroit.
platform-admin-email = Correo de la primera persona administradora
platform-making = Creando la asociación…
platform-make = Crear la asociación

## Lo que un reglamento no puede decir

rule-a-reminder-cannot-go-out-before = un recordatorio no puede salir antes de que abra la renovación
rule-asks-for-more-relationships-than-references = pide más relaciones que referencias
rule-is-listed-twice = aparece dos veces
rule-fee-of-nothing = es cero: mejor no incluir la tarifa
rule-exam-fee-without-exam = fija una tarifa de examen, pero la categoría no tiene examen
rule-is-not-a-category-of-this = no es una categoría de este reglamento
rule-is-not-a-competency-domain-of = no es un dominio de competencia de este reglamento
rule-must-be-1-or-2 = debe ser 1 o 2
rule-must-be-1-to-8-capital = debe tener de 1 a 8 letras mayúsculas o dígitos
rule-must-be-a-score-of-the = debe ser un puntaje de la rúbrica de revisión
rule-must-be-between-1-and-part2 = debe estar entre 1 y part2_vignettes_offered
rule-must-be-capital-letters-and-hyphens = debe tener solo letras mayúsculas y guiones, por ejemplo IMHM-C
rule-must-be-higher-than-the-level = debe ser mayor que el nivel anterior
rule-must-be-less-than-due-days = debe ser menor que due_days
rule-must-be-lower-case-letters-and = debe tener solo letras minúsculas y guiones bajos
rule-must-be-more-than-0-leave = debe ser mayor que 0 (omita [rsc] si no se requiere)
rule-must-have-between-2-and-10 = debe tener entre 2 y 10 niveles
rule-must-list-a-category-or-let = debe nombrar una categoría, o permitir que califiquen proveedores aprobados
rule-must-list-at-least-one-category = debe nombrar al menos una categoría
rule-must-list-at-least-one-domain = debe nombrar al menos un dominio
rule-kinds-of-employment = debe nombrar al menos un tipo de empleo
rule-kinds-of-work = debe nombrar al menos un tipo de trabajo
rule-must-list-at-least-one-relationship = debe nombrar al menos una relación
rule-must-not-exceed-count = no debe superar count
rule-must-not-exceed-max-span-months = no debe superar max_span_months
rule-must-not-exceed-min-hours = no debe superar min_hours
rule-must-not-exceed-the-training-total = no debe superar el total de capacitación
rule-names-no-category-of-this-rulebook = no nombra ninguna categoría de este reglamento
rule-renewal-month-and-renewal-day-must = renewal_month y renewal_day deben formar una fecha
rule-the-topic-hours-cannot-exceed-the = las horas por tema no pueden superar las horas de capacitación

## La página del reglamento

rulebook-only-admin = Solo una persona administradora puede administrar el reglamento.
rulebook-title = Reglamento
rulebook-published = Se publicó la versión { $number }. Las solicitudes nuevas la usan; las existentes conservan la suya hasta que se las cambie.
rulebook-version = Versión { $number }: { $name }
rulebook-lead = Edite una copia y publíquela como la versión siguiente. Primero se revisa cada regla; no se publica nada mientras haya una con errores.
rulebook-problems = Problemas en el reglamento
rulebook-toml = Reglamento (TOML)
rulebook-publishing = Publicando…
rulebook-publish = Publicar como una versión nueva
rulebook-versions = Versiones

person-back = Volver a las cuentas
person-account = Cuenta
person-pending-email = Esperando confirmación
person-state = Estado
person-active = Activa
person-disabled = Desactivada
person-disabled-since = desde el { $date }
person-disabled-reason = Motivo: { $reason }
person-reviewer-profile = Perfil de revisión
person-trail = Todo lo hecho a esta cuenta y por ella
person-mfa-off = Desactivado
person-mfa-reset = Restablecer el segundo factor
person-mfa-reset-hint = Para quien perdió su teléfono: inicia sesión solo con la contraseña, todas sus sesiones terminan y puede activarlo de nuevo. El motivo queda en el registro de auditoría.
person-mfa-reset-done = El segundo factor está restablecido.
person-mfa-none = Al iniciar sesión solo se pide la contraseña: esta persona no ha activado un segundo factor.
person-access = Acceso
person-own-account = Esta es su propia cuenta: otra persona administradora puede desactivarla o enviarle un enlace; su nombre y su dirección los cambia usted en la página de su cuenta.
person-reset-hint = Envíe a esta persona un enlace para elegir una contraseña nueva. Su contraseña sigue igual hasta que lo use.
person-reset = Enviar un enlace para elegir una contraseña nueva
person-reset-sent = Un enlace para elegir una contraseña nueva va en camino a { $email }; funciona durante { $minutes } minutos.
person-disable = Desactivar la cuenta
person-disable-hint = Se cierran a la vez todas las sesiones de la persona y no puede entrar hasta que una persona administradora vuelva a activar la cuenta. No se borra nada; las revisiones que tenga aparecen como pendientes de otra persona revisora.
person-disable-reason = Por qué (se guarda con la cuenta y en el registro)
person-disable-button = Desactivar la cuenta
person-disabled-done = La cuenta está desactivada; todas sus sesiones terminaron.
person-enable-hint = La cuenta está desactivada. Al activarla, la persona puede volver a entrar con su contraseña.
person-enable = Activar la cuenta
person-enabled-done = La cuenta está activa otra vez.
person-edit = Cambiar nombre, dirección o rol
person-edit-hint = Una dirección nueva se aplica de inmediato y queda sin confirmar hasta que la persona abra el enlace enviado allí; se avisa a la dirección anterior.
person-email-hint = La dirección con la que la persona inicia sesión.
person-reason = Motivo
person-reason-hint = Necesario cuando cambia el nombre o la dirección; se guarda en el registro.
person-reason-needed = Diga por qué cambia el nombre o la dirección.
person-save = Guardar los cambios
person-saved = Guardado.
work-title = Pendiente de usted
work-nothing = Nada espera por usted ahora.
work-memberships = { $count ->
    [one] 1 membresía por verificar
   *[other] { $count } membresías por verificar
}
work-providers = { $count ->
    [one] 1 proveedor de RSC por evaluar
   *[other] { $count } proveedores de RSC por evaluar
}
work-unassigned = { $count ->
    [one] 1 solicitud sin personas revisoras
   *[other] { $count } solicitudes sin personas revisoras
}
work-overdue = { $count ->
    [one] 1 revisión atrasada
   *[other] { $count } revisiones atrasadas
}
work-exams-schedule = { $count ->
    [one] 1 examen por programar
   *[other] { $count } exámenes por programar
}
work-exams-score = { $count ->
    [one] 1 examen por calificar
   *[other] { $count } exámenes por calificar
}
work-renewals = { $count ->
    [one] 1 renovación esperando una decisión
   *[other] { $count } renovaciones esperando una decisión
}
work-recognitions = { $count ->
    [one] 1 solicitud de reconocimiento
   *[other] { $count } solicitudes de reconocimiento
}
work-mail = { $count ->
    [one] 1 correo que no se pudo entregar
   *[other] { $count } correos que no se pudieron entregar
}

## The audit trail

trail-title = Registro de auditoría
trail-filters = Qué eventos
trail-who = Quién
trail-anyone = Cualquiera
trail-the-schedule = El calendario automático
trail-this-account = Esta cuenta
trail-kind = Sobre qué
trail-any-kind = Cualquier cosa
trail-subject = Cuál
trail-subject-hint = El identificador de una solicitud o de una cuenta, el número de un aval, una versión del reglamento.
trail-from = Desde
trail-to = Hasta
trail-show = Mostrar
trail-clear = Borrar filtros
trail-download = Descargar como CSV
trail-events = Eventos, los más recientes primero
trail-none = Ningún evento coincide con estos filtros.
trail-about = Sobre
trail-shown = { $count ->
    [one] Se muestra un evento.
   *[other] Se muestran { $count } eventos.
}
trail-older = Mostrar eventos anteriores
trail-erased-account = Una cuenta borrada
trail-reason = Motivo: { $reason }
trail-kind-application = Solicitud
trail-kind-user = Cuenta
trail-kind-endorsement = Aval
trail-kind-rulebook = Reglamento
trail-kind-key = Clave de firma
trail-kind-export = Descarga
trail-kind-association = La asociación
trail-kind-payment = Tarifas y pagos
trail-kind-import = Importaciones
trail-account-created = Cuenta creada
trail-account-disabled = Cuenta desactivada
trail-account-enabled = Cuenta activada de nuevo
trail-account-erased = Cuenta borrada
trail-name-changed = Nombre cambiado
trail-email-changed = Correo electrónico cambiado
trail-email-confirmed = Correo electrónico confirmado
trail-role-changed = Rol cambiado
trail-reset-sent = Enlace de contraseña enviado
trail-mfa-enrolled = Segundo factor activado
trail-mfa-reset = Segundo factor restablecido
trail-mfa-turned-off = Segundo factor desactivado
trail-recovery-code-used = Inició sesión con un código de recuperación
trail-recovery-codes-renewed = Nuevos códigos de recuperación generados
trail-membership-verified = Membresía verificada
trail-provider-vetted = Proveedor de RSC verificado
trail-reviewer-profile-changed = Perfil de revisión cambiado
trail-rulebook-published = Versión del reglamento publicada
trail-key-rotated = Clave de firma renovada
trail-export-downloaded = Registros descargados
trail-settings-changed = Ajustes cambiados
trail-support-granted = Acceso de soporte concedido
trail-support-revoked = Acceso de soporte retirado
trail-support-session = Sesión de soporte abierta
trail-mail-retried = Correo enviado de nuevo
trail-data-downloaded = Descargó sus propios datos
trail-association-created = Asociación creada
trail-payment-recorded = Pago registrado
trail-fee-waived = Tarifa exonerada
trail-payment-online = Pagada en línea
trail-payment-refused = Pago en línea no aceptado
trail-payment-duplicate = Pagada dos veces (devolver uno)

## Erasure on request

erase-title = Borrar a petición
erase-hint = Cuando una persona pide ser olvidada. Se conserva lo que la asociación debe guardar; todo lo demás sobre ella se borra, incluidos sus documentos. No se puede deshacer.
erase-kept = Se conserva
erase-kept-endorsements = { $count ->
    [0] Ningún aval emitido.
    [one] Un aval emitido ({ $numbers }), con su credencial; sale del registro público.
   *[other] { $count } avales emitidos ({ $numbers }), con sus credenciales; salen del registro público.
}
erase-kept-applications = { $count ->
    [0] Ninguna solicitud.
    [one] El registro de una solicitud (categoría, estado, fechas, revisiones y resultados según se decidieron), sin su contenido.
   *[other] Los registros de { $count } solicitudes (categoría, estado, fechas, revisiones y resultados según se decidieron), sin su contenido.
}
erase-kept-audit = { $count ->
    [one] Un evento del registro de auditoría.
   *[other] { $count } eventos del registro de auditoría.
}
erase-goes = Se borra
erase-removed = Se borró
erase-goes-entries = { $count ->
    [one] Una entrada del portafolio, y las notas.
   *[other] { $count } entradas del portafolio, y las notas.
}
erase-goes-documents = { $count ->
    [one] Un documento subido.
   *[other] { $count } documentos subidos.
}
erase-goes-references = { $count ->
    [one] Una solicitud de referencia, con su respuesta.
   *[other] { $count } solicitudes de referencia, con sus respuestas.
}
erase-goes-snapshots = { $count ->
    [one] Una instantánea congelada al enviar.
   *[other] { $count } instantáneas congeladas al enviar.
}
erase-goes-mails = { $count ->
    [one] Un correo a la persona.
   *[other] { $count } correos a la persona.
}
erase-goes-rest = Su nombre y correo, sesiones y enlaces, segundo factor, respuestas a revisores, respuestas y adaptaciones del examen, renovaciones y solicitudes de reconocimiento no concedidas.
erase-blocked = { $count ->
    [one] Hay una solicitud abierta: retírela o decídala primero.
   *[other] Hay { $count } solicitudes abiertas: retírelas o decídalas primero.
}
erase-open-application = Una solicitud abierta
erase-email = Su correo electrónico, escrito de nuevo
erase-email-hint = Para confirmar: { $email }
erase-reason-hint = La petición y su fecha. No escriba datos personales: el registro de auditoría lo guarda.
erase-button = Borrar a esta persona
erase-done = Borrada. La cuenta solo conserva su identificador; lo conservado se indica aquí.
person-erased = Borrada a petición
