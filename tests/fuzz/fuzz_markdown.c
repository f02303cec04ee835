/* libFuzzer target: Markdown → HTML (markdown.c, cmark with safe options); the output must never
   contain a raw <script> or a javascript: link. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *html = markdown_to_html((const char *)data, size);
    if (html && (strstr(html, "<script") || strstr(html, "href=\"javascript:")))
        abort();
    free(html);
    return 0;
}
