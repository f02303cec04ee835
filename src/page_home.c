/* page_home.c: the staff home page (工作台): who I am, my unit, and the registry's key figures. */
#include <stdio.h>

#include "handlers.h"
#include "household.h"
#include "html.h"

/* One figure tile. */
static void tile(struct req *r, const char *label, int64_t value, const char *href)
{
    html_printf(r, "<a class=\"tile\" href=\"%s\"><span class=\"figure\">%lld</span><span>%s</span></a>", href,
                (long long)value, label);
}

void page_home(struct req *r)
{
    html_begin(r, "工作台");
    html_raw(r, "<h1>工作台</h1><p class=\"muted\">");
    html_text(r, r->user.unit_name);
    html_raw(r, " · ");
    html_text(r, role_name(r->user.role));
    html_printf(r, " · 今天是 %04d-%02d-%02d</p><div class=\"tiles\">", r->today.y, r->today.m, r->today.d);
    struct household_stats s;
    if (household_stats(r->db, &r->user, &s) == 0) {
        tile(r, "计生家庭", s.households, "/households");
        tile(r, "家庭成员", s.members, "/households");
        for (int c = 0; c < HC__MAX; c++) {
            char href[96];
            snprintf(href, sizeof href, "/households?category=%s", hh_category_code(c));
            tile(r, hh_category_name(c), s.by_category[c], href);
        }
    }
    html_raw(r, "</div>");
    html_end(r);
}
