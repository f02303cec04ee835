/*
 * loan_rules.h: the pure rules of the loan front half: application states and which action is
 * allowed in which state, the seven required documents, project types, and the outcome of a
 * joint-review round. No I/O, no SQL: unit-tested on their own.
 */
#ifndef BANGFU_LOAN_RULES_H
#define BANGFU_LOAN_RULES_H

enum loan_state {
    LS_DRAFT,      /* registered, documents being collected */
    LS_IN_REVIEW,  /* submitted to the joint review */
    LS_MORE_INFO,  /* a department asked for more material: back with the handler */
    LS_APPROVED,   /* every department approved */
    LS_REJECTED,   /* a department rejected */
    LS_GUARANTEED, /* the association guaranteed it: recommended to the credit union */
    LS_DISBURSED,  /* the credit union lent */
    LS_WITHDRAWN,  /* withdrawn (撤回) by the handler before a decision, with a reason */
    LS__MAX
};
const char *loan_state_code(enum loan_state s); /* "draft", "in_review", ... */
const char *loan_state_name(enum loan_state s); /* 草稿, 评审中, ... */
int loan_state_parse(const char *code);         /* or -1 */
/* 1 while the application blocks a new one for the same household. */
int loan_state_open(enum loan_state s);

enum loan_action {
    LA_EDIT_DOCUMENTS,
    LA_SUBMIT,
    LA_REVIEW,
    LA_GUARANTEE,
    LA_DISBURSE,
    LA_WITHDRAW,
    LA_EDIT,
    LA__MAX
};
/* 1 if the action may be taken in the state, else 0. */
int loan_action_allowed(enum loan_action a, enum loan_state s);
/* A Chinese sentence saying why the action is refused in the state. */
const char *loan_action_refusal(enum loan_action a, enum loan_state s);

enum loan_doc {
    LD_ID_CARD,             /* 身份证 */
    LD_HUKOU,               /* 户口簿 */
    LD_MARRIAGE,            /* 结婚证 */
    LD_FAMILY_PLANNING,     /* 计划生育证明 */
    LD_BUSINESS_PLAN,       /* 创业方案 */
    LD_IMPLEMENTATION_PLAN, /* 项目实施方案 */
    LD_COUNTER_GUARANTEE,   /* 反担保材料 */
    LD__MAX
};
const char *loan_doc_code(enum loan_doc d); /* API names: "id_card", "hukou", ... */
const char *loan_doc_name(enum loan_doc d);
int loan_doc_parse(const char *code);

enum project_type { PT_CROPS, PT_LIVESTOCK, PT_ORCHARD, PT_PROCESSING, PT_HERBS, PT_TRADE, PT__MAX };
const char *project_type_code(enum project_type p); /* "crops", "livestock", ... */
const char *project_type_name(enum project_type p); /* 种植, 养殖, ... */
int project_type_parse(const char *code_or_name);

enum review_decision { RD_APPROVE, RD_REJECT, RD_MORE_INFO, RD__MAX };
const char *review_decision_code(enum review_decision d); /* approve, reject, more_info */
const char *review_decision_name(enum review_decision d); /* 同意, 不同意, 补充材料 */
int review_decision_parse(const char *code);

/* The state after a round's opinions so far: any reject → rejected; otherwise any request for
   more material → more_info; all `required` departments approve → approved; else in_review. */
enum loan_state loan_round_outcome(const enum review_decision *decisions, int n, int required);

#endif
