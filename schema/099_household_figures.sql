-- 099_household_figures: the registry's figures kept by village, by the triggers below in the same
-- transaction as every write that changes them (a household registered or moved, a member added, a
-- category link added or taken away), so the dashboard's 计生家庭 figures read a few rows per village
-- instead of counting every member and category link of the scope (issue 22; the first dashboard of
-- a fresh server then costs what any costs). `bangfu check` recounts both tables from the rows.
CREATE TABLE household_figures (
    village_id INTEGER PRIMARY KEY,
    households INTEGER NOT NULL DEFAULT 0,
    members    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Households by village and their set of category links, as a mask of bits 1 << household_categories.sort:
-- the dashboard counts a household once per category of the set's closure (a 独女户 is also a 独生子女家庭),
-- which the set gives and a count per category would not.
CREATE TABLE household_category_figures (
    village_id INTEGER NOT NULL,
    mask       INTEGER NOT NULL,
    households INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, mask)
) WITHOUT ROWID;

CREATE VIEW household_recount AS
SELECT h.village_id AS village_id, count(*) AS households,
       sum((SELECT count(*) FROM members m WHERE m.household_id = h.id)) AS members
FROM households h GROUP BY 1;

CREATE VIEW household_category_recount AS
SELECT h.village_id AS village_id, x.mask AS mask, count(*) AS households
FROM households h JOIN (SELECT l.household_id AS household_id, sum(1 << c.sort) AS mask FROM household_category_links l
                       JOIN household_categories c ON c.code = l.category GROUP BY 1) AS x ON x.household_id = h.id
GROUP BY 1, 2;

INSERT INTO household_figures SELECT * FROM household_recount;
INSERT INTO household_category_figures SELECT * FROM household_category_recount;

CREATE TRIGGER household_figures_add AFTER INSERT ON households
BEGIN
    INSERT INTO household_figures (village_id, households) VALUES (NEW.village_id, 1)
    ON CONFLICT (village_id) DO UPDATE SET households = households + 1;
END;

CREATE TRIGGER household_figures_remove AFTER DELETE ON households
BEGIN
    UPDATE household_figures SET households = households - 1 WHERE village_id = OLD.village_id;
END;

-- A household moved to another village takes itself, its members and its set of categories along.
CREATE TRIGGER household_figures_move AFTER UPDATE OF village_id ON households WHEN OLD.village_id IS NOT NEW.village_id
BEGIN
    UPDATE household_figures SET households = households - 1,
        members = members - (SELECT count(*) FROM members WHERE household_id = NEW.id)
    WHERE village_id = OLD.village_id;
    INSERT INTO household_figures (village_id, households, members)
    VALUES (NEW.village_id, 1, (SELECT count(*) FROM members WHERE household_id = NEW.id))
    ON CONFLICT (village_id) DO UPDATE SET households = households + 1, members = members + excluded.members;
    UPDATE household_category_figures SET households = households - 1
    WHERE village_id = OLD.village_id AND mask = (SELECT sum(1 << c.sort) FROM household_category_links l
        JOIN household_categories c ON c.code = l.category WHERE l.household_id = NEW.id);
    INSERT INTO household_category_figures (village_id, mask, households)
    SELECT NEW.village_id, m, 1 FROM (SELECT sum(1 << c.sort) AS m FROM household_category_links l
        JOIN household_categories c ON c.code = l.category WHERE l.household_id = NEW.id) WHERE m IS NOT NULL
    ON CONFLICT (village_id, mask) DO UPDATE SET households = households + 1;
END;

CREATE TRIGGER household_figures_member_add AFTER INSERT ON members
BEGIN
    UPDATE household_figures SET members = members + 1
    WHERE village_id = (SELECT village_id FROM households WHERE id = NEW.household_id);
END;

CREATE TRIGGER household_figures_member_remove AFTER DELETE ON members
BEGIN
    UPDATE household_figures SET members = members - 1
    WHERE village_id = (SELECT village_id FROM households WHERE id = OLD.household_id);
END;

CREATE TRIGGER household_figures_member_move AFTER UPDATE OF household_id ON members
BEGIN
    UPDATE household_figures SET members = members - 1
    WHERE village_id = (SELECT village_id FROM households WHERE id = OLD.household_id);
    UPDATE household_figures SET members = members + 1
    WHERE village_id = (SELECT village_id FROM households WHERE id = NEW.household_id);
END;

-- A category link added: the household leaves the cell of its set without the category (none when
-- that set is empty) and joins the cell of its set with it.
CREATE TRIGGER household_category_figures_add AFTER INSERT ON household_category_links
BEGIN
    INSERT INTO household_category_figures (village_id, mask, households)
    SELECT h.village_id, x.m - (1 << (SELECT sort FROM household_categories WHERE code = NEW.category)), -1
    FROM households h, (SELECT sum(1 << c.sort) AS m FROM household_category_links l JOIN household_categories c
                        ON c.code = l.category WHERE l.household_id = NEW.household_id) AS x
    WHERE h.id = NEW.household_id AND x.m <> 1 << (SELECT sort FROM household_categories WHERE code = NEW.category)
    ON CONFLICT (village_id, mask) DO UPDATE SET households = households - 1;
    INSERT INTO household_category_figures (village_id, mask, households)
    SELECT h.village_id, x.m, 1
    FROM households h, (SELECT sum(1 << c.sort) AS m FROM household_category_links l JOIN household_categories c
                        ON c.code = l.category WHERE l.household_id = NEW.household_id) AS x
    WHERE h.id = NEW.household_id
    ON CONFLICT (village_id, mask) DO UPDATE SET households = households + 1;
END;

-- A category link taken away: the other way round.
CREATE TRIGGER household_category_figures_remove AFTER DELETE ON household_category_links
BEGIN
    INSERT INTO household_category_figures (village_id, mask, households)
    SELECT h.village_id, coalesce(x.m, 0) + (1 << (SELECT sort FROM household_categories WHERE code = OLD.category)), -1
    FROM households h, (SELECT sum(1 << c.sort) AS m FROM household_category_links l JOIN household_categories c
                        ON c.code = l.category WHERE l.household_id = OLD.household_id) AS x
    WHERE h.id = OLD.household_id
    ON CONFLICT (village_id, mask) DO UPDATE SET households = households - 1;
    INSERT INTO household_category_figures (village_id, mask, households)
    SELECT h.village_id, x.m, 1
    FROM households h, (SELECT sum(1 << c.sort) AS m FROM household_category_links l JOIN household_categories c
                        ON c.code = l.category WHERE l.household_id = OLD.household_id) AS x
    WHERE h.id = OLD.household_id AND x.m IS NOT NULL
    ON CONFLICT (village_id, mask) DO UPDATE SET households = households + 1;
END;
