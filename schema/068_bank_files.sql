-- 049: the credit union's payment file (代发文件) for relief batches too, and its columns set by the
-- administrator per bank format (issue 20, part 4).
-- A bank format: which columns the payment file has, in which order, under which headers
-- (columns: JSON array of {"key", "head"}, key one of row, name, id_number, bank, account,
-- amount, memo, village), and how its CSV is encoded ('utf8': UTF-8 with BOM; 'gb18030' for banks
-- whose systems read only GBK). One format is the default; a download names another with
-- ?bank_format=ID. Rolls and relief batches both use them.
CREATE TABLE bank_formats (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    columns    TEXT NOT NULL,
    encoding   TEXT NOT NULL DEFAULT 'utf8' CHECK (encoding IN ('utf8', 'gb18030')),
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    updated_by INTEGER REFERENCES users(id),
    updated_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE UNIQUE INDEX bank_formats_one_default ON bank_formats(is_default) WHERE is_default = 1;
INSERT INTO bank_formats (name, columns, encoding, is_default) VALUES ('通用格式',
    '[{"key":"row","head":"序号"},{"key":"name","head":"姓名"},{"key":"id_number","head":"身份证号"},'
    || '{"key":"bank","head":"开户银行"},{"key":"account","head":"账号"},{"key":"amount","head":"金额"},'
    || '{"key":"memo","head":"摘要"},{"key":"village","head":"村"}]', 'utf8', 1);

-- A relief application the bank refused keeps approved with the bank's reason, to go into the
-- next file ('' when none).
ALTER TABLE relief_applications ADD COLUMN bank_reason TEXT NOT NULL DEFAULT '';
-- Each import of a bank's return file for a relief batch: what it paid and refused, by whom.
CREATE TABLE relief_bank_returns (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES relief_batches(id),
    fund_id     INTEGER NOT NULL REFERENCES relief_funds(id),
    rows        INTEGER NOT NULL,
    paid        INTEGER NOT NULL,
    paid_fen    INTEGER NOT NULL,
    failed      INTEGER NOT NULL,
    already     INTEGER NOT NULL,
    imported_by INTEGER NOT NULL REFERENCES users(id),
    imported_on TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX relief_bank_returns_batch ON relief_bank_returns(batch_id, id);
