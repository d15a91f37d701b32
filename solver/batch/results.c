/* results.c - completed points of a study: the store, CSV lines written as
 * points finish and read back on resume, the whole table as CSV or JSON,
 * and the merge of shard outputs.
 *
 * Numbers are written in shortest round-trip form, so reading a CSV back
 * and writing it again gives the same bytes: that is what makes a merged or
 * resumed study byte-identical to one uninterrupted run. */
#include "batch/batch.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ statuses */

static const char *const known_status[] = {"optimal",    "feasible", "infeasible", "unbounded",
                                           "time_limit", "error",    "invalid",    "cancelled"};

static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static char *interned[64];
static size_t ninterned;

const char *ars__intern_status(const char *s)
{
    size_t i;
    const char *found = NULL;
    for (i = 0; i < sizeof known_status / sizeof known_status[0]; i++)
        if (strcmp(s, known_status[i]) == 0)
            return known_status[i];
    /* A status word this version does not know (a newer core): kept, so a
     * row is never lost; the table is small and bounded. */
    pthread_mutex_lock(&intern_lock);
    for (i = 0; i < ninterned && !found; i++)
        if (strcmp(s, interned[i]) == 0)
            found = interned[i];
    if (!found && ninterned < sizeof interned / sizeof interned[0]) {
        interned[ninterned] = ars__strdup(s);
        if (interned[ninterned])
            found = interned[ninterned++];
    }
    pthread_mutex_unlock(&intern_lock);
    return found ? found : "error";
}

/* ---------------------------------------------------------------- CSV */

void ars__csv_field(ars__buf *b, const char *s)
{
    const char *c;
    if (!s)
        return;
    if (!strpbrk(s, ",\"\n\r")) {
        ars__buf_puts(b, s);
        return;
    }
    ars__buf_puts(b, "\"");
    for (c = s; *c; c++) {
        if (*c == '"')
            ars__buf_puts(b, "\"");
        ars__buf_append(b, c, 1);
    }
    ars__buf_puts(b, "\"");
}

int ars__csv_split(const char *line, size_t len, char ***out)
{
    char **v = NULL;
    size_t n = 0, cap = 0, i = 0;
    *out = NULL;
    for (;;) {
        ars__buf f;
        ars__buf_init(&f, 0);
        if (i < len && line[i] == '"') {
            i++;
            for (;;) {
                if (i >= len) {
                    ars__buf_free(&f);
                    ars_study_strings_free(v, n);
                    return -1;
                }
                if (line[i] == '"') {
                    if (i + 1 < len && line[i + 1] == '"') {
                        ars__buf_append(&f, "\"", 1);
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                ars__buf_append(&f, &line[i++], 1);
            }
            if (i < len && line[i] != ',') {
                ars__buf_free(&f);
                ars_study_strings_free(v, n);
                return -1;
            }
        } else {
            size_t start = i;
            while (i < len && line[i] != ',') {
                if (line[i] == '"') {
                    ars__buf_free(&f);
                    ars_study_strings_free(v, n);
                    return -1;
                }
                i++;
            }
            ars__buf_append(&f, line + start, i - start);
        }
        ars__buf_append(&f, "", 0);
        if (n == cap) {
            char **nv = ars__realloc(v, (cap ? cap * 2 : 16) * sizeof *v);
            if (!nv) {
                ars__buf_free(&f);
                ars_study_strings_free(v, n);
                return -2;
            }
            v = nv;
            cap = cap ? cap * 2 : 16;
        }
        if (f.failed || !(v[n] = f.data ? ars__buf_take(&f) : ars__strdup(""))) {
            ars__buf_free(&f);
            ars_study_strings_free(v, n);
            return -2;
        }
        n++;
        if (i >= len)
            break;
        i++; /* the comma */
    }
    *out = v;
    return (int)n;
}

char *ars_study_csv_header(const ars_study *s)
{
    ars__buf b;
    size_t j;
    ars__buf_init(&b, 0);
    ars__buf_puts(&b, "point");
    for (j = 0; j < s->nparams; j++) {
        ars__buf_puts(&b, ",");
        ars__csv_field(&b, s->params[j].name);
    }
    ars__buf_puts(&b, ",status,error");
    for (j = 0; j < s->nmetrics; j++) {
        ars__buf_puts(&b, ",");
        ars__csv_field(&b, s->metrics[j].name);
    }
    ars__buf_puts(&b, "\n");
    if (b.failed) {
        ars__buf_free(&b);
        return NULL;
    }
    return ars__buf_take(&b);
}

static void row_csv(ars__buf *b, const ars_study *s, const ars_study_row *row)
{
    const char *text[ARS__STUDY_MAX_PARAMS];
    char bufs[ARS__STUDY_MAX_PARAMS][40];
    char num[40];
    size_t j;
    ars__study_point(s, row->point, NULL, text, bufs);
    ars__buf_printf(b, "%zu", row->point);
    for (j = 0; j < s->nparams; j++) {
        ars__buf_puts(b, ",");
        ars__csv_field(b, text[j]);
    }
    ars__buf_puts(b, ",");
    ars__csv_field(b, row->status);
    ars__buf_puts(b, ",");
    if (row->error) {
        /* One line per row: a newline inside an error message becomes a
         * space rather than a quoted multi-line field. */
        char *e = ars__strdup(row->error), *c;
        if (e) {
            for (c = e; *c; c++)
                if (*c == '\n' || *c == '\r')
                    *c = ' ';
            ars__csv_field(b, e);
            ars__free(e);
        } else {
            b->failed = 1;
        }
    }
    for (j = 0; j < s->nmetrics; j++) {
        ars__buf_puts(b, ",");
        if (!isnan(row->metrics[j])) {
            ars__num_text(num, sizeof num, row->metrics[j]);
            ars__buf_puts(b, num);
        }
    }
    ars__buf_puts(b, "\n");
}

char *ars_study_row_csv(const ars_study *s, const ars_study_row *row)
{
    ars__buf b;
    ars__buf_init(&b, 0);
    row_csv(&b, s, row);
    if (b.failed) {
        ars__buf_free(&b);
        return NULL;
    }
    return ars__buf_take(&b);
}

static cJSON *param_json(const ars_study *s, size_t j, const char *text, double num)
{
    if (s->type == ARS_STUDY_GRID && isnan(num))
        return cJSON_CreateString(text);
    /* The text is the shortest round-trip form of the number. */
    return cJSON_CreateNumber(strtod(text, NULL));
}

cJSON *ars_study_row_json(const ars_study *s, const ars_study_row *row)
{
    const char *text[ARS__STUDY_MAX_PARAMS];
    char bufs[ARS__STUDY_MAX_PARAMS][40];
    double num[ARS__STUDY_MAX_PARAMS];
    cJSON *o = cJSON_CreateObject(), *p, *m;
    size_t j;
    int ok = o != NULL;
    if (!ok)
        return NULL;
    ars__study_point(s, row->point, num, text, bufs);
    ok &= cJSON_AddNumberToObject(o, "point", (double)row->point) != NULL;
    p = cJSON_AddObjectToObject(o, "parameters");
    ok &= p != NULL;
    for (j = 0; ok && j < s->nparams; j++)
        ok &= cJSON_AddItemToObject(p, s->params[j].name, param_json(s, j, text[j], num[j]));
    ok &= ok && cJSON_AddStringToObject(o, "status", row->status) != NULL;
    ok &= ok && (row->error ? cJSON_AddStringToObject(o, "error", row->error)
                            : cJSON_AddNullToObject(o, "error")) != NULL;
    m = ok ? cJSON_AddObjectToObject(o, "metrics") : NULL;
    ok &= m != NULL;
    for (j = 0; ok && j < s->nmetrics; j++)
        ok &= (isnan(row->metrics[j])
                   ? cJSON_AddNullToObject(m, s->metrics[j].name)
                   : cJSON_AddNumberToObject(m, s->metrics[j].name, row->metrics[j])) != NULL;
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* ------------------------------------------------------------- store */

int ars_study_results_create(const ars_study *s, ars_study_results **out)
{
    ars_study_results *r = ars__calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return ARS_ENOMEM;
    r->study = s;
    r->done = ars__calloc(s->npoints / 8 + 1, 1);
    if (!r->done) {
        ars__free(r);
        return ARS_ENOMEM;
    }
    r->sorted = 1;
    *out = r;
    return ARS_OK;
}

void ars_study_results_free(ars_study_results *r)
{
    size_t i;
    if (!r)
        return;
    for (i = 0; i < r->nrows; i++) {
        ars__free(r->rows[i].error);
        ars__free(r->rows[i].metrics);
    }
    ars__free(r->rows);
    ars__free(r->done);
    ars__free(r);
}

int ars_study_results_has(const ars_study_results *r, size_t point)
{
    return point < r->study->npoints && (r->done[point / 8] >> (point % 8)) & 1;
}

size_t ars_study_results_count(const ars_study_results *r)
{
    return r->nrows;
}

int ars_study_results_add(ars_study_results *r, const ars_study_row *row)
{
    const ars_study *s = r->study;
    ars__row *dst = NULL;
    char *error = NULL;
    double *metrics;
    size_t i;
    if (row->point >= s->npoints)
        return ARS_ESTUDY;
    metrics = ars__malloc((s->nmetrics ? s->nmetrics : 1) * sizeof *metrics);
    if (!metrics)
        return ARS_ENOMEM;
    memcpy(metrics, row->metrics, s->nmetrics * sizeof *metrics);
    if (row->error && !(error = ars__strdup(row->error))) {
        ars__free(metrics);
        return ARS_ENOMEM;
    }
    if (ars_study_results_has(r, row->point)) {
        /* Replacing is rare (a caller re-adding a point): a scan is fine. */
        for (i = 0; i < r->nrows && !dst; i++)
            if (r->rows[i].point == row->point)
                dst = &r->rows[i];
        ars__free(dst->error);
        ars__free(dst->metrics);
    } else {
        if (r->nrows == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 64;
            ars__row *nr = ars__realloc(r->rows, cap * sizeof *nr);
            if (!nr) {
                ars__free(metrics);
                ars__free(error);
                return ARS_ENOMEM;
            }
            r->rows = nr;
            r->cap = cap;
        }
        if (r->nrows > 0 && r->rows[r->nrows - 1].point > row->point)
            r->sorted = 0;
        dst = &r->rows[r->nrows++];
        r->done[row->point / 8] |= (unsigned char)(1u << (row->point % 8));
    }
    dst->point = row->point;
    dst->status = ars__intern_status(row->status ? row->status : "error");
    dst->error = error;
    dst->metrics = metrics;
    return ARS_OK;
}

static int cmp_rows(const void *a, const void *b)
{
    size_t x = ((const ars__row *)a)->point, y = ((const ars__row *)b)->point;
    return x < y ? -1 : x > y;
}

void ars__results_sort(ars_study_results *r)
{
    if (!r->sorted)
        qsort(r->rows, r->nrows, sizeof *r->rows, cmp_rows);
    r->sorted = 1;
}

static int parse_number(const char *t, double *v)
{
    char *end;
    if (!t[0]) {
        *v = NAN;
        return 0;
    }
    errno = 0;
    *v = strtod(t, &end);
    return *end != '\0' ? -1 : 0;
}

int ars_study_results_load_csv(ars_study_results *r, const char *text, size_t len, size_t *used,
                               ars_error *err)
{
    const ars_study *s = r->study;
    char *header = ars_study_csv_header(s);
    size_t hlen, pos, lineno = 1, ncols = 3 + s->nparams + s->nmetrics;
    double *metrics = NULL;
    int rc = ARS_OK;
    if (used)
        *used = 0;
    if (!header)
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory");
    hlen = strlen(header);
    if (len == 0) {
        ars__free(header);
        return ARS_OK; /* an empty file: nothing done yet */
    }
    if (len < hlen || memcmp(text, header, hlen) != 0) {
        const char *nl = memchr(text, '\n', len);
        /* A header cut off by a crash before its newline: start again. */
        if (!nl && len < hlen && memcmp(text, header, len) == 0) {
            ars__free(header);
            return ARS_OK;
        }
        rc = ars_error_set(err, ARS_ESTUDY, "line 1",
                           "the header is not this study's: expected \"%.*s\", found \"%.*s\" "
                           "(was the file written by another study?)",
                           (int)(hlen - 1), header, (int)(nl ? (size_t)(nl - text) : len), text);
        ars__free(header);
        return rc;
    }
    ars__free(header);
    if (used)
        *used = hlen;
    metrics = ars__malloc((s->nmetrics ? s->nmetrics : 1) * sizeof *metrics);
    if (!metrics)
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory");
    pos = hlen;
    while (pos < len) {
        const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
        const char *ptext[ARS__STUDY_MAX_PARAMS];
        char bufs[ARS__STUDY_MAX_PARAMS][40];
        char where[64], **f = NULL;
        size_t llen, j;
        int nf;
        ars_study_row row;
        char *end;
        unsigned long long point;
        lineno++;
        if (!nl)
            break; /* cut off by a crash: redone */
        llen = (size_t)(nl - line);
        snprintf(where, sizeof where, "line %zu", lineno);
        nf = ars__csv_split(line, llen, &f);
        if (nf == -2) {
            rc = ars_error_set(err, ARS_ENOMEM, where, "out of memory");
            break;
        }
        if (nf < 0 || (size_t)nf != ncols) {
            rc = ars_error_set(err, ARS_ESTUDY, where,
                               "expected %zu comma-separated fields, found %s", ncols,
                               nf < 0 ? "a malformed quote" : "another number");
            ars_study_strings_free(f, nf < 0 ? 0 : (size_t)nf);
            break;
        }
        errno = 0;
        point = strtoull(f[0], &end, 10);
        if (!f[0][0] || *end || errno || point >= s->npoints) {
            rc = ars_error_set(err, ARS_ESTUDY, where,
                               "expected a point number in 0..%zu, found \"%s\"", s->npoints - 1,
                               f[0]);
            ars_study_strings_free(f, (size_t)nf);
            break;
        }
        ars__study_point(s, (size_t)point, NULL, ptext, bufs);
        for (j = 0; j < s->nparams; j++)
            if (strcmp(f[1 + j], ptext[j]) != 0)
                break;
        if (j < s->nparams) {
            rc = ars_error_set(err, ARS_ESTUDY, where,
                               "point %llu has %s = %s here but %s in this study (another seed "
                               "or other values?)",
                               point, s->params[j].name, f[1 + j], ptext[j]);
            ars_study_strings_free(f, (size_t)nf);
            break;
        }
        for (j = 0; j < s->nmetrics; j++)
            if (parse_number(f[3 + s->nparams + j], &metrics[j]) != 0)
                break;
        if (j < s->nmetrics || !f[1 + s->nparams][0]) {
            rc = ars_error_set(err, ARS_ESTUDY, where, "%s is not a number: \"%s\"",
                               j < s->nmetrics ? s->metrics[j].name : "status",
                               j < s->nmetrics ? f[3 + s->nparams + j] : "");
            ars_study_strings_free(f, (size_t)nf);
            break;
        }
        row.point = (size_t)point;
        row.status = f[1 + s->nparams];
        row.error = f[2 + s->nparams][0] ? f[2 + s->nparams] : NULL;
        row.metrics = metrics;
        /* A point written twice (a resumed run that was cut off right
         * after appending) keeps its first row. */
        if (!ars_study_results_has(r, row.point) && ars_study_results_add(r, &row) != ARS_OK) {
            rc = ars_error_set(err, ARS_ENOMEM, where, "out of memory");
            ars_study_strings_free(f, (size_t)nf);
            break;
        }
        ars_study_strings_free(f, (size_t)nf);
        pos += llen + 1;
        if (used)
            *used = pos;
    }
    ars__free(metrics);
    return rc;
}

char *ars_study_results_csv(const ars_study_results *r, size_t *len)
{
    ars__buf b;
    char *h;
    size_t i;
    ars__results_sort((ars_study_results *)r);
    h = ars_study_csv_header(r->study);
    if (!h)
        return NULL;
    ars__buf_init(&b, 0);
    ars__buf_puts(&b, h);
    ars__free(h);
    for (i = 0; i < r->nrows; i++) {
        ars_study_row row;
        row.point = r->rows[i].point;
        row.status = r->rows[i].status;
        row.error = r->rows[i].error;
        row.metrics = r->rows[i].metrics;
        row_csv(&b, r->study, &row);
    }
    if (b.failed) {
        ars__buf_free(&b);
        return NULL;
    }
    if (len)
        *len = b.len;
    return ars__buf_take(&b);
}

/* ------------------------------------------------------------- merge */

typedef struct merge_line {
    unsigned long long point;
    const char *text;
    size_t len; /* with the '\n' */
    size_t file, lineno;
} merge_line;

static int cmp_merge(const void *a, const void *b)
{
    const merge_line *x = a, *y = b;
    if (x->point != y->point)
        return x->point < y->point ? -1 : 1;
    return x->file < y->file ? -1 : x->file > y->file;
}

int ars_study_merge_csv(const char *const *texts, const size_t *lens, const char *const *names,
                        size_t n, char **out, size_t *outlen, ars_error *err)
{
    merge_line *lines = NULL;
    size_t nlines = 0, cap = 0, f, i, hlen = 0;
    const char *header = NULL;
    ars__buf b;
    int rc = ARS_OK;
    *out = NULL;
    *outlen = 0;
    if (n == 0)
        return ars_error_set(err, ARS_EUSAGE, "", "nothing to merge");
    for (f = 0; f < n && rc == ARS_OK; f++) {
        const char *t = texts[f], *nl = memchr(t, '\n', lens[f]);
        size_t pos, lineno = 1;
        if (!nl)
            return ars_error_set(err, ARS_ESTUDY, names[f],
                                 "%s has no header line (not a sweep output?)", names[f]);
        if (!header) {
            header = t;
            hlen = (size_t)(nl - t) + 1;
            if (hlen < 7 || strncmp(t, "point,", 6) != 0) {
                rc = ars_error_set(err, ARS_ESTUDY, names[f],
                                   "%s: line 1 is not a sweep header (it starts with \"point,\")",
                                   names[f]);
                break;
            }
        } else if ((size_t)(nl - t) + 1 != hlen || memcmp(t, header, hlen) != 0) {
            rc = ars_error_set(err, ARS_ESTUDY, names[f],
                               "%s: the header differs from %s's: the files are not shards of "
                               "one study",
                               names[f], names[0]);
            break;
        }
        pos = (size_t)(nl - t) + 1;
        while (pos < lens[f]) {
            const char *line = t + pos, *e = memchr(line, '\n', lens[f] - pos);
            char *end;
            unsigned long long point;
            lineno++;
            if (!e) {
                rc = ars_error_set(err, ARS_ESTUDY, names[f],
                                   "%s: line %zu is cut off (no newline): was the shard "
                                   "interrupted? Finish it with --resume first",
                                   names[f], lineno);
                break;
            }
            errno = 0;
            point = strtoull(line, &end, 10);
            if (end == line || *end != ',' || errno) {
                rc = ars_error_set(err, ARS_ESTUDY, names[f],
                                   "%s: line %zu does not start with a point number", names[f],
                                   lineno);
                break;
            }
            if (nlines == cap) {
                merge_line *nlp = ars__realloc(lines, (cap ? cap * 2 : 256) * sizeof *nlp);
                if (!nlp) {
                    rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory");
                    break;
                }
                lines = nlp;
                cap = cap ? cap * 2 : 256;
            }
            lines[nlines].point = point;
            lines[nlines].text = line;
            lines[nlines].len = (size_t)(e - line) + 1;
            lines[nlines].file = f;
            lines[nlines].lineno = lineno;
            nlines++;
            pos += (size_t)(e - line) + 1;
        }
    }
    if (rc != ARS_OK) {
        ars__free(lines);
        return rc;
    }
    qsort(lines, nlines, sizeof *lines, cmp_merge);
    ars__buf_init(&b, 0);
    ars__buf_append(&b, header, hlen);
    for (i = 0; i < nlines; i++) {
        if (i > 0 && lines[i].point == lines[i - 1].point) {
            /* The same point in two shards (a shard rerun): fine when the
             * rows agree, an error when they do not. */
            if (lines[i].len != lines[i - 1].len ||
                memcmp(lines[i].text, lines[i - 1].text, lines[i].len) != 0) {
                rc = ars_error_set(err, ARS_ESTUDY, names[lines[i].file],
                                   "point %llu differs between %s line %zu and %s line %zu",
                                   lines[i].point, names[lines[i - 1].file], lines[i - 1].lineno,
                                   names[lines[i].file], lines[i].lineno);
                break;
            }
            continue;
        }
        ars__buf_append(&b, lines[i].text, lines[i].len);
    }
    ars__free(lines);
    if (rc == ARS_OK && b.failed)
        rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory");
    if (rc != ARS_OK) {
        ars__buf_free(&b);
        return rc;
    }
    *outlen = b.len;
    *out = ars__buf_take(&b);
    return ARS_OK;
}
