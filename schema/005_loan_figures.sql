-- 005_loan_figures: each active loan carries its outstanding principal and its oldest unpaid due
-- date, kept in the same transaction as every repayment, so portfolio figures read 100,000 loans
-- instead of millions of schedule rows. `bangfu check` verifies them against the schedule.
ALTER TABLE loans ADD COLUMN outstanding_principal_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE loans ADD COLUMN oldest_unpaid_due TEXT;
UPDATE loans SET
    outstanding_principal_fen = (SELECT coalesce(sum(principal_fen - paid_principal_fen), 0) FROM loan_schedule
                                 WHERE loan_id = loans.id),
    oldest_unpaid_due = (SELECT min(due_on) FROM loan_schedule WHERE loan_id = loans.id AND settled = 0
                         AND (paid_principal_fen < principal_fen OR paid_interest_fen < interest_fen));
CREATE INDEX loans_active_oldest_due ON loans(oldest_unpaid_due, outstanding_principal_fen, application_id)
    WHERE state = 'active';
