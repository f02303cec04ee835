/* mask_config.c: the admin's masking rules in the parameters table (see mask_config.h). */
#include "mask_config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "text.h"

/* The numeric settings: parameter key, the field in the rules, its largest value, its name. */
static const struct {
    const char *key;
    size_t offset;
    int max;
    const char *label;
} numbers[] = {
    {"mask_name_surname", offsetof(struct mask_rules, name_surname), 1, "保留完整的姓"},
    {"mask_name_last", offsetof(struct mask_rules, name_last), 1, "保留名字最后一个字"},
    {"mask_id_head", offsetof(struct mask_rules, id_head), 6, "身份证号保留前几位"},
    {"mask_id_tail", offsetof(struct mask_rules, id_tail), 4, "身份证号保留后几位"},
    {"mask_phone_head", offsetof(struct mask_rules, phone_head), 3, "电话号码保留前几位"},
    {"mask_phone_tail", offsetof(struct mask_rules, phone_tail), 4, "电话号码保留后几位"},
};
#define NUMBERS (sizeof numbers / sizeof numbers[0])
#define FIELD(r, i) ((int *)((char *)(r) + numbers[i].offset))
#define SURNAMES_KEY "mask_compound_surnames"

void mask_rules_load(struct db *db, struct mask_rules *out)
{
    *out = mask_defaults;
    for (size_t i = 0; i < NUMBERS; i++)
        *FIELD(out, i) = (int)db_param_int(db, numbers[i].key, *FIELD(&mask_defaults, i));
    if (db_int(db, 0, "SELECT count(*) FROM parameters WHERE key = ?", "t", SURNAMES_KEY) > 0)
        db_param_text(db, SURNAMES_KEY, out->surnames, sizeof out->surnames);
    mask_rules_clamp(out);
}

/* Writes one parameter (a new one with its note). 1 on success. */
static int put(struct db *db, const char *key, const char *value, const char *note)
{
    return db_run(db,
                  "INSERT INTO parameters (key, value, note) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                  "value = excluded.value",
                  "ttt", key, value, note) == SQLITE_DONE;
}

json_t *mask_rules_json(const struct mask_rules *r)
{
    return json_pack("{s:b, s:b, s:s, s:i, s:i, s:i, s:i}", "name_surname", r->name_surname, "name_last", r->name_last,
                     "compound_surnames", r->surnames, "id_head", r->id_head, "id_tail", r->id_tail, "phone_head",
                     r->phone_head, "phone_tail", r->phone_tail);
}

int mask_rules_save(struct db *db, const struct user_ctx *actor, const struct mask_rules *in, struct err *e)
{
    for (size_t i = 0; i < NUMBERS; i++) {
        int v = *FIELD(in, i);
        if (v < 0 || v > numbers[i].max)
            return err_set(e, 422, "invalid_rule", numbers[i].key, "%s应为 0 到 %d", numbers[i].label, numbers[i].max);
    }
    if (memchr(in->surnames, '\0', sizeof in->surnames) == NULL || text_check_multiline(in->surnames, 0, 200) != 0 ||
        !mask_surnames_valid(in->surnames))
        return err_set(e, 422, "invalid_surnames", SURNAMES_KEY,
                       "复姓之间用空格或顿号分隔，每个复姓2到4个字，共不超过200字");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    struct mask_rules before;
    mask_rules_load(db, &before);
    int ok = put(db, SURNAMES_KEY, in->surnames, "复姓（空格分隔）");
    for (size_t i = 0; ok && i < NUMBERS; i++) {
        char v[16];
        snprintf(v, sizeof v, "%d", *FIELD(in, i));
        ok = put(db, numbers[i].key, v, numbers[i].label);
    }
    return audit_commit(db, ok, actor, "update", "masking_rules", 0, mask_rules_json(&before), mask_rules_json(in), e);
}
