/*
 * programme_rules.h: who a programme admits (docs/domain.md, "Programmes and rolls"), as one pure
 * function over a person's facts: the household's categories (with their nesting, checked by the
 * caller's SQL and handed in as category_ok), age on the roll's reference day, sex, hukou,
 * relation to the head, alive and resident on that day, and for a once-only programme whether it
 * already paid. The roll's SQL calls it for every candidate through the SQL function roll_fail;
 * relief applications and batches (a once/household programme behind a relief category) call it
 * for the household head, which is why it lives in relief/ (programmes/ builds on relief/).
 */
#ifndef BANGFU_PROGRAMME_RULES_H
#define BANGFU_PROGRAMME_RULES_H
#include "date.h"

#define PROGRAMME_RELATIONS_MAX 7 /* 户主 and the six relations of hh_relations */

struct programme_rules {
    int min_age, max_age; /* -1: no bound */
    char sex;             /* 0 any, 'M', 'F' */
    int hukou;            /* enum hukou; HUKOU_NONE: any */
    unsigned relations;   /* bit per programme_relation index; 0: any */
    int alive_resident;   /* 1: not died or moved out on or before the reference day */
    int once;             /* 1: pays a person or household once ever */
    struct date ref;      /* the reference day */
};

/* What a rule reads of one person (the head, for a household programme). */
struct person_facts {
    struct date birth;
    char sex;                 /* 'M' or 'F' */
    int hukou;                /* enum hukou */
    const char *relation;     /* 户主, 配偶, … */
    struct date died, moved;  /* {0} when none */
    int category_ok;          /* the household has one of the programme's categories (closure) */
    int paid_before;          /* an earlier roll of the programme paid this person or household */
};

/* Why a candidate is not on the roll; ROLL_OK when the rules admit them. Checked in this order. */
enum roll_fail {
    ROLL_OK,
    ROLL_CATEGORY,    /* 家庭类别不符 */
    ROLL_DIED,        /* died on or before the reference day */
    ROLL_MOVED,       /* moved out on or before the reference day */
    ROLL_AGE_UNDER,   /* younger than min_age on the reference day */
    ROLL_AGE_OVER,    /* older than max_age */
    ROLL_SEX,
    ROLL_HUKOU,       /* another hukou, or none recorded */
    ROLL_RELATION,
    ROLL_ALREADY_PAID,
    ROLL__MAX
};
/* "category", "died", … and 家庭类别不符, 已死亡, …; NULL out of range. */
const char *roll_fail_code(int f);
const char *roll_fail_name(int f);

/* Age in whole years on day ref of someone born on birth (a birthday on ref counts: born
   1966-12-31 is 60 on 2026-12-31; born 29 February turns a year older on 1 March in other years). */
int age_on(struct date birth, struct date ref);
/* The reference day of a year from "MM-DD" (29 February is the 28th in other years). 0, or -1
   when mmdd is not a day of the year. */
int programme_ref_date(int year, const char *mmdd, struct date *out);
/* The last birth day ("YYYY-MM-DD", 11 bytes with the NUL) of someone who has reached the minimum
   age on the reference day: age_on(b, ref) >= min_age exactly when b, written so, sorts on or before
   it as text ((ref.y - min_age)-MM-DD of the reference day). "9999-12-31" when there is no minimum.
   The roll's SQL reads its candidates from the members' birth-date index with it. Returns out. */
char *programme_born_by(const struct programme_rules *r, char *out);
/* The index of a relation (户主 0, then hh_relations' order) or -1. */
int programme_relation(const char *relation);
extern const char *const programme_relation_names[PROGRAMME_RELATIONS_MAX];

/* The categories (bit per enum hh_category) of a stored JSON array of codes ('["one_child"]'); unknown
   codes skipped. */
unsigned programme_categories_parse(const char *json);
/* The relations (bit per programme_relation index) of a stored JSON array of names ('["户主","配偶"]');
   unknown names skipped. */
unsigned programme_relations_parse(const char *json);

/* The first rule the person fails, or ROLL_OK. Pure. */
enum roll_fail programme_rule_check(const struct programme_rules *r, const struct person_facts *p);

#endif
