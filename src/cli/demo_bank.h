/*
 * demo_bank.h: the demo's second bank format (代发文件格式), for a credit union whose system reads
 * only GBK: fewer columns under its own headers, CSV in GB18030. The default format is the seed of
 * migration 049.
 */
#ifndef BANGFU_DEMO_BANK_H
#define BANGFU_DEMO_BANK_H
#include "db.h"

/* Adds the format (as the administrator set it up before the demo's records). Returns 0 or -1. */
int demo_bank_formats(struct db *db);

#endif
