/* cmd_schedule.h: `bangfu schedule`, a repayment schedule on the command line (see API.md). */
#ifndef BANGFU_CMD_SCHEDULE_H
#define BANGFU_CMD_SCHEDULE_H

/*
 * bangfu schedule --principal 200000.00 --rate 4.35 --months 36 --method METHOD
 *                 --start 2026-03-15 [--format table|csv|json]
 * argv[0] is "schedule". Prints the schedule on stdout as an aligned table (default), CSV or
 * JSON. Returns 0; 2 after a message on stderr for a missing or unknown option or a bad value;
 * 1 when stdout cannot be written.
 */
int cmd_schedule(int argc, char **argv);

#endif
