-- 091_visits_day_household: the assessment (考核) counts a period's visits by village: the visits of
-- the period with their household read from the index alone (visits_day becomes (visited_on,
-- household_id), so the period's visits are counted without reading each visit's row).
DROP INDEX visits_day;
CREATE INDEX visits_day ON visits(visited_on, household_id);
