/*
 * audit_words.h: the audit log in Chinese. The log stores stable codes (actions, record kinds,
 * field names, states) and JSON; the audit page shows them as Chinese words, amounts in 元 and
 * times in China time.
 */
#ifndef BANGFU_AUDIT_WORDS_H
#define BANGFU_AUDIT_WORDS_H
#include "server.h"

/* The Chinese name of an audit action ("disburse" → 放款/发放), NULL when unknown. */
const char *audit_action_name(const char *action);
/* The Chinese name of a record kind ("relief_application" → 救助申请), NULL when unknown. */
const char *audit_entity_name(const char *entity);
/* Writes before/after JSON as a list of Chinese field names and values (amounts in 元, states
   and codes in Chinese), "—" for none. */
void audit_write_details(struct req *r, const char *json);
/* Every action code the audit page's filter offers, NULL-terminated (for the select). */
extern const char *const audit_action_codes[];
/* Every record kind code the filter offers, NULL-terminated. */
extern const char *const audit_entity_codes[];

#endif
