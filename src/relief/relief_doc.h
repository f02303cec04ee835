/*
 * relief_doc.h: supporting documents of a relief application (diagnosis, bills, certificates):
 * files checked by doc_file.h, kept in the database and read only in the reader's scope.
 */
#ifndef BANGFU_RELIEF_DOC_H
#define BANGFU_RELIEF_DOC_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "doc_file.h"
#include "text.h"
#include "user.h"

/* Attaches a file to an application in the actor's scope (404/403): 422 `invalid_document_name`
   (1..100 characters), `document_empty`, `document_too_large`, `document_type` (not PDF/JPEG/PNG
   by its bytes). Audited (name, kind, size). Returns the document id or -1; a refusal stores
   nothing. */
int64_t relief_doc_add(struct db *db, const struct user_ctx *actor, int64_t application_id, const char *name,
                       const unsigned char *data, size_t len, struct err *e);

struct relief_doc {
    int64_t id, application_id, size;
    char name[DOC_FILE_NAME_SIZE];
    char kind[8];
    char uploaded_by[NAME_SIZE];
    char uploaded_at[24];
    unsigned char *data; /* relief_doc_get only: malloc'd, the caller frees */
};
/* Calls fn for each document of an application the actor may see (without data), oldest first.
   Returns the count, or -1 with e (404/403). */
int relief_doc_list(struct db *db, const struct user_ctx *actor, int64_t application_id,
                    void (*fn)(const struct relief_doc *, void *), void *ctx, struct err *e);
/* Loads document doc_id of the application with its bytes, when the actor may see the application:
   0, or -1 with 404/403. */
int relief_doc_get(struct db *db, const struct user_ctx *actor, int64_t application_id, int64_t doc_id,
                   struct relief_doc *out, struct err *e);

#endif
