-- 040_accounts: the chart of accounts (会计科目) of a 社会团体 under 民间非营利组织会计制度 (财会〔2004〕7号,
-- its level-1 accounts with their standard codes), editable by the administrator (codes and names;
-- sub-accounts may be added), and the one mapping from each money event of the fund ledgers to the
-- debit and credit account of its voucher (记账凭证). Vouchers themselves are not stored: they are
-- derived from guarantee_fund_entries and relief_fund_entries (src/accounts/voucher.c).

CREATE TABLE accounts (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 4 AND 12 AND code NOT GLOB '*[^0-9]*'),
    name     TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 40),
    category TEXT NOT NULL CHECK (category IN ('asset', 'liability', 'net_assets', 'income', 'expense'))
);

INSERT INTO accounts (code, name, category) VALUES
    ('1001', '现金', 'asset'), ('1002', '银行存款', 'asset'), ('1009', '其他货币资金', 'asset'),
    ('1101', '短期投资', 'asset'), ('1102', '短期投资跌价准备', 'asset'), ('1111', '应收票据', 'asset'),
    ('1121', '应收账款', 'asset'), ('1122', '其他应收款', 'asset'), ('1131', '坏账准备', 'asset'),
    ('1141', '预付账款', 'asset'), ('1201', '存货', 'asset'), ('1202', '存货跌价准备', 'asset'),
    ('1301', '待摊费用', 'asset'), ('1401', '长期股权投资', 'asset'), ('1402', '长期债权投资', 'asset'),
    ('1421', '长期投资减值准备', 'asset'), ('1501', '固定资产', 'asset'), ('1502', '累计折旧', 'asset'),
    ('1505', '在建工程', 'asset'), ('1506', '文物文化资产', 'asset'), ('1509', '固定资产清理', 'asset'),
    ('1601', '无形资产', 'asset'), ('1701', '受托代理资产', 'asset'),
    ('2101', '短期借款', 'liability'), ('2201', '应付票据', 'liability'), ('2202', '应付账款', 'liability'),
    ('2203', '预收账款', 'liability'), ('2204', '应付工资', 'liability'), ('2206', '应交税金', 'liability'),
    ('2209', '其他应付款', 'liability'), ('2301', '预提费用', 'liability'), ('2401', '预计负债', 'liability'),
    ('2501', '长期借款', 'liability'), ('2502', '长期应付款', 'liability'), ('2601', '受托代理负债', 'liability'),
    ('3101', '非限定性净资产', 'net_assets'), ('3102', '限定性净资产', 'net_assets'),
    ('4101', '捐赠收入', 'income'), ('4201', '会费收入', 'income'), ('4301', '提供服务收入', 'income'),
    ('4401', '政府补助收入', 'income'), ('4501', '商品销售收入', 'income'), ('4601', '投资收益', 'income'),
    ('4901', '其他收入', 'income'),
    ('5101', '业务活动成本', 'expense'), ('5201', '管理费用', 'expense'), ('5301', '筹资费用', 'expense'),
    ('5401', '其他费用', 'expense');

-- One row per money event: the voucher debits debit_id and credits credit_id with the entry's
-- amount; summary opens the voucher's 摘要. A reversal (冲正) is a red voucher (红字) with the
-- accounts of the event it reverses and the amount negative. The events are listed in
-- src/accounts/voucher.c (voucher_event_name); docs/domain.md says why each maps where it does.
CREATE TABLE voucher_rules (
    event     TEXT PRIMARY KEY,
    debit_id  INTEGER NOT NULL REFERENCES accounts(id),
    credit_id INTEGER NOT NULL REFERENCES accounts(id),
    summary   TEXT NOT NULL,
    CHECK (debit_id <> credit_id)
);

INSERT INTO voucher_rules (event, debit_id, credit_id, summary)
SELECT r.event, d.id, c.id, r.summary FROM (
    SELECT 'guarantee_income' AS event, '1002' AS dr, '4401' AS cr, '收到担保基金' AS summary
    UNION ALL SELECT 'guarantee_adjustment_in', '1002', '4901', '担保基金调增'
    UNION ALL SELECT 'guarantee_adjustment_out', '5401', '1002', '担保基金调减'
    UNION ALL SELECT 'guarantee_payout', '1122', '1002', '担保代偿'
    UNION ALL SELECT 'guarantee_recovery', '1002', '1122', '收回代偿款'
    UNION ALL SELECT 'relief_income_district', '1002', '4401', '收到区财政救助拨款'
    UNION ALL SELECT 'relief_income_township', '1002', '4401', '收到镇财政救助拨款'
    UNION ALL SELECT 'relief_income_donation', '1002', '4101', '收到救助捐赠'
    UNION ALL SELECT 'relief_income_other', '1002', '4901', '收到救助资金其他收入'
    UNION ALL SELECT 'relief_payment_bank', '5101', '1002', '支付救助款（转账）'
    UNION ALL SELECT 'relief_payment_cash', '5101', '1002', '支付救助款（现金）'
) r JOIN accounts d ON d.code = r.dr JOIN accounts c ON c.code = r.cr;
