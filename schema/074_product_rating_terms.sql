-- 032: products may require a credit rating or give better terms for a second cycle (issue 19,
-- item 5's last part). min_rating: the rating (一般, 较好, 优秀) a household's rating for the current
-- or the previous year must meet ('' none). second_max_fen / second_min_rate_micro: the higher
-- amount ceiling and the lower rate floor for a household whose previous programme loan was
-- settled on time (NULL: as for everyone).
ALTER TABLE loan_products ADD COLUMN min_rating TEXT NOT NULL DEFAULT ''
    CHECK (min_rating IN ('', '一般', '较好', '优秀'));
ALTER TABLE loan_products ADD COLUMN second_max_fen INTEGER CHECK (second_max_fen IS NULL OR second_max_fen >= max_fen);
ALTER TABLE loan_products ADD COLUMN second_min_rate_micro INTEGER
    CHECK (second_min_rate_micro IS NULL OR second_min_rate_micro BETWEEN 0 AND min_rate_micro);
