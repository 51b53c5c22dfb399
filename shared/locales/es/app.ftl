### Las palabras de la aplicación: su marco (encabezado, menú, pie) y cada página.

language-switch = Idioma

## Pasos de una solicitud (botones)

action-submit = Enviar
action-withdraw = Retirar
action-start-review = Iniciar la revisión
action-request-revision = Pedir más información
action-answer-revision = Enviar las respuestas
action-put-on-hold = Poner en pausa
action-resume = Reanudar la revisión
action-approve-for-exam = Aprobar para el examen
action-schedule-exam = Programar el examen
action-record-exam-passed = Registrar: examen aprobado
action-record-exam-failed = Registrar: examen no aprobado
action-endorse = Otorgar el Endorsement
action-decide-emerging = Decidir: en desarrollo
action-defer = Aplazar con comentarios
action-not-endorse = Decidir: no otorgado
action-resubmit = Volver a enviar

## En qué etapa está una solicitud

status-draft = Borrador
status-submitted = Enviada
status-under-review = En revisión
status-revision-requested = Se pidió más información
status-on-hold = En pausa
status-approved-for-exam = Aprobada para el examen
status-exam-scheduled = Examen programado
status-exam-passed = Examen aprobado
status-exam-failed = Examen no aprobado
status-endorsed = Endorsement otorgado
status-emerging = En desarrollo
status-deferred = Aplazada
status-not-endorsed = Endorsement no otorgado
status-withdrawn = Retirada
refusal-not-now = La solicitud está en «{ $status }»; «{ $action }» no es posible ahora.
refusal-only-applicant = Solo la persona solicitante puede hacer «{ $action }».
refusal-only-reviewer = Solo un revisor asignado puede hacer «{ $action }».
refusal-only-admin = Solo un administrador puede hacer «{ $action }».

## EndorsementStatus

endorsement-status-active = Vigente
endorsement-status-renewal-due = Renovación pendiente
endorsement-status-lapsed = Vencido
endorsement-status-suspended = Suspendido
endorsement-status-revoked = Revocado
endorsement-status-inactive = Inactivo
endorsement-status-emeritus = Emérito
endorsement-status-archived = Archivado

## MailStatus

mail-status-pending = En espera
mail-status-sent = Enviado
mail-status-failed = Falló
mail-status-skipped = No enviado

## RecognitionStatus

recognition-status-pending = En espera de una decisión
recognition-status-granted = Reconocido
recognition-status-declined = No reconocido

## RenewalStatus

renewal-status-submitted = Enviada
renewal-status-approved = Aprobada
renewal-status-returned = Devuelta

## AssignmentState

assignment-state-active = En curso
assignment-state-submitted = Enviada
assignment-state-released = Liberada
renewal-kind-renewal = Renovación
renewal-kind-reinstatement = Reincorporación

## Verificar una credencial

verdict-valid = Válida
verdict-expired = Vencida
verdict-not-yet-valid = Aún no es válida
verdict-suspended = Suspendida
verdict-revoked = Revocada
verdict-not-genuine = No es auténtica
verdict-valid-why = La firma es de quien la emitió, la credencial no está revocada ni suspendida, y es válida hasta el { $day }.
verdict-expired-why = La firma es de quien la emitió, pero la credencial solo era válida hasta el { $day }. El Endorsement no se renovó a tiempo, o una credencial más reciente reemplaza a esta.
verdict-not-yet-valid-why = La firma es de quien la emitió, pero la credencial solo es válida a partir del { $day }.
verdict-suspended-why = La firma es de quien la emitió, pero la asociación indicó que el Endorsement no está al día (suspendido, vencido o dejado sin efecto).
verdict-revoked-why = La firma es de quien la emitió, pero la asociación revocó el Endorsement.
verdict-not-genuine-why = No se puede confiar en esta credencial: { $why }.
not-genuine-malformed = no es una credencial que firme este emisor: { $detail }
not-genuine-unknown-key = está firmada con una clave ("{ $key }") que este emisor nunca publicó
not-genuine-bad-signature = su firma no coincide con su contenido: se modificó después de firmarse, o la firmó otra persona
not-genuine-wrong-issuer = nombra a otro emisor ("{ $issuer }")
not-genuine-bad-status-list = no se puede confiar en su lista de estado: { $detail }

## Cómo conoce la persona de referencia a quien solicita

relationship-current-supervisor = supervisor actual
    .indefinite = un supervisor actual
relationship-rsc-provider = proveedor de RSC
    .indefinite = un proveedor de RSC
relationship-other-supervisor = otro supervisor
    .indefinite = otro supervisor
relationship-colleague = colega
    .indefinite = un colega
relationship-supervisee = persona supervisada
    .indefinite = una persona supervisada
relationship-service-recipient = madre, padre u otra persona que recibe los servicios
    .indefinite = una madre, un padre u otra persona que recibe los servicios

## El marco de cada página

language-switch-hint = Leer esta página en español
skip-to-content = Ir al contenido
loading = Cargando…
nav-menu = Menú
nav-main = Principal
nav-home = Inicio
nav-portfolio = Portafolio
nav-references = Referencias
nav-fees = Tarifas
nav-reviews = Revisiones
nav-work-history = Su historial de trabajo
nav-overview = Resumen
nav-applications = Solicitudes
nav-users = Personas usuarias
nav-rulebook = Reglamento
nav-renewals = Renovaciones
nav-payments = Pagos
nav-imports = Importar
nav-recognitions = Reconocimientos
nav-settings = Configuración
nav-outbox = Bandeja de salida
nav-audit = Registro de auditoría
nav-sign-out = Cerrar sesión
nav-account = Cuenta
nav-registry = Registro
nav-verify = Verificar
nav-sign-in = Iniciar sesión
nav-sign-up = Crear una cuenta
footer-about = Endorse: el sistema de solicitudes del Endorsement en Salud Mental Infantil y de la Primera Infancia (IECMH).
footer-registry = Registro de Endorsements
footer-verify = Verificar un Endorsement
role-applicant = Solicitante
role-reviewer = Revisor
role-admin = Administración

## De qué habla un reglamento

age-range-prenatal-to-three = niños de 0 a 36 meses
age-range-three-to-six = niños de 3 a 6 años
degree-none =
    sin título
    .indefinite = ningún título
degree-cda =
    credencial CDA
    .indefinite = una credencial CDA
degree-associate =
    título de asociado (associate degree)
    .indefinite = un título de asociado (associate degree)
degree-bachelor =
    licenciatura (bachelor’s degree)
    .indefinite = una licenciatura (bachelor’s degree)
degree-master =
    maestría (master’s degree)
    .indefinite = una maestría (master’s degree)
degree-doctorate =
    doctorado
    .indefinite = un doctorado
work-kind-direct-service = servicio directo
work-kind-dyadic-treatment = tratamiento diádico
work-kind-providing-rsc = brindar RSC
work-kind-policy-leadership = liderazgo en políticas o administración
work-kind-teaching-research = docencia o investigación
employment-paid = trabajo remunerado
employment-volunteer-supervised = trabajo voluntario supervisado
employment-volunteer-unsupervised = trabajo voluntario sin supervisión
employment-internship = una pasantía
training-topic-dei = diversidad, equidad e inclusión
training-topic-rsc = brindar RSC
agreement-code-of-ethics = Código de Ética
agreement-endorsement-agreement = Acuerdo del Endorsement
agreement-no-sanction-attestation = Declaración de ausencia de sanciones
local-words = { $words }

## Pedir una referencia

reference-language = Idioma de la persona de referencia
reference-language-hint = El correo y el formulario de evaluación van en este idioma; la persona de referencia puede cambiarlo en la página.

## Secciones del portafolio

section-education = Estudios y licencias
section-work = Experiencia laboral
section-training = Capacitación especializada
section-rsc = Supervisión/consulta reflexiva
section-agreements = Acuerdos
section-membership = Membresía
section-add-education = Agregar estudios o una licencia
section-add-work = Agregar experiencia laboral
section-add-training = Agregar una capacitación
section-add-rsc = Agregar supervisión/consulta reflexiva
section-add-agreements = Firmar un acuerdo
section-add-membership = Agregar una membresía

## La página para verificar

verify-nothing = Pegue una credencial o escriba un número de Endorsement.
verify-json-copy = Esa es la copia legible de una credencial (el archivo .json), que no lleva firma. Pegue el contenido del archivo .jwt, o escriba el número de Endorsement.
verify-holder = Titular
verify-endorsement = Endorsement
verify-number = Número
verify-issued-by = Emitido por
verify-endorsed-since = Con Endorsement desde
verify-holds = Esta credencial es válida
verify-valid-from = desde el { $from }
verify-valid-from-through = desde el { $from } hasta el { $until }
verify-title = Verificar un Endorsement
verify-lead = Verifique una credencial de Endorsement: pegue la credencial (el contenido de su archivo .jwt) o escriba el número de Endorsement del certificado. Su navegador verifica la firma de quien la emitió, si el Endorsement fue revocado o suspendido, y sus fechas.
verify-what = Qué verificar
verify-input = Credencial o número de Endorsement
verify-input-hint = Por ejemplo AL-IFS-2026-0042, o un texto largo que empieza con "ey".
verify-checking = Verificando…
verify-check = Verificar

## El registro público

registry-title = Registro de Endorsements
registry-lead = Profesionales que tienen el Endorsement en Salud Mental Infantil y de la Primera Infancia y decidieron aparecer aquí. Un Endorsement que vence, se suspende o se revoca sale del registro de inmediato.
registry-not-sure = ¿No sabe qué asociación le otorgó el Endorsement a alguien?
registry-everywhere = Buscar en todas las asociaciones
registry-search = Buscar
registry-query = Nombre o número de Endorsement
registry-category = Categoría
registry-any-category = Cualquier categoría
registry-none = Ningún Endorsement del registro coincide.
registry-count =
    { $count ->
        [one] 1 en el registro
       *[other] { $count } en el registro
    }
registry-results = Resultados
registry-name = Nombre
registry-number = Número
registry-status = Estado
registry-since = Con Endorsement desde
registry-through = Vigente hasta
registry-verify = Verificar
registry-everywhere-lead = Los registros públicos de todas las asociaciones de este servicio que participan, buscados a la vez. Cada línea lleva a la asociación que otorgó el Endorsement, donde se puede verificar.
registry-association = Asociación
registry-every-association = Todas las asociaciones

registry-recognised-from = Reconocido a partir del Endorsement de { $association } (número { $number })
registry-recognised-by = Reconocido también por { $association } (Endorsement número { $number })

## Páginas y descargas

download-not-made = No se pudo crear el archivo.
download-not-started = No se pudo iniciar la descarga.
table-region = Tabla
pager-pages = Páginas
pager-previous = Anterior
pager-page = Página { $page } de { $pages }
pager-next = Siguiente
