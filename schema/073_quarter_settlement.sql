-- 031: 按季结息 computed (issue 19, item 1). A loan keeps the settlement rule of its product as it
-- was when the loan was disbursed: 'due_dates' (interest with each row of the method) or
-- 'quarter_20th' (interest on 03-20, 06-20, 09-20, 12-20 and at maturity, src/core/amort.c).
ALTER TABLE loans ADD COLUMN settlement TEXT NOT NULL DEFAULT 'due_dates'
    CHECK (settlement IN ('due_dates', 'quarter_20th'));
