-- 085: a roll's two lists — on the roll (new, continued, added) and not on it (excluded with the rule
-- they fail, or removed) — read in row order a page at a time (keyset: after a row id), and the
-- payment file's unpaid rows, without sorting the roll (issue 20: rolls of 1,000,000 households).
CREATE INDEX roll_rows_kind ON roll_rows(roll_id, status IN ('excluded', 'removed'));
