/*
 * product_rules.h: the pure rules of loan products (贷款产品, docs/domain.md "Loan products"): what a
 * product is, whether its own figures hang together, and whether an application (amount, term,
 * borrower kind) and a disbursement (method, rate, day count) fall within it. The lists a product
 * stores as comma-separated codes are read and written here. No I/O, no SQL: unit-tested.
 */
#ifndef BANGFU_PRODUCT_RULES_H
#define BANGFU_PRODUCT_RULES_H
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "text.h"

/* Who may borrow under a product. */
enum borrower_kind { BK_HOUSEHOLD, BK_ORGANISATION, BK__MAX };
const char *borrower_kind_code(int k); /* "household", "organisation" */
const char *borrower_kind_name(int k); /* 家庭, 合作社/示范基地 */
int borrower_kind_parse(const char *code);

/* When interest is settled: on the schedule's due dates, or (as credit unions do, 按季结息) on the
   20th of each quarter's last month (amort.h AMORT_SETTLE_QUARTER_20TH; the values are equal). */
enum product_settlement { PS_DUE_DATES, PS_QUARTER_20TH, PS__MAX };
const char *product_settlement_code(int s); /* "due_dates", "quarter_20th" */
const char *product_settlement_name(int s); /* 按还款日结息, 按季结息（每季末月20日） */
int product_settlement_parse(const char *code);

/* A credit rating (信用户评定) as a rank, better higher: 0 none, 1 差, 2 一般, 3 较好, 4 优秀. */
int product_rating_rank(const char *grade); /* 0 for NULL, "" or an unknown grade */
const char *product_rating_grade(int rank);  /* NULL for 0 or out of range */

/* What an application's checks know of the borrower beyond its kind: the household's rating for
   the current year, else the previous year (rank 0: neither year rated), and whether its previous
   programme loan was settled on time (second cycle, 第二轮). */
struct borrower_record {
    int rating_rank;
    int rating_year;  /* the year of that rating (0: none) */
    int second_cycle; /* 1: the previous loan was settled on time */
};

/* Who approves an extension (展期) of the product's loans: one association worker other than who
   asked, or the departments' joint review like a new loan. */
enum extension_review { ER_ASSOCIATION, ER_JOINT, ER__MAX };
const char *extension_review_code(int r); /* "association", "joint" */
const char *extension_review_name(int r); /* 协会审批, 各部门联合评审 */
int extension_review_parse(const char *code);

#define PRODUCT_NAME_MAX_CHARS NAME_MAX_CHARS
#define PRODUCT_DEPARTMENTS_SIZE 256 /* department ids, comma-separated */
#define PRODUCT_LIST_SIZE 256        /* method, kind or document codes, comma-separated */
#define PRODUCT_PENALTY_MIN_PCT 100
#define PRODUCT_PENALTY_MAX_PCT 200

struct product_terms {
    int64_t min_fen, max_fen;
    int64_t min_months, max_months;
    unsigned methods;        /* bit per enum amort_method allowed */
    int64_t min_rate_micro, max_rate_micro;
    int day_count;           /* enum amort_day_count required, or -1: as the disbursement gives it */
    int settlement;          /* enum product_settlement */
    int64_t penalty_pct;     /* % of the contract rate for penalty interest; 0: the parameter */
    int subsidy_eligible;    /* 1: the loans' interest may be subsidised (贴息) */
    unsigned borrower_kinds; /* bit per enum borrower_kind */
    unsigned documents;      /* bit per enum loan_doc required before review */
    int min_rating;          /* product_rating_rank a household needs (0: none); 2..4 (一般 .. 优秀) */
    int64_t second_max_fen;  /* second-cycle households may borrow up to this (0: as max_fen) */
    int64_t second_min_rate_micro; /* second-cycle households' rate floor (-1: as min_rate_micro) */
    int extension_review;    /* enum extension_review */
};

/* Reads comma-separated codes into bits (bit i for the code parse returns i); "" gives 0. -1 when
   a code is unknown or repeated. */
int product_codes_bits(const char *csv, int (*parse)(const char *), unsigned *bits);
/* Writes the codes of bits (code(i) for each bit i below max) comma-separated into out (size n).
   -1 when it does not fit (out ""). */
int product_bits_codes(unsigned bits, const char *(*code)(int), int max, char *out, size_t n);
/* Writes the Chinese names of bits, joined by 、, into out (size n). -1 when it does not fit. */
int product_bits_names(unsigned bits, const char *(*name)(int), int max, char *out, size_t n);

/* Checks a product's own figures (the name is the caller's): amounts 1 fen .. the schedule
   engine's maximum with min <= max; terms 1..360 months with min <= max; at least one method;
   rates 0..24 % with min <= max; a penalty factor of 0 or 100..200 %; at least one borrower kind;
   按季结息 only with methods that repay at maturity and 按日计息 (422 invalid_settlement_methods,
   invalid_settlement_day_count); a required rating of 一般, 较好 or 优秀 (invalid_min_rating); a
   second-cycle maximum at least max_fen (invalid_second_cycle_max) and a second-cycle rate floor
   within 0 .. min_rate (invalid_second_cycle_rate); an extension review rule
   (invalid_extension_review). 0, or -1 with 422 naming the field. */
int product_validate(const struct product_terms *p, struct err *e);
/* Checks an application under the product: the kind of borrower; for a household the rating the
   product requires (b: its record); the amount and the term within the product's ranges (both
   ends included), the amount up to the second-cycle maximum for a second-cycle household (b may
   be NULL: an organisation, never second-cycle). product_name goes into the messages. 0, or -1
   with 422 borrower_not_allowed (product_id) / rating_required (household_id) / invalid_amount
   (amount_fen) / second_cycle_required (amount_fen: within the second-cycle maximum only) /
   invalid_term (term_months). */
int product_check_application(const struct product_terms *p, const char *product_name, enum borrower_kind kind,
                              const struct borrower_record *b, int64_t amount_fen, int64_t term_months,
                              struct err *e);
/* Checks a disbursement's terms under the product: the method allowed, the rate within the range
   (from the second-cycle floor when second_cycle is 1) and the day count the product fixes (if
   any). 0, or -1 with 422 invalid_method (method) / invalid_rate (annual_rate) /
   invalid_day_count (day_count). */
int product_check_disbursement(const struct product_terms *p, const char *product_name, int second_cycle, int method,
                               int64_t rate_micro, int day_count, struct err *e);

#endif
