/* schema.h - the model format as data: one table per section listing every
 * field with its type, numeric domain, default, where it is stored in the
 * loaded model and whether a parameter path may name it.
 *
 * schema.c is the only place the format's fields are listed. The validator
 * (walk.c) reads a document by walking these tables, parameter paths
 * (path_compile.c) resolve names against them, and `arsenal schema` prints
 * them as a JSON Schema and as the field reference of docs/model-format.md.
 * A new field is one row here plus its struct member and its formulation. */
#ifndef ARS_MODEL_SCHEMA_H
#define ARS_MODEL_SCHEMA_H

#include <stddef.h>

/* Numbers above this magnitude are rejected: they are typos or overflow,
 * and they would wreck the conditioning of the program. */
#define ARS__MAX_MAGNITUDE 1e15
/* Upper bound of integer fields such as lead and review (periods). */
#define ARS__MAX_INT 1000000
/* A non-zero number that becomes a coefficient, bound or right-hand side
 * of the program (a field with a coefficient class, below) must lie within
 * these magnitudes: a double-precision simplex cannot honour others
 * (model/magnitude.h says why). */
#define ARS_MAGNITUDE_MIN 1e-9
#define ARS_MAGNITUDE_MAX 1e12

typedef enum ars__ftype {
    ARS__FT_NUMBER,    /* double */
    ARS__FT_INTEGER,   /* int from 0 to ARS__MAX_INT */
    ARS__FT_SERIES,    /* double[T]: a number, or an array of one per period */
    ARS__FT_STRING,    /* char *: free text */
    ARS__FT_ENUM,      /* int: index into `words` */
    ARS__FT_BOOL,      /* int */
    ARS__FT_ID,        /* char *: the item's own id (read by the id pass) */
    ARS__FT_REF,       /* int: index of an item of section `ref`, -1 when absent */
    ARS__FT_COUNTRY,   /* int: country index (any id names a country), -1 */
    ARS__FT_PERIOD,    /* int: period index, default the first period */
    ARS__FT_REGIME,    /* char *: a non-empty label, or null (= absent) */
    ARS__FT_LIST,      /* int * + count: elements of type `elem` (REF, COUNTRY, ENUM) */
    ARS__FT_NAMES,     /* char ** + count: non-empty strings */
    ARS__FT_OBJECT,    /* an object of `sub`'s fields, stored in the same struct */
    ARS__FT_ITEMS,     /* an array of objects of `sub` */
    ARS__FT_MAP,       /* an object of `ref` id -> number: ars__map_entry + count; with
                          `sub`, an entry may also be an object of its fields, the first
                          being the number's meaning (stored in a struct of sub->size
                          that starts with ars__map_entry) */
    ARS__FT_LABELS,    /* the period labels (read by hand in validate.c) */
    ARS__FT_SCENARIOS, /* an object of name -> `sub` (read by hand in validate.c) */
    ARS__FT_SETS       /* scenario assignments "PATH=VALUE" (read by hand) */
} ars__ftype;

typedef enum ars__domain {
    ARS__DOM_ANY = 0,
    ARS__DOM_GE0,  /* >= 0 */
    ARS__DOM_GT0,  /* > 0 */
    ARS__DOM_FRAC, /* from 0 to 1 */
    ARS__DOM_SHARE /* over 0, at most 1 */
} ars__domain;

/* The id sections a reference may name. PAYEES is the union of lines,
 * suppliers, drawdowns and corridors (section 6 of the format). */
typedef enum ars__sec {
    ARS__SEC_NONE = 0,
    ARS__SEC_PRODUCTS,
    ARS__SEC_COMPONENTS,
    ARS__SEC_LINES,
    ARS__SEC_SUPPLIERS,
    ARS__SEC_DRAWDOWNS,
    ARS__SEC_CORRIDORS,
    ARS__SEC_LICENCES,
    ARS__SEC_FUNDS,
    ARS__SEC_REQUIREMENTS,
    ARS__SEC_PAYEES
} ars__sec;

enum {
    ARS__FL_REQUIRED = 1 << 0,
    ARS__FL_DEFAULT = 1 << 1,   /* `def` is the value when absent */
    ARS__FL_HAS = 1 << 2,       /* `count` is an int set to 1 when present */
    ARS__FL_PATH = 1 << 3,      /* a parameter path may name it */
    ARS__FL_KEY = 1 << 4,       /* names its item: others refer to it, paths never set it */
    ARS__FL_KEEP_NULL = 1 << 5, /* series: absent stays NULL although `def` is its meaning */
    ARS__FL_NAME_ID = 1 << 6,   /* string: absent means the item's id */
    ARS__FL_IF_PREV = 1 << 7,   /* required, and kept, only when the previous field is set */
    ARS__FL_LIMITED = 1 << 8,   /* ITEMS, MAP: at most max_items entries */
    ARS__FL_CONST = 1 << 9      /* the value must be `def` (the format version) */
};

/* Whether a NUMBER, SERIES or MAP field reaches the program, and so is held
 * to [ARS_MAGNITUDE_MIN, ARS_MAGNITUDE_MAX], and when its values are
 * coefficients of the matrix (counted in the coefficient range warning)
 * rather than bounds, right-hand sides or objective coefficients only:
 * always, or only when the rows that hold them exist. Fields that only
 * choose the structure (lead, review, start) or tune the solver (tolerance,
 * mip_gap, time_limit, discount) are NONE. Stored in a field's flags with
 * ARS__COEF_FLAG, read with ars__field_coef. */
typedef enum ars__coef {
    ARS__COEF_NONE = 0,       /* not limited */
    ARS__COEF_NEVER,          /* limited, but never a matrix coefficient */
    ARS__COEF_ALWAYS,         /* a coefficient whatever else the model has */
    ARS__COEF_WITH_FUNDS,     /* costs: in the spend rows */
    ARS__COEF_WITH_WORKFORCE, /* labor: in the workforce rows */
    ARS__COEF_WITH_CORRIDORS, /* mass: in the corridor rows */
    ARS__COEF_WITH_LICENSING  /* review slots a licence occupies: in the slots rows */
} ars__coef;

#define ARS__COEF_SHIFT 10
#define ARS__COEF_FLAG(k) ((unsigned)(k) << ARS__COEF_SHIFT)

struct ars__vctx;
struct ars__field;

/* What a cross-field rule (rules.c) sees after the walker read its field;
 * the pointer is at the field. */
typedef struct ars__rule_arg {
    const struct ars__field *f;
    const void *obj;   /* the JSON object holding the field (const cJSON *) */
    void *base;        /* the struct the object was read into */
    const void *items; /* the array of such structs (ITEMS), base at index */
    int index;
} ars__rule_arg;

typedef void (*ars__rule_fn)(struct ars__vctx *c, const ars__rule_arg *a);

typedef struct ars__table ars__table;

typedef struct ars__field {
    const char *name;
    ars__ftype type;
    ars__domain domain; /* NUMBER, SERIES, MAP values */
    ars__ftype elem;    /* LIST: REF, COUNTRY or ENUM */
    ars__sec ref;       /* REF, LIST of REF, MAP keys */
    unsigned flags;
    double def;               /* with ARS__FL_DEFAULT; ENUM: index of the word */
    const char *const *words; /* ENUM and LIST of ENUM: NULL-terminated */
    const ars__table *sub;    /* OBJECT, ITEMS, SCENARIOS */
    size_t offset;            /* the value; OBJECT: where its members' struct starts */
    size_t count;             /* LIST, NAMES, ITEMS, MAP: the int count */
    size_t has;               /* ARS__FL_HAS: the int set to 1 when present */
    const char *what;         /* in messages: "an array of <what>", "expected <what>" */
    const char *absent;       /* what absence means when there is no default */
    ars__rule_fn rule;        /* cross-field rule run after the field, or NULL */
    const char *doc;          /* one line for the reference and the JSON Schema */
} ars__field;

struct ars__table {
    const char *name; /* "lines", "lines[].expansion", ... for the reference */
    const char *item; /* ITEMS: message for an entry that is not an object; NULL when
                         the id pass reports it */
    const char *key;  /* ITEMS: the field naming an item */
    size_t size;      /* ITEMS: the struct of one item */
    const ars__field *fields;
    size_t nfields;
};

/* The pair a MAP entry is stored as (ars__bom_entry), or starts with
 * (ars__met_by). */
typedef struct ars__map_entry {
    int id;
    double value;
} ars__map_entry;

/* The coefficient class of f (ARS__COEF_NONE: its values are not limited). */
static inline ars__coef ars__field_coef(const ars__field *f)
{
    return (ars__coef)((f->flags >> ARS__COEF_SHIFT) & 7u);
}

/* The root of the format. */
extern const ars__table ars__schema_root;

/* The field called name (n characters) in t, or NULL. */
const ars__field *ars__schema_field(const ars__table *t, const char *name, size_t n);

/* Section name ("products") and item word ("product") of an id section. */
const char *ars__sec_name(ars__sec s);
const char *ars__sec_item(ars__sec s);

#endif /* ARS_MODEL_SCHEMA_H */
