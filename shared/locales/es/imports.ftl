# Importar lo que una asociación ya tiene.

import-kind-holders = Titulares de acreditaciones
import-kind-members = Miembros y solicitantes
import-kind-ratings = Valoraciones de referencias anteriores
import-kind-rsc = Sesiones de RSC anteriores

import-outcome-create = Nuevo
import-outcome-update = Actualización
import-outcome-unchanged = Sin cambios
import-outcome-refused = Rechazado

import-status-checked = Revisado, aún no importado
import-status-applying = Importando
import-status-applied = Importado
import-status-discarded = Descartado

import-issue-missing = { $column } está vacío.
import-issue-too-long = { $column } tiene más de { $max } caracteres.
import-issue-hidden = { $column } contiene caracteres de control o invisibles.
import-issue-not-a-date = { $column } no es una fecha: «{ $value }» (escriba 2026-05-31 o 5/31/2026).
import-issue-in-the-future = { $column } es un día que aún no ha llegado.
import-issue-not-an-email = { $column } no es una dirección de correo electrónico.
import-issue-not-a-number = { $column } no es un número entero de 0 a 20: «{ $value }».
import-issue-not-hours = hours no es un número de horas en cuartos de hora, mayor que 0 y como mucho 24: «{ $value }».
import-issue-not-one-of = { $column } es «{ $value }»; debe ser uno de: { $allowed }.
import-issue-unknown-category = Ninguna categoría del reglamento tiene el código «{ $value }».
import-issue-due-before-award = La renovación vence antes de la fecha en que se otorgó la acreditación.
import-issue-duplicate-number = Este número de acreditación también está en la línea { $line }.
import-issue-duplicate-row = La misma fila también está en la línea { $line }.
import-issue-number-of-another = Este número de acreditación es de otra persona.
import-issue-category-differs = Este número de acreditación es de una acreditación en { $stored }; su categoría no puede cambiar.
import-issue-not-imported = Esta acreditación se otorgó a través de Endorse; una importación no la cambia.
import-issue-no-account = Ninguna cuenta tiene la dirección { $email }: importe primero a los miembros y solicitantes.
import-issue-same-as-applicant = La dirección de la persona de referencia es la del propio solicitante.

import-file-empty = El archivo está vacío: necesita una fila de encabezado y al menos una fila.
import-file-too-large = El archivo ocupa más de { $megabytes } MB.
import-file-too-many-rows = El archivo tiene más de { $rows } filas: divídalo en archivos más pequeños.
import-file-not-csv = No se pudo leer el archivo como CSV en la línea { $line }: { $error }
import-file-missing-columns = A la fila de encabezado le falta { $columns }. Descargue la plantilla para ver todas las columnas.
import-file-repeated-columns = La fila de encabezado nombra { $columns } más de una vez.
import-file-binary = El archivo no es texto: guárdelo desde la hoja de cálculo como CSV.
import-not-checked = Solo se puede confirmar o descartar una importación revisada; el estado de esta es: { $status }.
import-kind-unknown = No hay ningún tipo de importación llamado «{ $kind }»; es uno de holders, members, ratings, rsc.

import-rating-note = Importada de los registros anteriores de la asociación; dada el { $day }.
import-rating-imported = Importada

## La página de importación

imports-title = Importar datos
import-title = Importación
import-title-of = Importación de { $file }
imports-lead = Traiga lo que su asociación ya guarda: titulares de acreditaciones, miembros y solicitantes, y luego sus valoraciones y sesiones de RSC anteriores. Cada archivo se revisa primero y no se escribe nada hasta que usted confirme; importar el mismo archivo otra vez no cambia nada, y un archivo corregido actualiza lo que corrige. Las personas nuevas en Endorse reciben por correo una invitación a reclamar su cuenta, sesenta por minuto.
imports-kind = Qué contiene el archivo
imports-hint-holders = Una fila por acreditación: la persona titular, su número (se conserva tal cual), cuándo se otorgó y cuándo vence, su estado y la membresía de la persona.
imports-hint-members = Una fila por persona: miembros, y solicitantes con la categoría que solicitan (se abre un borrador de solicitud para ella).
imports-hint-ratings = Una fila por valoración dada en el sistema anterior, para personas ya importadas; cada una conserva el día en que se dio, desde el que cuenta su año de validez.
imports-hint-rsc = Una fila por sesión de supervisión/consulta reflexiva, para personas ya importadas, con su propio día.
imports-columns = Columnas: { $columns }. Obligatorias: { $required }. Fechas como 2026-05-31 o 5/31/2026; UTF-8 o Windows-1252; comas o punto y coma.
imports-template = Descargar la plantilla de { $kind }
imports-file = El archivo CSV
imports-file-hint = Como mucho 10 MB y 50 000 filas, con una fila de encabezado.
imports-choose-file = Elija el archivo que quiere revisar.
imports-sending = Enviando el archivo…
imports-checking = Revisando cada fila…
imports-check = Revisar el archivo
imports-made = Importaciones
imports-none = Todavía no se ha importado ningún archivo.
imports-counts = { $create } nuevas, { $update } por actualizar, { $unchanged } sin cambios, { $refused } rechazadas
imports-file-name = Archivo
imports-status = Estado
imports-rows = Filas
imports-uploaded = Revisado por
imports-back = Todas las importaciones
imports-read-as = Leído como
imports-encoding = { $encoding }, campos separados por «{ $delimiter }»
imports-ignored = Columnas que no se leen
imports-plan = El archivo tiene { $rows } filas: { $counts }. No se escribe nada hasta que usted confirme.
imports-refused-note = { $refused ->
    [one] Una fila está rechazada; la tabla de abajo dice por qué. Se deja fuera y las demás filas entran.
   *[other] { $refused } filas están rechazadas; la tabla de abajo dice por qué. Se dejan fuera y las demás filas entran.
}
imports-confirm = { $rows ->
    [one] Importar 1 fila
   *[other] Importar { $rows } filas
}
imports-discard = Descartar este archivo
imports-writing = Importando
imports-progress = { $done } de { $rows } filas importadas…
imports-done = Importado: { $counts }. { $invited ->
    [0] No hace falta invitar a nadie nuevo.
    [one] Se invita a una persona a reclamar su cuenta.
   *[other] Se invita a { $invited } personas a reclamar sus cuentas.
}
imports-discarded = Este archivo se descartó; no se escribió nada de él.
imports-rows-heading = Fila por fila
imports-show = Mostrar
imports-every-row = Todas las filas
imports-no-rows = No hay filas que mostrar.
imports-line = Línea
imports-subject = Quién o qué
imports-outcome = Qué pasa
imports-why = Por qué
imports-new-account = Una cuenta nueva; se invita a su titular a reclamarla.
imports-changes = Cambia: { $columns }.
imports-applied-as = Al importar: { $outcome }.
imports-more = Mostrar más filas
import-check-unfinished = La revisión de este archivo no terminó: vuelva a revisar el archivo.
import-rating-summary = Importada de los registros anteriores de la asociación: dada el { $day }, { $recommendation }; la persona de referencia es { $relationship } del solicitante{ $unrated ->
    [0] .
    [one] ; un dominio no se pudo valorar.
   *[other] ; { $unrated } dominios no se pudieron valorar.
}
import-file-too-many-columns = La fila de encabezado tiene más de { $columns } columnas: ¿es este el archivo correcto?
import-issue-day-over-full = Ya hay { $logged } horas de RSC registradas ese día; con esta sesión el día pasaría de 24 horas.
