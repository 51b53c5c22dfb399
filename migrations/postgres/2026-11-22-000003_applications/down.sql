DROP TABLE application_snapshots;
DROP TABLE applications;
DROP TABLE reference_requests;
