-- 086: a roll's candidates read from the birth-day index alone (issue 20): the people old enough
-- for a programme's minimum age, with every fact its rules check, without visiting each member's
-- row (about 300,000 random reads for 1,000,000 households). Same leading columns as before, so
-- the queries by birth day keep their index.
DROP INDEX members_birth;
CREATE INDEX members_birth ON members(birth_date, household_id, is_head, sex, hukou, relation, died_on, moved_out_on);
