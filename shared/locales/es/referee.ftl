## La página de quien da la referencia, abierta desde el enlace del correo.

referee-loading = Cargando la solicitud…
referee-title = Referencia para { $applicant }
referee-lead = { $applicant } está solicitando el Endorsement { $category } ante { $association } y le ha pedido a usted, { $referee }, una evaluación de referencia. Toma unos 15 minutos.
referee-waived = El solicitante renunció a su derecho a ver sus respuestas: solo quienes revisan y la asociación las leerán.
referee-not-waived = El solicitante podrá leer sus respuestas una vez que las envíe.
referee-link-until = Este enlace funciona hasta el { $day }. Preguntas: { $contact }.
referee-step = Paso { $step } de { $steps }
referee-progress = Su avance
referee-how-you-know = Cómo conoce al solicitante
referee-relationship = Su relación con el solicitante
referee-known-since = Lo conoce desde
referee-domain-heading = { $domain }
referee-domain-of = Área de competencia { $number } de { $count }
referee-rate-hint = Califique lo que usted mismo ha observado. Si no ha visto lo suficiente para juzgar, dígalo: es una buena respuesta, no una mala.
referee-your-recommendation = Su recomendación
referee-overall = En general
referee-comments = Comentarios para quienes revisan
referee-comments-hint = Los ejemplos son lo más útil: lo que ha visto hacer al solicitante con las familias y los colegas.
referee-final = Una vez enviada, su evaluación es definitiva y no se puede cambiar.
referee-submit = Enviar la evaluación
referee-next = Siguiente
referee-back = Atrás
referee-saved-at = Borrador guardado a las { $time }.
referee-not-saved = No se pudo guardar el borrador; sus respuestas siguen en esta página.
referee-missing = Faltan algunas respuestas; están marcadas abajo.
referee-choose-relationship = elija cómo conoce al solicitante
referee-choose-date = elija una fecha
referee-choose-rating = elija una respuesta (o “No tengo suficiente información para calificar”)
referee-choose-recommendation = elija una recomendación
referee-cannot = No puedo dar una referencia
referee-why = Por qué, en pocas palabras (el solicitante lo leerá)
referee-decline = Declinar la solicitud
referee-thanks = Gracias
referee-invalid = Este enlace no es válido
referee-no-longer = Este enlace ya no funciona
referee-too-many = Demasiados intentos
referee-not-opened = No se pudo abrir la solicitud
referee-done-rated = Recibimos su evaluación. Quienes revisan la leerán junto con el portafolio del solicitante; no se necesita nada más de usted, y puede cerrar esta página.
referee-done-declined = Gracias por avisarnos. Se le informará al solicitante, para que pueda pedírsela a otra persona. Puede cerrar esta página.

## Calificaciones y recomendaciones

rating-exemplary = Ejemplar
rating-strong = Sólida
rating-competent = Competente
rating-developing = En desarrollo
rating-not-evident = No se observa
rating-not-enough-information = No tengo suficiente información para calificar
recommendation-recommend = Recomiendo al solicitante
recommendation-with-reservations = Recomiendo al solicitante, con reservas
recommendation-do-not-recommend = No recomiendo al solicitante
