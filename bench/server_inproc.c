/* server_inproc.c - the in-process baseline of bench/server.sh: THREADS
 * threads each load, solve and print as JSON the same model in a loop for
 * SECONDS, the same work a POST /v1/solve does, without HTTP. Prints
 * "requests N seconds S p50_ms X p99_ms Y".
 *   server_inproc MODEL.json THREADS SECONDS */
#include "arsenal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *text;
static size_t text_len;
static double seconds_run;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static double *lat;
static size_t nlat, cap;
static int failed;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *worker(void *arg)
{
    double end = now() + seconds_run;
    (void)arg;
    while (now() < end) {
        double t0 = now();
        ars_model *m = NULL;
        ars_result *r = NULL;
        ars_diag d;
        ars_error err;
        ars_solve_opts o;
        cJSON *j;
        char *out = NULL;
        ars_diag_init(&d);
        ars_solve_opts_default(&o);
        if (ars_model_load_text(text, text_len, NULL, &m, &d) != ARS_OK ||
            ars_solve(m, &o, &r, &err) != ARS_OK) {
            failed = 1;
        } else {
            j = ars_result_to_json(r);
            out = j ? cJSON_PrintUnformatted(j) : NULL;
            cJSON_Delete(j);
        }
        free(out);
        ars_result_free(r);
        ars_model_free(m);
        ars_diag_free(&d);
        pthread_mutex_lock(&mu);
        if (nlat == cap) {
            cap = cap ? cap * 2 : 1024;
            lat = realloc(lat, cap * sizeof *lat);
        }
        lat[nlat++] = now() - t0;
        pthread_mutex_unlock(&mu);
        if (failed)
            break;
    }
    return NULL;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    FILE *fp;
    long n;
    int threads, i;
    pthread_t *t;
    double t0, wall;
    if (argc != 4) {
        fprintf(stderr, "usage: server_inproc MODEL.json THREADS SECONDS\n");
        return 2;
    }
    fp = fopen(argv[1], "rb");
    if (!fp || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0)
        return 2;
    text = malloc((size_t)n + 1);
    if (!text || fread(text, 1, (size_t)n, fp) != (size_t)n)
        return 2;
    fclose(fp);
    text[n] = '\0';
    text_len = (size_t)n;
    threads = atoi(argv[2]);
    seconds_run = atof(argv[3]);
    t = calloc((size_t)threads, sizeof *t);
    t0 = now();
    for (i = 0; i < threads; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (i = 0; i < threads; i++)
        pthread_join(t[i], NULL);
    wall = now() - t0;
    if (failed || nlat == 0) {
        fprintf(stderr, "server_inproc: the model did not solve\n");
        return 1;
    }
    qsort(lat, nlat, sizeof *lat, cmp);
    printf("requests %zu seconds %.3f p50_ms %.3f p99_ms %.3f\n", nlat, wall, lat[nlat / 2] * 1e3,
           lat[(size_t)((double)(nlat - 1) * 0.99)] * 1e3);
    free(lat);
    free(t);
    free(text);
    return 0;
}
