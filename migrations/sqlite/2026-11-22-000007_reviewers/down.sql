DROP TABLE reviewer_profiles;
