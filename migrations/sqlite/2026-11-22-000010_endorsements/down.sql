DROP TABLE endorsement_sequences;
DROP TABLE endorsements;
