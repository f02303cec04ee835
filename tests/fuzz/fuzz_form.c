/*
 * fuzz_form.c: libFuzzer target for our side of request parsing in server.c (included here so
 * its static callbacks can be called): the post-processor callback that assembles form fields
 * from pieces (split anywhere, even inside a UTF-8 character) under the field, upload and field
 * count limits; the query-argument callback under the length and count limits; and the lookups
 * handlers use (req_form, req_form_nth, req_query_int).
 *
 * The input drives a sequence of pieces: [key byte][flags byte][length byte][length bytes].
 * A model built alongside says what each field must hold; any difference aborts.
 */
#include "../../src/web/server.c"

#define MAX_MODEL 300

struct model_field {
    char key[4];
    int upload;
    size_t len;
    unsigned char *val;
};

/* Feeds the pieces to collect_form and checks the result against the model. */
static void fuzz_form(const uint8_t *data, size_t size)
{
    struct req *r = calloc(1, sizeof *r);
    static struct model_field m[MAX_MODEL];
    int nm = 0;
    size_t pos = 0;
    while (pos + 3 <= size && nm < MAX_MODEL) {
        uint8_t kb = data[pos], flags = data[pos + 1];
        size_t len = data[pos + 2] * (flags & 0x80 ? 300u : 1u); /* long pieces cross the 64 KB limit */
        pos += 3;
        size_t avail = size - pos, take = len < avail ? len : avail;
        char key[4] = {'a' + kb % 4, (flags & 0x40) ? 'x' : '\0', '\0', '\0'};
        /* a continuation piece has off > 0, as libmicrohttpd sends it; off 0 starts a field, except
           after an empty piece of the same name (a field opened before its value arrived) */
        int same = nm && strcmp(m[nm - 1].key, key) == 0;
        int cont = same && (((flags & 1) && m[nm - 1].len > 0) || m[nm - 1].len == 0);
        int upload = cont ? m[nm - 1].upload : (flags & 2) != 0;
        uint64_t off = cont ? m[nm - 1].len : 0;
        unsigned char *piece = malloc(len ? len : 1);
        for (size_t i = 0; i < len; i++)
            piece[i] = avail ? data[pos + i % avail] : 'x'; /* long pieces repeat the input */
        collect_form(r, MHD_POSTDATA_KIND, key, upload ? "f.csv" : NULL, NULL, NULL, (const char *)piece, off, len);
        if (r->too_large) {
            free(piece);
            break;
        }
        if (!cont) {
            memset(&m[nm], 0, sizeof m[nm]);
            memcpy(m[nm].key, key, sizeof key);
            m[nm].upload = upload;
            nm++;
        }
        struct model_field *f = &m[nm - 1];
        f->val = realloc(f->val, f->len + len + 1);
        memcpy(f->val + f->len, piece, len);
        f->len += len;
        free(piece);
        pos += take;
    }
    if (!r->too_large) {
        if (r->nform != nm)
            abort();
        for (int i = 0; i < nm; i++) {
            const struct kv *kv = &r->form[i];
            if (strcmp(kv->key, m[i].key) || kv->len != m[i].len || (m[i].len && memcmp(kv->val, m[i].val, m[i].len)) ||
                kv->val[kv->len] != '\0' || (!kv->filename) != !m[i].upload)
                abort();
            if (kv->len > (m[i].upload ? REQ_MAX_BODY : REQ_MAX_FIELD))
                abort();
        }
        for (int i = 0; i < nm; i++) {
            int nth = 0;
            for (int k = 0; k < i; k++)
                nth += strcmp(m[k].key, m[i].key) == 0;
            if (req_form_nth(r, m[i].key, nth) != r->form[i].val)
                abort();
        }
    } else if (r->nform > REQ_MAX_FIELDS) {
        abort();
    }
    for (int i = 0; i < nm; i++)
        free(m[i].val);
    r->pp = NULL;
    req_free(r);
}

/* Feeds NUL-separated key=value pairs to collect_query and checks the limits and the values. */
static void fuzz_query(const uint8_t *data, size_t size)
{
    struct req *r = calloc(1, sizeof *r);
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    size_t bytes = 0;
    int n = 0;
    for (char *p = s; p < s + size; p += strlen(p) + 1) {
        char *eq = strchr(p, '=');
        if (eq)
            *eq = '\0';
        collect_query(r, MHD_GET_ARGUMENT_KIND, p, eq ? eq + 1 : NULL);
        bytes += strlen(p) + (eq ? strlen(eq + 1) : 0) + 2;
        n++;
        if (eq)
            *eq = '=';
    }
    int over = bytes > REQ_MAX_QUERY || n > REQ_MAX_QUERY_ARGS;
    if (over != (r->too_large == LIMIT_QUERY) || r->nquery > REQ_MAX_QUERY_ARGS)
        abort();
    if (!over && r->nquery != n)
        abort();
    for (int i = 0; i < r->nquery; i++) {
        const char *v = req_query(r, r->query[i].key);
        if (!v || strlen(r->query[i].val) != r->query[i].len)
            abort();
        req_query_int(r, r->query[i].key, 7);
    }
    free(s);
    req_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] & 1)
        fuzz_form(data + 1, size - 1);
    else
        fuzz_query(data + 1, size - 1);
    return 0;
}
