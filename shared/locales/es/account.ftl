## Iniciar sesión, crear una cuenta, cambiar la contraseña.

account-sign-in = Iniciar sesión
account-email = Correo electrónico
account-password = Contraseña
account-signing-in = Iniciando sesión…
account-new-here = ¿Es nuevo aquí?
account-create-applicant = Crear una cuenta de solicitante
account-full-name = Nombre completo
account-full-name-hint = Tal como debe aparecer en su certificado.
account-password-hint = Al menos 12 caracteres. Unas cuantas palabras sin relación entre sí forman una frase de contraseña segura y fácil de recordar.
account-creating = Creando su cuenta…
account-create = Crear la cuenta
account-already-registered = ¿Ya tiene una cuenta?
account-choose-new = Elija una contraseña nueva
account-set-by-someone = Otra persona estableció su contraseña. Elija una que solo usted conozca antes de continuar.
account-others-signed-out = Se cerrará la sesión en sus otros dispositivos.
account-current-password = Contraseña actual
account-new-password = Contraseña nueva
account-new-password-hint = Al menos 12 caracteres.
account-saving = Guardando…
account-change-password = Cambiar la contraseña

not-found-title = No se encontró la página
not-found-lead = No hay nada en esta dirección. Puede que se haya movido o que el enlace tenga un error.
not-found-home = Ir a la página de inicio
account-create-lead = Arme su portafolio para el Endorsement, vea lo que todavía le falta a cada categoría y envíelo cuando esté listo.

## Volver a entrar en una cuenta

account-forgot = ¿Olvidó su contraseña?
recovery-title = ¿Olvidó su contraseña?
recovery-lead = Escriba el correo electrónico con el que inicia sesión. Le enviaremos un enlace para elegir una contraseña nueva.
recovery-sent = Si { $email } tiene una cuenta aquí, le llegará un enlace para elegir una contraseña nueva. Funciona una sola vez, durante { $minutes } minutos.
recovery-sent-next = ¿No le llegó nada en unos minutos? Revise la carpeta de correo no deseado o vuelva a enviarlo: solo funciona el enlace más reciente.
recovery-send = Enviar el enlace
recovery-send-again = Volver a enviarlo
recovery-sending = Enviando…
recovery-back = Volver a iniciar sesión
recovery-choose-lead = Elija una contraseña nueva para su cuenta. Se cerrará la sesión en sus demás dispositivos.
recovery-ask-again = Pedir un enlace nuevo
recovery-set = Guardar la contraseña nueva e iniciar sesión
claim-title = Reclame su cuenta
claim-lead = Su asociación trasladó sus datos a Endorse. Elija una contraseña para reclamar su cuenta; desde ahora entrará con ella.
claim-set = Reclamar mi cuenta e iniciar sesión

me-title = Su cuenta
me-name = Su nombre
me-full-name = Nombre completo
me-name-hint = Como debe aparecer en su certificado y su credencial. Una credencial ya emitida conserva el nombre con el que se firmó; la siguiente llevará este.
me-save-name = Guardar el nombre
me-name-saved = Su nombre está guardado.
me-email = Su dirección de correo
me-email-confirmed = Confirmada
me-email-unconfirmed = Aún sin confirmar
me-email-unconfirmed-why = Abra el enlace que le enviamos para confirmarla, para que le lleguen las noticias sobre su solicitud.
me-email-pending = Esperando que confirme { $email }: le enviamos un enlace allí. Hasta que lo abra, inicia sesión con la dirección de arriba.
me-email-send-again = Enviar el enlace otra vez
me-email-link-sent = Enviamos un enlace a { $email }. Funciona durante { $days } días; hasta que lo abra, inicia sesión con su dirección actual.
me-email-link-sent-again = Enviamos un enlace nuevo a { $email }; funciona durante { $days } días, y los anteriores ya no.
me-email-change = Iniciar sesión con otra dirección
me-email-change-hint = Su contraseña actual evita que alguien que encuentre su sesión abierta se quede con su cuenta.
me-new-email = Dirección de correo nueva
me-email-send-link = Enviar un enlace para confirmarla
me-email-unconfirmed-notice = Su dirección { $email } aún no está confirmada.
me-email-unconfirmed-go = Confírmela desde la página de su cuenta
me-password = Contraseña
me-password-hint = Al elegir una contraseña nueva se cierran sus demás sesiones.
confirm-title = Confirme su dirección de correo
confirm-working = Confirmando su dirección…
confirm-done = Gracias: { $email } está confirmada.
confirm-go-home = Ir a su página de inicio
confirm-go-account = Ir a la página de su cuenta
account-signed-out-because = Se cerró su sesión.

## The second factor

account-mfa-code = Código de su aplicación de autenticación
account-mfa-code-hint = Seis dígitos, o uno de sus códigos de recuperación.
mfa-title = Segundo factor
mfa-why = Con un segundo factor, al iniciar sesión se le pide su contraseña y un código de una aplicación de autenticación en su teléfono, para que una contraseña sola no abra su cuenta.
mfa-required = Aquí los administradores deben activar un segundo factor antes de usar las páginas de administración.
mfa-set-up = Configurar un segundo factor
mfa-step-scan = Escanee este código con su aplicación de autenticación (como Google Authenticator, Microsoft Authenticator o 1Password).
mfa-qr-label = Un código QR con la clave para su aplicación de autenticación
mfa-step-type = O escriba esta clave en la aplicación:
mfa-open-app = Abrir en una aplicación de autenticación de este dispositivo
mfa-step-code = Luego escriba el código de seis dígitos que muestra la aplicación.
mfa-turn-on = Activar
mfa-on = Activado
mfa-on-since = Desde el { $date }.
mfa-on-now = El segundo factor está activado. Al iniciar sesión se le pedirá un código.
mfa-codes-left = { $count ->
    [one] Le queda un código de recuperación.
   *[other] Le quedan { $count } códigos de recuperación.
}
mfa-change = Nuevos códigos de recuperación, o desactivarlo
mfa-change-hint = Escriba su contraseña y un código de su aplicación (o un código de recuperación).
mfa-new-codes = Generar nuevos códigos de recuperación
mfa-codes-renewed = Se generaron nuevos códigos de recuperación; los anteriores ya no sirven.
mfa-turn-off = Desactivar
mfa-off-now = El segundo factor está desactivado. Al iniciar sesión solo se pide su contraseña.
mfa-required-keep = Aquí los administradores deben mantener un segundo factor.
mfa-codes-title = Sus códigos de recuperación
mfa-codes-once = Guárdelos en un lugar seguro: cada uno le permite iniciar sesión una vez si pierde su teléfono. Solo se muestran ahora.
mfa-codes-download = Descargar los códigos
mfa-codes-kept = Ya los guardé
mfa-codes-file-title = Códigos de recuperación de Endorse: cada uno inicia sesión una vez en lugar de un código de su aplicación.

## Download my data

export-readme = Todo lo que { $association } guarda sobre usted en Endorse, al { $date }.

    endorse-data.json: su cuenta, su portafolio (cada entrada, sus notas y sus solicitudes de referencias), los datos de cada documento que subió, sus solicitudes con la instantánea que congeló cada envío, las respuestas de referencias que puede ver, sus avales y sus credenciales firmadas (Open Badges 3.0), sus solicitudes de reconocimiento, cada correo que se le envió y lo que se hizo con su cuenta.
    documents/: los documentos que subió, tal como los subió.

    Las fechas y horas están en UTC (ISO 8601).
me-data = Sus datos
me-data-hint = Descargue todo lo que Endorse guarda sobre usted: su cuenta, portafolio, documentos, solicitudes, las referencias que puede ver, avales y credenciales, y los correos que se le enviaron, en un solo archivo ZIP.
me-data-download = Descargar mis datos
me-data-preparing = Preparando su archivo…
