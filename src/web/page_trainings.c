/* page_trainings.c: the training page: the courses of a period with their attendance, the counts
   by village (courses attended, attendances, households reached) beside the information services'
   counts, and the form recording a course with its attendance by household member. Thin over
   training.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "more_sheets.h"
#include "report_scope.h"
#include "service_form.h"
#include "training.h"

/* One course row. */
static void training_row_html(const struct training_row *t, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td>");
    html_text(r, t->on);
    html_raw(r, "</td><td>");
    html_text(r, t->title);
    html_raw(r, "</td><td>");
    html_text(r, t->unit);
    html_raw(r, "</td><td>");
    html_text(r, t->place);
    html_raw(r, "</td><td>");
    html_text(r, t->trainer);
    html_printf(r, "</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>", (long long)t->attendances,
                (long long)t->households);
}

/* One village's counts. */
static void village_row_html(const struct training_village_row *v, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td>");
    html_text(r, v->village);
    html_printf(r, "</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
                (long long)v->trainings, (long long)v->attendances, (long long)v->households);
}

/* The form recording a course: its fields and the attendance, a line per person (家庭编号 and,
   when known, the member's name). */
static void training_form(struct req *r)
{
    const char *f = "/trainings";
    service_form_open(r, f, "登记培训", "培训名称", "培训日期", "举办单位");
    html_printf(r, "<label>培训地点<input name=\"place\" required maxlength=\"100\" value=\"%s\">",
                form_echo(r, f, "place", ""));
    form_field_error(r, "place");
    html_printf(r, "</label><label>授课人<input name=\"trainer\" required maxlength=\"30\" value=\"%s\">",
                form_echo(r, f, "trainer", ""));
    form_field_error(r, "trainer");
    html_printf(r, "</label><label class=\"wide\">参训人员（每行一人：家庭编号，空格，成员姓名；不知道姓名只写家庭编号）"
                   "<textarea name=\"attendees\" rows=\"5\">%s</textarea>",
                form_echo(r, f, "attendees", ""));
    form_field_error(r, "attendees");
    html_raw(r, "</label>");
    service_form_close(r, "登记培训");
}

/* The page, with a refusal of the form shown (NULL none). */
static void trainings_page(struct req *r, const struct err *shown)
{
    const char *from = req_query(r, "from"), *to = req_query(r, "to");
    struct training_filter f = {.from = from, .to = to};
    html_paging(r, &f.limit, &f.offset);
    if (!shown && list_export_if_asked(r, more_trainings_sheet, &f, "trainings.csv"))
        return;
    struct err e = {0};
    html_begin(r, "技术培训");
    html_raw(r, "<h1>技术培训</h1>");
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    html_raw(r, "<form class=\"search\" method=\"get\" action=\"/trainings\"><label>培训日期自"
                "<input type=\"date\" name=\"from\" value=\"");
    html_text(r, from);
    html_raw(r, "\"></label><label>至<input type=\"date\" name=\"to\" value=\"");
    html_text(r, to);
    html_raw(r, "\"></label><button>查询</button></form><table class=\"list\"><thead><tr><th>日期</th><th>培训名称</th>"
                "<th>举办单位</th><th>地点</th><th>授课人</th><th class=\"num\">参训人次</th><th class=\"num\">参训户数</th>"
                "</tr></thead><tbody>");
    int64_t total = training_list(r->db, &r->user, &f, training_row_html, r, &e);
    if (total == 0)
        html_raw(r, "<tr><td colspan=\"7\" class=\"muted\">这段时间没有培训</td></tr>");
    html_raw(r, "</tbody></table>");
    if (total >= 0)
        html_pager(r, total, f.limit, f.offset, 0);
    report_format_links(r, "/trainings", NULL);
    html_raw(r, "<h2>各村参训情况</h2><table class=\"list\"><thead><tr><th>村</th><th class=\"num\">培训期数</th>"
                "<th class=\"num\">参训人次</th><th class=\"num\">参训户数</th></tr></thead><tbody>");
    int n = total < 0 ? -1 : training_by_village(r->db, &r->user, from, to, village_row_html, r, &e);
    if (n == 0)
        html_raw(r, "<tr><td colspan=\"4\" class=\"muted\">这段时间没有参训记录</td></tr>");
    html_raw(r, "</tbody></table>");
    if (n < 0)
        html_form_error(r, &e);
    info_village_table(r, from, to);
    service_page_end(r, "/trainings", training_form, shown);
}

void page_trainings(struct req *r)
{
    trainings_page(r, NULL);
}

/* Reads the attendance lines ("12 张三", "12") into people; names point into copy. 0 or -1 with e
   naming the field and the line. */
static int posted_attendees(const char *text, char *copy, size_t size, struct training_attendee *people, int *n,
                            struct err *e)
{
    *n = 0;
    if (snprintf(copy, size, "%s", text ? text : "") >= (int)size)
        return err_set(e, 422, "too_many_attendees", "attendees", "参训人员名单太长，请分次登记");
    int line = 0;
    for (char *save = NULL, *l = strtok_r(copy, "\r\n", &save); l; l = strtok_r(NULL, "\r\n", &save)) {
        line++;
        while (*l == ' ' || *l == '\t')
            l++;
        if (!*l)
            continue;
        char *end;
        long long id = strtoll(l, &end, 10);
        if (end == l || id <= 0 || (*end && *end != ' ' && *end != '\t' && *end != ','))
            return err_set(e, 422, "invalid_attendee", "attendees", "第 %d 行应以家庭编号开头，后面可写成员姓名", line);
        if (*n == TRAINING_MAX_ATTENDEES)
            return err_set(e, 422, "too_many_attendees", "attendees", "一次最多登记 %d 名参训人员", TRAINING_MAX_ATTENDEES);
        while (*end == ' ' || *end == '\t' || *end == ',')
            end++;
        for (char *t = end + strlen(end); t > end && (t[-1] == ' ' || t[-1] == '\t'); t--)
            t[-1] = '\0';
        people[(*n)++] = (struct training_attendee){.household_id = id, .member_name = end};
    }
    return 0;
}

void page_training_create(struct req *r)
{
    const char *unit = req_form(r, "unit_id"), *text = req_form(r, "attendees");
    struct training_attendee people[TRAINING_MAX_ATTENDEES];
    size_t size = (text ? strlen(text) : 0) + 1;
    char *copy = malloc(size);
    struct training_input in = {.title = req_form(r, "title"), .on = req_form(r, "on"),
                                .unit_id = unit ? strtoll(unit, NULL, 10) : 0, .place = req_form(r, "place"),
                                .trainer = req_form(r, "trainer"), .attendees = people};
    struct err e = {0};
    int64_t id = !copy ? err_set(&e, 500, "out_of_memory", NULL, "服务器内存不足，请稍后再试")
                 : posted_attendees(text, copy, size, people, &in.nattendees, &e) != 0
                     ? -1
                     : training_create(r->db, &r->user, &in, r->today, &e);
    free(copy);
    if (id < 0) {
        trainings_page(r, &e);
        return;
    }
    reply_redirect(r, "/trainings?ok=created");
}
