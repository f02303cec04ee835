/*
 * html.h: the page frame (head, navigation by role, footer), error pages, and the small
 * shared pieces every page uses (CSRF field, pager, flash message). Text is escaped by default:
 * html_text and html_printf's %s escape; html_raw and html_raw_printf are the only writers that do
 * not, and are only for our literals.
 */
#ifndef BANGFU_HTML_H
#define BANGFU_HTML_H
#include <stdint.h>

#include "server.h"

/* Appends escaped text to the page. */
void html_text(struct req *r, const char *s);
/* Appends our own literal markup, unescaped. Never pass input through it. */
void html_raw(struct req *r, const char *s);
/* Room for one numeric conversion spec of html_printf ("%-+08lld" and its terminator). */
#define HTML_HREF_SIZE 256 /* the longest site path html_may_open checks */
#define HTML_SPEC_SIZE 16
/* printf for page text: the format is our literal markup; every %s argument is escaped as
   html_text does, numbers (%d, %lld, %02d, %.2f …) are written as printf writes them. This is
   the writer for strings. */
void html_printf(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* printf with %s written UNESCAPED: only for deliberate markup — our own literal fragments
   (" class=\"num\"", "<th>状态</th>") or HTML already escaped or rendered safely. Never pass data. */
void html_raw_printf(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends Markdown rendered by markdown.c: cmark's safe defaults drop raw HTML and javascript:,
   vbscript:, file: and data: links, so its output is the one thing besides our literals that is
   written unescaped. NULL appends nothing. */
void html_markdown(struct req *r, const char *md);
/* Appends an amount of money in yuan ("200,000.00"), from fen. */
void html_money(struct req *r, int64_t fen);
/* Writes a time stored in UTC ("2026-11-23 02:05:09", as SQLite's clock gives it) in China time
   ("2026-11-23 10:05:09"); other text as it is. */
void html_china_time(struct req *r, const char *utc);
/* A folded 格式说明 explaining the formatting marks a long text field takes (Markdown), in Chinese. */
void html_format_help(struct req *r);
/* Writes a count with thousands separators (1,418). */
void html_count(struct req *r, int64_t n);
/* 1 when the route table lets the user's role open href (a site path, query ignored) with GET:
   pages show a link only to those who may follow it. */
int html_may_open(struct req *r, const char *href);
/* A link to href with the text, or the text alone when the user's role may not open href. */
void html_link(struct req *r, const char *href, const char *text);

/* Starts a staff page (or a public page when the route is public) with the title. */
void html_begin(struct req *r, const char *title);
/* Closes the page and sets status 200 unless a status was set. */
void html_end(struct req *r);
/* A whole page saying what went wrong, with e's status. */
void html_error_page(struct req *r, const struct err *e);
/* The hidden CSRF input for forms. */
void html_csrf(struct req *r);
/* A flash message chosen by ?ok=CODE from a fixed table (never reflected text); ?refused=CODE
   chooses a refusal from another table, shown in the error style. */
void html_flash(struct req *r);
/* Pager links: "第 a–b 条，共 N 条" and previous/next, keeping the current query except offset.
   A total above cap (when cap > 0) reads "超过 cap 条" (counting stopped there). */
void html_pager(struct req *r, int64_t total, int limit, int offset, int64_t cap);
/* Appends (escaped) the current path with its query, key set to value (left out when value is "");
   offset, after and ok dropped. */
void html_self_link(struct req *r, const char *key, const char *value);
/* An error box for a form that was refused, naming the field's problem. */
void html_form_error(struct req *r, const struct err *e);
/* Reads ?limit= (default 20, at most 200) and ?offset= (at least 0). */
void html_paging(struct req *r, int *limit, int *offset);

#endif
