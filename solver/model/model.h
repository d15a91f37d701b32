/* model.h - the loaded, validated model: every reference resolved to an index.
 *
 * This is the contract between the loader (solver/model) and everything that
 * builds, solves, explains or verifies a program (solver/lp and beyond).
 * Nothing downstream of the loader looks an id up by string.
 *
 * Conventions:
 *   - T = number of periods; periods are 0-based indices 0..T-1 here (the
 *     spec's t = 1..T is t-1 here).
 *   - Every series is expanded to a double[T] (a scalar in the file becomes T
 *     copies). An optional series that is absent is NULL, with the meaning
 *     stated beside it (e.g. unlimited).
 *   - Index fields that may be absent are -1.
 *   - All strings and arrays are owned by the model and freed by
 *     ars_model_free.
 */
#ifndef ARS_MODEL_MODEL_H
#define ARS_MODEL_MODEL_H

#include "arsenal.h"

#include <stddef.h>

typedef enum { ARS_BLOC_UKRAINE = 0, ARS_BLOC_WESTERN = 1, ARS_BLOC_OTHER = 2 } ars__bloc;

typedef enum {
    ARS_CAT_MUNITIONS = 0,
    ARS_CAT_ARTILLERY,
    ARS_CAT_DRONES,
    ARS_CAT_AIR_DEFENSE,
    ARS_CAT_OTHER
} ars__category;

typedef enum { ARS_LIC_GRANTED = 0, ARS_LIC_DENIED = 1, ARS_LIC_PENDING = 2 } ars__licence_status;

typedef enum { ARS_OBJ_LEXICOGRAPHIC = 0, ARS_OBJ_WEIGHTED = 1 } ars__objective_mode;

/* Countries: those declared in `countries` first (declared = 1, bloc set),
 * then every other country id the model names (lines, suppliers, drawdowns,
 * corridors, workforce, licence covers, component origins, theatre), with
 * declared = 0 and bloc = -1. */
typedef struct ars__country {
    char *id;
    int bloc; /* ars__bloc, or -1 when not declared */
    int declared;
} ars__country;

/* Optional names: `name` defaults to the id; `unit` is NULL when absent. */
typedef struct ars__product {
    char *id, *name, *unit;
    int category; /* ars__category */
    double mass;  /* tonnes per unit */
    double holding_cost;
} ars__product;

typedef struct ars__component {
    char *id, *name, *unit;
    double initial;
    char *controlled; /* regime label such as "ITAR", NULL when not controlled */
    int origin;       /* country index, -1 when not controlled */
} ars__component;

typedef struct ars__bom_entry {
    int component;
    double qty; /* component units per product unit */
} ars__bom_entry;

typedef struct ars__produce {
    int product;
    double rate;  /* capacity units per product unit, > 0 */
    double *cost; /* [T] money per unit */
    double labor; /* worker-periods per unit */
    int nbom;
    ars__bom_entry *bom;
} ars__produce;

typedef struct ars__line {
    char *id, *name, *operator_name; /* operator_name NULL when absent */
    int country;
    double *capacity;     /* [T] */
    double *availability; /* [T], fractions, all 1 when absent */
    int start;            /* first producing period index, 0 when absent */
    int has_ramp;
    double ramp, ramp_floor;
    int has_output0;
    double output0;
    int has_expansion;
    double *expansion_cost; /* [T] per unit of capacity ordered; NULL without expansion */
    int expansion_lead;
    double expansion_max;
    double expansion_step; /* 0 when no step (continuous) */
    int license;           /* licence index, -1 when none */
    int nproduces;
    ars__produce *produces;
} ars__line;

typedef struct ars__supplier {
    char *id, *operator_name;
    int component;
    int country;      /* -1 when absent (then no fund matches it by country or bloc) */
    double *capacity; /* [T] */
    double *cost;     /* [T] */
    int lead;
} ars__supplier;

typedef struct ars__drawdown {
    char *id;
    int product;
    int country;       /* -1 when absent */
    double *available; /* [T] */
    int has_total;
    double total;
    double *cost; /* [T] replacement value per unit */
    int lead;
} ars__drawdown;

typedef struct ars__corridor {
    char *id;
    int from; /* country index */
    int lead;
    double *capacity; /* [T] tonnes, NULL = unlimited */
    double *cost;     /* [T] per tonne */
} ars__corridor;

typedef struct ars__licence {
    char *id;
    char *regime; /* NULL when absent */
    int ncover_lines;
    int *cover_lines; /* line indices */
    int has_cover_countries;
    int ncover_countries;
    int *cover_countries; /* country indices; meaningful when has_cover_countries */
    int has_cover_components;
    int ncover_components;
    int *cover_components; /* component indices; meaningful when has_cover_components */
    int status;            /* ars__licence_status */
    int effective;         /* period index from which a granted licence is usable */
    int submitted;         /* earliest review start (period index) */
    int review;            /* review length in periods, >= 0 */
    double slots;          /* review slots occupied while under review */
} ars__licence;

typedef struct ars__workforce {
    int country;
    double *available; /* [T] worker-periods */
} ars__workforce;

/* Payees are numbered across four sections: lines 0..L-1, suppliers L..,
 * drawdowns L+S.., corridors L+S+K.. (see ars__payee_* below). */
typedef struct ars__fund {
    char *id, *name;
    double *amount; /* [T] */
    int carryover;
    int has_eligible;
    int n_countries;
    int *countries; /* country indices */
    int n_blocs;
    int *blocs; /* ars__bloc values */
    int n_operators;
    char **operators;
    int n_payees;
    int *payees; /* payee numbers */
} ars__fund;

/* An entry of `met_by`: a plain number in the file is the effect, with
 * max_share 1 (no cap). */
typedef struct ars__met_by {
    int product;
    double effect;    /* > 0 */
    double max_share; /* in (0, 1]: most share of the demand it covers per period */
} ars__met_by;

typedef struct ars__requirement {
    char *id, *name;
    double *demand; /* [T] */
    double priority;
    int nmet_by;
    ars__met_by *met_by;
} ars__requirement;

/* Theatre stock of one product; every product has one (defaults when the
 * model has no `stocks` entry for it: initial 0, no reserve, unlimited). */
typedef struct ars__stock {
    int product; /* its own index (stocks[p].product == p) */
    int declared;
    double initial;
    double *reserve; /* [T], NULL = no reserve */
    double reserve_priority;
    double *capacity; /* [T], NULL = unlimited */
    double terminal;  /* stock wanted after the last period (0: no goal) */
    double terminal_priority;
} ars__stock;

typedef struct ars__objective {
    int mode; /* ars__objective_mode */
    double shortfall_weight, cost_weight;
    double discount;
    double tolerance;
    int relax;
    double time_limit; /* seconds, 0 = none */
    double mip_gap;    /* relative, 0 = GLPK default */
    int smooth;        /* 1: a last stage minimises the variation V (spec 1.1) */
} ars__objective;

typedef struct ars__scenario {
    char *name, *description;
    size_t nset;
    char **set;
} ars__scenario;

struct ars_model {
    cJSON *doc; /* the parsed document, kept for parameter paths */
    char *name, *description, *currency;

    int T;
    char **periods;
    int theatre; /* country index */

    int ncountries;
    ars__country *countries;
    int nproducts;
    ars__product *products;
    ars__stock *stocks; /* [nproducts] */
    int ncomponents;
    ars__component *components;
    int nlines;
    ars__line *lines;
    int nsuppliers;
    ars__supplier *suppliers;
    int ndrawdowns;
    ars__drawdown *drawdowns;
    int ncorridors;
    ars__corridor *corridors;
    int *corridor_of_country; /* [ncountries] corridor index from that country, -1 */
    int nlicences;
    ars__licence *licences;
    double *review_slots; /* [T], NULL when there is no `licensing` section */
    int nworkforce;
    ars__workforce *workforce;
    int nfunds;
    ars__fund *funds;
    int nrequirements;
    ars__requirement *requirements;
    ars__objective objective;
    size_t nscenarios;
    ars__scenario *scenarios;
};

/* Payee numbering helpers. */
static inline int ars__npayees(const struct ars_model *m)
{
    return m->nlines + m->nsuppliers + m->ndrawdowns + m->ncorridors;
}
static inline int ars__payee_of_line(const struct ars_model *m, int l)
{
    (void)m;
    return l;
}
static inline int ars__payee_of_supplier(const struct ars_model *m, int s)
{
    return m->nlines + s;
}
static inline int ars__payee_of_drawdown(const struct ars_model *m, int k)
{
    return m->nlines + m->nsuppliers + k;
}
static inline int ars__payee_of_corridor(const struct ars_model *m, int c)
{
    return m->nlines + m->nsuppliers + m->ndrawdowns + c;
}

/* Id, country index and operator (NULL if none) of payee j. */
const char *ars__payee_id(const struct ars_model *m, int j);
int ars__payee_country(const struct ars_model *m, int j);
const char *ars__payee_operator(const struct ars_model *m, int j);
/* 1 when fund f may pay payee j (the `eligible` rules of section 6). */
int ars__fund_may_pay(const struct ars_model *m, int f, int j);

/* Transport lead, in periods, from country c to the theatre (section 4). */
int ars__lead_to_theatre(const struct ars_model *m, int c);

/* 1 when licence q covers the use of controlled component comp at line l
 * (section 5). */
int ars__licence_covers(const struct ars_model *m, int q, int l, int comp);

/* Index of a period label, -1 if none. */
int ars__period_index(const struct ars_model *m, const char *label);

/* Loads a model from an already parsed document. Takes ownership of doc on
 * success and on failure. text/len (may be NULL/0) are used only to report
 * line:column. Same contract as ars_model_load_text otherwise. */
int ars__model_load_doc(cJSON *doc, const char *text, size_t len, const ars_limits *lim,
                        struct ars_model **out, ars_diag *diag);

#endif /* ARS_MODEL_MODEL_H */
