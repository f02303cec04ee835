-- 043_assessment_indexes: the assessment (考核) counts the loan and relief applications decided in a
-- period by household; these indexes let it read only the period's applications (a district of
-- 1,000,000 households has hundreds of thousands of relief applications).
CREATE INDEX loan_applications_decided ON loan_applications(decided_on, household_id);
CREATE INDEX relief_applications_decided ON relief_applications(coalesce(approved_on, rejected_on), household_id);
