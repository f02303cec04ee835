-- 012_subsidy_and_as_of: the date a loan was extended (展期). No extension can be booked yet;
-- when one is, it sets this column, and from the quarter of that date on the loan gets no
-- interest subsidy (对展期、逾期的贷款不予贴息). NULL: never extended.
ALTER TABLE loans ADD COLUMN extended_on TEXT CHECK (extended_on IS NULL OR date(extended_on) = extended_on);
-- Month-end portfolio figures cached before this version counted a loan late only by its overdue
-- principal (interest-only loans never) and are recomputed from the repayments when next asked for.
DELETE FROM month_figures;
