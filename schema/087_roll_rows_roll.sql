-- 087: roll_rows_kind (085) leads with the roll too, so the older index by roll and status only cost
-- every row written (a roll of 1,000,000 households writes about 240,000; issue 20).
DROP INDEX roll_rows_roll;
