/* libFuzzer target: Markdown → notice-board PDF (src/pdf/md_pdf.c laying out cmark's tree through
   src/pdf/pdf.c). Every input must lay out; the pages go into one document kept open (loading
   the font and saving take far longer than a layout), which is saved, checked to be a PDF and
   started afresh every 64 inputs and at the end. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md_pdf.h"
#include "pdf.h"

static struct pdf *doc;
static int inputs;

/* Saves the open document, aborts unless it is a PDF, and frees it. */
static void save_and_check(void)
{
    char *out = NULL;
    size_t len = 0;
    if (pdf_save(doc, &out, &len) != 0 || len < 5 || memcmp(out, "%PDF-", 5) != 0) {
        fprintf(stderr, "pdf_save: %s\n", pdf_error(doc));
        abort();
    }
    free(out);
    pdf_free(doc);
    doc = NULL;
}

/* At exit: the last document is saved and checked too. */
static void at_end(void)
{
    if (doc)
        save_and_check();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *err = NULL;
    if (!doc) {
        doc = pdf_new("模糊测试", &err);
        if (!doc)
            abort();
        if (!inputs)
            atexit(at_end);
    }
    struct md_pdf_doc d = {"模糊测试", "副标题", (const char *)data, size, "落款\n日期"};
    if (md_pdf_draw(doc, &d) != 0)
        abort();
    if (++inputs % 64 == 0)
        save_and_check();
    return 0;
}
