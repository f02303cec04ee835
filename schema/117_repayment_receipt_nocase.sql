-- 117_repayment_receipt_nocase: a repayment's receipt number is looked up without regard to case
-- (STANDING_RECEIPT in servicing.c: a credit-union slip "ab-1" and "AB-1" are one receipt), but its
-- index compared case by case, so SQLite could not use it: every booking read the whole repayments
-- table to refuse a receipt booked before (55 µs at 2,000 repayments, tens of milliseconds at
-- 500,000, inside the one writer). The index now compares as the lookup does. Nothing else looked
-- receipts up by this index (the staff search matches a receipt within one loan's repayments).
DROP INDEX repayments_receipt;
CREATE INDEX repayments_receipt_nocase ON repayments(receipt_no COLLATE NOCASE);
