-- 036_time_limits: 限时办结 on every service (issue 21). Each service has a working-day limit, an
-- admin parameter 'limit_days.<service>' (complaints' since 057); a case of a service starts on its
-- intake day and is due that many working days later by the holiday calendar (the program counts
-- them: SQL does not know the calendar). The cases of every service are read by timeliness.c.
INSERT OR IGNORE INTO parameters (key, value, note) VALUES
    ('limit_days.loan_decision', '20', '贷款申请从受理到审批决定的办理时限（工作日）'),
    ('limit_days.guarantee', '5', '贷款批准后办理担保的时限（工作日）'),
    ('limit_days.disbursement', '5', '担保后信用社放款的时限（工作日）'),
    ('limit_days.relief_verify', '5', '救助申请村级审核的时限（工作日）'),
    ('limit_days.relief_review', '5', '救助申请镇级审核的时限（工作日）'),
    ('limit_days.relief_approve', '3', '救助公示期满后批准的时限（工作日）'),
    ('limit_days.relief_pay', '5', '救助批准后发放的时限（工作日）'),
    ('due_soon_days', '3', '工作台“即将到期”列出几个工作日内到期的事项');

-- The day a guarantee was given (the program's today; NULL for guarantees given before 036, whose
-- day is read from created_at).
ALTER TABLE guarantees ADD COLUMN given_on TEXT CHECK (given_on IS NULL OR date(given_on) = given_on);
-- A relief application's backup handler (B角); its handler (A角) is who took it in (created_by).
ALTER TABLE relief_applications ADD COLUMN backup_handler_id INTEGER REFERENCES users(id);
