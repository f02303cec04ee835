/* markdown.c: safe Markdown rendering with libcmark (see markdown.h). */
#include "markdown.h"

#include <cmark.h>

char *markdown_to_html(const char *text, size_t len)
{
    /* CMARK_OPT_DEFAULT: safe mode is the default since cmark 0.29; no CMARK_OPT_UNSAFE. */
    return cmark_markdown_to_html(text ? text : "", text ? len : 0, CMARK_OPT_DEFAULT | CMARK_OPT_NOBREAKS);
}
