/*
 * receipt_bench.c: the relief receipt targets (issue 5), each against a baseline measured in the
 * same run. Baseline: libharu alone making one A5 page with the same font, loaded the same way
 * as src/pdf/pdf.c does (the TTC's first face, embedded, UTF-8), about as much text and as many
 * rules as a receipt, saved to memory and copied out. Targets (issue 16): one receipt
 * (receipt_pdf) at most 0.3 x the baseline (medians) and at most 100 KB; 1,000 receipts (a 双千
 * batch) in one document under 1 s. Also reports two per A4 page and a 1,000-row sign-for list. Writes the 1,000-receipt
 * PDF to the path given as the first argument (for a page count). Exits 1 when a target is missed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "pdf.h"
#include "pdf_font.h"
#include "relief_receipt.h"

#define RUNS 15
#define BATCH 1000

/* Seconds since an arbitrary start (monotonic). */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* libharu's error handler: a benchmark that cannot render has nothing to report. */
static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
    (void)data;
    fprintf(stderr, "libharu error 0x%04lX (%lu)\n", (unsigned long)code, (unsigned long)detail);
    exit(2);
}

/* The baseline document: returns its size in bytes. */
static size_t baseline_once(void)
{
    static const char *const lines[] = {
        "计划生育困难家庭救助领款凭证", "付款单位：西集镇计划生育协会", "发放日期：2026年3月15日",
        "No. 西集-2026-000123",         "领款人姓名",                   "王秀英",
        "身份证号",                     "370406********123X",           "所在村",
        "东马坊村",                     "救助类别",                     "春节走访慰问",
        "金额（小写）",                 "¥1,000.00",                    "发放方式",
        "现金",                         "金额（大写）",                 "人民币壹仟元整",
        "资金来源",                     "人口和计划生育公益金",         "领款人签字",
        "按手印",                       "审批人：赵主任",               "审核人：张审核",
        "经办人：李会计",               "第一联 财务留存（领款人签字并按手印后交回）"};
    HPDF_Doc doc = HPDF_New(on_error, NULL);
    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(doc);
    HPDF_SetCurrentEncoder(doc, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile2(doc, PDF_FONT_HEI_FILE, 0, HPDF_TRUE);
    HPDF_Font font = HPDF_GetFont(doc, name, "UTF-8");
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A5, HPDF_PAGE_LANDSCAPE);
    for (int i = 0; i < 8; i++) { /* the table's rules */
        HPDF_Page_SetLineWidth(page, 0.5f);
        HPDF_Page_MoveTo(page, 40, 336 - 30 * i);
        HPDF_Page_LineTo(page, 555, 336 - 30 * i);
        HPDF_Page_Stroke(page);
    }
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, i ? 11 : 19);
        HPDF_Page_TextOut(page, 40 + (i % 2) * 260, 390 - (i / 2) * 26, lines[i]);
        HPDF_Page_EndText(page);
    }
    HPDF_SaveToStream(doc);
    HPDF_UINT32 size = HPDF_GetStreamSize(doc);
    char *buf = malloc(size);
    HPDF_ResetStream(doc);
    HPDF_ReadFromStream(doc, (HPDF_BYTE *)buf, &size);
    free(buf);
    HPDF_Free(doc);
    return size;
}

/* A receipt numbered 西集-2026-<seq>, every field filled as a real one would be. */
static void fill(struct relief_receipt *r, int seq)
{
    memset(r, 0, sizeof *r);
    snprintf(r->receipt_no, sizeof r->receipt_no, "西集-2026-%06d", seq);
    snprintf(r->payer, sizeof r->payer, "西集镇计划生育协会");
    snprintf(r->village, sizeof r->village, "%s", seq % 2 ? "东马坊村" : "西集村");
    snprintf(r->paid_on, sizeof r->paid_on, "2026-01-20");
    snprintf(r->recipient, sizeof r->recipient, "%s", seq % 3 ? "王秀英" : "欧阳娜娜");
    snprintf(r->id_number, sizeof r->id_number, "37040619800101123X");
    snprintf(r->category, sizeof r->category, "双千帮扶");
    snprintf(r->fund, sizeof r->fund, "人口和计划生育公益金");
    snprintf(r->method, sizeof r->method, "cash");
    snprintf(r->handler, sizeof r->handler, "李会计");
    snprintf(r->reviewer, sizeof r->reviewer, "张审核");
    snprintf(r->approver, sizeof r->approver, "赵主任");
    r->amount_fen = 100000 + (seq % 7) * 5000;
}

/* Sorts doubles ascending (qsort). */
static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of RUNS timings in t (sorted in place). */
static double median(double *t)
{
    qsort(t, RUNS, sizeof *t, cmp);
    return t[RUNS / 2];
}

/* Renders, fails loudly on an error, and returns the seconds taken; keeps the PDF in *out when
   out is not NULL (else frees it). */
static double timed(const struct relief_receipt *const *r, int n, int list, enum receipt_layout layout, char **out,
                    size_t *len)
{
    const char *err = NULL;
    double t0 = now();
    char *pdf = list ? signlist_pdf("2026年双千帮扶（西集镇）", r, n, len, &err)
                     : receipt_pdf(r, n, layout, 0, len, &err);
    double t = now() - t0;
    if (!pdf) {
        fprintf(stderr, "render failed: %s\n", err);
        exit(2);
    }
    if (out)
        *out = pdf;
    else
        free(pdf);
    return t;
}

int main(int argc, char **argv)
{
    static struct relief_receipt rs[BATCH];
    static const struct relief_receipt *list[BATCH];
    for (int i = 0; i < BATCH; i++) {
        fill(&rs[i], 1 + i);
        list[i] = &rs[i];
    }
    double tb[RUNS], tr[RUNS];
    size_t base_size = 0, len;
    baseline_once(); /* warm the page cache and the allocator */
    for (int i = 0; i < RUNS; i++) { /* interleaved, so both see the same machine load */
        double t0 = now();
        base_size = baseline_once();
        tb[i] = now() - t0;
        tr[i] = timed(list, 1, 0, RECEIPT_A5, NULL, &len);
    }
    double base = median(tb), one = median(tr), ratio = one / base;
    size_t one_size = len;
    char *batch = NULL;
    double thousand = timed(list, BATCH, 0, RECEIPT_A5, &batch, &len);
    size_t batch_len = len;
    double two = timed(list, BATCH, 0, RECEIPT_A4_TWO, NULL, &len);
    double signs = timed(list, BATCH, 1, RECEIPT_A5, NULL, &len);

    int ok = ratio <= 0.3 && one_size <= 100 * 1024 && thousand < 1.0;
    printf("baseline: libharu alone, one A5 page, same font   %7.1f ms  (median of %d, %zu bytes)\n", base * 1e3,
           RUNS, base_size);
    printf("one receipt (receipt_pdf, A5)                      %7.1f ms  (median of %d, %zu bytes; %.2f x baseline; "
           "targets <= 0.3 x and <= 100 KB)\n",
           one * 1e3, RUNS, one_size, ratio);
    printf("1,000 receipts, A5, one document                   %7.3f s   (%.1f MB; target < 1 s)\n", thousand,
           batch_len / 1e6);
    printf("1,000 receipts, two per A4 page                    %7.3f s\n", two);
    printf("sign-for list of 1,000 rows (63 pages)             %7.3f s\n", signs);
    if (argc > 1) {
        FILE *f = fopen(argv[1], "wb");
        if (!f || fwrite(batch, 1, batch_len, f) != batch_len || fclose(f) != 0) {
            fprintf(stderr, "cannot write %s\n", argv[1]);
            return 2;
        }
    }
    free(batch);
    printf("%s\n", ok ? "receipts: all targets met" : "receipts: TARGET MISSED");
    return ok ? 0 : 1;
}
