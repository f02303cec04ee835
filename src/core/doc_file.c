/* doc_file.c: the type and size checks of uploaded documents (see doc_file.h). */
#include "doc_file.h"

#include <string.h>

static const struct {
    const char *kind, *mime, *label;
    const unsigned char *magic;
    size_t n;
} kinds[] = {
    {"pdf", "application/pdf", "PDF 文件", (const unsigned char *)"%PDF-", 5},
    {"jpg", "image/jpeg", "JPG 图片", (const unsigned char *)"\xFF\xD8\xFF", 3},
    {"png", "image/png", "PNG 图片", (const unsigned char *)"\x89PNG\r\n\x1A\n", 8},
};

const char *doc_file_kind(const unsigned char *data, size_t len)
{
    for (size_t i = 0; data && i < sizeof kinds / sizeof kinds[0]; i++)
        if (len >= kinds[i].n && memcmp(data, kinds[i].magic, kinds[i].n) == 0)
            return kinds[i].kind;
    return NULL;
}

/* The row of kinds[] for a kind, or -1. */
static int kind_index(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kind, kinds[i].kind))
            return (int)i;
    return -1;
}

const char *doc_file_mime(const char *kind)
{
    int i = kind_index(kind);
    return i < 0 ? NULL : kinds[i].mime;
}

const char *doc_file_label(const char *kind)
{
    int i = kind_index(kind);
    return i < 0 ? "文件" : kinds[i].label;
}

int doc_file_check(const char *name, const unsigned char *data, size_t len, const char *field, struct err *e)
{
    if (text_check(name, 1, DOC_FILE_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_document_name", field, "请选择要上传的文件（文件名1到%d个字）",
                       DOC_FILE_NAME_MAX_CHARS);
    if (!data || !len)
        return err_set(e, 422, "document_empty", field, "上传的文件是空的");
    if (len > DOC_FILE_MAX_BYTES)
        return err_set(e, 422, "document_too_large", field, "文件不能超过 %d MB", DOC_FILE_MAX_BYTES / (1024 * 1024));
    if (!doc_file_kind(data, len))
        return err_set(e, 422, "document_type", field, "只能上传 PDF、JPG 或 PNG 文件（按文件内容判断）");
    return 0;
}
