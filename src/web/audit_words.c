/* audit_words.c: Chinese words for the audit log's codes and JSON (see audit_words.h). */
#include "audit_words.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "amort.h"
#include "chart.h"
#include "complaint.h"
#include "household.h"
#include "html.h"
#include "loan_rules.h"
#include "money.h"
#include "pair.h"
#include "relief_rules.h"
#include "user.h"
#include "visit.h"

struct word {
    const char *code, *name;
};

static const struct word actions[] = {
    {"create", "新建"}, {"update", "修改"}, {"edit", "编辑"}, {"delete", "删除"}, {"remove", "移除"}, {"login", "登录"},
    {"change_password", "修改密码"}, {"view_id_number", "查看完整身份证号"}, {"import", "导入"}, {"add_member", "添加家庭成员"},
    {"set", "设置"}, {"set_amount", "调整金额"}, {"documents", "登记材料"}, {"submit", "提交联合评审"}, {"review", "评审/审核"},
    {"guarantee", "办理担保"}, {"backup_handler", "指定B角"}, {"disburse", "放款/发放"}, {"repayment", "登记还款"},
    {"reverse_repayment", "冲正还款"}, {"reverse", "冲正"}, {"compensate", "代偿"}, {"recover", "追偿"}, {"verify", "村审核"},
    {"approve", "批准"}, {"reject", "不予救助"}, {"void_receipt", "作废凭证"}, {"reprint_receipt", "补打凭证"}, {"publish", "发布"},
    {"withdraw", "撤回"}, {"object", "提出异议"}, {"resolve_objection", "处理异议"}, {"pay", "发放"},
    {"attach_document", "上传证明材料"}, {"propose_category", "申请特殊家庭类别"}, {"approve_category", "批准类别变更"},
    {"reject_category", "驳回类别变更"}, {"end", "结束"}, {"assign", "指定经办人"}, {"resolve", "办结"},
    {"update_member", "修改成员户籍/账户/状态"}, {"view_bank_account", "查看完整银行账号"}, {"add_row", "加入名册"},
    {"remove_row", "移出名册"}, {"bank_file", "下载代发文件"}, {"bank_return", "导入银行回盘"},
    {"paid_twice", "重复发放（银行回盘成功，此前已现金发放）"}, {NULL, NULL},
};

static const struct word entities[] = {
    {"household", "家庭档案"}, {"user", "用户"}, {"unit", "单位"}, {"department", "评审部门"}, {"holiday", "工作日历"},
    {"masking_rules", "脱敏规则"}, {"loan_application", "贷款申请"}, {"loan", "贷款"}, {"repayment", "还款"},
    {"loan_followup", "回访"}, {"guarantee_fund_entry", "担保基金收支"}, {"relief_application", "救助申请"},
    {"relief_batch", "救助批次"}, {"relief_fund", "救助资金"}, {"relief_fund_entry", "救助资金收支"}, {"relief_category", "救助类别"},
    {"notice", "公示"}, {"announcement", "公告"}, {"account", "会计科目"}, {"voucher_rule", "记账规则"}, {"pair", "结对帮扶"},
    {"visit", "走访帮扶"}, {"complaint", "投诉和意见"}, {"time_limit", "办理时限"}, {"training", "技术培训"},
    {"loan_product", "贷款产品"}, {"organisation", "合作社/示范基地"}, {"programme", "扶助项目"}, {"roll", "资格确认名册"},
    {"bank_format", "代发文件格式"}, {"campaign", "帮扶活动"}, {"aid_item", "慰问品"}, {"aid_distribution", "慰问品发放"},
    {"information_item", "信息服务"}, {"assessment_weights", "考核权重"}, {NULL, NULL},
};

static const struct word fields[] = {
    {"id", "编号"}, {"name", "名称"}, {"product_id", "贷款产品"}, {"organisation_id", "合作社/示范基地"},
    {"credit_code", "统一社会信用代码"}, {"legal_rep_member_id", "法定代表人"}, {"min_fen", "金额下限"}, {"max_fen", "金额上限"},
    {"min_months", "期限下限（月）"}, {"max_months", "期限上限（月）"}, {"methods", "还款方式"}, {"min_rate", "最低年利率"},
    {"max_rate", "最高年利率"}, {"settlement", "结息方式"}, {"penalty_pct", "罚息系数（%）"}, {"subsidy_eligible", "可贴息"},
    {"borrower_kinds", "借款人类别"}, {"departments", "评审部门"}, {"is_default", "默认产品"}, {"username", "登录名"},
    {"role", "角色"}, {"unit_id", "单位"}, {"parent_id", "上级单位"}, {"department", "部门"}, {"department_id", "部门"},
    {"active", "启用"}, {"must_change_password", "须改密码"}, {"password_reset", "重设密码"}, {"village", "村"},
    {"village_id", "村"}, {"address", "地址"}, {"policy_compliant", "符合生育政策"}, {"categories", "家庭类别"},
    {"members", "成员"}, {"head", "户主"}, {"id_number", "身份证号"}, {"sex", "性别"}, {"birth_date", "出生日期"},
    {"relation", "与户主关系"}, {"phone", "电话"}, {"is_head", "户主"}, {"rows", "行数"}, {"encoding", "编码"}, {"state", "状态"},
    {"amount_fen", "金额"}, {"term_months", "期限（月）"}, {"project_type", "项目类型"}, {"project_name", "项目名称"},
    {"business_plan", "经营计划"}, {"jobs_created", "新增就业"}, {"income_fen", "预期增收"}, {"backup_handler_id", "B角"},
    {"backup_handler", "B角"}, {"handler", "经办人"}, {"round", "评审轮次"}, {"submitted_on", "提交日期"},
    {"review_due_on", "评审期限"}, {"decision", "意见"}, {"comment", "说明"}, {"reason", "理由"}, {"contract_no", "合同号"},
    {"disbursed_on", "放款日期"}, {"principal_fen", "本金"}, {"annual_rate", "年利率"}, {"method", "方式"},
    {"day_count", "计息方式"}, {"paid_on", "日期"}, {"receipt_no", "凭证号"}, {"interest_fen", "利息"}, {"penalty_fen", "罚息"},
    {"compound_fen", "复利"}, {"prepaid_principal_fen", "提前还本"}, {"paid_fen", "金额"}, {"dpd", "逾期天数"},
    {"loan_id", "贷款"}, {"application_id", "申请"}, {"applications", "申请"}, {"guaranteed_fen", "担保金额"},
    {"coverage_pct", "担保比例（%）"}, {"letter_no", "推荐函编号"}, {"counter_guarantee", "反担保"},
    {"counter_guarantors", "反担保人"}, {"document_no", "单据号"}, {"source", "来源"}, {"on", "日期"}, {"kind", "类别"},
    {"visited_on", "回访日期"}, {"household_id", "家庭"}, {"category_id", "救助类别"}, {"fund_id", "资金"}, {"batch_id", "批次"},
    {"notice_id", "公示"}, {"items", "条目"}, {"starts_on", "开始日期"}, {"ends_on", "截止日期"}, {"title", "标题"},
    {"body_chars", "正文字数"}, {"publish_from", "发布自"}, {"publish_to", "发布至"}, {"version", "版本"}, {"action", "操作"},
    {"reject_reason", "不予救助理由"}, {"void_reason", "作废理由"}, {"withdraw_reason", "撤回理由"}, {"resolution", "处理结果"},
    {"upheld", "异议成立"}, {"text", "内容"}, {"contact", "联系方式"}, {"per_year", "每年次数"}, {"any_household", "所有计生家庭"},
    {"eligible", "适用家庭"}, {"effective_from", "生效日期"}, {"day", "日期"}, {"hukou", "户口本"}, {"id_card", "身份证"},
    {"marriage", "婚姻证明"}, {"family_planning", "计生证明"}, {"implementation_plan", "实施方案"}, {"repayment_id", "还款"},
    {"reversal_id", "冲正"}, {"reverses_id", "冲正的记录"}, {"replaces_id", "更正的记录"}, {"from", "自"}, {"to", "至"},
    {"code", "编号"}, {"category", "类别"}, {"event", "资金事项"}, {"debit_id", "借方科目"}, {"credit_id", "贷方科目"},
    {"debit_code", "借方科目编号"}, {"published", "已发布"}, {"withdrawn", "已撤回"}, {"n", "期数"}, {"due_on", "应还日"},
    {"saved_by", "保存人"}, {"copy", "份数"}, {"dismissed", "驳回"}, {"by", "经办人"}, {"name_last", "隐去名字末字"},
    {"name_surname", "隐去姓"}, {"id_head", "身份证号保留前几位"}, {"id_tail", "身份证号保留后几位"}, {"phone_head", "电话保留前几位"},
    {"phone_tail", "电话保留后几位"}, {"compound_surnames", "复姓"}, {"change_id", "类别变更"}, {"document", "证明材料"},
    {"size", "大小（字节）"}, {"helper_kind", "帮扶人类别"}, {"helper_name", "帮扶人"}, {"helper_unit_id", "帮扶单位"},
    {"goals", "帮扶目标"}, {"ended_on", "结束日期"}, {"pair_id", "结对"}, {"next_on", "下一步日期"}, {"satisfaction", "满意度"},
    {"resolved_on", "办结日期"}, {"handler_id", "经办人（A角）"}, {"backup_id", "B角"}, {"service", "服务"}, {"days", "工作日"},
    {"held_on", "培训日期"}, {"attendees", "参训人数"}, {"programme_id", "扶助项目"}, {"target_households", "目标户数"}, {"item_id", "物品"}, {"quantity", "数量"}, {"unit_value_fen", "单价"}, {"value_fen", "价值"}, {"given_on", "发放日期"}, {"reversed_on", "冲销日期"}, {"min_amount_fen", "每户最低金额"}, {"year", "年度"}, {"ref_date", "参照日"},
    {"new", "新增"}, {"continued", "继续"}, {"excluded", "不符合"}, {"exits", "退出"}, {"total_fen", "合计"},
    {"beneficiary", "发放对象"}, {"period", "发放周期"}, {"amounts", "标准"}, {"rules", "条件"}, {"categories_any", "家庭类别"},
    {"min_age", "最低年龄"}, {"max_age", "最高年龄"}, {"age_on", "年龄计算日"}, {"relations", "与户主关系"},
    {"alive_resident", "健在且未迁出"}, {"fund", "资金"}, {"row_id", "名册行"}, {"person_id", "人员"}, {"was", "原状态"},
    {"unpaid_fen", "待发金额"}, {"failed", "失败"}, {"already_paid", "此前已入账"}, {"paid_twice", "重复发放"}, {"approved_on", "批准日期"},
    {"died_on", "死亡日期"}, {"moved_out_on", "迁出日期"}, {"birth_year", "出生年份"}, {"bank", "银行账户"}, {"account", "账号"},
    {"paid", "已发放"}, {NULL, NULL},
};

static const struct word values[] = {
    {"M", "男"}, {"F", "女"}, {"cash", "现金"}, {"bank", "银行转账"}, {"active", "在贷"}, {"settled", "已结清"},
    {"compensated", "已代偿"}, {"income", "收入"}, {"loan", "贷款"}, {"relief", "救助"}, {"district", "区级拨款"},
    {"township", "镇级拨款"}, {"donation", "捐赠"}, {"other", "其他"}, {"counter_guarantor", "反担保人"}, {"borrower", "借款人"},
    {"month", "按月计息"}, {"published", "已发布"}, {"withdrawn", "已撤回"}, {"standard", "定额"}, {"case", "按情况"},
    {"adjustment", "调整"}, {"public", "群众提交"}, {"staff", "工作人员代登记"}, {"cadre", "干部"}, {"cooperative", "合作社"},
    {"demonstration_base", "示范基地"}, {"household", "家庭"}, {"organisation", "合作社/示范基地"}, {"due_dates", "按还款日结息"},
    {"quarter_20th", "按季结息（每季末月20日）"}, {"roll", "资格确认名册"}, {"person", "个人"}, {"year", "每年"}, {"once", "一次性"},
    {"rural", "农业"}, {"urban", "非农业"}, {"excluded", "不符合"}, {"removed", "移出"}, {"added", "补录"}, {NULL, NULL},
};

/* The name of code in a word list, or NULL. */
static const char *word_find(const struct word *w, const char *code)
{
    for (; code && w->code; w++)
        if (strcmp(w->code, code) == 0)
            return w->name;
    return NULL;
}

const char *const audit_action_codes[] = {
    "create", "update", "edit", "login", "change_password", "view_id_number", "import", "add_member", "documents",
    "submit", "review", "guarantee", "backup_handler", "disburse", "repayment", "reverse_repayment", "compensate",
    "recover", "verify", "approve", "reject", "void_receipt", "reprint_receipt", "publish", "withdraw",
    "resolve_objection", "attach_document", "propose_category", "approve_category", "reject_category", "end",
    "assign", "resolve", "update_member", "view_bank_account", "add_row", "remove_row", "bank_file", "bank_return",
    "paid_twice", NULL,
};

const char *const audit_entity_codes[] = {
    "household", "user", "unit", "department", "holiday", "masking_rules", "loan_application", "loan",
    "loan_followup", "guarantee_fund_entry", "relief_application", "relief_batch", "relief_fund",
    "relief_fund_entry", "relief_category", "notice", "announcement", "account", "voucher_rule", "pair", "visit",
    "complaint", "time_limit", "training", "loan_product", "organisation", "programme", "roll", "bank_format",
    "campaign", "aid_item", "aid_distribution",
    "information_item", "assessment_weights", NULL,
};

const char *audit_action_name(const char *action)
{
    return word_find(actions, action);
}

const char *audit_entity_name(const char *entity)
{
    return word_find(entities, entity);
}

/* The Chinese word for a stored code value, trying every list of states and kinds; NULL when none. */
static const char *value_name(const char *v)
{
    int i;
    const char *w = word_find(values, v);
    if (w)
        return w;
    if ((i = loan_state_parse(v)) >= 0)
        return loan_state_name((enum loan_state)i);
    if ((i = relief_state_parse(v)) >= 0)
        return relief_state_name(i);
    if ((i = review_decision_parse(v)) >= 0)
        return review_decision_name((enum review_decision)i);
    if ((i = project_type_parse(v)) >= 0)
        return project_type_name((enum project_type)i);
    if ((i = amort_method_parse(v)) >= 0)
        return amort_method_name(i);
    if ((i = amort_day_count_parse(v)) >= 0)
        return amort_day_count_name(i);
    if ((i = role_parse(v)) >= 0)
        return role_name((enum role)i);
    if ((i = hh_category_parse(v)) >= 0)
        return hh_category_name(i);
    if ((i = loan_doc_parse(v)) >= 0)
        return loan_doc_name((enum loan_doc)i);
    for (i = 0; i < RA__MAX; i++)
        if (strcmp(relief_action_code(i), v) == 0)
            return relief_action_name(i);
    if ((w = voucher_event_name(v)) != NULL)
        return w;
    if ((w = account_category_name(v)) != NULL)
        return w;
    if ((i = helper_kind_parse(v)) >= 0)
        return helper_kind_name((enum helper_kind)i);
    if ((i = visit_kind_parse(v)) >= 0)
        return visit_kind_name((enum visit_kind)i);
    if ((i = complaint_category_parse(v)) >= 0)
        return complaint_category_name((enum complaint_category)i);
    return NULL;
}

static void write_value(struct req *r, const char *key, json_t *v);

/* Writes an object's fields as a definition list. */
static void write_object(struct req *r, json_t *o)
{
    const char *key;
    json_t *v;
    html_raw(r, "<dl class=\"audit-fields\">");
    json_object_foreach(o, key, v) {
        const char *label = word_find(fields, key);
        html_raw(r, "<dt>");
        html_text(r, label ? label : "其他");
        html_raw(r, "</dt><dd>");
        write_value(r, key, v);
        html_raw(r, "</dd>");
    }
    html_raw(r, "</dl>");
}

/* Writes one value: amounts (fields ending in _fen) in 元, codes as words, lists one per line. */
static void write_value(struct req *r, const char *key, json_t *v)
{
    size_t klen = key ? strlen(key) : 0;
    if (json_is_integer(v) && klen > 4 && strcmp(key + klen - 4, "_fen") == 0) {
        html_money(r, (int64_t)json_integer_value(v));
        html_raw(r, " 元");
    } else if (json_is_integer(v)) {
        html_printf(r, "%lld", (long long)json_integer_value(v));
    } else if (json_is_real(v)) {
        html_printf(r, "%g", json_real_value(v));
    } else if (json_is_true(v) || json_is_false(v)) {
        html_raw(r, json_is_true(v) ? "是" : "否");
    } else if (json_is_null(v)) {
        html_raw(r, "（空）");
    } else if (json_is_string(v)) {
        const char *w = value_name(json_string_value(v));
        html_text(r, w ? w : json_string_value(v));
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            if (i)
                html_raw(r, json_is_object(x) ? "" : "、");
            write_value(r, key, x);
        }
    } else if (json_is_object(v)) {
        write_object(r, v);
    }
}

void audit_write_details(struct req *r, const char *json)
{
    json_t *v = json ? json_loads(json, 0, NULL) : NULL;
    if (!v) {
        html_raw(r, "—");
        return;
    }
    if (json_is_object(v))
        write_object(r, v);
    else
        write_value(r, NULL, v);
    json_decref(v);
}
