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
