/* Unit tests for the route table and matcher (routes.c) and the HTML/URL escaping writers (buf.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "routes.h"

/* A zeroed request on the heap (it is large). */
static struct req *new_req(void)
{
    struct req *r = calloc(1, sizeof *r);
    assert_non_null(r);
    return r;
}

static void test_match_literals_and_ids(void **state)
{
    struct req *r = new_req();
    assert_true(route_match("/", "/", r));
    assert_true(route_match("/households", "/households", r));
    assert_false(route_match("/households", "/households/", r));
    assert_false(route_match("/households", "/household", r));
    assert_true(route_match("/households/{id}", "/households/42", r));
    assert_int_equal(r->id[0], 42);
    assert_false(route_match("/households/{id}", "/households/0", r));
    assert_false(route_match("/households/{id}", "/households/04", r));
    assert_false(route_match("/households/{id}", "/households/-1", r));
    assert_false(route_match("/households/{id}", "/households/1x", r));
    assert_false(route_match("/households/{id}", "/households/1234567890123456", r));
    assert_true(route_match("/households/{id}/members", "/households/7/members", r));
    assert_int_equal(r->id[0], 7);
    free(r);
    /* without a request (route_allowed): the same answers, nothing written */
    assert_true(route_match("/households/{id}/members", "/households/7/members", NULL));
    assert_false(route_match("/households/{id}", "/households/04", NULL));
    assert_true(route_match("/static/{str}", "/static/app.css", NULL));
    assert_false(route_match("/static/{str}", "/static/", NULL));
}

static void test_match_strings_and_suffixes(void **state)
{
    struct req *r = new_req();
    assert_true(route_match("/static/{str}", "/static/app.css", r));
    assert_string_equal(r->str, "app.css");
    assert_false(route_match("/static/{str}", "/static/", r));
    assert_false(route_match("/static/{str}", "/static/a/b.css", r));
    assert_true(route_match("/receipts/{str}.pdf", "/receipts/西集-2026-000123.pdf", r));
    assert_string_equal(r->str, "西集-2026-000123");
    assert_false(route_match("/receipts/{str}.pdf", "/receipts/.pdf", r));
    assert_false(route_match("/receipts/{str}.pdf", "/receipts/x.txt", r));
    free(r);
}

static void test_find_404_405(void **state)
{
    struct req *r = new_req();
    int known = 0;
    char allow[64];
    const struct route *rt = route_find("GET", "/households/3", r, &known, allow, sizeof allow);
    assert_non_null(rt);
    assert_string_equal(rt->pattern, "/households/{id}");
    assert_null(route_find("DELETE", "/households/3", r, &known, allow, sizeof allow));
    assert_int_equal(known, 1);
    assert_non_null(strstr(allow, "GET"));
    assert_non_null(strstr(allow, "POST"));
    assert_null(route_find("GET", "/nowhere", r, &known, allow, sizeof allow));
    assert_int_equal(known, 0);
    free(r);
}

/* Every route is either public or names at least one role; every API route is under /api/v1/;
   no two routes share method and pattern. */
static void test_table_is_sane(void **state)
{
    for (int i = 0; i < routes_count; i++) {
        const struct route *a = &routes[i];
        assert_true((a->flags & ROUTE_PUBLIC) || a->roles != 0);
        assert_int_equal(!!(a->flags & ROUTE_API), strncmp(a->pattern, "/api/v1/", 8) == 0);
        assert_non_null(a->handler);
        for (int j = i + 1; j < routes_count; j++)
            assert_false(!strcmp(a->method, routes[j].method) && !strcmp(a->pattern, routes[j].pattern));
    }
}

/* Pages ask the table whether to show a form; the answer is the dispatcher's. */
static void test_route_allowed(void **state)
{
    assert_true(route_allowed("POST", "/announcements", ROLE_ASSOCIATION));
    assert_true(route_allowed("POST", "/announcements/7", ROLE_RELIEF));
    assert_false(route_allowed("POST", "/announcements", ROLE_LIAISON));
    assert_false(route_allowed("POST", "/announcements", ROLE_VILLAGE));
    assert_true(route_allowed("GET", "/a/3", ROLE_REVIEWER)); /* public */
    assert_false(route_allowed("GET", "/no/such/page", ROLE_ADMIN));
    assert_false(route_allowed("DELETE", "/announcements", ROLE_ADMIN));
}

static void test_html_escaping(void **state)
{
    struct buf b;
    buf_init(&b);
    buf_html(&b, "<script>alert('x') & \"y\"</script>");
    assert_string_equal(b.data, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    buf_reset(&b);
    buf_html(&b, "张三 · 西集村");
    assert_string_equal(b.data, "张三 · 西集村");
    buf_reset(&b);
    buf_html(&b, NULL);
    assert_int_equal(b.len, 0);
    buf_urlenc(&b, "a b/欧阳&x=1");
    assert_string_equal(b.data, "a%20b%2F%E6%AC%A7%E9%98%B3%26x%3D1");
    buf_free(&b);
}

static void test_buf_growth(void **state)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 10000; i++)
        buf_printf(&b, "%d,", i % 10);
    assert_int_equal(b.len, 20000);
    size_t len;
    char *p = buf_detach(&b, &len);
    assert_int_equal(len, 20000);
    assert_int_equal(p[19998], '9');
    free(p);
    assert_null(b.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_literals_and_ids),
        cmocka_unit_test(test_match_strings_and_suffixes),
        cmocka_unit_test(test_find_404_405),
        cmocka_unit_test(test_table_is_sane),
        cmocka_unit_test(test_route_allowed),
        cmocka_unit_test(test_html_escaping),
        cmocka_unit_test(test_buf_growth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
