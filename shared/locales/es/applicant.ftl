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
home-loading = Cargando…
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
summary-training = { $title }: { $hours } el { $date } ({ $provider })
summary-rsc = { $hours } el { $date } con { $provider }
summary-rsc-endorsed = { $hours } el { $date } con { $provider } ({ $category })
summary-agreement = { $agreement }: firmado por { $name } el { $date }
summary-membership = { $association } n.º { $number }, vigente hasta el { $until } (en espera de verificación)
summary-membership-verified = { $association } n.º { $number }, vigente hasta el { $until } (verificada)

## La página del portafolio

portfolio-title = Su portafolio
portfolio-loading = Cargando su portafolio…
portfolio-correct = Corrija los campos marcados abajo.
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
portfolio-upload-progress = Avance de la carga
portfolio-uploading = Cargando… { $percent } %
portfolio-saving = Guardando…
portfolio-save = Guardar
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
