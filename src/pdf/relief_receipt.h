/*
 * relief_receipt.h: the printed relief documents: the receipt (领款凭证), a ruled finance voucher
 * per payment with the recipient's masked ID, the amount in figures and in 大写, the people who
 * handled, reviewed and approved it and boxes for the signature and the thumbprint; and a
 * batch's sign-for list (签领表). Both take receipts as relief_receipt_get fills them.
 */
#ifndef BANGFU_RELIEF_RECEIPT_H
#define BANGFU_RELIEF_RECEIPT_H
#include <stddef.h>

#include "relief_pay.h"

enum receipt_layout {
    RECEIPT_A5,      /* one receipt per A5 landscape page */
    RECEIPT_A4_TWO,  /* two receipts per A4 portrait page, a dashed cut line between them */
    RECEIPT_A4_LIAN, /* each receipt twice on one A4: 第一联 存根 above, 第二联 领款人留存 below */
};

/* Renders n receipts (n >= 1) in one document, in the order given; print is NULL (originals) or
   holds each receipt's recorded print (print[i] for r[i]). A print after the first (print[i].n > 1)
   marks that receipt 补打 with the print's count, day and operator, in black inside a black frame (legible in black and white); a voided receipt
   keeps its number and is stamped 作废 with the reason and date. Returns the malloc'd PDF (caller
   frees; *len its size), or NULL with *err set to a static message in Chinese. */
char *receipt_pdf(const struct relief_receipt *const *r, int n, enum receipt_layout layout,
                  const struct receipt_print *print, size_t *len, const char **err);

/* Renders a batch's sign-for list: A4 landscape, title on every page, one ruled row per receipt
   (序号, 凭证号, 村, 户主姓名, masked 身份证号, 金额, a wide 领款人签字 cell, 日期), the header
   repeated on every page with "第 N 页 共 M 页", and on the last page the total (count and
   amount, also in 大写) of the receipts that are not void; void ones are marked 作废. n may be 0.
   Returns the malloc'd PDF or NULL with *err (as receipt_pdf). */
char *signlist_pdf(const char *title, const struct relief_receipt *const *r, int n, size_t *len, const char **err);

#endif
