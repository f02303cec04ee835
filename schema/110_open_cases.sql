-- 110_open_cases: the open cases of 限时办结 found by index (issue 22). The dashboard's 限时办结
-- fragment, /deadlines and /api/v1/time-limits/open read only the cases not yet finished
-- (timeliness.c, OPEN_CASES); each step's open cases are found through the state they wait in.
-- Loan decisions are open while undecided, and the index on the decision day alone also holds every
-- draft and withdrawn application (which grow with the programme), so they get a partial index
-- holding exactly the undecided submitted applications; complaints' indexes lead with the unit or
-- cover every complaint, so the open ones get theirs. Both are keyed as the indexes the planner
-- would otherwise take (decision day, filing day), so it prefers the smaller one.
CREATE INDEX loan_applications_deciding ON loan_applications(decided_on, submitted_on)
    WHERE submitted_on IS NOT NULL AND state NOT IN ('draft', 'more_info', 'withdrawn') AND decided_on IS NULL;
CREATE INDEX complaints_open ON complaints(filed_on) WHERE state = 'open';
-- A step finished on a day after today (a server told an earlier day than data already written, as
-- in training) was still open that day: timeliness.c then reads every case as before. Whether any
-- step finished after a day is a probe of each finishing day's index; these are the ones missing.
CREATE INDEX guarantees_given ON guarantees(coalesce(given_on, date(created_at)));
CREATE INDEX relief_applications_verified ON relief_applications(verified_on) WHERE verified_on IS NOT NULL;
CREATE INDEX relief_applications_reviewed ON relief_applications(reviewed_on) WHERE reviewed_on IS NOT NULL;
CREATE INDEX complaints_resolved ON complaints(resolved_on) WHERE resolved_on IS NOT NULL;
