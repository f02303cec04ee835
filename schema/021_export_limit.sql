-- 021: the most rows one list export (CSV, XLSX, PDF) holds. A list longer than this is refused with
-- a message asking to narrow the filter (village, dates), never cut short.
INSERT INTO parameters (key, value, note) VALUES
    ('export_max_rows', '100000', '一次导出（CSV、Excel、PDF）的最多行数；超过时拒绝导出并提示缩小筛选范围');
