/* part_sheets.c: a household's members and a notice's objections as sheets (see part_sheets.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mask_config.h"
#include "masking.h"
#include "part_sheets.h"
#include "user.h"

/* Whether the members export shows full IDs: as the page, a role that sees them and ?reveal=1. */
static int members_full(struct req *r)
{
    const char *reveal = req_query(r, "reveal");
    return role_sees_full_id(r->user.role) && reveal && !strcmp(reveal, "1");
}

int part_members_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const struct household *h = arg;
    int full = members_full(r);
    static const char *const heads[] = {"姓名", "与户主关系", "身份证号", "性别", "出生日期", "手机号", NULL};
    static const char *const heads_year[] = {"姓名", "与户主关系", "身份证号", "性别", "出生年份", "手机号", NULL};
    sheet_init(s, "家庭成员", full ? heads : heads_year);
    if (full)
        sheet_date_column(s, 4);
    s->widths[2] = 1.8f;
    char t[11];
    snprintf(s->subtitle, sizeof s->subtitle, "第 %lld 号家庭 · 户主 %s · 导出日期 %s", (long long)h->id, h->members[0].name,
             date_format(r->today, t));
    for (int i = 0; i < h->nmembers; i++) {
        const struct member *m = &h->members[i];
        char masked[32], year[16];
        snprintf(year, sizeof year, "%d年", atoi(m->birth_date)); /* the date would complete a masked ID */
        const char *cells[] = {m->name, m->relation, full ? m->id_number : mask_id(m->id_number, masked, sizeof masked),
                               m->sex == 'M' ? "男" : "女", full ? m->birth_date : year, m->phone};
        sheet_row(s, cells);
    }
    return 0;
}

int part_members_export(struct req *r, const struct household *h)
{
    if (req_query(r, "format") && members_full(r))
        household_audit_id_view(r->db, &r->user, h->id);
    return list_export_if_asked(r, part_members_sheet, h, "members.csv");
}

/* The objections sheet being built and how its numbers are masked. */
struct objections_ctx {
    struct sheet *s;
    int full;
    struct mask_rules rules;
};

/* One objection: the item it is about, text, contact, when, state and resolution. */
static void objection_sheet_row(const struct objection *o, void *ctx)
{
    struct objections_ctx *c = ctx;
    char item[24], text[sizeof o->text], contact[sizeof o->contact];
    if (o->item_n)
        snprintf(item, sizeof item, "第 %d 项", o->item_n);
    else
        snprintf(item, sizeof item, "整个公示");
    const char *state = !strcmp(o->state, "open") ? "待处理" : !strcmp(o->state, "upheld") ? "成立" : "不成立";
    const char *cells[] = {item, c->full ? o->text : mask_text_by(&c->rules, o->text, text, sizeof text),
                           !o->contact[0] ? "未留" : c->full ? o->contact : mask_text_by(&c->rules, o->contact, contact, sizeof contact),
                           o->filed_at, state, o->resolution, o->resolved_by, o->resolved_at};
    sheet_row(c->s, cells);
}

int part_objections_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const struct notice *n = arg;
    static const char *const heads[] = {"针对", "异议内容", "联系方式", "提交时间", "结论", "处理意见", "处理人", "处理时间", NULL};
    sheet_init(s, "公示异议", heads);
    s->widths[1] = 3;
    s->widths[5] = 2;
    s->landscape = 1;
    char t[11];
    snprintf(s->subtitle, sizeof s->subtitle, "第 %lld 号公示 · 导出日期 %s", (long long)n->id, date_format(r->today, t));
    struct objections_ctx c = {.s = s, .full = role_sees_full_id(r->user.role)};
    mask_rules_load(r->db, &c.rules);
    return notice_objections(r->db, n->id, objection_sheet_row, &c) < 0 ? -1 : 0;
}
