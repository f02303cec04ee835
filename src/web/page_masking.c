/* page_masking.c: the admin's page for the masking rules of public notices (公示脱敏规则): the
   settings, and what they do to sample values. Thin over mask_config.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "mask_config.h"

/* A <select> of 0..max with the value chosen. */
static void number_select(struct req *r, const char *name, int max, int value)
{
    html_printf(r, "<select name=\"%s\">", name);
    for (int i = 0; i <= max; i++)
        html_printf(r, "<option value=\"%d\"%s>%d</option>", i, i == value ? " selected" : "", i);
    html_raw(r, "</select>");
}

/* One row of the examples: the sample and what the rules make of it. */
static void example(struct req *r, const char *kind, const char *sample, const char *masked)
{
    html_raw(r, "<tr><td>");
    html_text(r, kind);
    html_raw(r, "</td><td class=\"mono\">");
    html_text(r, sample);
    html_raw(r, "</td><td class=\"mono\">");
    html_text(r, masked);
    html_raw(r, "</td></tr>");
}

/* The page with the rules shown (those in force, or those refused with e). */
static void masking_page(struct req *r, const struct mask_rules *m, const struct err *e)
{
    html_begin(r, "公示脱敏规则");
    html_raw(r, "<h1>公示脱敏规则</h1>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(
        r, "<p class=\"muted\">用于公示（网页、打印 PDF 和公开的数据接口）：公示名单中的姓名在发布时按此处的规则隐去，"
           "已发布的公示保持原样；群众提交的异议内容公开显示时，其中的身份证号和手机号也按此处规则隐去。"
           "规则只能比默认隐去更多，不能显示更多。</p>"
           "<form method=\"post\" action=\"/admin/masking\" class=\"grid\">");
    html_csrf(r);
    html_printf(r,
                "<fieldset><legend>姓名</legend><label>保留<select name=\"name_surname\"><option value=\"0\"%s>"
                "第一个字（默认）</option><option value=\"1\"%s>完整的姓（复姓保留两个字）</option></select></label>"
                "<label class=\"inline-check\"><input type=\"checkbox\" name=\"name_last\" value=\"1\"%s>"
                "同时保留最后一个字（默认）</label><label class=\"wide\">复姓（空格或顿号分隔）<textarea "
                "name=\"compound_surnames\" rows=\"3\" maxlength=\"200\">",
                m->name_surname ? "" : " selected", m->name_surname ? " selected" : "", m->name_last ? " checked" : "");
    html_text(r, form_echo(r, "/admin/masking", "compound_surnames", m->surnames)); /* as typed, even too long */
    html_raw(r, "</textarea>");
    form_field_error(r, "compound_surnames");
    form_field_error(r, "mask_compound_surnames");
    html_raw(r, "</label></fieldset><fieldset><legend>身份证号（默认前 6 位、后 4 位）</legend><label>保留前几位");
    number_select(r, "id_head", 6, m->id_head);
    form_field_error(r, "mask_id_head");
    html_raw(r, "</label><label>保留后几位");
    number_select(r, "id_tail", 4, m->id_tail);
    form_field_error(r, "mask_id_tail");
    html_raw(r, "</label></fieldset><fieldset><legend>电话号码（默认前 3 位、后 4 位）</legend><label>保留前几位");
    number_select(r, "phone_head", 3, m->phone_head);
    form_field_error(r, "mask_phone_head");
    html_raw(r, "</label><label>保留后几位");
    number_select(r, "phone_tail", 4, m->phone_tail);
    form_field_error(r, "mask_phone_tail");
    html_raw(r, "</label></fieldset><p><button class=\"primary\">保存</button></p></form>");
    struct mask_rules now;
    mask_rules_load(r->db, &now);
    html_raw(r, "<h2>当前规则的效果</h2><table class=\"list\"><thead><tr><th>类型</th><th>原文</th><th>公示显示</th>"
                "</tr></thead><tbody>");
    static const char *const names[] = {"张三明", "李四", "欧阳娜娜", "诸葛亮", "王小二明"};
    char out[64];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        example(r, "姓名", names[i], mask_name_by(&now, names[i], out, sizeof out));
    example(r, "身份证号", "37040619850312409X", mask_id_by(&now, "37040619850312409X", out, sizeof out));
    example(r, "电话号码", "13812345678", mask_phone_by(&now, "13812345678", out, sizeof out));
    html_raw(r, "</tbody></table>");
    html_end(r);
}

void page_masking(struct req *r)
{
    struct mask_rules m;
    mask_rules_load(r->db, &m);
    masking_page(r, &m, NULL);
}

/* A number field of the form, or -1 when absent or not a number. */
static int form_number(struct req *r, const char *name)
{
    const char *v = req_form(r, name);
    char *end;
    long n = v && *v ? strtol(v, &end, 10) : -1;
    return v && *v && !*end && n >= 0 && n < 100 ? (int)n : -1;
}

void page_masking_save(struct req *r)
{
    struct err e = {0};
    struct mask_rules m = {0};
    const char *name_surname = req_form(r, "name_surname"), *surnames = req_form(r, "compound_surnames");
    m.name_surname = name_surname && strcmp(name_surname, "1") == 0;
    m.name_last = req_form(r, "name_last") != NULL;
    m.id_head = form_number(r, "id_head");
    m.id_tail = form_number(r, "id_tail");
    m.phone_head = form_number(r, "phone_head");
    m.phone_tail = form_number(r, "phone_tail");
    int fits = !surnames || strlen(surnames) < sizeof m.surnames;
    snprintf(m.surnames, sizeof m.surnames, "%s", fits && surnames ? surnames : "");
    if (!fits)
        err_set(&e, 422, "invalid_surnames", "compound_surnames", "复姓列表过长（不超过200字）");
    if (fits && mask_rules_save(r->db, &r->user, &m, &e) == 0) {
        reply_redirect(r, "/admin/masking?ok=updated");
        return;
    }
    masking_page(r, &m, &e);
    r->status = e.status;
}
