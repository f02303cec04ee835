/*
 * markdown.h: Markdown to HTML with libcmark's safe defaults: raw HTML is replaced by a comment
 * and javascript:/vbscript:/file:/data: links are dropped. CMARK_OPT_UNSAFE is never used.
 */
#ifndef BANGFU_MARKDOWN_H
#define BANGFU_MARKDOWN_H
#include <stddef.h>

/* Renders text (len bytes) to safe HTML. Returns a malloc'd string (caller frees) or NULL. */
char *markdown_to_html(const char *text, size_t len);

#endif
