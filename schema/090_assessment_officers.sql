-- 090_assessment_officers: the assessment (考核) of each village officer counts the visits they
-- recorded in the period: visits by who recorded them and the day.
CREATE INDEX visits_created_by ON visits(created_by, visited_on);
