### Las palabras del motor de elegibilidad: la línea de cada requisito en la
### lista, lo que todavía falta y por qué una entrada no cuenta.

engine-hours = { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }
engine-months = { $n ->
        [one] { $n } mes
       *[other] { $n } meses
    }
engine-more-hours = { $hours ->
        [one] { $hours } hora más
       *[other] { $hours } horas más
    }
engine-more-months = { $n ->
        [one] { $n } mes más
       *[other] { $n } meses más
    }
engine-or = { $first } o { $second }
engine-line-hours = { $label }: { $hours } de { $needed }
engine-dated-future = tiene una fecha futura
engine-no-hours = no tiene horas

## Educación

engine-education = Educación
engine-education-future = se completó en { $year }, que todavía no llega
engine-license-not-enough = en esta categoría una licencia no reemplaza el título
engine-degree-below = { $degree } está por debajo de la { $needed } que pide esta categoría
engine-degree-or-license = { $degree } o un título superior, o una licencia estatal de salud mental
engine-degree-or-higher = { $degree } o un título superior
engine-education-none-needed = Educación: no se pide título
engine-education-recorded = Educación: { $needed }; registrado
engine-education-work-instead = Educación: { $months } meses de trabajo pertinente en lugar de un título
engine-education-or-work = Educación: { $needed }, o { $months } meses de trabajo pertinente en su lugar
engine-education-or-work-short = Agregue { $needed }, o registre { $more } de trabajo pertinente con { $ages }.
engine-education-needed = Educación: { $needed }
engine-education-add = Agregue { $needed }.

## Trabajo

engine-work-short = Registre { $more } de { $work }.
engine-work-summary = { $work }: { $months } de { $needed } meses
engine-families = Familias atendidas
engine-families-summary = Familias atendidas: { $families } de { $needed }
engine-families-short = Registre { $n ->
        [one] { $n } familia más
       *[other] { $n } familias más
    } atendidas en este trabajo.
engine-work-not-needed = esta categoría no pide experiencia de trabajo
engine-work-future = empieza en el futuro
engine-work-ends-before = termina antes de empezar
engine-work-kind = { $work } requiere { $kinds }
engine-work-employment = { $employment } no cuenta para { $work }
engine-work-ages = no atendió a { $ages }
engine-work-no-degree = el trabajo posterior al título cuenta desde un título que cumpla el requisito, y no hay ninguno registrado
engine-work-before-degree = todo fue anterior al título que cumple el requisito

## Capacitación

engine-training = Capacitación especializada
engine-training-summary = Capacitación: { $hours } de { $needed }
engine-training-short = Registre { $more } de capacitación especializada.
engine-training-on = Capacitación sobre { $topic }
engine-training-on-short = Registre { $more } de capacitación sobre { $topic } (márquela con ese tema).
engine-training-repeats = repite una entrada anterior (mismo título, fecha y horas)

## Supervisión/consulta reflexiva

engine-rsc = Supervisión/consulta reflexiva (RSC)
engine-rsc-summary = RSC: { $hours } de { $needed }, a lo largo de { $span }
engine-rsc-short = Registre { $more } de RSC con un proveedor que cumpla los requisitos, dentro de { $months } meses.
engine-rsc-span-short = Las sesiones que cuentan deben abarcar al menos { $months } meses (ahora, { $now }).
engine-rsc-about = RSC sobre la RSC que usted brinda
engine-rsc-about-short = Registre { $more } de RSC sobre la RSC que usted brinda.
engine-session-repeats = repite una entrada anterior (mismo día, proveedor y horas)
engine-session-outside = queda fuera del periodo de { $months } meses que se cuenta
engine-session-outside-dated = queda fuera del periodo de { $months } meses que se cuenta (del { $first } al { $last })
engine-provider-wrong = un proveedor con Endorsement { $category } no cumple el requisito (sí lo cumple uno con { $wanted })
engine-provider-needed = el proveedor debe tener Endorsement { $wanted }, o estar aprobado por la asociación

## Referencias

engine-references = Evaluaciones de referencia
engine-references-summary = Referencias: { $count } de { $needed } contadas
engine-references-short = { $missing ->
        [one] Falta { $missing } evaluación de referencia que cuente.
       *[other] Faltan { $missing } evaluaciones de referencia que cuenten.
    }
engine-slot-counted = { $slot }: contada
engine-slot-missing = { $slot }: falta
engine-slot-short = Hace falta una evaluación que cuente de { $from }.
engine-endorsed-raters = Evaluadores con Endorsement
engine-endorsed-raters-summary = Evaluadores con Endorsement: { $count } de { $needed }
engine-endorsed-raters-short = Al menos { $needed } de las evaluaciones que cuentan debe venir de alguien con Endorsement.
engine-no-rating-yet = todavía no se recibió ninguna evaluación
engine-rating-limit = solo { $max } evaluación de { $from } suma al total
engine-rater-known = quienes le evalúan deberían conocerle desde hace al menos { $months } meses
engine-rating-future = su evaluación tiene una fecha futura
engine-rating-old = su evaluación se dio el { $day }, hace más de { $days } días
engine-rating-too-many-unknown = demasiadas de sus respuestas son "no tengo suficiente información para evaluar" (no se cuentan si son { $limit } o más)
engine-rating-unknown = { $count } de sus respuestas son "no tengo suficiente información para evaluar" (no se cuentan si son { $limit } o más)

## Acuerdos y membresía

engine-agreement-signed = { $agreement }: firmado el { $day }
engine-agreement-unsigned = { $agreement }: sin firmar
engine-agreement-sign = Firme: { $agreement }.
engine-agreement-not-asked = esta categoría no lo pide
engine-membership = Membresía
engine-membership-current = Membresía: vigente y verificada
engine-membership-not-current = Membresía: no vigente
engine-membership-waiting = Su membresía está esperando que la asociación la verifique; ya se le avisó.
engine-membership-short = Registre una membresía vigente de la asociación.
engine-membership-expired = venció el { $day }
engine-membership-unverified = la asociación todavía no la ha verificado

## Renovación y reincorporación

engine-renewal-of = { $kind } de { $categories }
engine-before-period = es anterior a este periodo (que empezó el { $day })
engine-renewal-training = Capacitación
engine-renewal-training-exempt = Capacitación: no se pide en el primer año después de otorgado
engine-renewal-training-short = Registre { $more } de capacitación desde su última renovación.
engine-renewal-dei-short = Registre { $more } de capacitación sobre diversidad, equidad e inclusión desde su última renovación (márquela con ese tema).
engine-renewal-rsc-topic-short = Registre { $more } de capacitación sobre cómo brindar RSC desde su última renovación (márquela con ese tema).
engine-renewal-rsc-short = Registre { $more } de supervisión/consulta reflexiva recibida desde su última renovación.
engine-ethics-again = Código de Ética, firmado de nuevo
engine-ethics-signed-again = Código de Ética: firmado de nuevo el { $day }
engine-ethics-not-since = Código de Ética: sin firmar desde el { $day }
engine-ethics-sign-again = Vuelva a firmar el Código de Ética.
engine-work-since-lapse = Experiencia de trabajo desde el vencimiento
engine-work-since-recorded = Trabajo desde el { $day }: registrado
engine-work-since-none = Trabajo desde el { $day }: nada registrado
engine-work-since-short = Registre el trabajo que ha hecho desde que su Endorsement venció el { $day }.
engine-ended-before-lapse = terminó antes del vencimiento ({ $day })
engine-given-before-lapse = se dio antes del vencimiento ({ $day })
engine-same-referee = la misma persona de referencia ya le evaluó
engine-no-rating = todavía no hay evaluación
engine-new-ratings = Nuevas evaluaciones de referencia
engine-new-ratings-summary = Nuevas evaluaciones de referencia: { $count } de { $needed }
engine-new-ratings-short = Pida { $n ->
        [one] { $n } evaluación de referencia más
       *[other] { $n } evaluaciones de referencia más
    } desde el vencimiento.
