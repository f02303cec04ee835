/* household_import.c: checking and importing household CSV files (see household_import.h). */
#include "household_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "csv.h"
#include "household.h"
#include "household_change.h"
#include "text.h"

enum column { COL_VILLAGE, COL_HEAD_NAME, COL_HEAD_ID, COL_HEAD_PHONE, COL_ADDRESS, COL_CATEGORIES, COL_POLICY,
              COL_MEMBERS, COL_HEAD_HUKOU, COL_HEAD_BANK, COL_HEAD_ACCOUNT, COL__MAX };
static const char *const column_names[COL__MAX] = {"村", "户主姓名", "户主身份证号", "户主手机号", "住址", "家庭类别",
                                                     "符合政策", "成员", "户主户籍", "户主开户银行", "户主银行账号"};
static const int column_required[COL__MAX] = {1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
/* A member is 姓名/身份证号/关系, then optionally /户籍 and /开户银行/银行账号. */
#define MEMBER_PARTS_MAX 6

/* Records a problem for a line (keeps the first IMPORT_MAX_PROBLEMS). */
static void problem(struct import_result *res, int line, const char *fmt, const char *detail)
{
    if (res->nproblems >= IMPORT_MAX_PROBLEMS) {
        res->more_problems++;
        return;
    }
    struct import_problem *p = &res->problems[res->nproblems++];
    p->line = line;
    snprintf(p->message, sizeof p->message, fmt, detail);
}

/* Finds the village by "村名" or "镇名/村名" within the actor's scope; 0 when none, -1 when
   the name is ambiguous. */
static int64_t village_by_name(struct db *db, const struct user_ctx *actor, const char *name)
{
    char town[96] = "", village[96];
    const char *slash = strchr(name, '/');
    if (slash && (size_t)(slash - name) < sizeof town) {
        memcpy(town, name, (size_t)(slash - name));
        town[slash - name] = '\0';
        snprintf(village, sizeof village, "%s", slash + 1);
    } else {
        snprintf(village, sizeof village, "%s", name);
    }
    static const char sql[] = "SELECT count(*), min(v.id) FROM units v JOIN units t ON t.id = v.parent_id "
                              "WHERE v.kind = 'village' AND v.name = ?1 AND (?2 = '' OR t.name = ?2) "
                              "AND in_scope(v.path, ?3)";
    sqlite3_stmt *st = db_prep(db, sql);
    if (!st)
        return 0;
    db_bind(st, "ttt", village, town, actor->unit_path);
    int64_t id = 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        id = sqlite3_column_int(st, 0) > 1 ? -1 : sqlite3_column_int64(st, 1);
    db_done(st);
    return id;
}

/* Splits s in place at any of the separators (ASCII ; , | or the Chinese ；、，), returning the
   number of non-empty parts stored in parts (at most max). */
static int split(char *s, char **parts, int max)
{
    static const char *const seps[] = {"；", "、", "，", ";", ",", "|"};
    int n = 0;
    char *start = s;
    for (char *p = s;; ) {
        size_t seplen = 0;
        for (size_t k = 0; k < sizeof seps / sizeof *seps && !seplen; k++)
            if (strncmp(p, seps[k], strlen(seps[k])) == 0)
                seplen = strlen(seps[k]);
        if (seplen || !*p) {
            int end = !*p;
            *p = '\0';
            char *t = start;
            while (*t == ' ')
                t++;
            if (*t && n < max)
                parts[n++] = t;
            if (end)
                break;
            p += seplen;
            start = p;
        } else {
            p++;
        }
    }
    return n;
}

/* One row's storage: the household input points into these copies. */
struct row_buf {
    char categories[512], members[2048];
    char *member_parts[HH_MAX_MEMBERS];
};

/* Turns one CSV record into a household input; returns 0, or -1 after recording a problem. */
static int row_to_input(struct db *db, const struct user_ctx *actor, const struct csv_record *rec,
                        const int *col, struct row_buf *rb, struct household_input *in, struct import_result *res)
{
    const char *f[COL__MAX];
    for (int c = 0; c < COL__MAX; c++)
        f[c] = col[c] >= 0 && col[c] < rec->nfields ? rec->fields[col[c]] : "";
    memset(in, 0, sizeof *in);
    in->village_id = village_by_name(db, actor, f[COL_VILLAGE]);
    if (in->village_id == 0) {
        problem(res, rec->line, "找不到村“%s”，或不在您的管辖范围内", f[COL_VILLAGE]);
        return -1;
    }
    if (in->village_id < 0) {
        problem(res, rec->line, "村名“%s”不唯一，请写成 镇名/村名", f[COL_VILLAGE]);
        return -1;
    }
    in->head = (struct member_input){.name = f[COL_HEAD_NAME], .id_number = f[COL_HEAD_ID],
                                     .phone = f[COL_HEAD_PHONE],
                                     .status = {.hukou = f[COL_HEAD_HUKOU], .bank_name = f[COL_HEAD_BANK],
                                                .bank_account = f[COL_HEAD_ACCOUNT]}};
    in->address = f[COL_ADDRESS];
    if (strcmp(f[COL_POLICY], "是") && strcmp(f[COL_POLICY], "否")) {
        problem(res, rec->line, "“符合政策”应填 是 或 否，而不是“%s”", f[COL_POLICY]);
        return -1;
    }
    in->policy_compliant = strcmp(f[COL_POLICY], "是") == 0;
    snprintf(rb->categories, sizeof rb->categories, "%s", f[COL_CATEGORIES]);
    char *cats[HC__MAX * 2];
    int nc = split(rb->categories, cats, HC__MAX * 2);
    for (int i = 0; i < nc; i++) {
        int c = hh_category_parse(cats[i]);
        if (c < 0) {
            problem(res, rec->line, "未知的家庭类别“%s”", cats[i]);
            return -1;
        }
        in->categories |= 1u << c;
    }
    snprintf(rb->members, sizeof rb->members, "%s", f[COL_MEMBERS]);
    char *people[HH_MAX_MEMBERS];
    int np = 0;
    /* members are separated by ; or ； only (a name never holds one) */
    for (char *save, *tok = strtok_r(rb->members, ";", &save); tok && np < HH_MAX_MEMBERS;
         tok = strtok_r(NULL, ";", &save))
        people[np++] = tok;
    if (np > HH_MAX_MEMBERS - 1) {
        problem(res, rec->line, "家庭成员过多%s", "");
        return -1;
    }
    for (int i = 0; i < np; i++) {
        char *parts[MEMBER_PARTS_MAX + 1] = {0};
        char *p = people[i];
        int k = 0;
        for (char *save, *tok = strtok_r(p, "/", &save); tok && k <= MEMBER_PARTS_MAX; tok = strtok_r(NULL, "/", &save))
            parts[k++] = tok;
        if (k != 3 && k != 4 && k != MEMBER_PARTS_MAX) {
            problem(res, rec->line, "成员应写成 姓名/身份证号/关系[/户籍[/开户银行/银行账号]]：“%s”", people[i]);
            return -1;
        }
        in->members[in->nmembers++] = (struct member_input){
            .name = parts[0], .id_number = parts[1], .relation = parts[2],
            .status = {.hukou = parts[3], .bank_name = parts[4], .bank_account = parts[5]}};
    }
    return 0;
}

/* Maps header names to column positions; returns 0 or -1 naming the missing column in e. */
static int read_header(const struct csv_record *rec, int *col, struct err *e)
{
    for (int c = 0; c < COL__MAX; c++) {
        col[c] = -1;
        for (int i = 0; i < rec->nfields; i++) {
            char name[64];
            text_trim(rec->fields[i], name, sizeof name);
            if (strcmp(name, column_names[c]) == 0)
                col[c] = i;
        }
        if (col[c] < 0 && column_required[c])
            return err_set(e, 422, "missing_column", "file", "文件第一行缺少“%s”列（应有：村、户主姓名、户主身份证号、"
                                                             "户主手机号、住址、家庭类别、符合政策、成员；可加户主户籍、户主开户银行、户主银行账号）",
                           column_names[c]);
    }
    return 0;
}

/* Resident IDs seen so far in the file, to refuse a repeat across rows. */
struct seen_ids {
    char (*ids)[20];
    int n, cap;
};

/* Records the row's IDs; returns the first ID already seen in an earlier row, or NULL. */
static const char *seen_check_add(struct seen_ids *s, const struct household_input *in)
{
    for (int m = -1; m < in->nmembers; m++) {
        const char *id = m < 0 ? in->head.id_number : in->members[m].id_number;
        char norm[20];
        snprintf(norm, sizeof norm, "%s", id ? id : "");
        for (char *p = norm; *p; p++)
            if (*p == 'x')
                *p = 'X';
        for (int i = 0; i < s->n; i++)
            if (strcmp(s->ids[i], norm) == 0)
                return id;
        if (s->n == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 256;
            s->ids = realloc(s->ids, (size_t)s->cap * sizeof *s->ids);
            if (!s->ids)
                abort();
        }
        snprintf(s->ids[s->n++], 20, "%s", norm);
    }
    return NULL;
}

int household_import(struct db *db, const struct user_ctx *actor, const char *data, size_t len, struct date today,
                     int commit, struct import_result *res, struct err *e)
{
    memset(res, 0, sizeof *res);
    if (csv_to_utf8(data, len, &res->utf8, &res->utf8_len, &res->encoding) != 0)
        return err_set(e, 422, "unreadable_file", "file", "无法识别文件编码：请保存为 UTF-8 或 GB18030（GBK）编码的 CSV");
    struct csv_reader rd;
    struct csv_record rec;
    csv_reader_init(&rd, res->utf8, res->utf8_len);
    int col[COL__MAX], rc = csv_next(&rd, &rec);
    if (rc != 1) {
        csv_reader_free(&rd);
        return err_set(e, 422, "empty_file", "file", "文件为空或格式不正确");
    }
    if (read_header(&rec, col, e) != 0) {
        csv_reader_free(&rd);
        return -1;
    }
    struct seen_ids seen = {0};
    int ok = !commit || db_begin(db) == SQLITE_OK;
    while (ok && (rc = csv_next(&rd, &rec)) == 1) {
        if (++res->rows > IMPORT_MAX_ROWS) {
            err_set(e, 422, "too_many_rows", "file", "一次最多导入 %d 户", IMPORT_MAX_ROWS);
            ok = 0;
            break;
        }
        struct row_buf rb;
        struct household_input in;
        struct err re = {0};
        if (row_to_input(db, actor, &rec, col, &rb, &in, res) != 0)
            continue;
        const char *repeated = seen_check_add(&seen, &in);
        if (repeated) {
            problem(res, rec.line, "身份证号 %s 在文件中出现了两次", repeated);
            continue;
        }
        if (household_validate(db, actor, &in, today, &re) != 0) {
            problem(res, rec.line, "%s", re.message);
            continue;
        }
        if (commit && !res->nproblems && household_change_register(db, actor, &in) < 0)
            ok = 0;
    }
    if (ok && rc < 0) {
        problem(res, rd.line, "CSV 格式错误（引号不配对或字段过多）%s", "");
        rc = 0;
    }
    free(seen.ids);
    csv_reader_free(&rd);
    if (!ok && !e->status)
        db_fail(db, e);
    if (commit) {
        json_t *after = json_pack("{s:i, s:s}", "rows", res->rows, "encoding", res->encoding);
        if (ok && !res->nproblems && audit_write(db, actor, "import", "household", 0, NULL, after) == 0 &&
            db_commit(db) == SQLITE_OK) {
            json_decref(after);
            return 0;
        }
        json_decref(after);
        db_rollback(db);
        if (ok && !res->nproblems)
            return db_fail(db, e);
    }
    return ok ? 0 : -1;
}

void household_import_free(struct import_result *res)
{
    free(res->utf8);
    res->utf8 = NULL;
}
