-- 115_loan_book_scope_index: the loan book's order index (newest disbursement first, migration 069) also
-- carries each loan's village and state, so a page walks the index from its cursor and passes over the
-- loans of other villages (a township's page) or states without reading their rows.
CREATE INDEX loans_disbursed_village ON loans(disbursed_on, id, village_id, state);
DROP INDEX loans_disbursed;
