-- 033: an extension (展期) may need the departments' joint review like a new loan (issue 19, item 3:
-- "the same joint-review approval as a new loan (configurable)"). Per product: 'association' (one
-- association worker other than who asked approves, as before) or 'joint' (the departments review it
-- in a round of the loan's application, src/loans/review_round.c, before the new schedule stands).
ALTER TABLE loan_products ADD COLUMN extension_review TEXT NOT NULL DEFAULT 'association'
    CHECK (extension_review IN ('association', 'joint'));
-- The review round a joint extension opened: the next round of its loan's application (the
-- departments and their opinions are that round's loan_round_departments and loan_reviews).
-- (loan_extensions itself is created by a later migration, 035: hence a table of its own.)
CREATE TABLE extension_reviews (
    extension_id   INTEGER PRIMARY KEY REFERENCES loan_extensions(id),
    application_id INTEGER NOT NULL REFERENCES loan_applications(id),
    round          INTEGER NOT NULL CHECK (round > 0),
    UNIQUE (application_id, round)
);
