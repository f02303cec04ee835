-- 118_drop_unused_loan_index: loans_active_oldest_due (005) served the portfolio figures when they
-- were summed from the loans; they are read from active_loan_figures (095) now, and no statement
-- uses the index any more (the claims list walks loans_active_oldest_id, the figures' recount and
-- the assessment loans_village_active). Every repayment that moved a loan's principal or oldest
-- unpaid day rewrote an entry of it: one page less for each such booking to write and sync.
DROP INDEX loans_active_oldest_due;
