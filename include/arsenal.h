/* arsenal.h - the public API of arsenal, a defense-industrial capacity optimizer.
 *
 * This is the only header the CLI (solver/cli) and the server (solver/server)
 * include from the library. Conventions:
 *   - public names are ars_* / ARS_*; library-internal cross-file names ars__*;
 *   - fallible functions return int: ARS_OK (0) or a negative ARS_E* code, and
 *     fill a caller-supplied ars_error with the place, value and fix;
 *   - every *_free accepts NULL; objects returned through `out` are owned by
 *     the caller;
 *   - GLPK state is per thread: an ars_session is created, used and freed on
 *     one thread. Models and results are plain data and may cross threads.
 */
#ifndef ARSENAL_H
#define ARSENAL_H

#include <stddef.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define ARS_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define ARS_WARN_UNUSED
#endif

/* ---------------------------------------------------------------- errors */

/* One table makes the enum, ars_strerror() and ars_err_name(). Append only. */
#define ARS_ERRNO_MAP(XX)                                                                          \
    XX(NOMEM, "out of memory")                                                                     \
    XX(IO, "input/output error")                                                                   \
    XX(INVALID, "invalid model")                                                                   \
    XX(LIMIT, "limit exceeded")                                                                    \
    XX(SOLVER, "solver failure")                                                                   \
    XX(PATH, "bad parameter path")                                                                 \
    XX(USAGE, "bad usage")                                                                         \
    XX(CANCELLED, "cancelled")                                                                     \
    XX(STUDY, "bad study")                                                                         \
    XX(NOTFOUND, "not found")                                                                      \
    XX(INTERNAL, "internal error")

enum {
    ARS_OK = 0,
#define ARS__ERR_ENUM(name, text) ARS__ERRNUM_##name,
    ARS__ERR_FIRST_PLACEHOLDER = 0,
    ARS_ERRNO_MAP(ARS__ERR_ENUM) ARS__ERR_COUNT
#undef ARS__ERR_ENUM
};
#define ARS__ERR_VALUE(name) (-(int)ARS__ERRNUM_##name)
#define ARS_ENOMEM ARS__ERR_VALUE(NOMEM)
#define ARS_EIO ARS__ERR_VALUE(IO)
#define ARS_EINVALID ARS__ERR_VALUE(INVALID)
#define ARS_ELIMIT ARS__ERR_VALUE(LIMIT)
#define ARS_ESOLVER ARS__ERR_VALUE(SOLVER)
#define ARS_EPATH ARS__ERR_VALUE(PATH)
#define ARS_EUSAGE ARS__ERR_VALUE(USAGE)
#define ARS_ECANCELLED ARS__ERR_VALUE(CANCELLED)
#define ARS_ESTUDY ARS__ERR_VALUE(STUDY)
#define ARS_ENOTFOUND ARS__ERR_VALUE(NOTFOUND)
#define ARS_EINTERNAL ARS__ERR_VALUE(INTERNAL)

/* Human-readable text / symbolic name ("ARS_EINVALID") of a code. */
const char *ars_strerror(int code);
const char *ars_err_name(int code);

/* Error context of one call: what failed, where (a JSON pointer, a path, a
 * flag or a file name) and why. */
typedef struct ars_error {
    int code;
    char field[256];
    char message[768];
} ars_error;

void ars_error_clear(ars_error *err);
/* Sets err (if not NULL) and returns code, for `return ars_error_set(...)`. */
int ars_error_set(ars_error *err, int code, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* ---------------------------------------------------------- diagnostics */

typedef enum { ARS_SEV_ERROR = 0, ARS_SEV_WARNING = 1 } ars_severity;

/* One problem found in a model. `pointer` is an RFC 6901 pointer into the
 * document ("" for the whole document); line and col are 1-based, 0 when not
 * known. `message` says what was expected and what was found. */
typedef struct ars_diag_item {
    ars_severity severity;
    char *pointer;
    char *message;
    int line, col;
} ars_diag_item;

/* A list of errors and warnings. Initialise with ars_diag_init (or zero it);
 * release with ars_diag_free. */
typedef struct ars_diag {
    ars_diag_item *items;
    size_t count, cap;
    size_t nerrors, nwarnings;
} ars_diag;

void ars_diag_init(ars_diag *d);
void ars_diag_free(ars_diag *d);
/* Appends one item. Returns ARS_OK or ARS_ENOMEM. */
int ars_diag_add(ars_diag *d, ars_severity sev, const char *pointer, int line, int col,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Prints "file:line:col: error: /pointer: message" lines, errors first. */
void ars_diag_print(const ars_diag *d, const char *filename, FILE *fp);
/* {"errors":[{"pointer","line","col","message"}...],"warnings":[...]} */
cJSON *ars_diag_to_json(const ars_diag *d);

/* --------------------------------------------------------------- models */

/* Limits on what the loader accepts; exceeding one is an error naming it. */
typedef struct ars_limits {
    size_t max_bytes;     /* size of the JSON text */
    int max_depth;        /* JSON nesting */
    int max_periods;      /* length of `periods` */
    int max_items;        /* entries in any one section (lines, products, ...) */
    size_t max_variables; /* estimated columns of the program */
    size_t max_nonzeros;  /* estimated non-zeros of the program */
} ars_limits;

/* Defaults: 64 MiB, depth 64, 10000 periods, 100000 items, 5e6 columns,
 * 2e7 non-zeros. */
void ars_limits_default(ars_limits *lim);

typedef struct ars_model ars_model;

/* Parses and validates a model. On success (*out set, ARS_OK) the diag may
 * still hold warnings. On failure returns ARS_EINVALID (every error of the
 * text is in diag) or ARS_ELIMIT / ARS_ENOMEM; *out is NULL. lim may be NULL
 * (defaults). */
ARS_WARN_UNUSED int ars_model_load_text(const char *text, size_t len, const ars_limits *lim,
                                        ars_model **out, ars_diag *diag);
/* As above, from a file: refuses directories, FIFOs and devices, and checks
 * the size before reading. I/O problems go to err (code ARS_EIO / ARS_ELIMIT);
 * model problems to diag (ARS_EINVALID). */
ARS_WARN_UNUSED int ars_model_load_file(const char *path, const ars_limits *lim, ars_model **out,
                                        ars_diag *diag, ars_error *err);
/* The embedded default model (models/baseline.json), NUL-terminated. */
const char *ars_default_model_text(size_t *len);
void ars_model_free(ars_model *m);

/* The model format from its tables: a JSON Schema (draft 2020-12) that
 * editors can validate and complete models with, or the markdown field
 * reference of docs/model-format.md. Caller frees with free(); NULL on
 * allocation failure. */
typedef enum { ARS_SCHEMA_JSON = 0, ARS_SCHEMA_MARKDOWN = 1 } ars_schema_format;
char *ars_schema_text(ars_schema_format format);

/* The model's JSON document (owned by the model; do not modify). */
const cJSON *ars_model_json(const ars_model *m);
const char *ars_model_name(const ars_model *m);

/* Applies parameter-path assignments ("funds.usai.amount@2026Q1..=0", see
 * model-format.md section 10) in order to a copy of base and validates the
 * result. Path errors go to err (ARS_EPATH, field = the path); validation
 * errors of the patched model to diag (ARS_EINVALID). */
ARS_WARN_UNUSED int ars_model_apply(const ars_model *base, const char *const *sets, size_t nsets,
                                    ars_model **out, ars_diag *diag, ars_error *err);
/* Applies the named scenario of base (its `set` list). ARS_ENOTFOUND if none. */
ARS_WARN_UNUSED int ars_model_apply_scenario(const ars_model *base, const char *name,
                                             ars_model **out, ars_diag *diag, ars_error *err);
/* Number of scenarios, and the i-th name and description (NULL if absent). */
size_t ars_model_scenario_count(const ars_model *m);
const char *ars_model_scenario_name(const ars_model *m, size_t i);
const char *ars_model_scenario_description(const ars_model *m, size_t i);

/* -------------------------------------------------------------- solving */

typedef struct ars_solve_opts {
    double time_limit;    /* seconds for the whole solve; <= 0: the model's or none */
    int explain;          /* fill shadow prices, bottlenecks, ranging */
    int ranging;          /* with explain: the ranges of shadow prices and costs
                             (default 1; what-if and sweeps, which show none,
                             turn it off: it costs about as much as a warm solve) */
    int licence_value;    /* what each pending/denied licence is worth: warm re-solves
                             with it approved at the start and one period earlier */
    int verify;           /* recompute every constraint and the objective from the
                             model and check the plan against them (default 1) */
    volatile int *cancel; /* if set and becomes non-zero, the solve stops (ARS_ECANCELLED) */
    /* If set and becomes non-zero, a MIP's branch-and-cut ends and the best
     * plan found so far is the result (status "feasible", verified, with
     * solver.mip_gap from GLPK; CBC's C interface gives no bound at a stop);
     * with none found yet, ARS_ECANCELLED. An LP runs on. */
    volatile int *stop;
    int solver; /* ars_solver: which LP/MIP solver (default ars_solver_default()) */
} ars_solve_opts;

/* Sets every option to its default, the solver to ars_solver_default(). */
void ars_solve_opts_default(ars_solve_opts *o);

/* The solvers behind a solve: GLPK (simplex and branch and cut) or COIN-OR
 * (CLP for LPs, CBC for MIPs). The model names none: the same model gives
 * the same optimum on either, to solver tolerances. */
typedef enum { ARS_SOLVER_GLPK = 0, ARS_SOLVER_CLP = 1, ARS_SOLVER_COUNT } ars_solver;
/* "glpk", "clp". */
const char *ars_solver_name(int solver);
/* 1 when this build has the solver (COIN-OR is optional at build time). */
int ars_solver_available(int solver);
/* Parses a solver name into *out: ARS_EUSAGE naming the choices when it is
 * none of them, or when that solver is not built in. */
ARS_WARN_UNUSED int ars_solver_parse(const char *name, int *out, ars_error *err);
/* The process-wide default: the last ars_solver_set_default, else the
 * environment's ARSENAL_SOLVER when it names a solver built in, else GLPK
 * (ars_solver_parse tells a caller that wants to refuse a bad one). */
int ars_solver_default(void);
/* Sets the process-wide default (the CLI's --solver); thread-safe. */
void ars_solver_set_default(int solver);

typedef struct ars_result ars_result;

/* Builds the program of m, solves it and returns the result. A solved model
 * that is infeasible, unbounded or out of time is ARS_OK with that status in
 * the result; a failure to solve at all returns an error code (and still
 * may return a result with status "error"). The result refers to m: m must
 * outlive it. Safe to call from any thread (GLPK state is per thread). */
ARS_WARN_UNUSED int ars_solve(const ars_model *m, const ars_solve_opts *o, ars_result **out,
                              ars_error *err);

/* "optimal", "feasible", "infeasible", "unbounded", "time_limit", "error". */
const char *ars_result_status(const ars_result *r);
double ars_result_shortfall(const ars_result *r); /* S of the returned plan */
double ars_result_cost(const ars_result *r);      /* C of the returned plan */
const ars_model *ars_result_model(const ars_result *r);
/* 1 when the plan was checked against the model and holds, 0 when a
 * recomputed constraint or objective is off beyond tolerance (the result's
 * JSON "verification" says which), -1 when not checked (no plan, or
 * ars_solve_opts.verify = 0). */
int ars_result_verified(const ars_result *r);
/* The complete result as JSON (documented in docs/result-json.md). */
cJSON *ars_result_to_json(const ars_result *r);
/* The human summary (one screen) followed by the plan by product and period. */
void ars_result_print_table(const ars_result *r, FILE *fp);
/* What changed from a base result to a variant's, from their JSON
 * (ars_result_to_json): S and C, every requirement's shortfall and fill
 * rate, every fund's spend and amount, bottlenecks that appeared, went away
 * or changed (when the results carry them: explain; degenerate prices are
 * not bottlenecks, so solve the results with ranging as well for a diff that
 * is the same warm or cold), licences approved in another period, the `top`
 * products whose output over the horizon changed most with their lines
 * ("products": a tie traded between two lines reads as a move) and the `top`
 * (line, product) pairs ("lines"). Each number is {"base", "variant",
 * "delta"}; deltas within solver noise are 0, and output and bottleneck
 * changes under 1e-6 of the amounts compared are left out as round-off.
 * `arsenal whatif` and /v1/whatif both show it. NULL on allocation failure. */
cJSON *ars_result_diff(const cJSON *base, const cJSON *variant, int top);
/* What binds one requirement (its id) and what one more unit of each
 * resource on its supply chain removes of its shortfall, in its own units
 * (shells, interceptors), grouped by resource kind and, where the resource
 * can be bought, per unit of money (docs/result-json.md, "One requirement").
 * The result must come from a solve with `explain`. Writes a JSON object to
 * *json when json is not NULL (the caller deletes it) and a section for
 * people to fp when fp is not NULL. ARS_EUSAGE for an unknown id (the
 * message lists the ids) or a result without explanations. */
ARS_WARN_UNUSED int ars_result_explain_requirement(const ars_result *r, const char *req,
                                                   cJSON **json, FILE *fp, ars_error *err);
void ars_result_free(ars_result *r);

/* Writes the program of m for another solver: CPLEX LP to lp_path and/or
 * free MPS to mps_path (either may be NULL), with readable row and column
 * names, each file atomically. The objective is the one arsenal minimises
 * first: in weighted mode shortfall_weight S + cost_weight C; in
 * lexicographic mode the stage-1 shortfall score S. */
ARS_WARN_UNUSED int ars_model_export(const ars_model *m, const char *lp_path, const char *mps_path,
                                     ars_error *err);
/* The same, one file per stage of the solve, each as arsenal solves it:
 * the first stage to the path itself, each later stage (cost, smooth) to
 * the path with ".cost" / ".smooth" before its extension, with the earlier
 * stages' optima held (bound row and fixed bounds), which needs those
 * stages solved first (docs/export.md). A stage the solve does not reach
 * is not written; *nstages (may be NULL) gets how many were. */
ARS_WARN_UNUSED int ars_model_export_stages(const ars_model *m, const char *lp_path,
                                            const char *mps_path, int *nstages, ars_error *err);

/* Writes the plan of r as CSV tables into folder dir, each atomically and
 * with a header row: plan.csv (line,product,period,quantity: one row per
 * line, product it makes and period), shortfalls.csv
 * (requirement,period,demand,shortfall), payments.csv
 * (fund,payee,period,amount: one row per fund, eligible payee and period)
 * and bottlenecks.csv (the ranked bottlenecks of docs/result-json.md, one
 * row each; see docs/export.md).
 * ARS_EUSAGE when r has no plan. */
ARS_WARN_UNUSED int ars_result_write_csv(const ars_result *r, const char *dir, ars_error *err);

/* A session keeps one built program and re-solves variants of its model by
 * patching bounds, right-hand sides and coefficients in place and starting
 * from the previous basis; a variant with another structure is rebuilt.
 * Create, use and free a session on one thread. base must outlive it. */
typedef struct ars_session ars_session;
ARS_WARN_UNUSED int ars_session_create(const ars_model *base, const ars_solve_opts *o,
                                       ars_session **out, ars_error *err);
/* Solves `variant` (a model derived from base, or base itself). variant must
 * outlive the result. *warm (if not NULL) tells whether it was a warm
 * re-solve. */
ARS_WARN_UNUSED int ars_session_solve(ars_session *s, const ars_model *variant, ars_result **out,
                                      int *warm, ars_error *err);
void ars_session_free(ars_session *s);

/* -------------------------------------------------------------- studies */

/* A batch study runs many variants ("points") of one model: a grid, a
 * tornado or a Monte Carlo sample. The study format (JSON, the same for
 * `arsenal sweep --study FILE` and POST /v1/studies) is in docs/studies.md.
 * A study is plain data once parsed and may be shared by threads.
 *
 * Every point is a pure function of (study, point index): its parameter
 * values (Monte Carlo samples come from a stream derived from (seed, index))
 * and its result, whatever the number of workers, the shard or a resume.
 * Points are solved in blocks of consecutive indices; each block starts from
 * a freshly built program and warm-starts point to point inside the block, so
 * that the numbers do not depend on which worker ran what. */
typedef struct ars_study ars_study;

typedef enum {
    ARS_STUDY_GRID = 0,
    ARS_STUDY_TORNADO = 1,
    ARS_STUDY_MONTE_CARLO = 2
} ars_study_type;

/* Parses and checks a study against base (paths must match something in
 * base, metrics must name result quantities). ARS_ESTUDY with err->field =
 * the JSON pointer into spec (e.g. "/parameters/1/steps") and what was
 * expected; ARS_EPATH for a parameter path that does not apply to base.
 * base must outlive the study. */
ARS_WARN_UNUSED int ars_study_parse(const cJSON *spec, const ars_model *base, ars_study **out,
                                    ars_error *err);
void ars_study_free(ars_study *s);

ars_study_type ars_study_get_type(const ars_study *s);
/* "grid", "tornado", "monte_carlo". */
const char *ars_study_type_name(const ars_study *s);
size_t ars_study_npoints(const ars_study *s);
/* Parameter columns (named by the path, with "*" appended when the
 * parameter is a factor) and metric columns of the output. */
size_t ars_study_nparams(const ars_study *s);
const char *ars_study_param_name(const ars_study *s, size_t j);
size_t ars_study_nmetrics(const ars_study *s);
const char *ars_study_metric_name(const ars_study *s, size_t k);
/* The study as normalised JSON (defaults filled in); parsing it again gives
 * the same study. */
cJSON *ars_study_to_json(const ars_study *s);
/* Text of parameter j at point i as applied (a number in shortest
 * round-trip form, or a string value such as "granted"). Returns the length
 * it needs (like snprintf). */
size_t ars_study_point_value(const ars_study *s, size_t i, size_t j, char *buf, size_t len);
/* The assignments that make point i ("PATH=VALUE" / "PATH*=FACTOR"), after
 * the study's own base `set`. The caller frees each string and the array
 * with ars_study_strings_free. */
ARS_WARN_UNUSED int ars_study_point_sets(const ars_study *s, size_t i, char ***sets, size_t *nsets,
                                         ars_error *err);
void ars_study_strings_free(char **v, size_t n);
/* 1 when point i belongs to shard `index` of `count` (0 <= index < count;
 * count <= 1 means every point). Shards are a deterministic partition. */
int ars_study_in_shard(const ars_study *s, size_t i, unsigned index, unsigned count);

/* The outcome of one point. status is a result status ("optimal",
 * "infeasible", ...), "error" when the solve failed, or "invalid" when the
 * variant could not be made (a path or validation error); error says why
 * (NULL when none). metrics[k] is NaN when not available. */
typedef struct ars_study_row {
    size_t point;
    const char *status;
    const char *error;
    const double *metrics; /* [ars_study_nmetrics] */
} ars_study_row;

/* One CSV line (with '\n'): the header, or a row. Columns: point, the
 * parameters, status, error, the metrics. Numbers in shortest round-trip
 * form, so a file read back and written again is byte-identical. Caller
 * frees with free(). NULL on allocation failure. */
char *ars_study_csv_header(const ars_study *s);
char *ars_study_row_csv(const ars_study *s, const ars_study_row *row);
/* {"point", "parameters": {name: value}, "status", "error", "metrics": {name: number|null}} */
cJSON *ars_study_row_json(const ars_study *s, const ars_study_row *row);

/* Completed points of one study (any order in, sorted by point out). */
typedef struct ars_study_results ars_study_results;
ARS_WARN_UNUSED int ars_study_results_create(const ars_study *s, ars_study_results **out);
void ars_study_results_free(ars_study_results *r);
/* Adds a copy of row; a point already present is replaced. */
ARS_WARN_UNUSED int ars_study_results_add(ars_study_results *r, const ars_study_row *row);
size_t ars_study_results_count(const ars_study_results *r);
int ars_study_results_has(const ars_study_results *r, size_t point);
/* Reads back a CSV written for this study (resume; a server's data dir).
 * The header and each row's parameter values must be this study's (else
 * ARS_ESTUDY naming the line). A last line without '\n' (cut off by a
 * crash) is ignored; *used (if not NULL) is set to the length of the
 * complete lines, where appending may continue. */
ARS_WARN_UNUSED int ars_study_results_load_csv(ars_study_results *r, const char *text, size_t len,
                                               size_t *used, ars_error *err);

typedef struct ars_study_progress {
    size_t done;    /* points completed in this run and before (resume) */
    size_t total;   /* points of this shard */
    size_t failed;  /* points with status other than optimal/feasible */
    double elapsed; /* seconds of this run */
    double rate;    /* points per second in this run */
    double eta;     /* seconds left, estimated; < 0 when not known */
} ars_study_progress;

typedef struct ars_study_run_opts {
    int workers;                       /* threads; <= 0: one per core */
    unsigned shard_index, shard_count; /* count <= 1: every point */
    volatile int *cancel;              /* non-zero: stop soon (ARS_ECANCELLED) */
    /* non-zero: the points being solved finish with what they have (a MIP
     * ends its branch-and-cut keeping its best plan, status "feasible") and
     * are recorded; no new point starts (ARS_ECANCELLED). */
    volatile int *stop;
    const unsigned char *skip; /* [npoints], non-zero = do not solve; may be NULL */
    double time_limit;         /* seconds per point solve; <= 0: the model's */
    int solver;                /* ars_solver (default ars_solver_default()) */
    /* Called for every completed point in completion order, one at a time,
     * on the thread that called ars_study_run. The row is only valid during
     * the call. A non-zero return cancels the study (e.g. a failed write). */
    int (*on_point)(const ars_study *s, const ars_study_row *row, void *user);
    /* Called on the same thread about every progress_interval seconds and
     * once at the end. */
    void (*on_progress)(const ars_study_progress *p, void *user);
    double progress_interval; /* default 0.25 */
    /* Benchmark baseline only: every point made with ars_model_apply and
     * solved cold with ars_solve (no session, no basis kept). */
    int cold;
    void *user;
} ars_study_run_opts;

void ars_study_run_opts_default(ars_study_run_opts *o);

/* Solves every point of the shard that is neither in r nor skipped, adds
 * each to r and reports it through on_point. Failed points are recorded
 * (status "error"/"invalid") and the study goes on. Returns ARS_OK,
 * ARS_ECANCELLED (r holds what was completed), or an error that stopped the
 * study as a whole (e.g. the base program could not be built). */
ARS_WARN_UNUSED int ars_study_run(const ars_study *s, const ars_study_run_opts *o,
                                  ars_study_results *r, ars_error *err);

/* Every completed point as CSV, sorted by point (header first). Caller
 * frees with free(). */
char *ars_study_results_csv(const ars_study_results *r, size_t *len);
/* {"study": ..., "columns": [...], "points": [rows], "summary": ...} */
cJSON *ars_study_results_json(const ars_study_results *r);
/* Summary: counts by status; per metric min/max (grid), mean, sd, p5, p50,
 * p95 (Monte Carlo), the tornado ranking (tornado). See docs/studies.md. */
cJSON *ars_study_summary_json(const ars_study_results *r);
/* The summary as a short table for people. */
void ars_study_summary_print(const ars_study_results *r, FILE *fp);
/* An SVG chart of metric `metric` (NULL: the first): a line chart for one
 * grid parameter, a heat map for two, tornado bars, or a Monte Carlo
 * histogram. Caller frees with free(). */
ARS_WARN_UNUSED int ars_study_results_svg(const ars_study_results *r, const char *metric,
                                          char **out, size_t *len, ars_error *err);

/* The charts of a plan, drawn from its result JSON (ars_result_to_json):
 * "output" (units made by each line per period), "fill_rate" (met / demand
 * of each requirement per period) and "funds" (each fund's spend, and its
 * amount dashed, per period), as SVG. `arsenal solve --charts DIR` and the
 * server's /v1/solve?charts=1 both use this. ars_plan_chart_names lists the
 * names, NULL-terminated. ARS_EUSAGE for a result without a plan or an
 * unknown name. Caller frees *out with free(). */
extern const char *const ars_plan_chart_names[];
ARS_WARN_UNUSED int ars_plan_chart_svg(const cJSON *result, const char *chart, char **out,
                                       size_t *len, ars_error *err);

/* The journal of a study: the file its completed points are appended to
 * as they finish (arsenal sweep's FILE.partial, a server study's
 * points.csv), read back to resume. It starts with s's fingerprint line
 * ("# arsenal study model=<hash> study=<hash> format=1.1": the model after
 * the study's set, the study definition, the format version), then the CSV
 * header and rows. Fresh (resume 0): path is created or truncated. Resume:
 * the rows of path, or when path is missing those of `seed` (a finished
 * output with its SEED.fingerprint; may be NULL), are loaded into r (r NULL: only checked) after
 * the fingerprint is checked, a file of another study being refused with ARS_ESTUDY naming what
 * differs; a last row cut off by a crash is dropped and appending continues after the rest; a
 * missing file starts fresh. Rows are appended with one write() each and fsync'ed at most every
 * sync_interval seconds (0: every row) and at close. */
typedef struct ars_study_journal ars_study_journal;
ARS_WARN_UNUSED int ars_study_journal_open(const ars_study *s, const char *path, const char *seed,
                                           int resume, double sync_interval, ars_study_results *r,
                                           ars_study_journal **out, ars_error *err);
ARS_WARN_UNUSED int ars_study_journal_append(ars_study_journal *j, const ars_study_row *row,
                                             const ars_study *s, ars_error *err);
/* fsync and close (NULL is ignored). */
ARS_WARN_UNUSED int ars_study_journal_close(ars_study_journal *j, ars_error *err);
/* The fingerprint line of s (with '\n'); free(). NULL when out of memory. */
char *ars_study_fingerprint(const ars_study *s);
/* Length of the fingerprint line text starts with (0: none). */
size_t ars_study_fingerprint_len(const char *text, size_t len);
/* Writes ars_study_results_csv to path atomically, then s's fingerprint
 * line to PATH.fingerprint (what a resume from a finished output checks);
 * "-": the CSV to stdout only. */
ARS_WARN_UNUSED int ars_study_write_csv_file(const ars_study_results *r, const char *path,
                                             ars_error *err);

/* Combines CSV outputs of shards of one study (texts[i] named names[i] in
 * errors): the headers must be equal, a point found twice must be identical;
 * the result is sorted by point, exactly what one run writes. */
ARS_WARN_UNUSED int ars_study_merge_csv(const char *const *texts, const size_t *lens,
                                        const char *const *names, size_t n, char **out,
                                        size_t *outlen, ars_error *err);

/* --------------------------------------------------------------- server */

/* Options of `arsenal serve` (docs/openapi.yaml describes the endpoints).
 * Strings are borrowed: they must outlive ars_server_run. */
typedef struct ars_server_opts {
    const char *listen;     /* "ADDR:PORT" or "[ADDR6]:PORT"; default 127.0.0.1:8080 */
    const char *port_file;  /* if set, the bound port is written there (for port 0) */
    const char *token_file; /* bearer tokens, one per line */
    const char *tokens;     /* more tokens, comma/space separated (ARSENAL_TOKENS) */
    const char *log_path;   /* access log; NULL: stderr */
    const char *data_dir;   /* studies are kept here; NULL: in memory only */
    int workers;            /* solver threads; default: cores, at least 1 */
    int queue_max;          /* requests waiting for a worker before 503; default 64 */
    int max_connections;    /* open connections; default 256 (see max_connections_per_address) */
    /* Open connections from one address. Over either cap the connection
     * still in its headers that has waited longest is closed (of the same
     * address first); only when none is, the new one gets 503. Default 32. */
    int max_connections_per_address;
    int study_workers;     /* threads of the running study; default 1 */
    size_t max_body;       /* request body bytes; default 16 MiB */
    ars_limits limits;     /* model limits (columns, non-zeros, ...) */
    double time_limit;     /* most solver seconds per request; default 60 */
    double header_timeout; /* seconds to receive request line and headers; default 5 */
    double body_timeout;   /* seconds to receive the body; default 30 */
    double idle_timeout;   /* keep-alive idle seconds; default 5 */
    double grace;          /* seconds for solves to finish at shutdown; default 10 */
    int web;               /* serve the web page at / (web/); default 1 */
    const char *tls_cert;  /* PEM certificate chain: serve HTTPS (with tls_key) */
    const char *tls_key;   /* PEM private key of tls_cert, not encrypted */
    int plain_http;        /* beyond loopback without TLS: a TLS proxy is in front */
} ars_server_opts;

void ars_server_opts_default(ars_server_opts *o);

/* Runs the server until SIGTERM or SIGINT, then stops accepting, lets
 * running solves finish within `grace` seconds (cancels them after that)
 * and returns ARS_OK. Refuses to start (ARS_EUSAGE) when listening beyond
 * loopback without tokens, or without TLS unless plain_http says a proxy
 * terminates it. Errors starting up go to err. */
ARS_WARN_UNUSED int ars_server_run(const ars_server_opts *o, ars_error *err);

/* ---------------------------------------------------------------- files */

/* Writes len bytes to path atomically: a temporary file in the same folder,
 * fsync, then rename. On failure the old file (if any) is untouched and no
 * temporary is left. "-" writes to stdout. */
ARS_WARN_UNUSED int ars_write_file_atomic(const char *path, const char *data, size_t len,
                                          ars_error *err);

/* ------------------------------------------------------ numbers for people */

/* How ars_format_number writes a number for a table, a sentence or a chart
 * label (never in scientific notation; thousands grouped with commas):
 * AMOUNT "140,000" / "2,707.50" (no decimals when integral), MONEY "10.19M",
 * "564,927", SIG4 / SIG6 about 4 or 6 significant digits ("12,670", "0.8").
 * Add ARS_FMT_SIGNED for a leading "+" on positive values (deltas). */
enum {
    ARS_FMT_AMOUNT = 0,
    ARS_FMT_MONEY = 1,
    ARS_FMT_SIG4 = 2,
    ARS_FMT_SIG6 = 3,
    ARS_FMT_SIGNED = 16
};
/* Writes v to buf (always terminated) and returns buf. */
char *ars_format_number(char *buf, size_t len, double v, int style);

const char *ars_version(void);

#ifdef __cplusplus
}
#endif
#endif /* ARSENAL_H */
