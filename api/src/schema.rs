// The portable diesel schema, in `diesel print-schema` form. Both backends'
// migrations produce tables that match it (a test checks this on each backend):
// only types that SQLite and PostgreSQL share are used (Text, Bool, BigInt,
// Timestamp); ids are UUIDs kept as text.

diesel::table! {
    application_snapshots (application_id, round) {
        application_id -> Text,
        round -> BigInt,
        taken_at -> Timestamp,
        body -> Text,
    }
}

diesel::table! {
    applications (id) {
        id -> Text,
        applicant_id -> Text,
        category -> Text,
        rulebook_version -> BigInt,
        status -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        owner_id -> Text,
        file_name -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    portfolio_entries (id) {
        id -> Text,
        owner_id -> Text,
        section -> Text,
        version -> BigInt,
        body -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    portfolio_notes (owner_id, section) {
        owner_id -> Text,
        section -> Text,
        note -> Text,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reference_requests (id) {
        id -> Text,
        applicant_id -> Text,
        body -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        rotated_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rulebook_versions (number) {
        number -> BigInt,
        name -> Text,
        body -> Text,
        published_by -> Nullable<Text>,
        published_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        role -> Text,
        password_hash -> Text,
        must_change_password -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(application_snapshots -> applications (application_id));
diesel::joinable!(applications -> rulebook_versions (rulebook_version));
diesel::joinable!(applications -> users (applicant_id));
diesel::joinable!(documents -> users (owner_id));
diesel::joinable!(portfolio_entries -> users (owner_id));
diesel::joinable!(portfolio_notes -> users (owner_id));
diesel::joinable!(reference_requests -> users (applicant_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(rulebook_versions -> users (published_by));

diesel::allow_tables_to_appear_in_same_query!(
    application_snapshots,
    applications,
    documents,
    portfolio_entries,
    portfolio_notes,
    reference_requests,
    refresh_tokens,
    rulebook_versions,
    users,
);
