-- The exam: one row per attempt. Part 2's answers are written in the app
-- during the window; two reviewers score them without knowing whose they are.
CREATE TABLE exams (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id),
    attempt BIGINT NOT NULL,
    accommodations_requested TEXT NOT NULL,
    starts_at TIMESTAMP,
    ends_at TIMESTAMP,
    mode TEXT,
    location TEXT NOT NULL,
    accommodations TEXT NOT NULL,
    part1_score BIGINT,
    answers TEXT NOT NULL,
    answers_submitted_at TIMESTAMP,
    result TEXT,
    decided_at TIMESTAMP,
    version BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX exams_application_attempt ON exams (application_id, attempt);

-- A reviewer scoring one attempt's Part 2.
CREATE TABLE exam_scorings (
    id TEXT PRIMARY KEY NOT NULL,
    exam_id TEXT NOT NULL REFERENCES exams (id),
    reviewer_id TEXT NOT NULL REFERENCES users (id),
    assigned_at TIMESTAMP NOT NULL,
    marks TEXT NOT NULL,
    submitted_at TIMESTAMP,
    version BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX exam_scorings_once ON exam_scorings (exam_id, reviewer_id);
CREATE INDEX exam_scorings_reviewer ON exam_scorings (reviewer_id);
