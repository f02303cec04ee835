-- 059_keyset_indexes: the orders the keyset-paged lists read in (issue 22), so a page starts at its
-- cursor in an index instead of sorting the whole scope: the loan book (newest disbursement first)
-- and the claims list (oldest unpaid due date first, active loans only).
CREATE INDEX loans_disbursed ON loans(disbursed_on, id);
CREATE INDEX loans_active_oldest_id ON loans(oldest_unpaid_due, id) WHERE state = 'active';
