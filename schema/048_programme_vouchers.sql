-- The programmes' bank payments (relief_fund_entries of kind 'programme', one per imported bank
-- return file) as vouchers: an expense of the association's business paid from the bank, like a
-- relief payment by transfer (Dr 5101 业务活动成本, Cr 1002 银行存款). Without this rule the voucher
-- list and the trial balance refuse to answer (no_voucher_rule) rather than leave the payment out.
INSERT INTO voucher_rules (event, debit_id, credit_id, summary)
SELECT 'programme_payment', d.id, c.id, '支付扶助项目款（银行代发）'
FROM accounts d, accounts c WHERE d.code = '5101' AND c.code = '1002';
