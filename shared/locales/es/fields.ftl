### Mensajes junto a un campo que no es válido. La aplicación los muestra antes
### de enviar; la API responde con los mismos.

field-invalid = no es válido
field-blank = no puede quedar en blanco
field-empty = no puede estar vacío
field-control-chars = no puede contener caracteres de control
field-invisible-chars = no puede contener caracteres de formato invisibles (como cambios de dirección del texto o espacios de ancho cero)
field-too-long = debe tener como máximo { $max } caracteres
field-too-short = debe tener al menos { $min } caracteres
field-length-between = debe tener entre { $min } y { $max } caracteres
field-range-between = debe estar entre { $min } y { $max }
field-range-min = debe ser { $min } o más
field-range-max = debe ser como máximo { $max }
field-email = debe ser una dirección de correo electrónico válida
field-future = no puede ser una fecha futura
field-not-an-amount = debe ser un importe, como 150.00
field-not-a-date = debe ser una fecha
field-positive = debe ser mayor que 0
field-per-page = debe estar entre { $min } y { $max }; mejor acote la búsqueda
field-choose-category = elija una categoría
field-category-code = debe ser el código de una categoría
field-hours-positive = debe ser un número positivo de horas
field-hours-quarters = debe ir en cuartos de hora (.25, .5 o .75)
field-hours-too-many = son más horas de las que Endorse registra

## Entradas del portafolio

entry-year-range = debe estar entre 1940 y { $last }
entry-choose-credential = elija el título, la credencial o la licencia
entry-end-before-start = no puede ser anterior al inicio
entry-start-too-early = debe ser de 1950 en adelante
entry-hours-per-week = debe estar entre 1 y 80
entry-choose-ages = elija las edades de los niños atendidos
entry-choose-kinds = elija al menos un tipo de trabajo
entry-hours-max-training = debe ser como máximo 200 horas
entry-hours-max-rsc = debe ser como máximo 24 horas en un día
entry-choose-domains = elija las áreas de competencia que abarca
entry-unknown-domain = '{ $domain }' no es un área de competencia
entry-domain-twice = repite un área
entry-topic-twice = repite un tema
entry-unknown-category = '{ $category }' no es una categoría de Endorsement
entry-sign-full-name = escriba su nombre completo tal como figura en su cuenta: { $name }
entry-expiry-range = debe ser una fecha entre 1950 y { $last }

## El examen

exam-start-past = no puede estar en el pasado
exam-end-before-start = debe ser posterior al inicio
exam-too-long = debe ser dentro de las 24 horas siguientes al inicio
exam-not-a-vignette = no es una viñeta: elija del 1 al { $offered }
exam-answer-count = responda { $answered } de las { $offered } viñetas
exam-not-answered = no es una viñeta que la persona examinada haya respondido
exam-score-range = debe ser una puntuación de la rúbrica, del { $low } al { $high }
exam-choose-score = elija una puntuación
field-reason-needed = indique el motivo de «{ $action }»

## Referencias

reference-unknown-category = no es una categoría del reglamento vigente
reference-choose-answer = elija una respuesta
reference-not-a-domain = no es un área de competencia

## Revisiones

review-not-a-domain = no es un área de competencia del reglamento
review-section-not-judged = no se evalúa en esta categoría
review-recommendation-closed = «{ $recommendation }» no está disponible para esta categoría
review-choose-verdict = elija suficiente o insuficiente
review-choose-recommendation = elija una recomendación
review-flag-one = marque al menos una entrada
review-flag-max = puede marcar como máximo { $max } entradas
review-not-submitted-entry = no es una entrada de la solicitud enviada
review-flagged-twice = está marcada dos veces
review-answer-request = responda esta solicitud
review-not-open-request = no es una solicitud pendiente

## Revisores pares

reviewer-endorsements-max = puede incluir como máximo 20 Endorsements
reviewer-unknown-category = no es una categoría del reglamento vigente
reviewer-listed-twice = aparece dos veces

## Contraseñas

password-too-easy = es demasiado fácil de adivinar.
password-passphrase = Unas cuantas palabras sin relación entre sí forman una frase de contraseña fuerte.
password-warning-rows = Las filas seguidas de teclas son fáciles de adivinar.
password-warning-keyboard = Los patrones cortos del teclado son fáciles de adivinar.
password-warning-repeats = Las repeticiones como "aaa" son fáciles de adivinar.
password-warning-repeated-groups = Repeticiones como "abcabcabc" son apenas un poco más difíciles de adivinar que "abc".
password-warning-top10 = Es una de las 10 contraseñas más comunes.
password-warning-top100 = Es una de las 100 contraseñas más comunes.
password-warning-common = Es una contraseña muy común.
password-warning-similar = Se parece a una contraseña de uso frecuente.
password-warning-sequences = Las secuencias como abc o 6543 son fáciles de adivinar.
password-warning-recent-years = Los años recientes son fáciles de adivinar.
password-warning-one-word = Una sola palabra es fácil de adivinar.
password-warning-dates = Las fechas suelen ser fáciles de adivinar.
password-warning-names = Los nombres y apellidos solos son fáciles de adivinar.
password-warning-common-names = Los nombres y apellidos comunes son fáciles de adivinar.
password-hint-few-words = Use varias palabras y evite frases comunes.
password-hint-no-symbols = No hacen falta símbolos, números ni mayúsculas.
password-hint-another-word = Agregue una o dos palabras más. Las palabras poco comunes son mejores.
password-hint-capitals = Las mayúsculas no ayudan mucho.
password-hint-uppercase = Todo en mayúsculas es casi tan fácil de adivinar como todo en minúsculas.
password-hint-reversed = Las palabras al revés no son mucho más difíciles de adivinar.
password-hint-substitutions = Los cambios previsibles, como '@' en lugar de 'a', no ayudan mucho.
password-hint-keyboard = Use un patrón de teclado más largo y con más giros.
password-hint-repeats = Evite repetir palabras y caracteres.
password-hint-sequences = Evite las secuencias.
password-hint-recent-years = Evite los años recientes.
password-hint-your-years = Evite los años relacionados con usted.
password-hint-your-dates = Evite las fechas y los años relacionados con usted.

## Configuración de una asociación

association-name-rule = debe tener de 1 a 120 caracteres, sin caracteres de control
association-currency-rule = debe ser un código ISO 4217, como USD o EUR
association-language-rule = debe ser en o es
association-colour-rule = debe ser un color como #1f5f5b
association-colour-contrast = el texto blanco sobre este color tiene un contraste de { $ratio }:1; necesita { $needed }:1, así que elija un color más oscuro
association-logo-kind = debe ser una imagen PNG o SVG como URL data: en base64
association-logo-size = debe ocupar como máximo { $kb } KB
association-smtp-rule = debe empezar con smtp:// o smtps:// (o quedar vacío para usar el servidor de la instalación)
association-code-rule = '{ $code }' debe tener de 2 a { $max } letras minúsculas y dígitos, y empezar con una letra
association-host-rule = '{ $host }' no es un nombre de host como mi.example.org (sin esquema ni puerto)
association-time-zone-rule = '{ $zone }' no es una zona horaria IANA como America/Detroit
association-code-taken = El código '{ $code }' ya está en uso.
association-host-taken = El host '{ $host }' ya pertenece a otra asociación.
association-taken-meanwhile = El código '{ $code }' (o su host) se ocupó mientras tanto.
support-hours-rule = debe estar entre 1 y { $max }
smtp-url-invalid = no es la dirección de un servidor de correo: { $detail }

exam-mode-in-person = En persona
exam-mode-online = En línea, con supervisión remota
