/*
 * main.c: the command line. Each command is one entry in the table below; options are parsed
 * with getopt_long; unknown options, bad values and a missing database exit 2 with a clear
 * message on stderr.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup.h"
#include "backup_schedule.h"
#include "check.h"
#include "cmd_schedule.h"
#include "clock.h"
#include "commands.h"
#include "date.h"
#include "db_checkpoint.h"
#include "dispatch.h"
#include "html.h"
#include "routes.h"
#include "log.h"
#include "month_closer.h"
#include "server.h"

/* Prints the usage summary to f. */
static void usage(FILE *f)
{
    fputs("用法: bangfu 命令 [选项]\n"
          "  init  --db FILE [--admin-password-file F] [--district NAME]   新建空数据库\n"
          "  demo  --db FILE [--admin-password-file F]                    新建演示数据库（西集镇）\n"
          "  （每个写入带日期数据的命令都接受 --today YYYY-MM-DD：把这一天当作今天，用于培训和测试）\n"
          "  serve --db FILE [--listen 127.0.0.1:8080] [--threads N] [--today YYYY-MM-DD]\n"
          "        [--log FILE] [--backup-dir DIR [--backup-keep N]]      日志文件；每日自动备份，保留N份（默认7）\n"
          "  backup --db FILE --to FILE|DIR                               在线备份（服务运行时也可）并检查副本\n"
          "  logins --db FILE                                             列出演示账号\n"
          "  schedule --principal 200000.00 --rate 4.35 --months 36 --method METHOD --start YYYY-MM-DD\n"
          "           [--format table|csv|json]                            打印还款计划\n"
          "  check --db FILE                                              完整性与账目检查（有问题时退出码1）\n"
          "  gen   --db FILE [--households N] [--loans N] [--relief N] [--services N] [--people] [--today YYYY-MM-DD]\n"
          "        生成压力测试数据（--households 同时为其中十分之一的家庭生成结对、走访、培训、信息和投诉；\n"
          "        --services N 为 N 户未结对家庭补生成这些；--people 为旧数据库的成员补户口性质和银行账户）\n",
          f);
}

/* Option values shared by the database commands. */
struct opts {
    const char *db, *admin_password_file, *district, *listen, *today, *to, *log, *backup_dir;
    int threads, backup_keep;
    long households, loans, relief, services;
    int people; /* gen --people */
};

/* The current option's value (optarg) as an integer from min to max; exits 2 with a message
   naming the option otherwise. */
static long int_option(const char *name, long min, long max)
{
    char *end;
    long v = strtol(optarg, &end, 10);
    if (!*optarg || *end || v < min || v > max) {
        fprintf(stderr, "错误: %s 应为 %ld 到 %ld 之间的整数\n", name, min, max);
        exit(2);
    }
    return v;
}

/* Pins the program's clock to --today when given; exits 2 on a malformed date. */
static void pin_today(const char *today)
{
    struct date d;
    if (!today)
        return;
    if (date_parse(today, &d) != 0) {
        fprintf(stderr, "错误: --today 应为有效日期 YYYY-MM-DD\n");
        exit(2);
    }
    clock_pin_today(d);
}

/* Parses the options of a database command; exits 2 on anything unknown or malformed. */
static void parse_opts(int argc, char **argv, struct opts *o)
{
    static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
                                             {"admin-password-file", required_argument, NULL, 'p'},
                                             {"district", required_argument, NULL, 'D'},
                                             {"listen", required_argument, NULL, 'l'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"today", required_argument, NULL, 'T'},
                                             {"households", required_argument, NULL, 'n'},
                                             {"loans", required_argument, NULL, 'L'},
                                             {"relief", required_argument, NULL, 'R'},
                                             {"people", no_argument, NULL, 'P'},
                                             {"services", required_argument, NULL, 'S'},
                                             {"to", required_argument, NULL, 'o'},
                                             {"log", required_argument, NULL, 'g'},
                                             {"backup-dir", required_argument, NULL, 'b'},
                                             {"backup-keep", required_argument, NULL, 'k'},
                                             {NULL, 0, NULL, 0}};
    memset(o, 0, sizeof *o);
    o->listen = "127.0.0.1:8080";
    o->threads = 4;
    o->backup_keep = 7;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'p': o->admin_password_file = optarg; break;
        case 'D': o->district = optarg; break;
        case 'l': o->listen = optarg; break;
        case 'T': o->today = optarg; break;
        case 'o': o->to = optarg; break;
        case 'g': o->log = optarg; break;
        case 'b': o->backup_dir = optarg; break;
        case 'k': o->backup_keep = (int)int_option("--backup-keep", 1, 3650); break;
        case 't': o->threads = (int)int_option("--threads", 1, 64); break;
        case 'n': o->households = int_option("--households", 1, 10000000); break;
        case 'L': o->loans = int_option("--loans", 1, 1000000); break;
        case 'R': o->relief = int_option("--relief", 1, 1000000); break;
        case 'P': o->people = 1; break;
        case 'S': o->services = int_option("--services", 1, 1000000); break;
        default:
            fprintf(stderr, "错误: 未知或不完整的选项 %s\n", argv[optind - 1]);
            usage(stderr);
            exit(2);
        }
    }
    if (optind < argc) {
        fprintf(stderr, "错误: 多余的参数 %s\n", argv[optind]);
        exit(2);
    }
    if (!o->db) {
        fprintf(stderr, "错误: 缺少 --db 数据库文件\n");
        exit(2);
    }
    pin_today(o->today);
}

/* 1 when path is a directory this process may write into. */
static int writable_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && access(path, W_OK | X_OK) == 0;
}

/* bangfu serve */
static int cmd_serve(int argc, char **argv)
{
    struct opts o;
    parse_opts(argc, argv, &o);
    struct app app = {
        .db_path = o.db, .threads = o.threads, .dispatch = dispatch_request, .error_page = html_error_page};
    if (access(o.db, R_OK | W_OK) != 0) {
        fprintf(stderr, "错误: 数据库 %s 不存在或不可读写（先运行 bangfu init 或 bangfu demo）\n", o.db);
        return 2;
    }
    if (o.backup_dir && !writable_dir(o.backup_dir)) {
        fprintf(stderr, "错误: --backup-dir %s 不是可写入的目录\n", o.backup_dir);
        return 2;
    }
    if (commands_upgrade(o.db, o.backup_dir) != 0)
        return 1;
    if (o.log && log_open(o.log) != 0) {
        fprintf(stderr, "错误: 无法打开日志文件 %s：%s\n", o.log, strerror(errno));
        return 2;
    }
    if (o.backup_dir)
        backup_schedule_start(o.db, o.backup_dir, o.backup_keep);
    month_closer_start(o.db);
    db_checkpointer_start(o.db, DB_CHECKPOINT_PAGES); /* without it, each connection checkpoints itself */
    int rc = server_run(&app, o.listen);
    db_checkpointer_stop();
    month_closer_stop();
    backup_schedule_stop();
    return rc;
}

/* bangfu backup */
static int cmd_backup(int argc, char **argv)
{
    struct opts o;
    parse_opts(argc, argv, &o);
    if (!o.to) {
        fprintf(stderr, "错误: 缺少 --to 备份文件或目录\n");
        return 2;
    }
    if (access(o.db, R_OK) != 0) {
        fprintf(stderr, "错误: 数据库 %s 不存在或不可读\n", o.db);
        return 2;
    }
    return backup_command(o.db, o.to);
}

/* bangfu init / demo */
static int cmd_init_or_demo(int argc, char **argv)
{
    struct opts o;
    parse_opts(argc, argv, &o);
    return commands_init(o.db, o.admin_password_file, o.district ? o.district : "山亭区",
                         strcmp(argv[0], "demo") == 0);
}

/* bangfu logins */
static int cmd_logins(int argc, char **argv)
{
    struct opts o;
    parse_opts(argc, argv, &o);
    return commands_logins(o.db);
}

/* bangfu check */
static int cmd_check(int argc, char **argv)
{
    struct opts o;
    parse_opts(argc, argv, &o);
    if (access(o.db, R_OK) != 0) {
        fprintf(stderr, "错误: 数据库 %s 不存在或不可读\n", o.db);
        return 2;
    }
    if (commands_upgrade(o.db, NULL) != 0)
        return 2;
    return check_database(o.db);
}

/* bangfu gen */
static int cmd_gen(int argc, char **argv)
{
    struct opts o;
    parse_opts(argc, argv, &o);
    if (!o.households && !o.loans && !o.relief && !o.services && !o.people) {
        fprintf(stderr, "错误: 缺少 --households N、--loans N、--relief N、--services N 或 --people\n");
        return 2;
    }
    return commands_gen(o.db, o.households, o.loans, o.relief, o.services, o.people);
}

/* bangfu routes (not in the usage text: for the tests): the route table as JSON. */
static int cmd_routes(int argc, char **argv)
{
    return routes_print_json(stdout) == 0 ? 0 : 1;
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"init", cmd_init_or_demo}, {"demo", cmd_init_or_demo}, {"serve", cmd_serve},
    {"logins", cmd_logins}, {"schedule", cmd_schedule}, {"gen", cmd_gen}, {"check", cmd_check},
    {"routes", cmd_routes},
    {"backup", cmd_backup},
};

/* Dispatches argv[1] to its command. */
int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "错误: 未知命令 %s\n", argv[1]);
    usage(stderr);
    return 2;
}
