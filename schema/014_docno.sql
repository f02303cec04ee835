-- One numbering service: the last number given out per unit, kind of document and year. A
-- document takes its number with one upsert inside the transaction that writes it, so numbers
-- are gapless (a rolled-back write gives its number back) and two writers never share one.
CREATE TABLE docno_counters (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    kind    TEXT NOT NULL CHECK (kind IN ('relief_receipt', 'guarantee_letter')),
    year    INTEGER NOT NULL,
    last    INTEGER NOT NULL CHECK (last >= 1),
    PRIMARY KEY (unit_id, kind, year)
) WITHOUT ROWID;

-- Relief receipts: per township and year of payment, from the stored sequence.
INSERT INTO docno_counters (unit_id, kind, year, last)
    SELECT township_id, 'relief_receipt', year, max(seq) FROM relief_payments GROUP BY township_id, year;

-- Guarantee letters (西集担〔2026〕007号): per township of the applicant's village and year in the number.
INSERT INTO docno_counters (unit_id, kind, year, last)
    SELECT v.parent_id, 'guarantee_letter', CAST(substr(g.letter_no, instr(g.letter_no, '〔') + 1, 4) AS INTEGER),
           max(CAST(substr(g.letter_no, instr(g.letter_no, '〕') + 1) AS INTEGER))
    FROM guarantees g JOIN loan_applications a ON a.id = g.application_id
    JOIN households h ON h.id = a.household_id JOIN units v ON v.id = h.village_id
    GROUP BY 1, 3;
