/* programme_rules.c: the programmes' eligibility rules (see programme_rules.h). */
#include "programme_rules.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "household.h"
#include "member_status.h"

static const struct {
    const char *code, *name;
} fails[ROLL__MAX] = {
    [ROLL_OK] = {"ok", "符合"},
    [ROLL_CATEGORY] = {"category", "家庭类别不符"},
    [ROLL_DIED] = {"died", "已死亡"},
    [ROLL_MOVED] = {"moved_out", "已迁出"},
    [ROLL_AGE_UNDER] = {"age_under", "未达到年龄"},
    [ROLL_AGE_OVER] = {"age_over", "超过年龄"},
    [ROLL_SEX] = {"sex", "性别不符"},
    [ROLL_HUKOU] = {"hukou", "户籍不符"},
    [ROLL_RELATION] = {"relation", "与户主关系不符"},
    [ROLL_ALREADY_PAID] = {"already_paid", "已领取过（一次性项目）"},
};

const char *const programme_relation_names[PROGRAMME_RELATIONS_MAX] = {"户主", "配偶", "子女", "父母",
                                                                      "兄弟姐妹", "孙子女", "其他"};

const char *roll_fail_code(int f)
{
    return f >= 0 && f < ROLL__MAX ? fails[f].code : NULL;
}

const char *roll_fail_name(int f)
{
    return f >= 0 && f < ROLL__MAX ? fails[f].name : NULL;
}

int age_on(struct date birth, struct date ref)
{
    int age = ref.y - birth.y;
    if (ref.m < birth.m || (ref.m == birth.m && ref.d < birth.d))
        age--;
    return age;
}

int programme_ref_date(int year, const char *mmdd, struct date *out)
{
    int m = 0, d = 0;
    char tail;
    if (!mmdd || strlen(mmdd) != 5 || sscanf(mmdd, "%2d-%2d%c", &m, &d, &tail) != 2 || m < 1 || m > 12 || d < 1 ||
        d > (m == 2 ? 29 : date_days_in_month(2000, m)))
        return -1;
    if (m == 2 && d == 29 && date_days_in_month(year, 2) == 28)
        d = 28;
    *out = (struct date){year, m, d};
    return 0;
}

char *programme_born_by(const struct programme_rules *r, char *out)
{
    if (r->min_age < 0)
        snprintf(out, 11, "9999-12-31");
    else
        snprintf(out, 11, "%04d-%02d-%02d", r->ref.y - r->min_age, r->ref.m, r->ref.d);
    return out;
}

int programme_relation(const char *relation)
{
    for (int i = 0; relation && i < PROGRAMME_RELATIONS_MAX; i++)
        if (strcmp(relation, programme_relation_names[i]) == 0)
            return i;
    return -1;
}

/* The bit set of a JSON array of strings, each given to parse (its index, or -1: skipped). */
static unsigned bits_of_json(const char *json, int (*parse)(const char *))
{
    json_t *a = json_loads(json && *json ? json : "[]", 0, NULL), *v;
    unsigned bits = 0;
    size_t i;
    json_array_foreach(a, i, v)
    {
        int k = parse(json_string_value(v));
        if (k >= 0)
            bits |= 1u << k;
    }
    json_decref(a);
    return bits;
}

unsigned programme_categories_parse(const char *json)
{
    return bits_of_json(json, hh_category_parse);
}

unsigned programme_relations_parse(const char *json)
{
    return bits_of_json(json, programme_relation);
}

/* 1 when day d is set and on or before ref. */
static int by(struct date d, struct date ref)
{
    return d.y != 0 && date_cmp(d, ref) <= 0;
}

enum roll_fail programme_rule_check(const struct programme_rules *r, const struct person_facts *p)
{
    if (!p->category_ok)
        return ROLL_CATEGORY;
    if (r->alive_resident && by(p->died, r->ref))
        return ROLL_DIED;
    if (r->alive_resident && by(p->moved, r->ref))
        return ROLL_MOVED;
    int age = age_on(p->birth, r->ref);
    if (r->min_age >= 0 && age < r->min_age)
        return ROLL_AGE_UNDER;
    if (r->max_age >= 0 && age > r->max_age)
        return ROLL_AGE_OVER;
    if (r->sex && p->sex != r->sex)
        return ROLL_SEX;
    if (r->hukou != HUKOU_NONE && p->hukou != r->hukou)
        return ROLL_HUKOU;
    int rel = programme_relation(p->relation);
    if (r->relations && (rel < 0 || !(r->relations & (1u << rel))))
        return ROLL_RELATION;
    if (r->once && p->paid_before)
        return ROLL_ALREADY_PAID;
    return ROLL_OK;
}
