/* path_impl.h - what the two halves of parameter paths share: the
 * compiled form (path_compile.c builds it against the schema, path_apply.c
 * walks documents with it) and the view of a schema field as a path sees
 * it. Nothing outside path_*.c uses this. */
#ifndef ARS_MODEL_PATH_IMPL_H
#define ARS_MODEL_PATH_IMPL_H

#include "model/path.h"
#include "model/schema.h"
#include "util/util.h"

/* What a path may do with a field. */
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
    F_KEYED, /* array of objects, each named by its table's `key` field */
    F_MAP    /* object id -> number */
};

/* The path kind of a schema field. */
static inline int ars__pf_kind(const ars__field *f)
{
    if (f->flags & ARS__FL_KEY)
        return F_KEY;
    switch (f->type) {
    case ARS__FT_SERIES:
        return F_SERIES;
    case ARS__FT_STRING:
        return F_STR;
    case ARS__FT_ENUM:
        return F_ENUM;
    case ARS__FT_BOOL:
        return F_BOOL;
    case ARS__FT_REF:
    case ARS__FT_COUNTRY:
        return F_REF;
    case ARS__FT_PERIOD:
        return F_PERIOD;
    case ARS__FT_REGIME:
        return F_NULLSTR;
    case ARS__FT_LIST:
    case ARS__FT_NAMES:
        return F_IDLIST;
    case ARS__FT_OBJECT:
        return F_OBJ;
    case ARS__FT_ITEMS:
        return F_KEYED;
    case ARS__FT_MAP:
        return F_MAP;
    default:
        return F_NUM;
    }
}

/* A default `*=` and `+=` can start from. */
static inline int ars__pf_has_def(const ars__field *f)
{
    return (f->flags & ARS__FL_DEFAULT) && f->type != ARS__FT_ENUM;
}

/* What an absent field without a default means, for messages. */
static inline const char *ars__pf_absent(const ars__field *f)
{
    return f->absent ? f->absent : "required";
}

enum { HOP_FIELD, HOP_SELECT };
enum { SEL_ID, SEL_ALL, SEL_FILTER };

typedef struct cond {
    char *key, *value;
    const ars__field *f;
} cond;

typedef struct hop {
    int type;
    const ars__field *f; /* FIELD: the member; SELECT: the collection selected from */
    int sel;
    char *id;
    cond *conds;
    int nconds;
} hop;

struct ars__path {
    char *text;
    hop *hops;
    int nhops;
    const ars__field *leaf;        /* the field named; for a map entry, the map */
    int in_map;                    /* leaf is an entry of a F_MAP */
    const ars__field *entry_field; /* in_map: the member of the entry named
                                      (met_by.P.max_share), NULL for the entry */
    int kind;                      /* ars__path_kind */
    int has_periods;
    char *pfrom, *pto; /* NULL: open end */
};

int ars__pf_err(ars_error *err, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int ars__pf_is_id(const char *s, size_t n);
char *ars__pf_dupn(const char *s, size_t n);
const char *ars__pf_kind_words(int fkind);
void ars__pf_list_enums(char *out, size_t outlen, const char *const *e);
const char *ars__pf_op_text(ars__op op);
/* A number in plain decimal notation (no hex, inf or nan). */
int ars__pf_parse_number(const char *s, double *out);
/* The JSON value a non-numeric field (or a whole series) gets from value
 * text, checked against the field; ARS_EPATH with err set otherwise. */
int ars__pf_value_json(const ars__path *p, const char *subject, const char *value, cJSON **out,
                       ars_error *err);

#endif
