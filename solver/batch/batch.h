/* batch.h - internals of batch studies shared by the files of solver/batch:
 * the parsed study, the results store, CSV helpers and random streams. */
#ifndef ARS_BATCH_BATCH_H
#define ARS_BATCH_BATCH_H

#include "arsenal.h"
#include "util/util.h"

#include <stdint.h>

/* Upper bounds that keep a study's bookkeeping within memory and its
 * arithmetic exact. */
#define ARS__STUDY_MAX_POINTS 100000000u
#define ARS__STUDY_MAX_PARAMS 64
#define ARS__STUDY_MAX_METRICS 10000
#define ARS__STUDY_MAX_BLOCK 100000

typedef enum {
    ARS__DIST_UNIFORM = 0,
    ARS__DIST_NORMAL,
    ARS__DIST_TRIANGULAR,
    ARS__DIST_RANDINT, /* randint(a,b): an integer of [a, b], each equally likely */
    ARS__DIST_CHOICE   /* choice(v1,...,vn): one of the values, each equally likely */
} ars__dist;

struct ars__path;

typedef struct ars__study_param {
    char *path;                 /* the parameter path, without operation */
    struct ars__path *compiled; /* set by ars_study_parse (study_check.c) */
    char *name;                 /* column name: path, with "*" appended when it is a factor */
    int scale;                  /* 1: the value multiplies (PATH*=v); 0: it replaces (PATH=v) */
    /* grid */
    size_t nvalues;
    char **values;  /* text applied */
    double *num;    /* numeric value, NaN for a string value */
    int numeric;    /* every value is a number */
    int from_range; /* given as from/to/steps (kept for to_json) */
    double from, to;
    /* tornado: factors applied down and up */
    double delta;
    /* monte carlo: uniform(a,b), normal(mu=a,sigma=b), triangular(a,mode=b,c),
     * randint(a,b), choice(choices[0..nchoices-1]) */
    int dist; /* ars__dist */
    double a, b, c;
    double *choices;
    size_t nchoices;
} ars__study_param;

typedef struct ars__study_metric {
    char *name; /* column name */
    char *path; /* path into the result JSON (docs/studies.md) */
    int user;   /* given by the user (not a default) */
} ars__study_metric;

struct ars_study {
    const ars_model *base; /* as given */
    ars_model *patched;    /* base with `set` applied, NULL when there is no set */
    int type;              /* ars_study_type */
    size_t nsets;
    char **sets;
    size_t nparams;
    ars__study_param *params;
    size_t nmetrics;
    ars__study_metric *metrics;
    int default_metrics;
    size_t nuser_metrics;
    size_t npoints;
    size_t block;   /* points per block (see arsenal.h) */
    size_t samples; /* monte carlo */
    uint64_t seed;  /* monte carlo */
    double delta;   /* tornado default */
    double time_limit;
    /* Frees what study_check.c added (compiled paths, the patched model);
     * a pointer so that study.c does not depend on those modules. */
    void (*cleanup)(struct ars_study *s);
};

/* The syntax and arithmetic of a study (study.c); ars_study_parse adds the
 * checks against the model (study_check.c). m may be NULL (then only the
 * two objective metrics are defaults). */
int ars__study_parse_spec(const cJSON *spec, const ars_model *m, ars_study **out, ars_error *err);

/* The model the points are made from (base with the study's `set`). */
const ars_model *ars__study_model(const ars_study *s);

/* The values of every parameter at point i: text[j] (a buffer of 40 bytes
 * each, or a pointer into the study for a string grid value) and num[j]
 * (NaN for a string). Either may be NULL. For a tornado, the factor. */
void ars__study_point(const ars_study *s, size_t i, double *num, const char **text,
                      char (*bufs)[40]);

/* Shortest text that reads back to the same double, integers (below 2^53)
 * without an exponent: "10", not "1e+01". */
void ars__num_text(char *out, size_t outlen, double v);

/* splitmix64: the random stream of Monte Carlo point i. */
uint64_t ars__mix64(uint64_t z);
uint64_t ars__rng_next(uint64_t *state);
uint64_t ars__rng_for_point(uint64_t seed, uint64_t index);
double ars__rng_uniform(uint64_t *state); /* [0, 1) */
double ars__dist_sample(int dist, double a, double b, double c, uint64_t *state);
/* An integer of [0, n) (n >= 1), each exactly equally likely. */
uint64_t ars__rng_below(uint64_t n, uint64_t *state);

/* Stored row of the results. */
typedef struct ars__row {
    size_t point;
    const char *status; /* interned (ars__intern_status) */
    char *error;        /* NULL when none */
    double *metrics;    /* [nmetrics] */
} ars__row;

struct ars_study_results {
    const ars_study *study;
    size_t nrows, cap;
    ars__row *rows;
    unsigned char *done; /* bitmap over points */
    int sorted;
};

/* A stable pointer for a status word (known words are static; others are
 * kept in a per-process table). */
const char *ars__intern_status(const char *s);

/* Sorts the rows by point (idempotent). */
void ars__results_sort(ars_study_results *r);

/* CSV: appends field text, quoted when it holds a comma, quote or newline. */
void ars__csv_field(ars__buf *b, const char *s);
/* Splits one CSV line (without its '\n') into fields. Returns the number of
 * fields, or -1 on a malformed quote. The fields are allocated in *out
 * (freed with ars_study_strings_free). */
int ars__csv_split(const char *line, size_t len, char ***out);

/* Percentile (0..100) of sorted values v[0..n-1], linear between closest
 * ranks (numpy's default). */
double ars__percentile(const double *v, size_t n, double p);

/* How a metric aggregates a per-period series (docs/studies.md). */
typedef enum {
    ARS__AGG_SUM,  /* flows: output, spend, shortfall... */
    ARS__AGG_LAST, /* levels: stock, carried, added_capacity, reserve */
    ARS__AGG_RATIO /* fill_rate: sum(met) / sum(demand) */
} ars__metric_agg;
ars__metric_agg ars__metric_aggregation(const char *key);

/* Resolves a metric path in a result document: a number, or a per-period
 * series (restricted by an @ selection) aggregated by its key. Returns 0
 * and *v, or -1 with why in msg. */
int ars__metric_eval(const cJSON *result, const char *path, const ars_model *m, double *v,
                     char *msg, size_t msglen);

/* Checks a metric path against what a result of model m holds, before any
 * point is solved, and writes its full form to canon (`shortfall` is
 * `objective.shortfall`, `fires.fill_rate` is `requirements.fires.fill_rate`).
 * Returns 0, or -1 with why in msg. */
int ars__metric_resolve(const char *path, const ars_model *m, char *canon, size_t canonlen,
                        char *msg, size_t msglen);

/* Chart axis ticks (svg.c): a 1-2-5 step (1, 2, 5 times a power of 10)
 * giving 5 to 10 ticks from a tick at or below lo to one at or above hi.
 * Writes at most cap ticks, returns their number (0 for a non-finite
 * range) and the step in *step. */
int ars__nice_ticks(double lo, double hi, double *ticks, int cap, double *step);
/* A tick label: grouped digits with as many decimals as the step needs,
 * thousands as "k" and millions as "M" once the axis reaches 10,000
 * (maxabs: the largest |tick|); percent: a ratio shown as "45%". */
void ars__tick_label(char *buf, size_t len, double v, double step, double maxabs, int percent);

#endif /* ARS_BATCH_BATCH_H */
