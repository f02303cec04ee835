-- 042_assessment_weights: the weights of the assessment (考核) items, set by the admin, together 100
-- (assessment.c reads them; docs/domain.md "考核" gives the formula).
INSERT INTO parameters (key, value, note) VALUES
    ('assess_weight.pairing', '15', '考核权重：结对覆盖率'),
    ('assess_weight.visits', '20', '考核权重：结对户走访率'),
    ('assess_weight.training', '15', '考核权重：结对户参训率'),
    ('assess_weight.information', '10', '考核权重：信息到村率'),
    ('assess_weight.timeliness', '15', '考核权重：按时办结率'),
    ('assess_weight.satisfaction', '15', '考核权重：群众满意率'),
    ('assess_weight.overdue', '10', '考核权重：贷款按期率');
