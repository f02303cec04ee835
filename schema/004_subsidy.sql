-- 004_subsidy: the interest subsidy (贴息) parameters. mode 'borrower_rate': the budget pays all
-- interest above the borrower's rate (subsidy_borrower_rate, percent); mode 'percent': it pays
-- subsidy_percent % of the interest actually paid.
INSERT INTO parameters (key, value, note) VALUES
    ('subsidy_mode', 'borrower_rate', '贴息方式：borrower_rate（借款人承担利率以上部分全额贴息）或 percent（按比例贴息）'),
    ('subsidy_borrower_rate', '2.15', '借款人承担的年利率（%），其余利息由财政贴息'),
    ('subsidy_percent', '50', '按比例贴息时的贴息比例（%）');
