/* loan_requested.c: documents reviewers ask for (see loan_requested.h). */
#include "loan_requested.h"

#include <stdio.h>
#include <string.h>

#include "db_row.h"
#include "text.h"

/* Length of the separator at s (、，,；; or a line break), 0 when s starts none. */
static size_t separator(const char *s)
{
    static const char *const seps[] = {"、", "，", "；", ",", ";", "\r\n", "\n", "\r"};
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
        if (strncmp(s, seps[i], strlen(seps[i])) == 0)
            return strlen(seps[i]);
    return 0;
}

/* Copies the next name of the list at *s into out (n bytes) without surrounding spaces and moves
   *s past it and its separator. Returns 0, or -1 when the name does not fit. */
static int next_name(const char **s, char *out, size_t n)
{
    const char *p = *s;
    while (*p == ' ')
        p++;
    size_t len = 0;
    while (p[len] && !separator(p + len))
        len++;
    *s = p + len + (p[len] ? separator(p + len) : 0);
    while (len && p[len - 1] == ' ')
        len--;
    if (len >= n)
        return -1;
    memcpy(out, p, len);
    out[len] = '\0';
    return 0;
}

int loan_requested_add(struct db *db, int64_t application_id, int round, int64_t department_id, int64_t user_id,
                       const char *names, struct err *e)
{
    int added = 0;
    for (const char *s = names ? names : ""; *s;) {
        char name[LOAN_REQUESTED_NAME_SIZE];
        if (next_name(&s, name, sizeof name) != 0 || (*name && text_check(name, 1, LOAN_REQUESTED_MAX_CHARS) != 0))
            return err_set(e, 422, "invalid_requested_document", "requested_documents",
                           "要求补充的材料名称每项不超过%d个字，多项用顿号或换行分开", LOAN_REQUESTED_MAX_CHARS);
        if (!*name)
            continue;
        if (db_int(db, 0, "SELECT count(*) FROM loan_requested_documents WHERE application_id = ?", "i",
                   application_id) >= LOAN_MAX_REQUESTED)
            return err_set(e, 422, "too_many_requested_documents", "requested_documents",
                           "每笔申请最多要求补充%d项材料", LOAN_MAX_REQUESTED);
        int rc = db_run(db,
                        "INSERT INTO loan_requested_documents (application_id, name, round, department_id, "
                        "requested_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (application_id, name) DO NOTHING",
                        "itiii", application_id, name, (int64_t)round, department_id, user_id);
        if (rc != SQLITE_DONE)
            return db_fail(db, e);
        added += sqlite3_changes(db->h);
    }
    return added;
}

/* A requested document's columns (r) and its department's name (d). */
#define REQUESTED_ROW(X, _)                                                                                          \
    X("r.id", INT64, id) _ X("r.name", TEXT(LOAN_REQUESTED_NAME_SIZE), name) _                                     \
        X("d.name", TEXT(NAME_SIZE), department) _ X("r.round", INT, round) _ X("r.received", INT, received)
/* Reads a REQUESTED_ROW. */
static DB_ROW_READER(requested_row_read, REQUESTED_ROW, struct loan_requested_doc)

int loan_requested_load(struct db *db, int64_t application_id, struct loan_requested_doc docs[LOAN_MAX_REQUESTED],
                        int *n)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(REQUESTED_ROW) " FROM loan_requested_documents r "
                                   "JOIN departments d ON d.id = r.department_id WHERE r.application_id = ? ORDER BY r.id");
    if (!st)
        return -1;
    db_bind(st, "i", application_id);
    *n = 0;
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW && *n < LOAN_MAX_REQUESTED)
        bad = requested_row_read(st, &docs[(*n)++]) != 0;
    return db_end(st, bad ? -1 : 0, NULL);
}

int loan_requested_missing(struct db *db, int64_t application_id)
{
    return (int)db_int(db, 0, "SELECT count(*) FROM loan_requested_documents WHERE application_id = ? AND received = 0",
                       "i", application_id);
}
