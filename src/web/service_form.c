/* service_form.c: the shared parts of the service forms (see service_form.h). */
#include "service_form.h"

#include "form.h"
#include "html.h"
#include "routes.h"

void service_form_open(struct req *r, const char *action, const char *summary, const char *title_label,
                       const char *day_label, const char *unit_label)
{
    char today[11];
    html_printf(r, "<details%s><summary>%s</summary><form method=\"post\" action=\"%s\" class=\"grid\">",
                form_posted(r, action) ? " open" : "", summary, action);
    html_csrf(r);
    html_printf(r, "<label class=\"wide\">%s<input name=\"title\" required maxlength=\"50\" value=\"%s\">", title_label,
                form_echo(r, action, "title", ""));
    form_field_error(r, "title");
    html_printf(r, "</label><label>%s<input name=\"on\" type=\"date\" required value=\"%s\">", day_label,
                form_echo(r, action, "on", date_format(r->today, today)));
    form_field_error(r, "on");
    html_printf(r, "</label><label>%s<select name=\"unit_id\" required><option value=\"\">请选择</option>", unit_label);
    form_unit_options(r, action, "unit_id");
    html_raw(r, "</select>");
    form_field_error(r, "unit_id");
    html_raw(r, "</label>");
}

void service_form_close(struct req *r, const char *button)
{
    html_printf(r, "<p><button class=\"primary\">%s</button></p></form></details>", button);
}

void service_page_end(struct req *r, const char *action, void (*form)(struct req *r), const struct err *shown)
{
    if (route_allowed("POST", action, r->user.role))
        form(r);
    html_end(r);
    if (shown)
        r->status = shown->status;
}
