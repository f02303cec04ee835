/*
 * poppler.h: helpers for the unit tests that check printed documents the way a reader sees them,
 * with poppler-utils (pdftotext, pdfinfo): write PDF bytes to a file in /tmp, run a command and
 * read its output. Include after <cmocka.h>. Set BANGFU_KEEP_PDF=1 to keep the files for a look.
 */
#ifndef BANGFU_TEST_POPPLER_H
#define BANGFU_TEST_POPPLER_H
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes a PDF (checking that it looks like one) to a new file in /tmp named after tag; returns
   its path (a static buffer, valid until the next call). */
static inline const char *write_tmp(const char *data, size_t len, const char *tag)
{
    static char path[128];
    assert_non_null(data);
    assert_true(len > 1000);
    assert_memory_equal(data, "%PDF-", 5);
    snprintf(path, sizeof path, "/tmp/bangfu_test_%s_%d.pdf", tag, (int)getpid());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Removes a file written by write_tmp unless BANGFU_KEEP_PDF is set. */
static inline void drop_tmp(const char *path)
{
    if (!getenv("BANGFU_KEEP_PDF"))
        unlink(path);
}

/* Runs a shell command and returns its standard output (malloc'd, caller frees); fails the test
   when the command fails. */
static inline char *run(const char *fmt, ...)
{
    char cmd[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    size_t cap = 4096, len = 0, n;
    char *out = malloc(cap);
    assert_non_null(out);
    while ((n = fread(out + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
    }
    out[len] = '\0';
    assert_int_equal(pclose(f), 0);
    return out;
}

/* Reads the bounding box (xMin, yMin, xMax, yMax in points from the top-left) of the first
   occurrence of word in pdftotext -bbox output of path. Returns 1 if found. */
static inline int word_box(const char *path, const char *word, double box[4])
{
    char *html = run("pdftotext -q -bbox %s -", path);
    char needle[128];
    snprintf(needle, sizeof needle, ">%s</word>", word);
    char *hit = strstr(html, needle);
    int found = 0;
    if (hit) {
        char *start = hit;
        while (start > html && strncmp(start, "<word", 5))
            start--;
        found = sscanf(start, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &box[0], &box[1], &box[2],
                       &box[3]) == 4;
    }
    free(html);
    return found;
}

#endif
