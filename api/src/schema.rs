// The portable diesel schema, in `diesel print-schema` form. Both backends'
// migrations produce tables that match it (a test checks this on each backend):
// only types that SQLite and PostgreSQL share are used (Text, Bool, BigInt,
// Timestamp); ids are UUIDs kept as text.

diesel::table! {
    account_links (id) {
        id -> Text,
        user_id -> Text,
        purpose -> Text,
        nonce -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        retired_at -> Nullable<Timestamp>,
        email -> Nullable<Text>,
    }
}

diesel::table! {
    application_snapshots (application_id, round) {
        application_id -> Text,
        round -> BigInt,
        taken_at -> Timestamp,
        body -> Text,
    }
}

diesel::table! {
    application_stage_days (status, day) {
        status -> Text,
        day -> Date,
        count -> BigInt,
    }
}

diesel::table! {
    registry_counts (category) {
        category -> Text,
        count -> BigInt,
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
        status_since -> Timestamp,
    }
}

diesel::table! {
    association_events (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_name -> Text,
        ip -> Nullable<Text>,
        action -> Text,
        details -> Text,
        subject_kind -> Nullable<Text>,
        subject_id -> Nullable<Text>,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        application_id -> Text,
        seq -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_role -> Text,
        ip -> Nullable<Text>,
        action -> Text,
        from_status -> Nullable<Text>,
        to_status -> Nullable<Text>,
        reason -> Nullable<Text>,
        details -> Text,
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
        status -> Text,
        token_hash -> Nullable<Text>,
        link_nonce -> Nullable<Text>,
        link_generation -> BigInt,
        expires_at -> Nullable<Timestamp>,
        opened_at -> Nullable<Timestamp>,
        answered_at -> Nullable<Timestamp>,
        draft -> Nullable<Text>,
        answer -> Nullable<Text>,
        requested_ip -> Nullable<Text>,
        answer_ip -> Nullable<Text>,
        replaced_by -> Nullable<Text>,
        answer_device_hash -> Nullable<Text>,
        answer_in_applicant_session -> Bool,
        given_on -> Nullable<Timestamp>,
        language -> Nullable<Text>,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> Text,
        user_id -> Text,
        code_hash -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
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
        ip -> Nullable<Text>,
        device_hash -> Nullable<Text>,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        dedupe_key -> Nullable<Text>,
        kind -> Text,
        to_address -> Text,
        to_name -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        reference_id -> Nullable<Text>,
        status -> Text,
        attempts -> BigInt,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        account_link_id -> Nullable<Text>,
    }
}

diesel::table! {
    outbox_attempts (id) {
        id -> Text,
        message_id -> Text,
        attempted_at -> Timestamp,
        transport -> Text,
        ok -> Bool,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    assignments (id) {
        id -> Text,
        application_id -> Text,
        reviewer_id -> Text,
        round -> BigInt,
        assigned_by -> Text,
        assigned_at -> Timestamp,
        due_at -> Timestamp,
        override_reason -> Nullable<Text>,
        state -> Text,
        released_reason -> Nullable<Text>,
        review -> Text,
        submitted_at -> Nullable<Timestamp>,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    conflict_declarations (id) {
        id -> Text,
        reviewer_id -> Text,
        applicant_id -> Text,
        reason -> Text,
        declared_at -> Timestamp,
    }
}

diesel::table! {
    endorsement_sequences (key) {
        key -> Text,
        last -> BigInt,
    }
}

diesel::table! {
    endorsements (id) {
        id -> Text,
        number -> Text,
        holder_id -> Text,
        application_id -> Nullable<Text>,
        origin -> Text,
        category -> Text,
        awarded_at -> Timestamp,
        renewal_due -> Timestamp,
        status -> Text,
        listed -> Bool,
        version -> BigInt,
        updated_at -> Timestamp,
        status_index -> Nullable<BigInt>,
        verify_code -> Nullable<Text>,
        renewed_at -> Nullable<Timestamp>,
        lapsed_at -> Nullable<Timestamp>,
        import_id -> Nullable<Text>,
    }
}

diesel::table! {
    recognitions (id) {
        id -> Text,
        holder_id -> Text,
        from_association -> Text,
        from_association_name -> Text,
        from_number -> Text,
        from_category -> Text,
        from_category_name -> Text,
        from_holder_name -> Text,
        same_email -> Bool,
        endorsed_since -> Timestamp,
        valid_until -> Nullable<Timestamp>,
        credential_jwt -> Text,
        category -> Text,
        status -> Text,
        asked_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
        reason -> Nullable<Text>,
        endorsement_id -> Nullable<Text>,
        published -> Bool,
        version -> BigInt,
    }
}

diesel::table! {
    renewals (id) {
        id -> Text,
        holder_id -> Text,
        kind -> Text,
        numbers -> Text,
        provides_rsc -> Bool,
        report -> Text,
        status -> Text,
        submitted_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        reason -> Nullable<Text>,
        version -> BigInt,
    }
}

diesel::table! {
    issuer_keys (kid) {
        kid -> Text,
        public_key -> Text,
        sealed_private_key -> Text,
        created_at -> Timestamp,
        retired_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    credentials (id) {
        id -> Text,
        endorsement_id -> Text,
        kid -> Text,
        jwt -> Text,
        issued_at -> Timestamp,
        valid_until -> Timestamp,
    }
}

diesel::table! {
    exams (id) {
        id -> Text,
        application_id -> Text,
        attempt -> BigInt,
        accommodations_requested -> Text,
        starts_at -> Nullable<Timestamp>,
        ends_at -> Nullable<Timestamp>,
        mode -> Nullable<Text>,
        location -> Text,
        accommodations -> Text,
        part1_score -> Nullable<BigInt>,
        answers -> Text,
        answers_submitted_at -> Nullable<Timestamp>,
        result -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    exam_scorings (id) {
        id -> Text,
        exam_id -> Text,
        reviewer_id -> Text,
        assigned_at -> Timestamp,
        marks -> Text,
        submitted_at -> Nullable<Timestamp>,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    information_items (id) {
        id -> Text,
        application_id -> Text,
        assignment_id -> Text,
        round -> BigInt,
        section -> Text,
        entry_id -> Text,
        message -> Text,
        asked_at -> Timestamp,
        before_data -> Nullable<Text>,
        after_data -> Nullable<Text>,
        answer -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    reviewer_profiles (user_id) {
        user_id -> Text,
        body -> Text,
        version -> BigInt,
        updated_at -> Timestamp,
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
    rate_limit_events (id) {
        id -> Text,
        key -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    leases (name) {
        name -> Text,
        holder -> Text,
        expires_at -> Timestamp,
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
        search_name -> Text,
        language -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamp>,
        pending_email -> Nullable<Text>,
        disabled_at -> Nullable<Timestamp>,
        disabled_reason -> Nullable<Text>,
        totp_secret_sealed -> Nullable<Text>,
        totp_pending_sealed -> Nullable<Text>,
        totp_enrolled_at -> Nullable<Timestamp>,
        totp_last_step -> BigInt,
        erased_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(application_snapshots -> applications (application_id));
diesel::joinable!(applications -> rulebook_versions (rulebook_version));
diesel::joinable!(account_links -> users (user_id));
diesel::joinable!(applications -> users (applicant_id));
diesel::joinable!(audit_events -> applications (application_id));
diesel::joinable!(audit_events -> users (actor_id));
diesel::joinable!(documents -> users (owner_id));
diesel::joinable!(outbox -> reference_requests (reference_id));
diesel::joinable!(outbox_attempts -> outbox (message_id));
diesel::joinable!(portfolio_entries -> users (owner_id));
diesel::joinable!(portfolio_notes -> users (owner_id));
diesel::joinable!(reference_requests -> users (applicant_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(recovery_codes -> users (user_id));
diesel::joinable!(reviewer_profiles -> users (user_id));
diesel::table! {
    payments (id) {
        id -> Text,
        person_id -> Text,
        fee_key -> Text,
        kind -> Text,
        category -> Text,
        method -> Text,
        amount -> BigInt,
        currency -> Text,
        reference -> Nullable<Text>,
        reason -> Nullable<Text>,
        paid_on -> Timestamp,
        recorded_at -> Timestamp,
        recorded_by -> Nullable<Text>,
        receipt_number -> Nullable<Text>,
        checkout_session -> Nullable<Text>,
    }
}

diesel::table! {
    checkout_sessions (id) {
        id -> Text,
        person_id -> Text,
        fee_key -> Text,
        amount -> BigInt,
        currency -> Text,
        url -> Text,
        created_at -> Timestamp,
        completed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    stripe_events (id) {
        id -> Text,
        kind -> Text,
        received_at -> Timestamp,
        outcome -> Text,
    }
}

diesel::joinable!(assignments -> applications (application_id));
diesel::joinable!(information_items -> assignments (assignment_id));
diesel::joinable!(exams -> applications (application_id));
diesel::joinable!(endorsements -> applications (application_id));
diesel::joinable!(credentials -> endorsements (endorsement_id));
diesel::joinable!(exam_scorings -> exams (exam_id));
diesel::joinable!(rulebook_versions -> users (published_by));

diesel::allow_tables_to_appear_in_same_query!(
    account_links,
    application_snapshots,
    application_stage_days,
    applications,
    assignments,
    association_events,
    checkout_sessions,
    conflict_declarations,
    credentials,
    endorsement_sequences,
    endorsements,
    exam_scorings,
    exams,
    import_rows,
    imports,
    information_items,
    issuer_keys,
    audit_events,
    leases,
    documents,
    outbox,
    outbox_attempts,
    payments,
    portfolio_entries,
    portfolio_notes,
    rate_limit_events,
    recognitions,
    recovery_codes,
    reference_requests,
    refresh_tokens,
    registry_counts,
    renewals,
    reviewer_profiles,
    rulebook_versions,
    stripe_events,
    users,
);

diesel::table! {
    imports (id) {
        id -> Text,
        kind -> Text,
        file_name -> Text,
        sha256 -> Text,
        encoding -> Text,
        delimiter -> Text,
        ignored_columns -> Text,
        content -> Text,
        status -> Text,
        row_count -> BigInt,
        planned_create -> BigInt,
        planned_update -> BigInt,
        planned_unchanged -> BigInt,
        planned_refused -> BigInt,
        applied_create -> BigInt,
        applied_update -> BigInt,
        applied_unchanged -> BigInt,
        applied_refused -> BigInt,
        invited -> BigInt,
        next_position -> BigInt,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
        confirmed_by -> Nullable<Text>,
        confirmed_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
        version -> BigInt,
    }
}

diesel::table! {
    import_rows (import_id, position) {
        import_id -> Text,
        position -> BigInt,
        line -> BigInt,
        subject -> Text,
        outcome -> Text,
        detail -> Text,
        applied -> Nullable<Text>,
    }
}

diesel::joinable!(import_rows -> imports (import_id));
diesel::joinable!(imports -> users (uploaded_by));
