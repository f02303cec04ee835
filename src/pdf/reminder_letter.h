/*
 * reminder_letter.h: reminder letters (催收通知书 for an overdue loan, 还款提醒函 for one falling
 * due): A4, one loan a page, the borrower, the amounts in figures and 大写, the penalty and
 * compound interest so far, the date, and room for the association's signature and seal. (The
 * loan figures' overdue_fen counts penalty and compound interest too, as repay_overdue does: the
 * letter states the overdue principal and interest as overdue_fen − penalty_fen.)
 */
#ifndef BANGFU_REMINDER_LETTER_H
#define BANGFU_REMINDER_LETTER_H
#include <stddef.h>

#include "date.h"
#include "pdf.h"
#include "reminder.h"

/* A new document for the letters, or NULL with *err set. */
struct pdf *reminder_letters_new(const char **err);
/* Adds the letter of one loan as of today on a page of its own. */
void reminder_letter_page(struct pdf *p, const struct reminder *m, struct date today);
/* Adds the page that says there is nobody to remind in the window (a document is never empty). */
void reminder_letters_none(struct pdf *p, int days, struct date today);
/* Saves and frees the document: 0 with a malloc'd PDF in *out, or -1 with *err set. */
int reminder_letters_finish(struct pdf *p, char **out, size_t *len, const char **err);
#endif
