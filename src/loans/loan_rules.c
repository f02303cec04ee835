/* loan_rules.c: the pure rules of loan applications (see loan_rules.h). */
#include "loan_rules.h"

#include <string.h>

static const struct {
    const char *code, *name;
    int open;
} states[LS__MAX] = {
    [LS_DRAFT] = {"draft", "待提交", 1},          [LS_IN_REVIEW] = {"in_review", "联合评审中", 1},
    [LS_MORE_INFO] = {"more_info", "待补充材料", 1}, [LS_APPROVED] = {"approved", "评审通过", 1},
    [LS_REJECTED] = {"rejected", "未通过", 0},     [LS_GUARANTEED] = {"guaranteed", "已担保", 1},
    [LS_DISBURSED] = {"disbursed", "已放款", 0},   [LS_WITHDRAWN] = {"withdrawn", "已撤回", 0},
};

const char *loan_state_code(enum loan_state s)
{
    return (unsigned)s < LS__MAX ? states[s].code : NULL;
}

const char *loan_state_name(enum loan_state s)
{
    return (unsigned)s < LS__MAX ? states[s].name : NULL;
}

int loan_state_parse(const char *code)
{
    for (int i = 0; code && i < LS__MAX; i++)
        if (strcmp(code, states[i].code) == 0)
            return i;
    return -1;
}

int loan_state_open(enum loan_state s)
{
    return (unsigned)s < LS__MAX && states[s].open;
}

/* Which states allow which action (bit per state). */
static const unsigned allowed[LA__MAX] = {
    [LA_EDIT_DOCUMENTS] = 1u << LS_DRAFT | 1u << LS_MORE_INFO,
    [LA_SUBMIT] = 1u << LS_DRAFT | 1u << LS_MORE_INFO,
    [LA_REVIEW] = 1u << LS_IN_REVIEW,
    [LA_GUARANTEE] = 1u << LS_APPROVED,
    [LA_DISBURSE] = 1u << LS_GUARANTEED,
    [LA_WITHDRAW] = 1u << LS_DRAFT | 1u << LS_IN_REVIEW | 1u << LS_MORE_INFO,
    [LA_EDIT] = 1u << LS_DRAFT | 1u << LS_MORE_INFO,
};

int loan_action_allowed(enum loan_action a, enum loan_state s)
{
    return (unsigned)a < LA__MAX && (unsigned)s < LS__MAX && (allowed[a] & (1u << s));
}

const char *loan_action_refusal(enum loan_action a, enum loan_state s)
{
    static const char *const why[LA__MAX] = {
        [LA_EDIT_DOCUMENTS] = "只有待提交或待补充材料的申请可以修改材料",
        [LA_SUBMIT] = "只有待提交或待补充材料的申请可以提交评审",
        [LA_REVIEW] = "该申请当前不在联合评审中",
        [LA_GUARANTEE] = "只有评审通过的申请可以办理担保",
        [LA_DISBURSE] = "只有已担保的申请可以登记放款",
        [LA_WITHDRAW] = "只有评审结论作出之前的申请可以撤回",
        [LA_EDIT] = "只有待提交或待补充材料的申请可以修改",
    };
    return (unsigned)a < LA__MAX && !loan_action_allowed(a, s) ? why[a] : NULL;
}

static const char *const docs[LD__MAX][2] = {
    [LD_ID_CARD] = {"id_card", "身份证"},
    [LD_HUKOU] = {"hukou", "户口簿"},
    [LD_MARRIAGE] = {"marriage", "结婚证"},
    [LD_FAMILY_PLANNING] = {"family_planning", "计划生育证明"},
    [LD_BUSINESS_PLAN] = {"business_plan", "创业方案"},
    [LD_IMPLEMENTATION_PLAN] = {"implementation_plan", "项目实施方案"},
    [LD_COUNTER_GUARANTEE] = {"counter_guarantee", "反担保材料"},
};

const char *loan_doc_code(enum loan_doc d)
{
    return (unsigned)d < LD__MAX ? docs[d][0] : NULL;
}

const char *loan_doc_name(enum loan_doc d)
{
    return (unsigned)d < LD__MAX ? docs[d][1] : NULL;
}

int loan_doc_parse(const char *code)
{
    for (int i = 0; code && i < LD__MAX; i++)
        if (strcmp(code, docs[i][0]) == 0)
            return i;
    return -1;
}

static const char *const projects[PT__MAX][2] = {
    [PT_CROPS] = {"crops", "种植"},           [PT_LIVESTOCK] = {"livestock", "养殖"},
    [PT_ORCHARD] = {"orchard", "林果苗木"},   [PT_PROCESSING] = {"processing", "加工"},
    [PT_HERBS] = {"herbs", "药材"},           [PT_TRADE] = {"trade", "商贸服务"},
};

const char *project_type_code(enum project_type p)
{
    return (unsigned)p < PT__MAX ? projects[p][0] : NULL;
}

const char *project_type_name(enum project_type p)
{
    return (unsigned)p < PT__MAX ? projects[p][1] : NULL;
}

int project_type_parse(const char *s)
{
    for (int i = 0; s && i < PT__MAX; i++)
        if (strcmp(s, projects[i][0]) == 0 || strcmp(s, projects[i][1]) == 0)
            return i;
    return -1;
}

static const char *const decisions[RD__MAX][2] = {
    [RD_APPROVE] = {"approve", "同意"},
    [RD_REJECT] = {"reject", "不同意"},
    [RD_MORE_INFO] = {"more_info", "补充材料"},
};

const char *review_decision_code(enum review_decision d)
{
    return (unsigned)d < RD__MAX ? decisions[d][0] : NULL;
}

const char *review_decision_name(enum review_decision d)
{
    return (unsigned)d < RD__MAX ? decisions[d][1] : NULL;
}

int review_decision_parse(const char *code)
{
    for (int i = 0; code && i < RD__MAX; i++)
        if (strcmp(code, decisions[i][0]) == 0)
            return i;
    return -1;
}

enum loan_state loan_round_outcome(const enum review_decision *d, int n, int required)
{
    int approvals = 0, more = 0;
    for (int i = 0; i < n; i++) {
        if (d[i] == RD_REJECT)
            return LS_REJECTED;
        more |= d[i] == RD_MORE_INFO;
        approvals += d[i] == RD_APPROVE;
    }
    if (more)
        return LS_MORE_INFO;
    return required > 0 && approvals >= required ? LS_APPROVED : LS_IN_REVIEW;
}
