/*
 * docno.h: the one numbering service for documents — relief receipts (西集-2026-000123),
 * guarantee letters (西集担〔2026〕007号), settlement certificates (西集结〔2026〕003号) and public
 * notices (西集公示〔2026〕002号). Numbers run per unit, kind and year, gapless, and are taken
 * inside the caller's BEGIN IMMEDIATE transaction, so concurrent writers never share one and a
 * rolled-back write gives its number back.
 */
#ifndef BANGFU_DOCNO_H
#define BANGFU_DOCNO_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"

/* Room for any formatted number: a unit's short name of up to 20 characters of 4 bytes and the
   kind's pattern. */
#define DOCNO_SIZE 128

enum docno_kind { DOCNO_RELIEF_RECEIPT, DOCNO_GUARANTEE_LETTER, DOCNO_SETTLEMENT, DOCNO_NOTICE };

/* The kind's name in docno_counters.kind ("relief_receipt", "guarantee_letter", "settlement", "notice"). */
const char *docno_kind_name(enum docno_kind kind);
/* Writes the number of sequence seq of kind for the unit's short name and year into out (size n).
   Returns 0, or -1 with e when it does not fit. */
int docno_format(enum docno_kind kind, const char *unit_short, int year, int64_t seq, char *out, size_t n,
                 struct err *e);
/* Takes the next sequence of (unit_id, kind, year) with one upsert and writes its formatted number
   into out (size n). Call inside a transaction. Returns the sequence (>= 1), or -1 with e. */
int64_t docno_next(struct db *db, int64_t unit_id, enum docno_kind kind, int year, const char *unit_short, char *out,
                   size_t n, struct err *e);
#endif
