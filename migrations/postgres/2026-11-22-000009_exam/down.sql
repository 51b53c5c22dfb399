DROP TABLE exam_scorings;
DROP TABLE exams;
