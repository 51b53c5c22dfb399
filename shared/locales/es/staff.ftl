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
