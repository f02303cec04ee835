/* form.c: forms drawn again with what was typed, and the confirmation step (see form.h). */
#include "form.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "money.h"
#include "unit.h"

int form_posted(const struct req *r, const char *suffix)
{
    size_t lp = strlen(r->path), ls = strlen(suffix);
    return r->method && !strcmp(r->method, "POST") && lp >= ls && !strcmp(r->path + lp - ls, suffix);
}

const char *form_echo(const struct req *r, const char *suffix, const char *name, const char *dflt)
{
    return form_echo_nth(r, suffix, name, 0, dflt);
}

const char *form_echo_nth(const struct req *r, const char *suffix, const char *name, int n, const char *dflt)
{
    if (!form_posted(r, suffix))
        return dflt;
    const char *v = req_form_nth(r, name, n);
    return v ? v : "";
}

int form_echo_checked(const struct req *r, const char *suffix, const char *name, const char *v, int dflt)
{
    if (!form_posted(r, suffix))
        return dflt;
    const char *p;
    for (int i = 0; (p = req_form_nth(r, name, i)); i++)
        if (!strcmp(p, v))
            return 1;
    return 0;
}

void form_field_error(struct req *r, const char *name)
{
    const struct err *e = r->shown_error;
    size_t n = strlen(name);
    /* a list's field names its element ("attendees[2]"): shown after the list's one input */
    if (e && e->field[0] && !strncmp(e->field, name, n) && (!e->field[n] || e->field[n] == '['))
        html_printf(r, "<small class=\"field-error\" role=\"alert\">%s</small>", e->message);
}

void form_input(struct req *r, const char *suffix, const char *label, const char *name, const char *field,
                const char *extra, const char *dflt)
{
    html_printf(r, "<label>%s", label);
    html_raw_printf(r, "<input name=\"%s\" %s value=\"", name, extra);
    html_text(r, form_echo(r, suffix, name, dflt));
    html_raw(r, "\">");
    form_field_error(r, field ? field : name);
    html_raw(r, "</label>");
}

char *form_money(int64_t fen, char *out, size_t n)
{
    char plain[MONEY_TEXT_SIZE], capital[MONEY_CAPITAL_SIZE];
    money_format(fen, plain, sizeof plain);
    if (money_capital(fen < 0 ? -fen : fen, capital, sizeof capital) != 0)
        capital[0] = '\0';
    const char *words = strncmp(capital, "人民币", strlen("人民币")) ? capital : capital + strlen("人民币");
    if (snprintf(out, n, "%s 元（%s）", plain, words) >= (int)n && n)
        out[0] = '\0';
    return out;
}

enum form_confirm_step form_step(const struct req *r)
{
    const char *c = req_form(r, "confirm");
    return c && !strcmp(c, "1") ? FORM_CONFIRMED : c && !strcmp(c, "edit") ? FORM_EDIT : FORM_ASKED;
}

/* form_ask and form_ask_showing: the question from fmt and ap, then show(r, ctx) when given. */
static enum form_confirm_step ask(struct req *r, const char *back, void (*show)(struct req *, void *), void *ctx,
                                  const char *fmt, va_list ap)
{
    if (form_step(r) != FORM_ASKED)
        return form_step(r);
    char question[FORM_QUESTION_SIZE];
    int len = vsnprintf(question, sizeof question, fmt, ap);
    if (len < 0 || (size_t)len >= sizeof question) {
        reply_fail(r, 500, "question_too_long", "确认内容过长，无法显示");
        return FORM_ASKED;
    }
    html_begin(r, "请确认");
    html_raw(r, "<section class=\"confirm\"><h1>请确认</h1><p class=\"question\">");
    html_text(r, question);
    html_raw(r, "</p>");
    if (show)
        show(r, ctx);
    html_raw(r, "<p class=\"muted\">确认后即登记，不能直接撤销；如需修改，请点“返回修改”。</p><form method=\"post\" action=\"");
    html_text(r, r->path);
    html_raw(r, "\">");
    html_csrf(r);
    for (int i = 0; i < r->nform; i++) {
        const struct kv *f = &r->form[i];
        if (f->filename || !strcmp(f->key, "csrf") || !strcmp(f->key, "confirm"))
            continue;
        html_raw(r, "<input type=\"hidden\" name=\"");
        html_text(r, f->key);
        html_raw(r, "\" value=\"");
        html_text(r, f->val);
        html_raw(r, "\">");
    }
    html_raw(r, "<p><button class=\"primary\" name=\"confirm\" value=\"1\">确认</button> "
                "<button name=\"confirm\" value=\"edit\">返回修改</button> <a href=\"");
    html_text(r, back);
    html_raw(r, "\">取消</a></p></form></section>");
    html_end(r);
    return FORM_ASKED;
}

enum form_confirm_step form_ask(struct req *r, const char *back, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum form_confirm_step step = ask(r, back, NULL, NULL, fmt, ap);
    va_end(ap);
    return step;
}

enum form_confirm_step form_ask_showing(struct req *r, const char *back, void (*show)(struct req *, void *), void *ctx,
                                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum form_confirm_step step = ask(r, back, show, ctx, fmt, ap);
    va_end(ap);
    return step;
}

/* The form and field whose posted value unit_option selects. */
struct unit_choice {
    struct req *r;
    const char *suffix, *name;
};

/* One <option> of form_unit_options. */
static void unit_option(const struct unit *u, void *ctx)
{
    const struct unit_choice *c = ctx;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)u->id);
    html_printf(c->r, "<option value=\"%s\"%s>", id, !strcmp(form_echo(c->r, c->suffix, c->name, ""), id) ? " selected" : "");
    html_text(c->r, u->name);
    html_raw(c->r, "</option>");
}

void form_unit_options(struct req *r, const char *suffix, const char *name)
{
    struct unit_choice c = {r, suffix, name};
    unit_list(r->db, r->user.unit_path, NULL, unit_option, &c);
}

int64_t form_user_options(struct req *r, void (*option)(const struct user_row *, void *), void *ctx)
{
    int64_t total = user_list(r->db, r->user.unit_path, "", FORM_PICK_MAX, 0, option, ctx);
    if (total > FORM_PICK_MAX)
        html_printf(r, "<option value=\"\" disabled>（只列出前 %d 个账号，另有 %lld 个未列出）</option>", FORM_PICK_MAX,
                    (long long)(total - FORM_PICK_MAX));
    return total;
}
