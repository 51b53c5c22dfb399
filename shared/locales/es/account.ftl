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
