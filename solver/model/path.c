/* path.c - parameter paths: parse against the model schema, apply to documents.
 *
 * A compiled path is a list of hops from the document root: FIELD hops step
 * into an object member, SELECT hops pick items of an id-keyed array (lines,
 * produces, ...) or entries of an id-keyed map (bom, met_by). The schema
 * below is model-format.md sections 2-9 restricted to what a path may name;
 * it must follow the spec when the spec gains fields.
 */
#include "model/path.h"
#include "util/util.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- schema */

enum fkind {
    F_NUM,
    F_SERIES,
    F_STR,
    F_ENUM,
    F_BOOL,
    F_REF,
    F_PERIOD,
    F_NULLSTR,
    F_IDLIST,
    F_KEY, /* the id of an item: other fields refer to it, so it is never set */
    F_OBJ,
    F_KEYED, /* array of objects, each named by its `key` field */
    F_MAP    /* object id -> number */
};

typedef struct fdef {
    const char *name;
    int kind;
    int has_def;
    double def;
    const char *const *enums; /* F_ENUM: NULL-terminated */
    const struct fdef *sub;   /* F_OBJ, F_KEYED: the fields inside */
    const char *key;          /* F_KEYED: the item's naming field */
    const char *absent;       /* what an absent field without default means */
} fdef;

#define END                                                                                        \
    {                                                                                              \
        NULL, 0, 0, 0, NULL, NULL, NULL, NULL                                                      \
    }
#define KEY(n)                                                                                     \
    {                                                                                              \
        n, F_KEY, 0, 0, NULL, NULL, NULL, NULL                                                     \
    }
#define STR(n)                                                                                     \
    {                                                                                              \
        n, F_STR, 0, 0, NULL, NULL, NULL, "no text"                                                \
    }
#define REF(n)                                                                                     \
    {                                                                                              \
        n, F_REF, 0, 0, NULL, NULL, NULL, "none"                                                   \
    }
#define PER(n, a)                                                                                  \
    {                                                                                              \
        n, F_PERIOD, 0, 0, NULL, NULL, NULL, a                                                     \
    }
#define NUMD(n, d)                                                                                 \
    {                                                                                              \
        n, F_NUM, 1, d, NULL, NULL, NULL, NULL                                                     \
    }
#define NUMA(n, a)                                                                                 \
    {                                                                                              \
        n, F_NUM, 0, 0, NULL, NULL, NULL, a                                                        \
    }
#define SERD(n, d)                                                                                 \
    {                                                                                              \
        n, F_SERIES, 1, d, NULL, NULL, NULL, NULL                                                  \
    }
#define SERA(n, a)                                                                                 \
    {                                                                                              \
        n, F_SERIES, 0, 0, NULL, NULL, NULL, a                                                     \
    }
#define ENUM(n, e)                                                                                 \
    {                                                                                              \
        n, F_ENUM, 0, 0, e, NULL, NULL, "the default"                                              \
    }
#define BOOL(n)                                                                                    \
    {                                                                                              \
        n, F_BOOL, 1, 0, NULL, NULL, NULL, NULL                                                    \
    }
#define IDL(n)                                                                                     \
    {                                                                                              \
        n, F_IDLIST, 0, 0, NULL, NULL, NULL, "none"                                                \
    }
#define OBJ(n, s)                                                                                  \
    {                                                                                              \
        n, F_OBJ, 0, 0, NULL, s, NULL, NULL                                                        \
    }
#define KEYED(n, s, k)                                                                             \
    {                                                                                              \
        n, F_KEYED, 0, 0, NULL, s, k, NULL                                                         \
    }
#define MAP(n)                                                                                     \
    {                                                                                              \
        n, F_MAP, 0, 0, NULL, NULL, NULL, NULL                                                     \
    }

static const char *const e_category[] = {"munitions",   "artillery", "drones",
                                         "air_defense", "other",     NULL};
static const char *const e_status[] = {"granted", "denied", "pending", NULL};
static const char *const e_bloc[] = {"ukraine", "western", "other", NULL};
static const char *const e_mode[] = {"lexicographic", "weighted", NULL};

static const fdef f_product[] = {KEY("id"),   STR("name"),     ENUM("category", e_category),
                                 STR("unit"), NUMD("mass", 0), NUMD("holding_cost", 0),
                                 END};
static const fdef f_component[] = {
    KEY("id"),
    STR("name"),
    STR("unit"),
    NUMD("initial", 0),
    {"controlled", F_NULLSTR, 0, 0, NULL, NULL, NULL, "not controlled"},
    REF("origin"),
    END};
static const fdef f_expansion[] = {SERD("cost", 0), NUMD("lead", 0), NUMA("max", "no expansion"),
                                   NUMA("step", "continuous"), END};
static const fdef f_produce[] = {KEY("product"),   NUMD("rate", 1), SERD("cost", 0),
                                 NUMD("labor", 0), MAP("bom"),      END};
static const fdef f_line[] = {KEY("id"),
                              STR("name"),
                              REF("country"),
                              STR("operator"),
                              SERA("capacity", "required"),
                              SERD("availability", 1),
                              PER("start", "the first period"),
                              NUMA("ramp", "no ramp limit"),
                              NUMD("ramp_floor", 0),
                              NUMA("output0", "no limit in the first period"),
                              OBJ("expansion", f_expansion),
                              REF("license"),
                              KEYED("produces", f_produce, "product"),
                              END};
static const fdef f_supplier[] = {KEY("id"),
                                  REF("component"),
                                  REF("country"),
                                  STR("operator"),
                                  SERA("capacity", "required"),
                                  SERD("cost", 0),
                                  NUMD("lead", 0),
                                  END};
static const fdef f_drawdown[] = {KEY("id"),
                                  REF("product"),
                                  REF("country"),
                                  SERA("available", "required"),
                                  NUMA("total", "unlimited"),
                                  SERD("cost", 0),
                                  NUMD("lead", 0),
                                  END};
static const fdef f_corridor[] = {
    KEY("id"), REF("from"), NUMD("lead", 0), SERA("capacity", "unlimited"), SERD("cost", 0), END};
static const fdef f_covers[] = {IDL("lines"), IDL("countries"), IDL("components"), END};
static const fdef f_licence[] = {KEY("id"),
                                 STR("regime"),
                                 OBJ("covers", f_covers),
                                 ENUM("status", e_status),
                                 PER("effective", "the first period"),
                                 PER("submitted", "the first period"),
                                 NUMD("review", 1),
                                 NUMD("slots", 1),
                                 END};
static const fdef f_workforce[] = {KEY("country"), SERA("available", "required"), END};
static const fdef f_eligible[] = {IDL("countries"), IDL("blocs"), IDL("operators"), IDL("payees"),
                                  END};
static const fdef f_fund[] = {KEY("id"),
                              STR("name"),
                              SERA("amount", "required"),
                              BOOL("carryover"),
                              OBJ("eligible", f_eligible),
                              END};
static const fdef f_requirement[] = {KEY("id"),           STR("name"),   SERA("demand", "required"),
                                     NUMD("priority", 1), MAP("met_by"), END};
static const fdef f_stock[] = {KEY("product"),
                               NUMD("initial", 0),
                               SERD("reserve", 0),
                               NUMD("reserve_priority", 0),
                               SERA("capacity", "unlimited"),
                               END};
static const fdef f_country[] = {KEY("id"), ENUM("bloc", e_bloc), END};
static const fdef f_licensing[] = {SERA("review_slots", "no limit on reviews"), END};
static const fdef f_objective[] = {ENUM("mode", e_mode),
                                   NUMD("shortfall_weight", 1e6),
                                   NUMD("cost_weight", 1),
                                   NUMD("discount", 0),
                                   NUMD("tolerance", 1e-7),
                                   BOOL("relax"),
                                   NUMA("time_limit", "no time limit"),
                                   NUMA("mip_gap", "GLPK's default"),
                                   END};
static const fdef f_root[] = {KEYED("products", f_product, "id"),
                              KEYED("components", f_component, "id"),
                              KEYED("lines", f_line, "id"),
                              KEYED("suppliers", f_supplier, "id"),
                              KEYED("drawdowns", f_drawdown, "id"),
                              KEYED("corridors", f_corridor, "id"),
                              KEYED("licenses", f_licence, "id"),
                              KEYED("workforce", f_workforce, "country"),
                              KEYED("funds", f_fund, "id"),
                              KEYED("requirements", f_requirement, "id"),
                              KEYED("stocks", f_stock, "product"),
                              KEYED("countries", f_country, "id"),
                              OBJ("licensing", f_licensing),
                              OBJ("objective", f_objective),
                              END};

static const fdef *find_field(const fdef *fields, const char *name, size_t n)
{
    for (; fields->name; fields++)
        if (strlen(fields->name) == n && memcmp(fields->name, name, n) == 0)
            return fields;
    return NULL;
}

/* "a, b or c" list of the field names, for "expected one of" messages. */
static void list_fields(char *out, size_t outlen, const fdef *fields)
{
    size_t len = 0;
    const fdef *f;
    out[0] = '\0';
    for (f = fields; f->name; f++) {
        int w = snprintf(out + len, outlen - len, "%s%s", f == fields ? "" : ", ", f->name);
        if (w < 0 || (size_t)w >= outlen - len)
            return;
        len += (size_t)w;
    }
}

static void list_enums(char *out, size_t outlen, const char *const *e)
{
    size_t len = 0;
    size_t i;
    out[0] = '\0';
    for (i = 0; e[i]; i++) {
        int w = snprintf(out + len, outlen - len, "%s%s", i ? ", " : "", e[i]);
        if (w < 0 || (size_t)w >= outlen - len)
            return;
        len += (size_t)w;
    }
}

static int kind_of(int fkind)
{
    switch (fkind) {
    case F_SERIES:
        return ARS__PK_SERIES;
    case F_STR:
        return ARS__PK_STRING;
    case F_ENUM:
        return ARS__PK_ENUM;
    case F_BOOL:
        return ARS__PK_BOOL;
    case F_REF:
        return ARS__PK_REF;
    case F_PERIOD:
        return ARS__PK_PERIOD;
    case F_NULLSTR:
        return ARS__PK_NULLSTRING;
    case F_IDLIST:
        return ARS__PK_IDLIST;
    default:
        return ARS__PK_NUMBER;
    }
}

static const char *kind_words(int fkind)
{
    switch (fkind) {
    case F_NUM:
        return "a number";
    case F_SERIES:
        return "a series";
    case F_STR:
        return "text";
    case F_ENUM:
        return "a choice of words";
    case F_BOOL:
        return "true or false";
    case F_REF:
        return "an id";
    case F_PERIOD:
        return "a period label";
    case F_NULLSTR:
        return "text or null";
    case F_IDLIST:
        return "a list of ids";
    case F_KEY:
        return "the item's id";
    case F_OBJ:
        return "an object";
    case F_KEYED:
        return "a list of items";
    default:
        return "a map of numbers";
    }
}

/* ------------------------------------------------------ compiled paths */

enum { HOP_FIELD, HOP_SELECT };
enum { SEL_ID, SEL_ALL, SEL_FILTER };

typedef struct cond {
    char *key, *value;
    const fdef *f;
} cond;

typedef struct hop {
    int type;
    const fdef *f; /* FIELD: the member; SELECT: the collection selected from */
    int sel;
    char *id;
    cond *conds;
    int nconds;
} hop;

struct ars__path {
    char *text;
    hop *hops;
    int nhops;
    const fdef *leaf; /* the field named; for a map entry, the map */
    int in_map;       /* leaf is an entry of a F_MAP */
    int kind;         /* ars__path_kind */
    int has_periods;
    char *pfrom, *pto; /* NULL: open end */
};

static int verr(ars_error *err, const char *field, const char *fmt, va_list ap)
{
    char msg[700];
    vsnprintf(msg, sizeof msg, fmt, ap);
    return ars_error_set(err, ARS_EPATH, field, "%s", msg);
}

static int perr(ars_error *err, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int perr(ars_error *err, const char *field, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = verr(err, field, fmt, ap);
    va_end(ap);
    return rc;
}

static int is_id_char(int c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static int is_id(const char *s, size_t n)
{
    size_t i;
    if (n == 0 || n > 64)
        return 0;
    for (i = 0; i < n; i++)
        if (!is_id_char(s[i]))
            return 0;
    return 1;
}

void ars__path_free(ars__path *p)
{
    int i, j;
    if (!p)
        return;
    for (i = 0; i < p->nhops; i++) {
        ars__free(p->hops[i].id);
        for (j = 0; j < p->hops[i].nconds; j++) {
            ars__free(p->hops[i].conds[j].key);
            ars__free(p->hops[i].conds[j].value);
        }
        ars__free(p->hops[i].conds);
    }
    ars__free(p->hops);
    ars__free(p->text);
    ars__free(p->pfrom);
    ars__free(p->pto);
    ars__free(p);
}

static char *dupn(const char *s, size_t n)
{
    char *d = ars__malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* One dot-separated piece of the path: a name or `*`, then any [k=v] groups. */
typedef struct tok {
    const char *name;
    size_t nname;
    const char *br; /* from the first '[' to the end of the piece */
    size_t nbr;
    int star;
} tok;

static hop *add_hop(ars__path *p, int type, const fdef *f)
{
    hop *h = ars__realloc(p->hops, (size_t)(p->nhops + 1) * sizeof *h);
    if (!h)
        return NULL;
    p->hops = h;
    h = &p->hops[p->nhops++];
    memset(h, 0, sizeof *h);
    h->type = type;
    h->f = f;
    return h;
}

/* Parses "[k=v][k2=v2]" into h's conditions, checking each k against the
 * fields of the selected items. */
static int parse_conds(ars__path *p, hop *h, const tok *t, ars_error *err)
{
    const char *s = t->br, *end = t->br + t->nbr;
    while (s < end) {
        const char *close, *eq;
        cond *c;
        const fdef *kf;
        char names[512];
        if (*s != '[')
            return perr(err, p->text, "path '%s': expected '[' after ']' in '%.*s'", p->text,
                        (int)t->nbr, t->br);
        close = memchr(s, ']', (size_t)(end - s));
        eq = memchr(s, '=', close ? (size_t)(close - s) : 0);
        if (!close || !eq)
            return perr(err, p->text, "path '%s': a filter is [key=value], found '%.*s'", p->text,
                        (int)(end - s), s);
        if (!is_id(s + 1, (size_t)(eq - s - 1)))
            return perr(err, p->text, "path '%s': filter key '%.*s' is not a field name", p->text,
                        (int)(eq - s - 1), s + 1);
        if (close == eq + 1)
            return perr(err, p->text, "path '%s': filter [%.*s=] has no value", p->text,
                        (int)(eq - s - 1), s + 1);
        kf = find_field(h->f->sub, s + 1, (size_t)(eq - s - 1));
        list_fields(names, sizeof names, h->f->sub);
        if (!kf)
            return perr(err, p->text,
                        "path '%s': unknown field '%.*s' in filter on %s; expected "
                        "one of %s",
                        p->text, (int)(eq - s - 1), s + 1, h->f->name, names);
        if (kf->kind == F_SERIES || kf->kind == F_OBJ || kf->kind == F_KEYED || kf->kind == F_MAP ||
            kf->kind == F_IDLIST)
            return perr(err, p->text,
                        "path '%s': cannot filter on %s.%s: it is %s, filters compare one "
                        "value",
                        p->text, h->f->name, kf->name, kind_words(kf->kind));
        c = ars__realloc(h->conds, (size_t)(h->nconds + 1) * sizeof *c);
        if (!c)
            return ARS_ENOMEM;
        h->conds = c;
        c = &h->conds[h->nconds];
        c->f = kf;
        c->key = dupn(s + 1, (size_t)(eq - s - 1));
        c->value = dupn(eq + 1, (size_t)(close - eq - 1));
        h->nconds++;
        if (!c->key || !c->value)
            return ARS_ENOMEM;
        s = close + 1;
    }
    h->sel = SEL_FILTER;
    return ARS_OK;
}

static int compile_body(ars__path *p, const tok *toks, int ntok, ars_error *err)
{
    const fdef *fields = f_root;
    const char *where = "the model"; /* for "unknown field in X" */
    char names[512];
    int i = 0;
    while (i < ntok) {
        const tok *t = &toks[i];
        const fdef *f;
        hop *h;
        if (t->star)
            return perr(err, p->text,
                        "path '%s': '*' selects items, so it must follow a list "
                        "such as lines or produces",
                        p->text);
        f = find_field(fields, t->name, t->nname);
        if (!f) {
            list_fields(names, sizeof names, fields);
            return perr(err, p->text, "path '%s': unknown %s '%.*s' in %s; expected one of %s",
                        p->text, i == 0 ? "section" : "field", (int)t->nname, t->name, where,
                        names);
        }
        if (!add_hop(p, HOP_FIELD, f))
            return ARS_ENOMEM;
        if (f->kind == F_OBJ) {
            if (t->nbr)
                return perr(err, p->text, "path '%s': %s is one object: no [key=value] filter",
                            p->text, f->name);
            i++;
            if (i == ntok) {
                list_fields(names, sizeof names, f->sub);
                return perr(err, p->text, "path '%s': %s is an object; name one of its fields: %s",
                            p->text, f->name, names);
            }
            fields = f->sub;
            where = f->name;
            continue;
        }
        if (f->kind == F_KEYED || f->kind == F_MAP) {
            int rc;
            h = add_hop(p, HOP_SELECT, f);
            if (!h)
                return ARS_ENOMEM;
            if (t->nbr) {
                if (f->kind == F_MAP)
                    return perr(err, p->text,
                                "path '%s': %s maps ids to numbers: select an entry "
                                "by its id or *, not with [key=value]",
                                p->text, f->name);
                rc = parse_conds(p, h, t, err);
                if (rc)
                    return rc;
                i++;
            } else {
                i++;
                if (i == ntok)
                    return perr(err, p->text,
                                "path '%s': %s needs a selector after it: an id, * "
                                "or [key=value]",
                                p->text, f->name);
                if (toks[i].star) {
                    if (toks[i].nbr)
                        return perr(err, p->text,
                                    "path '%s': use either * or [key=value] after "
                                    "%s, not both",
                                    p->text, f->name);
                    h->sel = SEL_ALL;
                } else {
                    if (toks[i].nbr)
                        return perr(err, p->text,
                                    "path '%s': '%.*s%.*s': a selector is an id, * "
                                    "or [key=value], not an id with a filter",
                                    p->text, (int)toks[i].nname, toks[i].name, (int)toks[i].nbr,
                                    toks[i].br);
                    h->sel = SEL_ID;
                    h->id = dupn(toks[i].name, toks[i].nname);
                    if (!h->id)
                        return ARS_ENOMEM;
                }
                i++;
            }
            if (f->kind == F_MAP) {
                if (i < ntok)
                    return perr(err, p->text,
                                "path '%s': the entries of %s are numbers; there is "
                                "nothing below them",
                                p->text, f->name);
                p->leaf = f;
                p->in_map = 1;
                p->kind = ARS__PK_NUMBER;
                return ARS_OK;
            }
            if (i == ntok) {
                list_fields(names, sizeof names, f->sub);
                return perr(err, p->text,
                            "path '%s': it names whole items of %s; add one of "
                            "their fields: %s",
                            p->text, f->name, names);
            }
            fields = f->sub;
            where = f->name;
            continue;
        }
        if (f->kind == F_KEY)
            return perr(err, p->text,
                        "path '%s': %s is the item's id; ids cannot be changed by a "
                        "path, because other fields refer to them",
                        p->text, f->name);
        if (t->nbr)
            return perr(err, p->text, "path '%s': %s is %s; [key=value] filters apply to lists",
                        p->text, f->name, kind_words(f->kind));
        if (i + 1 < ntok)
            return perr(err, p->text, "path '%s': %s is %s; there is nothing below it", p->text,
                        f->name, kind_words(f->kind));
        p->leaf = f;
        p->kind = kind_of(f->kind);
        return ARS_OK;
    }
    return perr(err, p->text, "path '%s' is empty", p->text);
}

int ars__path_compile(const char *text, ars__path **out, ars_error *err)
{
    ars__path *p;
    tok toks[64];
    int ntok = 0, depth = 0, rc;
    const char *s, *body_end, *start;
    *out = NULL;
    if (!text)
        return perr(err, "", "no path given");
    p = ars__calloc(1, sizeof *p);
    if (!p)
        return ARS_ENOMEM;
    p->text = ars__strdup(text);
    if (!p->text) {
        ars__free(p);
        return ARS_ENOMEM;
    }
    /* Split off @periods: '@' outside brackets (ids never contain '@'). */
    body_end = NULL;
    for (s = text; *s; s++) {
        if (*s == '[')
            depth++;
        else if (*s == ']')
            depth--;
        else if (*s == '@' && depth == 0) {
            body_end = s;
            break;
        }
    }
    if (!body_end)
        body_end = text + strlen(text);
    if (body_end == text) {
        rc = perr(err, text, "path '%s': expected section.selector.field before '@'", text);
        goto fail;
    }
    /* Tokenise the body on '.' outside brackets: filter values may hold dots. */
    depth = 0;
    start = text;
    for (s = text;; s++) {
        if (s < body_end && *s == '[') {
            if (depth) {
                rc = perr(err, text, "path '%s': '[' inside a filter", text);
                goto fail;
            }
            depth = 1;
            continue;
        }
        if (s < body_end && *s == ']') {
            if (!depth) {
                rc = perr(err, text, "path '%s': ']' without '['", text);
                goto fail;
            }
            depth = 0;
            continue;
        }
        if (s < body_end && (depth || *s != '.'))
            continue;
        if (s == body_end && depth) {
            rc = perr(err, text, "path '%s': unclosed '['", text);
            goto fail;
        }
        {
            const char *br = memchr(start, '[', (size_t)(s - start));
            tok *t;
            if (ntok == (int)(sizeof toks / sizeof toks[0])) {
                rc = perr(err, text, "path '%s': more than 64 dot-separated parts", text);
                goto fail;
            }
            t = &toks[ntok++];
            t->name = start;
            t->nname = br ? (size_t)(br - start) : (size_t)(s - start);
            t->br = br;
            t->nbr = br ? (size_t)(s - br) : 0;
            t->star = t->nname == 1 && start[0] == '*';
            if (t->nname == 0 && !br) {
                rc = perr(err, text,
                          "path '%s': empty part at position %d (two dots, or a dot "
                          "at an end)",
                          text, (int)(start - text) + 1);
                goto fail;
            }
            if (!t->star && !is_id(t->name, t->nname)) {
                rc = perr(err, text,
                          "path '%s': '%.*s' is not a name: names are 1-64 letters, digits, '_' "
                          "or '-'",
                          text, (int)t->nname, t->name);
                goto fail;
            }
        }
        if (s == body_end)
            break;
        start = s + 1;
    }
    rc = compile_body(p, toks, ntok, err);
    if (rc)
        goto fail;
    if (*body_end == '@') {
        const char *per = body_end + 1, *dots = strstr(per, "..");
        size_t n1 = dots ? (size_t)(dots - per) : strlen(per);
        const char *p2 = dots ? dots + 2 : NULL;
        size_t n2 = p2 ? strlen(p2) : 0;
        if (p->leaf->kind != F_SERIES || p->in_map) {
            rc = perr(err, text, "path '%s': @periods applies to series only; %s is %s", text,
                      p->leaf->name, kind_words(p->in_map ? F_NUM : p->leaf->kind));
            goto fail;
        }
        if ((!dots && n1 == 0) || (dots && n1 == 0 && n2 == 0)) {
            rc = perr(err, text, "path '%s': expected @P, @P.., @..P or @P..Q after '@'", text);
            goto fail;
        }
        if ((n1 && !is_id(per, n1)) || (n2 && !is_id(p2, n2))) {
            rc = perr(err, text,
                      "path '%s': '%s' is not @P, @P.., @..P or @P..Q with period "
                      "labels",
                      text, per);
            goto fail;
        }
        p->has_periods = 1;
        if (n1 && !(p->pfrom = dupn(per, n1))) {
            rc = ARS_ENOMEM;
            goto fail;
        }
        if (!dots)
            p->pto = dupn(per, n1);
        else if (n2)
            p->pto = dupn(p2, n2);
        if ((!dots || n2) && !p->pto) {
            rc = ARS_ENOMEM;
            goto fail;
        }
    }
    *out = p;
    return ARS_OK;
fail:
    ars__path_free(p);
    return rc;
}

const char *ars__path_text(const ars__path *p)
{
    return p->text;
}

int ars__path_value_kind(const ars__path *p)
{
    return p->kind;
}

int ars__path_is_numeric(const ars__path *p)
{
    return p->kind == ARS__PK_NUMBER || p->kind == ARS__PK_SERIES;
}

int ars__path_has_periods(const ars__path *p)
{
    return p->has_periods;
}

/* ---------------------------------------------------------- applying */

enum { MODE_APPLY, MODE_READ };
enum { V_NUM, V_JSON };

typedef struct walk {
    const ars__path *p;
    int mode;
    ars__op op;
    int vtype; /* V_NUM: `num`; V_JSON: `json` (strings, bools, arrays, null) */
    double num;
    const cJSON *json;
    int T, t0, t1; /* selected periods [t0, t1] of series leaves */
    size_t ntargets;
    char skipwhy[300];
    ars_error *err;
    const char *subject; /* "PATH OP VALUE", starts every message */
    ars__buf *touched;
    double *vals;
    size_t nvals, capvals;
    char ptr[1024];
    size_t plen;
} walk;

static const char *op_text(ars__op op)
{
    return op == ARS__OP_MUL ? "*=" : op == ARS__OP_ADD ? "+=" : "=";
}

static const char *json_type(const cJSON *j)
{
    if (cJSON_IsNumber(j))
        return "a number";
    if (cJSON_IsString(j))
        return "a string";
    if (cJSON_IsBool(j))
        return "a boolean";
    if (cJSON_IsNull(j))
        return "null";
    if (cJSON_IsArray(j))
        return "an array";
    if (cJSON_IsObject(j))
        return "an object";
    return "nothing";
}

static int werr(walk *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int werr(walk *w, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ars_error_set(w->err, ARS_EPATH, w->p->text, "%s: %s", w->subject, msg);
}

/* Something the path needs is not there. Under explicit ids that is an
 * error; under `*` or a filter the item is skipped (the reason is kept for
 * the "matches nothing" message if every item is skipped). */
static int absent(walk *w, int explicit_ids, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int absent(walk *w, int explicit_ids, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->skipwhy, sizeof w->skipwhy, fmt, ap);
    va_end(ap);
    if (explicit_ids)
        return werr(w, "matches nothing: %s", w->skipwhy);
    return ARS_OK;
}

static size_t push(walk *w, const char *seg)
{
    size_t old = w->plen;
    int n = snprintf(w->ptr + w->plen, sizeof w->ptr - w->plen, "/%s", seg);
    if (n > 0 && (size_t)n < sizeof w->ptr - w->plen)
        w->plen += (size_t)n;
    else
        w->ptr[w->plen] = '\0';
    return old;
}

static size_t push_index(walk *w, int i)
{
    char s[24];
    snprintf(s, sizeof s, "%d", i);
    return push(w, s);
}

static void pop(walk *w, size_t old)
{
    w->plen = old;
    w->ptr[old] = '\0';
}

static int touch(walk *w)
{
    w->ntargets++;
    if (w->touched) {
        ars__buf_append(w->touched, w->ptr, w->plen);
        ars__buf_append(w->touched, "\n", 1);
        if (w->touched->failed)
            return ARS_ENOMEM;
    }
    return ARS_OK;
}

static int read_value(walk *w, double v)
{
    if (w->nvals == w->capvals) {
        size_t nc = w->capvals ? w->capvals * 2 : 16;
        double *nv = ars__realloc(w->vals, nc * sizeof *nv);
        if (!nv)
            return ARS_ENOMEM;
        w->vals = nv;
        w->capvals = nc;
    }
    w->vals[w->nvals++] = v;
    return ARS_OK;
}

static int calc(walk *w, double x, double *out)
{
    double r = w->op == ARS__OP_SET ? w->num : w->op == ARS__OP_MUL ? x * w->num : x + w->num;
    if (!isfinite(r))
        return werr(w, "the result at %s is not a finite number (%g %s %g)", w->ptr, x,
                    op_text(w->op), w->num);
    *out = r;
    return ARS_OK;
}

/* Changes one existing number item in place. */
static int op_number(walk *w, cJSON *item)
{
    double r = 0;
    int rc;
    if (w->mode == MODE_READ)
        return read_value(w, item->valuedouble);
    rc = calc(w, item->valuedouble, &r);
    if (rc)
        return rc;
    cJSON_SetNumberValue(item, r);
    return ARS_OK;
}

static int add_member(cJSON *obj, const char *name, cJSON *item)
{
    if (!item)
        return ARS_ENOMEM;
    if (!cJSON_AddItemToObject(obj, name, item)) {
        cJSON_Delete(item);
        return ARS_ENOMEM;
    }
    return ARS_OK;
}

/* Replaces member `name` of obj (which frees the old item). The name is
 * copied first because it may belong to the item being replaced. */
static int replace_member(cJSON *obj, const char *name, cJSON *item)
{
    char *key;
    if (!item)
        return ARS_ENOMEM;
    key = ars__strdup(name);
    if (!key || !cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item)) {
        ars__free(key);
        cJSON_Delete(item);
        return ARS_ENOMEM;
    }
    ars__free(key);
    return ARS_OK;
}

static int leaf_number(walk *w, cJSON *obj, const char *name, cJSON *child, int has_def, double def,
                       const char *absent_means, int explicit_ids)
{
    double r = 0;
    int rc;
    if (child && !cJSON_IsNumber(child))
        return werr(w, "type mismatch at %s: expected a number, found %s", w->ptr,
                    json_type(child));
    if (child) {
        rc = op_number(w, child);
        return rc ? rc : touch(w);
    }
    if (w->mode == MODE_READ) {
        if (!has_def)
            return absent(w, explicit_ids, "%s is absent (%s), so it has no value", w->ptr,
                          absent_means);
        rc = read_value(w, def);
        return rc ? rc : touch(w);
    }
    if (w->op != ARS__OP_SET && !has_def)
        return absent(w, explicit_ids,
                      "%s is absent (%s), so %s has nothing to change; give it "
                      "a value with =",
                      w->ptr, absent_means, op_text(w->op));
    rc = calc(w, def, &r);
    if (rc)
        return rc;
    rc = add_member(obj, name, cJSON_CreateNumber(r));
    return rc ? rc : touch(w);
}

static int leaf_series(walk *w, cJSON *obj, const fdef *f, cJSON *child, int explicit_ids)
{
    int full = w->t0 == 0 && w->t1 == w->T - 1;
    int t, rc;
    cJSON *arr, *el;
    if (child && !cJSON_IsNumber(child) && !cJSON_IsArray(child))
        return werr(w,
                    "type mismatch at %s: expected a series (a number or an array of %d "
                    "numbers), found %s",
                    w->ptr, w->T, json_type(child));
    if (w->vtype == V_JSON) {
        /* A whole series given as an array: `=` only, no @periods (checked
         * before the walk). */
        rc = child ? replace_member(obj, f->name, cJSON_Duplicate(w->json, 1))
                   : add_member(obj, f->name, cJSON_Duplicate(w->json, 1));
        return rc ? rc : touch(w);
    }
    if (!child) {
        if (w->mode == MODE_READ) {
            if (!f->has_def)
                return absent(w, explicit_ids, "%s is absent (%s), so it has no value", w->ptr,
                              f->absent);
            for (t = w->t0; t <= w->t1; t++)
                if ((rc = read_value(w, f->def)) != ARS_OK)
                    return rc;
            return touch(w);
        }
        if (!f->has_def && (w->op != ARS__OP_SET || !full))
            return absent(w, explicit_ids,
                          "%s is absent (%s), so %s%s has nothing to change; give the whole "
                          "series a value with = first",
                          w->ptr, f->absent, w->p->has_periods ? "@periods with " : "",
                          op_text(w->op));
        if (full) {
            double r = 0;
            rc = calc(w, f->def, &r);
            if (rc)
                return rc;
            rc = add_member(obj, f->name, cJSON_CreateNumber(r));
            return rc ? rc : touch(w);
        }
        /* Some periods of a defaulted series: the others keep the default. */
        arr = cJSON_CreateArray();
        if (!arr)
            return ARS_ENOMEM;
        for (t = 0; t < w->T; t++) {
            el = cJSON_CreateNumber(f->def);
            if (!el || !cJSON_AddItemToArray(arr, el)) {
                cJSON_Delete(el);
                cJSON_Delete(arr);
                return ARS_ENOMEM;
            }
        }
        rc = add_member(obj, f->name, arr);
        if (rc)
            return rc;
        child = arr;
    }
    if (cJSON_IsNumber(child)) {
        double v = child->valuedouble;
        if (full || w->mode == MODE_READ) {
            if (w->mode == MODE_READ && !full) {
                for (t = w->t0; t <= w->t1; t++)
                    if ((rc = read_value(w, v)) != ARS_OK)
                        return rc;
                return touch(w);
            }
            rc = op_number(w, child);
            return rc ? rc : touch(w);
        }
        /* A scalar changed in some periods only becomes an array of T. */
        arr = cJSON_CreateArray();
        if (!arr)
            return ARS_ENOMEM;
        for (t = 0; t < w->T; t++) {
            el = cJSON_CreateNumber(v);
            if (!el || !cJSON_AddItemToArray(arr, el)) {
                cJSON_Delete(el);
                cJSON_Delete(arr);
                return ARS_ENOMEM;
            }
        }
        rc = replace_member(obj, f->name, arr);
        if (rc)
            return rc;
        child = arr;
    }
    if (cJSON_GetArraySize(child) != w->T)
        return werr(w, "%s is an array of %d numbers; a series has one per period (%d)", w->ptr,
                    cJSON_GetArraySize(child), w->T);
    t = 0;
    cJSON_ArrayForEach(el, child)
    {
        if (!cJSON_IsNumber(el))
            return werr(w, "type mismatch at %s/%d: expected a number, found %s", w->ptr, t,
                        json_type(el));
        if (t >= w->t0 && t <= w->t1 && (rc = op_number(w, el)) != ARS_OK)
            return rc;
        t++;
    }
    return touch(w);
}

/* Non-numeric leaves: the value is a JSON item (string, bool, null, array). */
static int leaf_other(walk *w, cJSON *obj, const fdef *f, cJSON *child)
{
    int rc;
    if (w->mode == MODE_READ)
        return werr(w, "%s is %s, not a number", w->ptr, kind_words(f->kind));
    if (w->vtype != V_JSON)
        return werr(w, "type mismatch: %s is %s, not a number", w->ptr, kind_words(f->kind));
    if (child)
        rc = replace_member(obj, f->name, cJSON_Duplicate(w->json, 1));
    else
        rc = add_member(obj, f->name, cJSON_Duplicate(w->json, 1));
    return rc ? rc : touch(w);
}

static int leaf_field(walk *w, cJSON *obj, const fdef *f, int explicit_ids)
{
    cJSON *child = cJSON_GetObjectItemCaseSensitive(obj, f->name);
    size_t old = push(w, f->name);
    int rc;
    if (f->kind == F_NUM)
        rc = leaf_number(w, obj, f->name, child, f->has_def, f->def, f->absent, explicit_ids);
    else if (f->kind == F_SERIES)
        rc = leaf_series(w, obj, f, child, explicit_ids);
    else
        rc = leaf_other(w, obj, f, child);
    pop(w, old);
    return rc;
}

static int cond_match(const cond *c, const cJSON *item)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, c->key);
    if (cJSON_IsString(v))
        return strcmp(v->valuestring, c->value) == 0;
    if (cJSON_IsNumber(v)) {
        char *end;
        double x = strtod(c->value, &end);
        return *end == '\0' && end != c->value && x == v->valuedouble;
    }
    if (cJSON_IsTrue(v))
        return strcmp(c->value, "true") == 0;
    if (cJSON_IsFalse(v))
        return strcmp(c->value, "false") == 0;
    return 0;
}

static void describe_sel(const hop *h, char *out, size_t n)
{
    if (h->sel == SEL_ID)
        snprintf(out, n, "no %s item with %s '%s'", h->f->name,
                 h->f->kind == F_MAP ? "id" : h->f->key, h->id);
    else if (h->sel == SEL_ALL)
        snprintf(out, n, "%s is empty", h->f->name);
    else {
        size_t len = 0;
        int i;
        len = (size_t)snprintf(out, n, "no %s item has ", h->f->name);
        for (i = 0; i < h->nconds && len < n; i++)
            len += (size_t)snprintf(out + len, n - len, "%s%s=%s", i ? " and " : "",
                                    h->conds[i].key, h->conds[i].value);
    }
}

static int walk_hop(walk *w, int hi, cJSON *node, int explicit_ids);

static int walk_select(walk *w, int hi, cJSON *coll, int explicit_ids)
{
    const hop *h = &w->p->hops[hi];
    int matched = 0, idx = 0, rc;
    int sub_explicit = explicit_ids && h->sel == SEL_ID;
    char why[300];
    cJSON *item;
    if (h->f->kind == F_MAP) {
        /* Map entries are the leaf (compile guarantees the map is last). */
        if (h->sel == SEL_ID) {
            cJSON *e = cJSON_GetObjectItemCaseSensitive(coll, h->id);
            size_t old = push(w, h->id);
            if (e || (w->mode == MODE_APPLY && w->op == ARS__OP_SET))
                rc = leaf_number(w, coll, h->id, e, 0, 0, "no entry", explicit_ids);
            else
                rc = absent(w, explicit_ids, "%s has no entry '%s' (= adds one)", w->ptr, h->id);
            pop(w, old);
            return rc;
        }
        cJSON_ArrayForEach(item, coll)
        {
            size_t old = push(w, item->string);
            rc = leaf_number(w, coll, item->string, item, 0, 0, "no entry", 0);
            pop(w, old);
            if (rc)
                return rc;
            matched++;
        }
        if (!matched)
            return absent(w, explicit_ids, "%s has no entries", w->ptr);
        return ARS_OK;
    }
    cJSON_ArrayForEach(item, coll)
    {
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(item, h->f->key);
        int ok;
        if (!cJSON_IsObject(item)) {
            idx++;
            continue;
        }
        if (h->sel == SEL_ID)
            ok = cJSON_IsString(key) && strcmp(key->valuestring, h->id) == 0;
        else if (h->sel == SEL_ALL)
            ok = 1;
        else {
            int c;
            ok = 1;
            for (c = 0; c < h->nconds && ok; c++)
                ok = cond_match(&h->conds[c], item);
        }
        if (ok) {
            size_t old = push_index(w, idx);
            rc = walk_hop(w, hi + 1, item, sub_explicit);
            pop(w, old);
            if (rc)
                return rc;
            matched++;
            if (h->sel == SEL_ID)
                break;
        }
        idx++;
    }
    if (!matched) {
        describe_sel(h, why, sizeof why);
        if (hi > 1)
            return absent(w, explicit_ids, "%s: %s", w->ptr, why);
        return absent(w, explicit_ids, "%s", why);
    }
    return ARS_OK;
}

static int leaf_has_default(const ars__path *p)
{
    return !p->in_map && p->leaf->has_def;
}

static int walk_hop(walk *w, int hi, cJSON *node, int explicit_ids)
{
    const hop *h = &w->p->hops[hi];
    cJSON *child;
    size_t old;
    int rc;
    if (h->type == HOP_SELECT)
        return walk_select(w, hi, node, explicit_ids);
    if (hi == w->p->nhops - 1)
        return leaf_field(w, node, h->f, explicit_ids);
    child = cJSON_GetObjectItemCaseSensitive(node, h->f->name);
    old = push(w, h->f->name);
    if (!child) {
        int create = 0;
        if (w->mode == MODE_APPLY && h->f->kind == F_OBJ)
            create = w->op == ARS__OP_SET || leaf_has_default(w->p);
        else if (w->mode == MODE_APPLY && h->f->kind == F_MAP)
            create = w->op == ARS__OP_SET && w->p->hops[hi + 1].sel == SEL_ID;
        if (!create) {
            if (hi == 0)
                rc = absent(w, explicit_ids, "the model has no %s", h->f->name);
            else
                rc = absent(w, explicit_ids, "%s is absent", w->ptr);
            pop(w, old);
            return rc;
        }
        child = cJSON_CreateObject();
        rc = add_member(node, h->f->name, child);
        if (rc) {
            pop(w, old);
            return rc;
        }
    }
    if (h->f->kind == F_KEYED ? !cJSON_IsArray(child) : !cJSON_IsObject(child)) {
        rc = werr(w, "type mismatch at %s: expected %s, found %s", w->ptr,
                  h->f->kind == F_KEYED ? "an array" : "an object", json_type(child));
        pop(w, old);
        return rc;
    }
    rc = walk_hop(w, hi + 1, child, explicit_ids);
    pop(w, old);
    return rc;
}

static int find_period(const cJSON *periods, const char *label)
{
    const cJSON *el;
    int i = 0;
    cJSON_ArrayForEach(el, periods)
    {
        if (cJSON_IsString(el) && strcmp(el->valuestring, label) == 0)
            return i;
        i++;
    }
    return -1;
}

static void horizon_text(const cJSON *periods, char *out, size_t n)
{
    const cJSON *a = cJSON_GetArrayItem(periods, 0);
    const cJSON *b = cJSON_GetArrayItem(periods, cJSON_GetArraySize(periods) - 1);
    snprintf(out, n, "%s..%s", cJSON_IsString(a) ? a->valuestring : "?",
             cJSON_IsString(b) ? b->valuestring : "?");
}

/* Digits and letters by class, other characters as they are: "2025Q1" and
 * "2028Q3" share a shape, "2026-Q1" has another. */
static int same_shape(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int ca = isdigit((unsigned char)*a) ? '9' : isalpha((unsigned char)*a) ? 'A' : *a;
        int cb = isdigit((unsigned char)*b) ? '9' : isalpha((unsigned char)*b) ? 'A' : *b;
        if (ca != cb)
            return 0;
    }
    return *a == *b;
}

/* A label of the model's shape that it lacks lies outside the horizon; any
 * other is no period of this model at all (a typo in its format). */
static int unknown_period(walk *w, const cJSON *periods, const char *label, const char *hz)
{
    const cJSON *first = cJSON_GetArrayItem(periods, 0);
    if (cJSON_IsString(first) && same_shape(label, first->valuestring))
        return werr(w, "period '%s' is outside the horizon %s", label, hz);
    return werr(w, "'%s' is not a period of this model; periods are %s", label, hz);
}

/* Resolves T and the selected period range against the document. */
static int resolve_periods(walk *w, const cJSON *doc)
{
    const cJSON *periods = cJSON_GetObjectItemCaseSensitive(doc, "periods");
    char hz[160];
    w->T = 0;
    w->t0 = 0;
    w->t1 = -1;
    if (w->p->kind != ARS__PK_SERIES || w->p->in_map)
        return ARS_OK;
    if (!cJSON_IsArray(periods) || cJSON_GetArraySize(periods) < 1)
        return werr(w, "the model has no periods, so a series cannot be resolved");
    w->T = cJSON_GetArraySize(periods);
    w->t1 = w->T - 1;
    horizon_text(periods, hz, sizeof hz);
    if (w->p->pfrom) {
        w->t0 = find_period(periods, w->p->pfrom);
        if (w->t0 < 0)
            return unknown_period(w, periods, w->p->pfrom, hz);
    }
    if (w->p->pto) {
        w->t1 = find_period(periods, w->p->pto);
        if (w->t1 < 0)
            return unknown_period(w, periods, w->p->pto, hz);
    }
    if (w->t0 > w->t1)
        return werr(w, "periods in the wrong order: %s comes after %s", w->p->pfrom, w->p->pto);
    return ARS_OK;
}

static int run_walk(walk *w, cJSON *doc)
{
    int rc;
    if (!cJSON_IsObject(doc))
        return werr(w, "the model document is not a JSON object");
    rc = resolve_periods(w, doc);
    if (rc)
        return rc;
    if (w->vtype == V_JSON && w->p->kind == ARS__PK_PERIOD && cJSON_IsString(w->json)) {
        const cJSON *periods = cJSON_GetObjectItemCaseSensitive(doc, "periods");
        char hz[160];
        if (find_period(periods, w->json->valuestring) < 0) {
            horizon_text(periods, hz, sizeof hz);
            return unknown_period(w, periods, w->json->valuestring, hz);
        }
    }
    if (w->vtype == V_JSON && w->p->kind == ARS__PK_SERIES && cJSON_GetArraySize(w->json) != w->T)
        return werr(w, "a whole series needs %d numbers (one per period), found %d", w->T,
                    cJSON_GetArraySize(w->json));
    w->ptr[0] = '\0';
    w->plen = 0;
    rc = walk_hop(w, 0, doc, 1);
    if (rc)
        return rc;
    if (w->ntargets == 0)
        return werr(w, "matches nothing: %s", w->skipwhy[0] ? w->skipwhy : "no such value");
    return ARS_OK;
}

static void make_subject(char *out, size_t n, const ars__path *p, ars__op op, const char *value)
{
    snprintf(out, n, "%s%s%s", p->text, op_text(op), value);
}

static int apply_number_traced(const ars__path *p, cJSON *doc, ars__op op, double value,
                               const char *subject, ars__buf *touched, ars_error *err)
{
    walk w;
    memset(&w, 0, sizeof w);
    w.p = p;
    w.mode = MODE_APPLY;
    w.op = op;
    w.vtype = V_NUM;
    w.num = value;
    w.err = err;
    w.subject = subject;
    w.touched = touched;
    if (!ars__path_is_numeric(p))
        return werr(&w, "type mismatch: %s is %s, so it takes = with a word, not a number",
                    p->leaf->name, kind_words(p->leaf->kind));
    if (!isfinite(value))
        return werr(&w, "the value is not a finite number");
    return run_walk(&w, doc);
}

int ars__path_apply_number(const ars__path *p, cJSON *doc, ars__op op, double value, ars_error *err)
{
    char num[40], subject[400];
    ars__fmt_double(num, sizeof num, value);
    make_subject(subject, sizeof subject, p, op, num);
    return apply_number_traced(p, doc, op, value, subject, NULL, err);
}

/* Parses a number written in plain decimal notation (no hex, inf or nan). */
static int parse_number(const char *s, double *out)
{
    const char *c;
    char *end;
    if (!*s)
        return 0;
    for (c = s; *c; c++)
        if (!isdigit((unsigned char)*c) && !strchr("+-.eE", *c))
            return 0;
    *out = strtod(s, &end);
    return *end == '\0' && end != s && isfinite(*out);
}

/* Builds the JSON value a non-numeric field (or a whole series) gets from
 * value text, checking it against the field. NULL with err set otherwise. */
static int value_json(const ars__path *p, const char *subject, const char *value, cJSON **out,
                      ars_error *err)
{
    const fdef *f = p->leaf;
    cJSON *j = NULL;
    char words[200];
    *out = NULL;
    if (p->kind == ARS__PK_SERIES) {
        const cJSON *el;
        if (value[0] != '[')
            return perr(err, p->text, "%s: expected a number or an array of numbers, found '%s'",
                        subject, value);
        if (p->has_periods)
            return perr(err, p->text,
                        "%s: an array gives the whole series; with @periods give "
                        "one number",
                        subject);
        j = cJSON_Parse(value);
        if (!cJSON_IsArray(j)) {
            cJSON_Delete(j);
            return perr(err, p->text, "%s: '%s' is not a JSON array of numbers", subject, value);
        }
        cJSON_ArrayForEach(el, j)
        {
            if (!cJSON_IsNumber(el) || !isfinite(el->valuedouble)) {
                cJSON_Delete(j);
                return perr(err, p->text, "%s: every entry of the array must be a finite number",
                            subject);
            }
        }
        *out = j;
        return ARS_OK;
    }
    switch (f->kind) {
    case F_BOOL:
        if (strcmp(value, "true") && strcmp(value, "false"))
            return perr(err, p->text, "%s: expected true or false, found '%s'", subject, value);
        j = cJSON_CreateBool(strcmp(value, "true") == 0);
        break;
    case F_ENUM: {
        size_t i;
        for (i = 0; f->enums[i] && strcmp(f->enums[i], value); i++)
            ;
        if (!f->enums[i]) {
            list_enums(words, sizeof words, f->enums);
            return perr(err, p->text, "%s: expected one of %s, found '%s'", subject, words, value);
        }
        j = cJSON_CreateString(value);
        break;
    }
    case F_REF:
    case F_PERIOD:
        if (!is_id(value, strlen(value)))
            return perr(err, p->text,
                        "%s: expected %s (1-64 letters, digits, '_' or '-'), found '%s'", subject,
                        kind_words(f->kind), value);
        j = cJSON_CreateString(value);
        break;
    case F_NULLSTR:
        if (strcmp(value, "null") == 0) {
            j = cJSON_CreateNull();
            break;
        }
        /* fall through */
    case F_STR:
        if (value[0] == '"') {
            j = cJSON_Parse(value);
            if (!cJSON_IsString(j)) {
                cJSON_Delete(j);
                return perr(err, p->text, "%s: %s is not a valid JSON string", subject, value);
            }
        } else {
            j = cJSON_CreateString(value);
        }
        break;
    case F_IDLIST: {
        const cJSON *el;
        j = cJSON_Parse(value);
        if (!cJSON_IsArray(j)) {
            cJSON_Delete(j);
            return perr(err, p->text,
                        "%s: expected a JSON array of ids such as [\"UA\",\"PL\"], "
                        "found '%s'",
                        subject, value);
        }
        cJSON_ArrayForEach(el, j)
        {
            if (!cJSON_IsString(el) || !is_id(el->valuestring, strlen(el->valuestring))) {
                cJSON_Delete(j);
                return perr(err, p->text, "%s: every entry of the list must be an id", subject);
            }
        }
        break;
    }
    default:
        return perr(err, p->text, "%s: %s cannot be set", subject, f->name);
    }
    if (!j)
        return ARS_ENOMEM;
    *out = j;
    return ARS_OK;
}

static int apply_text_traced(const ars__path *p, cJSON *doc, ars__op op, const char *value,
                             const char *subject, ars__buf *touched, ars_error *err)
{
    walk w;
    cJSON *j = NULL;
    double v;
    int rc;
    if (ars__path_is_numeric(p) && parse_number(value, &v))
        return apply_number_traced(p, doc, op, v, subject, touched, err);
    if (op != ARS__OP_SET) {
        if (ars__path_is_numeric(p))
            return perr(err, p->text, "%s: %s needs a number, found '%s'", subject, op_text(op),
                        value);
        return perr(err, p->text, "%s: type mismatch: %s is %s; only = applies to it", subject,
                    p->leaf->name, kind_words(p->leaf->kind));
    }
    if (p->kind == ARS__PK_NUMBER)
        return perr(err, p->text, "%s: expected a number, found '%s'", subject, value);
    rc = value_json(p, subject, value, &j, err);
    if (rc)
        return rc;
    memset(&w, 0, sizeof w);
    w.p = p;
    w.mode = MODE_APPLY;
    w.op = op;
    w.vtype = V_JSON;
    w.json = j;
    w.err = err;
    w.subject = subject;
    w.touched = touched;
    rc = run_walk(&w, doc);
    cJSON_Delete(j);
    return rc;
}

int ars__path_apply_text(const ars__path *p, cJSON *doc, ars__op op, const char *value,
                         ars_error *err)
{
    char subject[600];
    make_subject(subject, sizeof subject, p, op, value ? value : "");
    return apply_text_traced(p, doc, op, value ? value : "", subject, NULL, err);
}

int ars__path_get_numbers(const ars__path *p, const cJSON *doc, double **vals, size_t *n,
                          ars_error *err)
{
    walk w;
    int rc;
    *vals = NULL;
    *n = 0;
    memset(&w, 0, sizeof w);
    w.p = p;
    w.mode = MODE_READ;
    w.err = err;
    w.subject = p->text;
    if (!ars__path_is_numeric(p))
        return werr(&w, "%s is %s, not a number", p->leaf->name, kind_words(p->leaf->kind));
    /* READ mode never changes the document. */
    rc = run_walk(&w, (cJSON *)doc);
    if (rc) {
        ars__free(w.vals);
        return rc;
    }
    *vals = w.vals;
    *n = w.nvals;
    return ARS_OK;
}

/* -------------------------------------------------------- assignments */

void ars__set_clear(ars__set *s)
{
    if (!s)
        return;
    ars__path_free(s->path);
    ars__free(s->value);
    ars__free(s->text);
    memset(s, 0, sizeof *s);
}

static void trim(const char **s, const char **e)
{
    while (*s < *e && isspace((unsigned char)**s))
        (*s)++;
    while (*e > *s && isspace((unsigned char)(*e)[-1]))
        (*e)--;
}

int ars__set_parse(const char *text, ars__set *out, ars_error *err)
{
    const char *s, *eq = NULL, *ps, *pe, *vs, *ve;
    int depth = 0, rc;
    char *ptext;
    memset(out, 0, sizeof *out);
    if (!text)
        return perr(err, "", "no assignment given");
    for (s = text; *s; s++) {
        if (*s == '[')
            depth = 1;
        else if (*s == ']')
            depth = 0;
        else if (*s == '=' && !depth) {
            eq = s;
            break;
        }
    }
    if (!eq && depth)
        return perr(err, text, "'%s': unclosed '['", text);
    if (!eq)
        return perr(err, text, "'%s': expected PATH=VALUE, PATH*=FACTOR or PATH+=DELTA", text);
    out->op = ARS__OP_SET;
    ps = text;
    pe = eq;
    if (eq > text && eq[-1] == '+') {
        out->op = ARS__OP_ADD;
        pe--;
    } else if (eq > text && eq[-1] == '*') {
        /* `bom.*=2` sets every entry; `bom.**=2` scales every entry. */
        const char *q = eq - 1, *at = NULL;
        for (s = text; s < q; s++)
            if (*s == '@')
                at = s;
        while (q > text && isspace((unsigned char)q[-1]))
            q--;
        /* After '@' the dots are a period range (`@2026Q1..*=2`). */
        if (at || !(q > text && q[-1] == '.')) {
            out->op = ARS__OP_MUL;
            pe = q;
        }
    }
    trim(&ps, &pe);
    vs = eq + 1;
    ve = vs + strlen(vs);
    trim(&vs, &ve);
    out->text = ars__strdup(text);
    ptext = dupn(ps, (size_t)(pe - ps));
    out->value = dupn(vs, (size_t)(ve - vs));
    if (!out->text || !ptext || !out->value) {
        ars__free(ptext);
        ars__set_clear(out);
        return ARS_ENOMEM;
    }
    if (!out->value[0]) {
        rc = perr(err, ptext, "'%s': no value after %s", text, op_text(out->op));
        ars__free(ptext);
        ars__set_clear(out);
        return rc;
    }
    rc = ars__path_compile(ptext, &out->path, err);
    ars__free(ptext);
    if (rc) {
        ars__set_clear(out);
        return rc;
    }
    if (ars__path_is_numeric(out->path) && parse_number(out->value, &out->number)) {
        out->is_number = 1;
    } else {
        /* Check the value now so a scenario fails before any solve. */
        const ars__path *p = out->path;
        cJSON *j = NULL;
        if (out->op != ARS__OP_SET) {
            if (ars__path_is_numeric(p))
                rc = perr(err, p->text, "%s: %s needs a number, found '%s'", text, op_text(out->op),
                          out->value);
            else
                rc = perr(err, p->text, "%s: type mismatch: %s is %s; only = applies to it", text,
                          p->leaf->name, kind_words(p->leaf->kind));
        } else if (p->kind == ARS__PK_NUMBER) {
            rc = perr(err, p->text, "%s: expected a number, found '%s'", text, out->value);
        } else {
            rc = value_json(p, text, out->value, &j, err);
            cJSON_Delete(j);
        }
        if (rc) {
            ars__set_clear(out);
            return rc;
        }
    }
    return ARS_OK;
}

int ars__set_apply_traced(const ars__set *s, cJSON *doc, ars__buf *touched, ars_error *err)
{
    if (s->is_number)
        return apply_number_traced(s->path, doc, s->op, s->number, s->text, touched, err);
    return apply_text_traced(s->path, doc, s->op, s->value, s->text, touched, err);
}

int ars__set_apply(const ars__set *s, cJSON *doc, ars_error *err)
{
    return ars__set_apply_traced(s, doc, NULL, err);
}

int ars__doc_apply_sets(cJSON *doc, const char *const *sets, size_t nsets, ars_error *err)
{
    size_t i;
    for (i = 0; i < nsets; i++) {
        ars__set s;
        int rc = ars__set_parse(sets[i], &s, err);
        if (!rc)
            rc = ars__set_apply(&s, doc, err);
        ars__set_clear(&s);
        if (rc)
            return rc;
    }
    return ARS_OK;
}
