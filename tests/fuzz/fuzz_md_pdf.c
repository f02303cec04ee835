/* libFuzzer target: Markdown → notice-board PDF (src/pdf/md_pdf.c laying out cmark's tree through
   src/pdf/pdf.c). Every input is laid out in a document of its own, which must save as a PDF: no
   state is carried from one input to the next, so every finding reproduces from its input alone. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md_pdf.h"
#include "pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *err = NULL;
    struct pdf *doc = pdf_new("模糊测试", &err);
    if (!doc)
        abort();
    struct md_pdf_doc d = {"模糊测试", "副标题", (const char *)data, size, "落款\n日期", 0};
    char *out = NULL;
    size_t len = 0;
    if (md_pdf_draw(doc, &d) != 0 || pdf_save(doc, &out, &len) != 0 || len < 5 || memcmp(out, "%PDF-", 5) != 0) {
        fprintf(stderr, "md_pdf: %s\n", pdf_error(doc));
        abort();
    }
    free(out);
    pdf_free(doc);
    return 0;
}
