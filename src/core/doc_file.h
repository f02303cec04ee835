/*
 * doc_file.h: uploaded supporting documents (diagnoses, bills, certificates) as every programme takes
 * them: PDF, JPEG or PNG files up to DOC_FILE_MAX_BYTES, their type decided by their first bytes (never
 * by the name or the browser's word). Pure; the domains store them (relief_doc.c, household_change.c).
 */
#ifndef BANGFU_DOC_FILE_H
#define BANGFU_DOC_FILE_H
#include <stddef.h>

#include "err.h"
#include "text.h"

#define DOC_FILE_MAX_BYTES (4 * 1024 * 1024) /* 4 MiB a file */
#define DOC_FILE_NAME_MAX_CHARS 100
#define DOC_FILE_NAME_SIZE TEXT_SIZE(DOC_FILE_NAME_MAX_CHARS)

/* The kind of a file by its magic bytes: "pdf" (%PDF-), "jpg" (FF D8 FF), "png" (89 PNG CR LF 1A LF),
   or NULL for anything else. */
const char *doc_file_kind(const unsigned char *data, size_t len);
/* The MIME type of a kind ("application/pdf", "image/jpeg", "image/png"), or NULL. */
const char *doc_file_mime(const char *kind);
/* What a reader calls the kind ("PDF 文件", "JPG 图片", "PNG 图片"). */
const char *doc_file_label(const char *kind);
/* Checks an upload before anything is stored: 0, or -1 with 422 on field: `invalid_document_name`
   (1..100 characters), `document_empty`, `document_too_large`, `document_type` (not PDF/JPEG/PNG by
   its bytes). */
int doc_file_check(const char *name, const unsigned char *data, size_t len, const char *field, struct err *e);

#endif
