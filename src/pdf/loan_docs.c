/* loan_docs.c: 一次性告知书, 联合评审意见表 and 担保推荐函 (see loan_docs.h). */
#include "loan_docs.h"

#include <stdio.h>
#include <string.h>

#include "masking.h"
#include "money.h"
#include "pdf.h"

#define MARGIN 64.0f
#define BODY 12.0f
#define LEAD 22.0f

/* Starts a one-page A4 document with a centred title, under the diagonal 草稿 watermark when draft;
   returns it or NULL with *err. */
static struct pdf *begin(const char *title, int draft, const char **err)
{
    struct pdf *p = pdf_new(title, err);
    if (!p)
        return NULL;
    if (draft)
        pdf_draft(p);
    pdf_page_a4(p);
    pdf_text_center(p, pdf_width(p) / 2, 60, 20, title);
    return p;
}

/* Saves and frees the document. */
static int finish(struct pdf *p, char **out, size_t *len, const char **err)
{
    int rc = pdf_save(p, out, len);
    pdf_free(p);
    if (rc != 0)
        *err = "PDF 生成失败";
    return rc;
}

/* A label and value line; returns the next y. */
static float field(struct pdf *p, float y, const char *label, const char *value)
{
    pdf_text(p, MARGIN, y, BODY, label);
    return pdf_wrap(p, MARGIN + 96, y, pdf_width(p) - 2 * MARGIN - 96, BODY, LEAD, value, 1);
}

/* The office signature block at the bottom right. */
static void signature(struct pdf *p, float y, const struct unit *office, struct date today)
{
    char line[160], when[DATE_CN_SIZE];
    snprintf(line, sizeof line, "%s计划生育协会（盖章）", office->name);
    pdf_text_right(p, pdf_width(p) - MARGIN, y, BODY, line);
    pdf_text_right(p, pdf_width(p) - MARGIN, y + LEAD, BODY, date_chinese(today, when));
}

int report_missing_notice(const struct loan_app *a, const struct unit *office, struct date today, char **out,
                          size_t *len, const char **err)
{
    struct pdf *p = begin("一次性告知书", 0, err);
    if (!p)
        return -1;
    char line[512], amount[MONEY_TEXT_SIZE];
    float w = pdf_width(p) - 2 * MARGIN;
    snprintf(line, sizeof line, "%s：", a->applicant);
    pdf_text(p, MARGIN, 110, BODY + 1, line);
    int missing = 0;
    for (int d = 0; d < LD__MAX; d++)
        missing += ((a->required & ~a->documents) & (1u << d)) != 0; /* the product's documents only */
    for (int i = 0; i < a->nrequested; i++)
        missing += !a->requested[i].received;
    char verdict[160], applied[DATE_CN_SIZE];
    if (missing)
        pdf_format(p, verdict, sizeof verdict, "经审查，尚缺以下材料（共 %d 项）。请一次性补齐后交经办人，材料齐全后即提交联合评审。",
                   missing);
    else
        pdf_format(p, verdict, sizeof verdict, "经审查，申请材料已齐全，无需补充。");
    pdf_format(p, line, sizeof line,
               "您于%s申请的“计生信贷助富”贷款（项目：%s，金额 %s 元，期限 %d 个月，申请编号 %lld），%s",
               date_chinese_text(a->created_at, applied), a->project_name, money_format(a->amount_fen, amount, sizeof amount), a->term_months,
               (long long)a->id, verdict);
    float y = pdf_wrap(p, MARGIN + 24, 140, w - 24, BODY, LEAD, line, 1) + 10;
    int k = 0;
    for (int d = 0; d < LD__MAX; d++) {
        if (!((a->required & ~a->documents) & (1u << d)))
            continue;
        pdf_format(p, line, sizeof line, "%d. %s", ++k, loan_doc_name((enum loan_doc)d));
        y = pdf_wrap(p, MARGIN + 36, y, w - 36, BODY + 1, LEAD + 4, line, 1);
    }
    for (int i = 0; i < a->nrequested; i++) { /* what reviewers asked for, named with who asked */
        if (a->requested[i].received)
            continue;
        pdf_format(p, line, sizeof line, "%d. %s（%s评审时要求补充）", ++k, a->requested[i].name,
                   a->requested[i].department);
        y = pdf_wrap(p, MARGIN + 36, y, w - 36, BODY + 1, LEAD + 4, line, 1);
    }
    y += 16;
    y = field(p, y, "受理单位：", office->name);
    y = field(p, y, "办公地点：", *office->address ? office->address : office->name);
    snprintf(line, sizeof line, "%s（A角）%s%s", a->handler, *a->handler_phone ? "  电话 " : "", a->handler_phone);
    y = field(p, y, "经办人：", line);
    y = field(p, y, "联系电话：", *office->phone ? office->phone : "—");
    if (*a->backup_handler)
        y = field(p, y, "B角：", a->backup_handler);
    y = pdf_wrap(p, MARGIN, y + 12, w, BODY - 1, LEAD - 4,
                 "本告知书一式两份，申请人和经办单位各执一份。依据首接负责制，经办人对本申请负责到底。", 1);
    float sy = y + 30 > 640 ? y + 30 : 640; /* the signature at its usual place, lower after a long list */
    if (sy + 110 > pdf_height(p) - 40) {
        pdf_page_a4(p);
        sy = 80;
    }
    signature(p, sy, office, today);
    pdf_line(p, MARGIN, sy + 80, pdf_width(p) - MARGIN, sy + 80, 0.5f);
    pdf_text(p, MARGIN, sy + 90, BODY, "申请人签收：");
    pdf_text(p, MARGIN + 260, sy + 90, BODY, "签收日期：");
    return finish(p, out, len, err);
}

/* The outcome of a review round as the form prints it (from loan_round_outcome). */
static const char *round_outcome_name(enum loan_state s)
{
    return s == LS_APPROVED ? "通过（各部门均同意）"
           : s == LS_REJECTED ? "不通过"
           : s == LS_MORE_INFO ? "需补充材料后重新评审"
                               : "评审中（尚有部门未出具意见）";
}

/* The outcome of the application's current round, from the opinions given in it so far. */
static enum loan_state current_round_outcome(const struct loan_app *a)
{
    enum review_decision got[LOAN_MAX_REVIEWS];
    int ngot = 0, required = 0;
    for (int i = 0; i < a->nreviews; i++) {
        if (a->reviews[i].round != a->round)
            continue;
        int d = review_decision_parse(a->reviews[i].decision);
        required++;
        if (d >= 0)
            got[ngot++] = (enum review_decision)d;
    }
    return loan_round_outcome(got, ngot, required);
}

int report_review_form(const struct loan_app *a, const struct unit *office, struct date today, char **out, size_t *len,
                       const char **err)
{
    enum loan_state outcome = current_round_outcome(a);
    /* before the round's decision the form is a draft */
    int undecided = outcome != LS_APPROVED && outcome != LS_REJECTED && outcome != LS_MORE_INFO;
    struct pdf *p = begin("计生信贷助富项目联合评审意见表", undecided, err);
    if (!p)
        return -1;
    char line[512], amount[MONEY_TEXT_SIZE + MONEY_CAPITAL_SIZE + 16], figure[MONEY_TEXT_SIZE],
        capital[MONEY_CAPITAL_SIZE], income[MONEY_TEXT_SIZE], masked[32], submitted[DATE_CN_SIZE],
        due[DATE_CN_SIZE], at[DATE_CN_SIZE];
    float x = MARGIN, w = pdf_width(p) - 2 * MARGIN, y = 100;
    pdf_format(p, amount, sizeof amount, "%s 元（%s）", money_format(a->amount_fen, figure, sizeof figure),
               pdf_capital(p, a->amount_fen, capital, sizeof capital));
    snprintf(line, sizeof line, "申请编号：%lld    受理单位：%s", (long long)a->id, office->name);
    pdf_text(p, x, y, BODY - 1, line);
    y += 24;
    const char *labels[][2] = {{"申请人", a->applicant},
                               {"身份证号", mask_id(a->applicant_id_number, masked, sizeof masked)},
                               {"所在村", a->village},
                               {"项目类型", project_type_name(a->project_type)},
                               {"项目名称", a->project_name},
                               {"贷款金额", amount},
                               {"预计年收入", money_format(a->expected_income_fen, income, sizeof income)}};
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        pdf_rect(p, x, y, w, 26, 0.6f);
        pdf_line(p, x + 110, y, x + 110, y + 26, 0.6f);
        pdf_text(p, x + 8, y + 7, BODY, labels[i][0]);
        pdf_format(p, line, sizeof line, "%s%s", labels[i][1], i == 6 ? " 元" : "");
        pdf_text(p, x + 118, y + 7, BODY, line);
        y += 26;
    }
    snprintf(line, sizeof line, "期限 %d 个月；预计带动就业 %lld 人；提交评审 %s；评审期限 %s", a->term_months,
             (long long)a->expected_jobs, *a->submitted_on ? date_chinese_text(a->submitted_on, submitted) : "—",
             *a->review_due_on ? date_chinese_text(a->review_due_on, due) : "—");
    y = pdf_wrap(p, x, y + 10, w, BODY - 1, LEAD - 4, line, 1) + 10;
    /* the current round's opinions, one box per department, tall enough for the whole comment */
    for (int i = 0; i < a->nreviews; i++) {
        const struct loan_review_row *v = &a->reviews[i];
        if (v->round != a->round)
            continue;
        int d = review_decision_parse(v->decision);
        float h = 58 + pdf_wrap_measure(p, w - 16, BODY - 1, *v->comment ? v->comment : "（无）") * (LEAD - 5);
        if (y + h > pdf_height(p) - 60) {
            pdf_page_a4(p);
            y = 60;
        }
        pdf_rect(p, x, y, w, h, 0.6f);
        pdf_format(p, line, sizeof line, "%s意见：%s", v->department,
                   d >= 0 ? review_decision_name((enum review_decision)d) : "（尚未出具意见）");
        pdf_text(p, x + 8, y + 8, BODY + 1, line);
        pdf_wrap(p, x + 8, y + 30, w - 16, BODY - 1, LEAD - 5, *v->comment ? v->comment : "（无）", 1);
        pdf_format(p, line, sizeof line, "评审人：%s    时间：%s", *v->reviewer ? v->reviewer : "________",
                   *v->at ? date_chinese_text(v->at, at) : "________");
        pdf_text_right(p, x + w - 8, y + h - 20, BODY - 1, line);
        y += h + 8;
    }
    if (y > pdf_height(p) - 140) {
        pdf_page_a4(p);
        y = 60;
    }
    pdf_format(p, line, sizeof line, "第 %d 轮评审结论：%s", a->round, round_outcome_name(outcome));
    pdf_text(p, x, y + 6, BODY + 1, line);
    signature(p, y + 50, office, today);
    return finish(p, out, len, err);
}

int report_guarantee_letter(const struct loan_app *a, const struct guarantee_info *g, const struct unit *office,
                            struct date today, char **out, size_t *len, const char **err)
{
    struct pdf *p = begin("担保推荐函", 0, err);
    if (!p)
        return -1;
    char line[1024], amount[MONEY_TEXT_SIZE], guaranteed[MONEY_TEXT_SIZE], masked[32];
    char amount_cap[MONEY_CAPITAL_SIZE], guaranteed_cap[MONEY_CAPITAL_SIZE];
    float w = pdf_width(p) - 2 * MARGIN;
    pdf_text_center(p, pdf_width(p) / 2, 90, BODY, g->letter_no);
    pdf_text(p, MARGIN, 130, BODY + 1, "农村信用合作联社：");
    pdf_format(p, line, sizeof line,
               "兹有%s%s村民%s（身份证号 %s），申请“计生信贷助富”项目贷款，用于%s（%s）。经%s联合评审通过，"
               "本会同意为其提供担保，推荐贷款人民币 %s 元（%s），期限 %d 个月，担保比例 %d%%，担保金额 %s 元（%s）。"
               "请贵社按规定审核发放。",
               a->township, a->village, a->applicant, mask_id(a->applicant_id_number, masked, sizeof masked),
               a->project_name, project_type_name(a->project_type), office->name,
               money_format(a->amount_fen, amount, sizeof amount), pdf_capital(p, a->amount_fen, amount_cap, sizeof amount_cap),
               a->term_months, g->coverage_pct, money_format(g->guaranteed_fen, guaranteed, sizeof guaranteed),
               pdf_capital(p, g->guaranteed_fen, guaranteed_cap, sizeof guaranteed_cap));
    float y = pdf_wrap(p, MARGIN + 24, 160, w - 24, BODY + 1, LEAD + 4, line, 1) + 12;
    pdf_text(p, MARGIN, y, BODY, "反担保：");
    y += LEAD;
    for (int i = 0; i < g->ncounter; i++) {
        snprintf(line, sizeof line, "%d. %s（%s），身份证号 %s", i + 1, g->counter[i].name, g->counter[i].relation,
                 mask_id(g->counter[i].id_number, masked, sizeof masked));
        pdf_text(p, MARGIN + 24, y, BODY, line);
        y += LEAD;
    }
    if (*g->pledged_asset) {
        snprintf(line, sizeof line, "抵（质）押物：%s", g->pledged_asset);
        y = pdf_wrap(p, MARGIN + 24, y, w - 24, BODY, LEAD, line, 1);
    }
    snprintf(line, sizeof line, "经办人：%s    联系电话：%s", a->handler, *office->phone ? office->phone : a->handler_phone);
    pdf_text(p, MARGIN, y + 16, BODY, line);
    signature(p, y + 80, office, today);
    pdf_text(p, MARGIN, y + 170, BODY, "负责人签字：");
    return finish(p, out, len, err);
}
