/* cmd_schedule.c: `bangfu schedule` (see cmd_schedule.h): parses the options, runs the schedule
   engine (amort.c) and prints the rows. The only file of the schedule code that does I/O. */
#include "cmd_schedule.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "amort.h"
#include "date.h"
#include "money.h"

#define USAGE                                                                                             \
    "用法: bangfu schedule --principal 200000.00 --rate 4.35 --months 36 --method METHOD "                 \
    "--start 2026-03-15 [--day-count month|actual360] [--format table|csv|json]\n"                        \
    "  METHOD: equal-installment（等额本息）, equal-principal（等额本金）, monthly-interest（按月付息到期还本）,\n" \
    "          quarterly-interest（按季付息到期还本）, bullet（利随本清）\n"                                  \
    "  --day-count: month（按月计息，等额本息、等额本金的默认）, actual360（按日计息：余额 × 年利率 / 360 × 天数，\n" \
    "          按月付息、按季付息、利随本清的默认）\n"

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

/* The option values as given, before parsing. */
struct schedule_args {
    const char *principal, *rate, *months, *method, *start, *format, *day_count;
};

/* Prints "错误: " and the message, then the usage, on err; returns the exit status 2. */
static int fail(FILE *err, const char *option, const char *message)
{
    fprintf(err, "错误: %s %s\n%s", option, message, USAGE);
    return 2;
}

/* Reads the options into *a. Returns 0, 1 for --help, or 2 after a message on err. */
static int read_options(int argc, char **argv, struct schedule_args *a, FILE *err)
{
    static const struct option longopts[] = {
        {"principal", required_argument, NULL, 'p'}, {"rate", required_argument, NULL, 'r'},
        {"months", required_argument, NULL, 'n'},    {"method", required_argument, NULL, 'm'},
        {"start", required_argument, NULL, 's'},     {"format", required_argument, NULL, 'f'},
        {"day-count", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    memset(a, 0, sizeof *a);
    opterr = 0;
    optind = 0; /* glibc: full re-initialisation, so the command can run more than once */
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': a->principal = optarg; break;
        case 'r': a->rate = optarg; break;
        case 'n': a->months = optarg; break;
        case 'm': a->method = optarg; break;
        case 's': a->start = optarg; break;
        case 'f': a->format = optarg; break;
        case 'd': a->day_count = optarg; break;
        case 'h': return 1;
        case ':':
            fprintf(err, "错误: 选项 %s 缺少取值\n%s", argv[optind - 1], USAGE);
            return 2;
        default:
            fprintf(err, "错误: 未知或不完整的选项 %s\n%s", argv[optind - 1], USAGE);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(err, "错误: 多余的参数 %s\n%s", argv[optind], USAGE);
        return 2;
    }
    return 0;
}

/* Parses a whole number of months: digits only, 1..360. Returns 0 or -1. */
static int parse_months(const char *s, int *out)
{
    int v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > AMORT_TERM_MAX_MONTHS)
            return -1;
        v = v * 10 + (*s - '0');
    }
    if (v < 1 || v > AMORT_TERM_MAX_MONTHS)
        return -1;
    *out = v;
    return 0;
}

/* Turns the option strings into a validated engine input. Returns 0, or 2 after a message. */
static int parse_input(const struct schedule_args *a, struct amort_input *in, enum format *fmt, FILE *err)
{
    static const struct {
        const char *field, *option;
    } options[] = {{"principal", "--principal"}, {"rate", "--rate"},   {"term", "--months"},
                   {"method", "--method"},       {"start", "--start"},    {"day_count", "--day-count"}};
    if (!a->principal)
        return fail(err, "--principal", "缺少本金（元），如 --principal 200000.00");
    if (!a->rate)
        return fail(err, "--rate", "缺少年利率（百分数），如 --rate 4.35");
    if (!a->months)
        return fail(err, "--months", "缺少期限（月），如 --months 36");
    if (!a->method)
        return fail(err, "--method", "缺少还款方式，如 --method equal-installment");
    if (!a->start)
        return fail(err, "--start", "缺少起始日期（放款日），如 --start 2026-03-15");
    memset(in, 0, sizeof *in);
    if (money_parse(a->principal, &in->principal_fen) != 0)
        return fail(err, "--principal", "本金应为以元为单位的金额，最多两位小数，如 200000.00");
    if (rate_parse(a->rate, &in->rate_micro) != 0)
        return fail(err, "--rate", "年利率应在 0 到 24 之间，最多 6 位小数（百分数，如 4.35）");
    if (parse_months(a->months, &in->term_months) != 0)
        return fail(err, "--months", "期限应为 1 到 360 之间的整数（月）");
    int m = amort_method_parse(a->method);
    if (m < 0)
        return fail(err, "--method",
                    "还款方式应为 equal-installment（等额本息）、equal-principal（等额本金）、"
                    "monthly-interest（按月付息到期还本）、quarterly-interest（按季付息到期还本）"
                    "或 bullet（利随本清）");
    in->method = (enum amort_method)m;
    int dc = a->day_count ? amort_day_count_parse(a->day_count) : (int)amort_default_day_count(in->method);
    if (dc < 0)
        return fail(err, "--day-count", "计息方式应为 month（按月计息）或 actual360（按日计息）");
    in->day_count = (enum amort_day_count)dc;
    if (date_parse(a->start, &in->start) != 0)
        return fail(err, "--start", "起始日期应为 YYYY-MM-DD 格式的有效日期（1900 至 2999 年），如 2026-03-15");
    *fmt = FORMAT_TABLE;
    if (a->format) {
        if (strcmp(a->format, "table") == 0)
            *fmt = FORMAT_TABLE;
        else if (strcmp(a->format, "csv") == 0)
            *fmt = FORMAT_CSV;
        else if (strcmp(a->format, "json") == 0)
            *fmt = FORMAT_JSON;
        else
            return fail(err, "--format", "输出格式应为 table、csv 或 json");
    }
    const char *field = NULL;
    const char *msg = amort_validate(in, &field);
    if (msg) {
        const char *option = "--principal";
        for (size_t i = 0; field && i < sizeof options / sizeof options[0]; i++)
            if (strcmp(field, options[i].field) == 0)
                option = options[i].option;
        return fail(err, option, msg);
    }
    return 0;
}

/* Display columns of UTF-8 text in a terminal: ASCII 1, anything else (CJK here) 2. */
static int display_width(const char *s)
{
    int w = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x80)
            w++;
        else if (c >= 0xc0)
            w += 2; /* a multi-byte character's lead byte; continuation bytes count 0 */
    }
    return w;
}

/* Prints s right-aligned in `width` display columns. */
static void put_right(FILE *out, const char *s, int width)
{
    for (int pad = width - display_width(s); pad > 0; pad--)
        fputc(' ', out);
    fputs(s, out);
}

/* Prints s left-aligned in `width` display columns. */
static void put_left(FILE *out, const char *s, int width)
{
    fputs(s, out);
    for (int pad = width - display_width(s); pad > 0; pad--)
        fputc(' ', out);
}

/* The aligned table with a title line and a totals line. */
static void print_table(FILE *out, const struct amort_input *in, const struct amort_row *rows, int count)
{
    static const char *const heads[6] = {"期数", "还款日", "本金", "利息", "合计", "剩余本金"};
    int64_t sum_p = 0, sum_i = 0, sum_t = 0;
    int width[6];
    char buf[MONEY_TEXT_SIZE], rate[RATE_TEXT_SIZE], start[11];
    for (int c = 0; c < 6; c++)
        width[c] = display_width(heads[c]);
    if (width[1] < 10)
        width[1] = 10;
    for (int k = 0; k < count; k++) {
        int64_t v[4] = {rows[k].principal_fen, rows[k].interest_fen, rows[k].total_fen, rows[k].balance_fen};
        for (int c = 0; c < 4; c++) {
            int w = (int)strlen(money_format(v[c], buf, sizeof buf));
            if (w > width[c + 2])
                width[c + 2] = w;
        }
        sum_p += rows[k].principal_fen;
        sum_i += rows[k].interest_fen;
        sum_t += rows[k].total_fen;
    }
    int64_t sums[3] = {sum_p, sum_i, sum_t};
    for (int c = 0; c < 3; c++) {
        int w = (int)strlen(money_format(sums[c], buf, sizeof buf));
        if (w > width[c + 2])
            width[c + 2] = w;
    }
    fprintf(out, "还款计划: %s, %s, 本金 %s 元, 年利率 %s%%, %d 个月, 放款日 %s\n", amort_method_name(in->method),
            amort_day_count_name(in->day_count), money_format(in->principal_fen, buf, sizeof buf),
            rate_format(in->rate_micro, rate, sizeof rate), in->term_months, date_format(in->start, start));
    for (int c = 0; c < 6; c++) {
        if (c > 0)
            fputs("  ", out);
        if (c == 1)
            put_left(out, heads[c], width[c]);
        else
            put_right(out, heads[c], width[c]);
    }
    fputc('\n', out);
    for (int k = 0; k < count; k++) {
        char n[16], due[11];
        snprintf(n, sizeof n, "%d", rows[k].n);
        put_right(out, n, width[0]);
        fputs("  ", out);
        put_left(out, date_format(rows[k].due_on, due), width[1]);
        int64_t v[4] = {rows[k].principal_fen, rows[k].interest_fen, rows[k].total_fen, rows[k].balance_fen};
        for (int c = 0; c < 4; c++) {
            fputs("  ", out);
            put_right(out, money_format(v[c], buf, sizeof buf), width[c + 2]);
        }
        fputc('\n', out);
    }
    put_left(out, "合计", width[0] + 2 + width[1]);
    for (int c = 0; c < 3; c++) {
        fputs("  ", out);
        put_right(out, money_format(sums[c], buf, sizeof buf), width[c + 2]);
    }
    fputc('\n', out);
}

/* CSV: a header line and one line per row, amounts in plain yuan. */
static void print_csv(FILE *out, const struct amort_row *rows, int count)
{
    fputs("n,due_on,principal,interest,total,balance\n", out);
    for (int k = 0; k < count; k++) {
        char due[11], p[MONEY_TEXT_SIZE], i[MONEY_TEXT_SIZE], t[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE];
        fprintf(out, "%d,%s,%s,%s,%s,%s\n", rows[k].n, date_format(rows[k].due_on, due),
                money_format_plain(rows[k].principal_fen, p, sizeof p),
                money_format_plain(rows[k].interest_fen, i, sizeof i),
                money_format_plain(rows[k].total_fen, t, sizeof t),
                money_format_plain(rows[k].balance_fen, b, sizeof b));
    }
}

/* JSON as POST /schedule-preview answers it: day count, rows, total interest and total, in fen. */
static void print_json(FILE *out, const struct amort_input *in, const struct amort_row *rows, int count)
{
    int64_t interest = 0, total = 0;
    fprintf(out, "{\"day_count\":\"%s\",\"rows\":[", amort_day_count_code(in->day_count));
    for (int k = 0; k < count; k++) {
        char due[11];
        fprintf(out,
                "%s{\"n\":%d,\"due_on\":\"%s\",\"principal_fen\":%lld,\"interest_fen\":%lld,\"total_fen\":%lld,"
                "\"balance_fen\":%lld}",
                k ? "," : "", rows[k].n, date_format(rows[k].due_on, due), (long long)rows[k].principal_fen,
                (long long)rows[k].interest_fen, (long long)rows[k].total_fen, (long long)rows[k].balance_fen);
        interest += rows[k].interest_fen;
        total += rows[k].total_fen;
    }
    fprintf(out, "],\"total_interest_fen\":%lld,\"total_fen\":%lld}\n", (long long)interest, (long long)total);
}

int cmd_schedule(int argc, char **argv)
{
    struct schedule_args a;
    struct amort_input in;
    enum format fmt;
    int rc = read_options(argc, argv, &a, stderr);
    if (rc == 1) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (rc != 0)
        return rc;
    if ((rc = parse_input(&a, &in, &fmt, stderr)) != 0)
        return rc;
    struct amort_row rows[AMORT_TERM_MAX_MONTHS];
    int count = amort_schedule(&in, rows, AMORT_TERM_MAX_MONTHS);
    if (count < 0) { /* cannot happen after parse_input; kept so a bug is not silent */
        fputs("错误: 无法计算还款计划\n", stderr);
        return 2;
    }
    if (fmt == FORMAT_CSV)
        print_csv(stdout, rows, count);
    else if (fmt == FORMAT_JSON)
        print_json(stdout, &in, rows, count);
    else
        print_table(stdout, &in, rows, count);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("bangfu schedule: stdout");
        return 1;
    }
    return 0;
}
