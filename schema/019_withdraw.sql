-- 019: a loan application withdrawn (撤回) before its decision keeps the reason given.
ALTER TABLE loan_applications ADD COLUMN withdrawn_reason TEXT;
