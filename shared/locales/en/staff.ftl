## The admins' pages

pipeline-waits = median { $median } d, oldest { $oldest } d
pipeline-chart-title = Days in each stage
pipeline-chart-legend = Each bar is the median wait; the mark is the longest.
pipeline-chart-numbers = The numbers
pipeline-days = { $days ->
    [one] 1 day
   *[other] { $days } days
}
pipeline-status = Status
pipeline-count = Applications
pipeline-median = Median days
pipeline-oldest = Longest, in days

## Users

users-title = Users
users-only-admin = Only an admin can manage users.
users-all-roles = All roles
users-accounts = Accounts
users-search = Search by name or e-mail
users-role = Role
users-search-button = Search
users-loading = Loading…
users-none = No account matches.
users-count =
    { $count ->
        [one] 1 account
       *[other] { $count } accounts
    }
users-name = Name
users-email = E-mail
users-since = Since
users-password-not-chosen = (password not yet chosen)
users-profile = Profile
users-profile-of = of { $name }
users-created = { $name } ({ $email }) can now sign in as { $role } with the initial password, and will choose their own.
users-create = Create an account
users-create-hint = For reviewers and admins. Applicants register themselves.
users-full-name = Full name
users-email-address = E-mail address
users-initial-password = Initial password
users-initial-password-hint = At least 12 characters. Give it to the person privately; they must replace it when they first sign in.
users-creating = Creating…
users-create-account = Create account
