/*
 * hello.c: the baseline for `make bench`: a bare libmicrohttpd server with the same threading
 * as bangfu serve (internal epoll thread pool) answering "hello" to every request. Bangfu's
 * throughput is reported as a ratio against this, measured in the same run.
 */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Answers every request with a fixed body. */
static enum MHD_Result hello(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                             const char *version, const char *data, size_t *size, void **con_cls)
{
    static const char body[] = "hello";
    struct MHD_Response *r = MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ret;
}

/* hello PORT THREADS: serves until killed. */
int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD, (uint16_t)atoi(argv[1]), NULL, NULL,
                                            hello, NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[2]),
                                            MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_END);
    if (!d)
        return 1;
    printf("ready\n");
    fflush(stdout);
    pause();
    return 0;
}
