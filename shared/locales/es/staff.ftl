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
users-loading = Cargando…
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
review-loading = Cargando…
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
radmin-loading = Cargando…
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
