/* keyset_page.c: reading a keyset page's parameters, its pager and its API fields (keyset_page.h). */
#include "keyset_page.h"

#include <string.h>

#include "html.h"

int keyset_read(struct req *r, int dflt, int max, struct keyset *k, struct err *e)
{
    memset(k, 0, sizeof *k);
    int64_t l = req_query_int(r, "limit", dflt);
    k->limit = (int)(l < 1 ? dflt : l > max ? max : l);
    int64_t o = req_query_int(r, "offset", 0);
    k->offset = (int)(o < 0 ? 0 : o > 100000000 ? 100000000 : o);
    const char *a = req_query(r, "after");
    if (!a || !*a)
        return 0;
    if (strlen(a) >= KEYSET_CURSOR_SIZE || keyset_parse(a, k) != 0)
        return err_set(e, 422, "invalid_cursor", "after", "after 应为上一页给出的游标（next），原样传回");
    return 0;
}

void keyset_pager(struct req *r, const struct keyset *k, int64_t total)
{
    html_raw(r, "<nav class=\"pager\">");
    if (!k->rows && !k->after)
        html_raw(r, "<span>没有符合条件的记录</span>");
    else if (total >= 0)
        html_printf(r, "<span>本页 %d 条，共 %lld 条</span>", k->rows, (long long)total);
    else
        html_printf(r, "<span>本页 %d 条，条数和金额的合计见表末合计行（全部页）</span>", k->rows);
    if (k->has_prev) {
        html_raw(r, " <a rel=\"prev\" href=\"");
        html_self_link(r, "after", k->prev);
        html_raw(r, "\">上一页</a>");
    }
    if (k->more) {
        html_raw(r, " <a rel=\"next\" href=\"");
        html_self_link(r, "after", k->next);
        html_raw(r, "\">下一页</a>");
    }
    html_raw(r, "</nav>");
}

void keyset_json(json_t *list, const struct keyset *k)
{
    json_object_set_new(list, "next", k->more ? json_string(k->next) : json_null());
    json_object_set_new(list, "limit", json_integer(k->limit));
}
