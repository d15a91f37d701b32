/* schema_out.c - the schema's tables written out for people and editors:
 * a JSON Schema (draft 2020-12) of the format, and the markdown field
 * reference that docs/model-format.md carries (`arsenal schema`). Both are
 * generated from schema.c only, so they cannot disagree with validation. */
#include "arsenal.h"
#include "model/schema.h"
#include "util/util.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------- JSON Schema */

/* The numbers f holds: its domain, and for a field that reaches the
 * program (a coefficient class), 0 or a magnitude within the limits. */
static const char *num_def(const ars__field *f)
{
    int limited = ars__field_coef(f) != ARS__COEF_NONE;
    switch (f->domain) {
    case ARS__DOM_GE0:
        return limited ? "#/$defs/limited_ge0" : "#/$defs/number_ge0";
    case ARS__DOM_GT0:
        return limited ? "#/$defs/limited_gt0" : "#/$defs/number_gt0";
    case ARS__DOM_FRAC:
        return limited ? "#/$defs/limited_fraction" : "#/$defs/fraction";
    case ARS__DOM_SHARE:
        return limited ? "#/$defs/limited_share" : "#/$defs/share";
    default:
        return limited ? "#/$defs/limited_number" : "#/$defs/number";
    }
}

static cJSON *ref_to(const char *where)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "$ref", where);
    return o;
}

static cJSON *series_of(const ars__field *f)
{
    cJSON *o = cJSON_CreateObject(), *any = cJSON_AddArrayToObject(o, "anyOf"), *arr;
    cJSON_AddItemToArray(any, ref_to(num_def(f)));
    arr = cJSON_CreateObject();
    cJSON_AddStringToObject(arr, "type", "array");
    cJSON_AddItemToObject(arr, "items", ref_to(num_def(f)));
    cJSON_AddItemToArray(any, arr);
    return o;
}

static cJSON *words_enum(const char *const *words)
{
    cJSON *o = cJSON_CreateObject(), *e = cJSON_AddArrayToObject(o, "enum");
    size_t k;
    for (k = 0; words[k]; k++)
        cJSON_AddItemToArray(e, cJSON_CreateString(words[k]));
    return o;
}

static cJSON *array_of(cJSON *items)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "array");
    cJSON_AddItemToObject(o, "items", items);
    return o;
}

static cJSON *object_schema(const ars__table *t);

static cJSON *field_schema(const ars__field *f)
{
    cJSON *o = NULL;
    switch (f->type) {
    case ARS__FT_NUMBER:
        o = ref_to(num_def(f));
        break;
    case ARS__FT_INTEGER:
        o = cJSON_CreateObject();
        if (f->flags & ARS__FL_CONST) {
            cJSON_AddNumberToObject(o, "const", f->def);
            break;
        }
        cJSON_AddStringToObject(o, "type", "integer");
        cJSON_AddNumberToObject(o, "minimum", 0);
        cJSON_AddNumberToObject(o, "maximum", ARS__MAX_INT);
        break;
    case ARS__FT_SERIES:
        o = series_of(f);
        break;
    case ARS__FT_STRING:
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "type", "string");
        break;
    case ARS__FT_ENUM:
        o = words_enum(f->words);
        break;
    case ARS__FT_BOOL:
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "type", "boolean");
        break;
    case ARS__FT_ID:
    case ARS__FT_REF:
    case ARS__FT_COUNTRY:
    case ARS__FT_PERIOD:
        o = ref_to("#/$defs/id");
        break;
    case ARS__FT_REGIME: {
        cJSON *any;
        o = cJSON_CreateObject();
        any = cJSON_AddArrayToObject(o, "anyOf");
        cJSON_AddItemToArray(any, ref_to("#/$defs/text"));
        cJSON_AddItemToArray(any, cJSON_Parse("{\"type\": \"null\"}"));
        break;
    }
    case ARS__FT_LIST:
        o = array_of(f->elem == ARS__FT_ENUM ? words_enum(f->words) : ref_to("#/$defs/id"));
        break;
    case ARS__FT_NAMES:
    case ARS__FT_SETS:
        o = array_of(ref_to("#/$defs/text"));
        break;
    case ARS__FT_OBJECT:
        o = object_schema(f->sub);
        break;
    case ARS__FT_ITEMS:
        o = array_of(object_schema(f->sub));
        break;
    case ARS__FT_MAP:
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "type", "object");
        cJSON_AddItemToObject(o, "propertyNames", ref_to("#/$defs/id"));
        if (f->sub) {
            /* An entry is a number, or an object of the entry table. */
            cJSON *one = cJSON_CreateObject(), *any = cJSON_AddArrayToObject(one, "anyOf");
            cJSON_AddItemToArray(any, ref_to(num_def(f)));
            cJSON_AddItemToArray(any, object_schema(f->sub));
            cJSON_AddItemToObject(o, "additionalProperties", one);
        } else {
            cJSON_AddItemToObject(o, "additionalProperties", ref_to(num_def(f)));
        }
        break;
    case ARS__FT_LABELS:
        o = array_of(ref_to("#/$defs/id"));
        cJSON_AddNumberToObject(o, "minItems", 1);
        cJSON_AddBoolToObject(o, "uniqueItems", 1);
        break;
    case ARS__FT_SCENARIOS:
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "type", "object");
        cJSON_AddItemToObject(o, "propertyNames",
                              cJSON_Parse("{\"pattern\": \"^(_.*|[A-Za-z0-9_-]{1,64})$\"}"));
        cJSON_AddItemToObject(o, "patternProperties", cJSON_Parse("{\"^_\": true}"));
        cJSON_AddItemToObject(o, "additionalProperties", object_schema(f->sub));
        break;
    }
    if (!o)
        return NULL;
    if (f->doc)
        cJSON_AddStringToObject(o, "description", f->doc);
    if ((f->flags & ARS__FL_DEFAULT) && f->type == ARS__FT_ENUM)
        cJSON_AddStringToObject(o, "default", f->words[(int)f->def]);
    else if ((f->flags & ARS__FL_DEFAULT) && f->type == ARS__FT_BOOL)
        cJSON_AddBoolToObject(o, "default", f->def != 0);
    else if ((f->flags & ARS__FL_DEFAULT) && !(f->flags & ARS__FL_CONST))
        cJSON_AddNumberToObject(o, "default", f->def);
    return o;
}

/* Members of t; '_' names are free for comments, any other is an error. */
static cJSON *object_schema(const ars__table *t)
{
    cJSON *o = cJSON_CreateObject(), *props, *req;
    size_t k;
    cJSON_AddStringToObject(o, "type", "object");
    props = cJSON_AddObjectToObject(o, "properties");
    req = cJSON_CreateArray();
    for (k = 0; k < t->nfields; k++) {
        const ars__field *f = &t->fields[k];
        cJSON_AddItemToObject(props, f->name, field_schema(f));
        if (f->flags & ARS__FL_REQUIRED)
            cJSON_AddItemToArray(req, cJSON_CreateString(f->name));
        if (f->flags & ARS__FL_IF_PREV) {
            /* Required when the field before it is set (not null). */
            char rule[300];
            snprintf(rule, sizeof rule,
                     "{\"if\": {\"properties\": {\"%s\": {\"type\": \"string\"}}, \"required\": "
                     "[\"%s\"]}, \"then\": {\"required\": [\"%s\"]}}",
                     f[-1].name, f[-1].name, f->name);
            if (!cJSON_GetObjectItem(o, "allOf"))
                cJSON_AddItemToObject(o, "allOf", cJSON_CreateArray());
            cJSON_AddItemToArray(cJSON_GetObjectItem(o, "allOf"), cJSON_Parse(rule));
        }
    }
    if (cJSON_GetArraySize(req) > 0)
        cJSON_AddItemToObject(o, "required", req);
    else
        cJSON_Delete(req);
    cJSON_AddItemToObject(o, "patternProperties", cJSON_Parse("{\"^_\": true}"));
    cJSON_AddBoolToObject(o, "additionalProperties", 0);
    return o;
}

static cJSON *number_def(double lo, double hi, int exclusive_lo)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", "number");
    cJSON_AddNumberToObject(o, exclusive_lo ? "exclusiveMinimum" : "minimum", lo);
    cJSON_AddNumberToObject(o, "maximum", hi);
    return o;
}

/* 0, or a number whose magnitude is within the limits and at most hi (1
 * for a fraction); negative ones too when the domain has them. */
static cJSON *limited_def(double hi, int exclude_zero, int negative)
{
    cJSON *o = cJSON_CreateObject(), *any = NULL, *band = number_def(ARS_MAGNITUDE_MIN, hi, 0);
    cJSON_AddStringToObject(o, "type", "number");
    cJSON_AddStringToObject(o, "description",
                            "a magnitude from 1e-9 to 1e12, or 0 where the domain has it: the "
                            "value reaches the program, and a double-precision solver cannot "
                            "honour others");
    if (exclude_zero && !negative) {
        cJSON_AddNumberToObject(o, "minimum", ARS_MAGNITUDE_MIN);
        cJSON_AddNumberToObject(o, "maximum", hi);
        cJSON_Delete(band);
        return o;
    }
    any = cJSON_AddArrayToObject(o, "anyOf");
    if (!exclude_zero)
        cJSON_AddItemToArray(any, cJSON_Parse("{\"const\": 0}"));
    cJSON_AddItemToArray(any, band);
    if (negative)
        cJSON_AddItemToArray(any, number_def(-hi, -ARS_MAGNITUDE_MIN, 0));
    return o;
}

static char *json_schema(void)
{
    cJSON *root = object_schema(&ars__schema_root), *defs, *doc;
    char *text;
    doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "$schema", "https://json-schema.org/draft/2020-12/schema");
    cJSON_AddStringToObject(doc, "title", "arsenal model, format 1");
    cJSON_AddStringToObject(doc, "description",
                            "Generated by `arsenal schema` from the format's tables; the "
                            "reference is docs/model-format.md. References between sections, "
                            "series lengths and rules across fields are checked by "
                            "`arsenal check` only.");
    defs = cJSON_AddObjectToObject(doc, "$defs");
    cJSON_AddItemToObject(defs, "id",
                          cJSON_Parse("{\"type\": \"string\", \"pattern\": "
                                      "\"^[A-Za-z0-9_-]{1,64}$\"}"));
    cJSON_AddItemToObject(defs, "text", cJSON_Parse("{\"type\": \"string\", \"minLength\": 1}"));
    cJSON_AddItemToObject(defs, "number", number_def(-ARS__MAX_MAGNITUDE, ARS__MAX_MAGNITUDE, 0));
    cJSON_AddItemToObject(defs, "number_ge0", number_def(0, ARS__MAX_MAGNITUDE, 0));
    cJSON_AddItemToObject(defs, "number_gt0", number_def(0, ARS__MAX_MAGNITUDE, 1));
    cJSON_AddItemToObject(defs, "fraction", number_def(0, 1, 0));
    cJSON_AddItemToObject(defs, "share", number_def(0, 1, 1));
    cJSON_AddItemToObject(defs, "limited_number", limited_def(ARS_MAGNITUDE_MAX, 0, 1));
    cJSON_AddItemToObject(defs, "limited_ge0", limited_def(ARS_MAGNITUDE_MAX, 0, 0));
    cJSON_AddItemToObject(defs, "limited_gt0", limited_def(ARS_MAGNITUDE_MAX, 1, 0));
    cJSON_AddItemToObject(defs, "limited_fraction", limited_def(1, 0, 0));
    cJSON_AddItemToObject(defs, "limited_share", limited_def(1, 1, 0));
    /* The root's members after the header, in the tables' order. */
    while (root->child) {
        cJSON *it = cJSON_DetachItemViaPointer(root, root->child);
        cJSON_AddItemToObject(doc, it->string, it);
    }
    cJSON_Delete(root);
    text = cJSON_Print(doc);
    cJSON_Delete(doc);
    return text;
}

/* --------------------------------------------------- field reference */

/* "number" and its domain, with the magnitude limit where it applies. */
static void number_words(ars__buf *b, const ars__field *f, const char *number)
{
    static const char *const dom[] = {"", " >= 0", " > 0", " in [0, 1]", " in (0, 1]"};
    static const char *const limited[] = {" 0 or of magnitude 1e-9 to 1e12", " 0 or 1e-9 to 1e12",
                                          " 1e-9 to 1e12", " 0 or 1e-9 to 1", " 1e-9 to 1"};
    if (ars__field_coef(f) == ARS__COEF_NONE)
        ars__buf_printf(b, "%s%s", number, dom[f->domain]);
    else
        ars__buf_printf(b, "%s%s", number, limited[f->domain]);
}

static void type_words(ars__buf *b, const ars__field *f)
{
    size_t k;
    switch (f->type) {
    case ARS__FT_NUMBER:
        number_words(b, f, "number");
        break;
    case ARS__FT_INTEGER:
        if (f->flags & ARS__FL_CONST)
            ars__buf_printf(b, "`%d`", (int)f->def);
        else
            ars__buf_printf(b, "integer 0..%d", ARS__MAX_INT);
        break;
    case ARS__FT_SERIES:
        number_words(b, f, "series");
        break;
    case ARS__FT_STRING:
        ars__buf_puts(b, "text");
        break;
    case ARS__FT_ENUM:
    case ARS__FT_LIST:
        if (f->type == ARS__FT_LIST && f->elem != ARS__FT_ENUM) {
            ars__buf_printf(b, "array of %s", f->what);
            break;
        }
        ars__buf_puts(b, f->type == ARS__FT_LIST ? "array of: " : "one of ");
        for (k = 0; f->words[k]; k++)
            ars__buf_printf(b, "%s`%s`", k ? ", " : "", f->words[k]);
        break;
    case ARS__FT_BOOL:
        ars__buf_puts(b, "true or false");
        break;
    case ARS__FT_ID:
        ars__buf_puts(b, "id");
        break;
    case ARS__FT_REF:
        ars__buf_printf(b, "%s id", ars__sec_item(f->ref));
        break;
    case ARS__FT_COUNTRY:
        ars__buf_puts(b, "country id");
        break;
    case ARS__FT_PERIOD:
        ars__buf_puts(b, "period label");
        break;
    case ARS__FT_REGIME:
        ars__buf_puts(b, "text or null");
        break;
    case ARS__FT_NAMES:
    case ARS__FT_SETS:
        ars__buf_printf(b, "array of %s", f->what);
        break;
    case ARS__FT_OBJECT:
        ars__buf_printf(b, "object (`%s`)", f->sub->name);
        break;
    case ARS__FT_ITEMS:
        ars__buf_printf(b, "array of objects (`%s`)", f->sub->name);
        break;
    case ARS__FT_MAP:
        ars__buf_printf(b, "object: %s id -> ", ars__sec_item(f->ref));
        number_words(b, f, "number");
        if (f->sub)
            ars__buf_printf(b, " or object (`%s`)", f->sub->name);
        break;
    case ARS__FT_LABELS:
        ars__buf_puts(b, "array of period labels");
        break;
    case ARS__FT_SCENARIOS:
        ars__buf_printf(b, "object: name -> object (`%s`)", f->sub->name);
        break;
    }
}

static void default_words(ars__buf *b, const ars__field *f)
{
    char num[40];
    if (f->absent && f->absent[0] == '"') {
        ars__buf_printf(b, "`%s`", f->absent);
    } else if (f->flags & ARS__FL_REQUIRED) {
        ars__buf_puts(b, (f->flags & ARS__FL_IF_PREV) ? "when controlled" : "**required**");
    } else if ((f->flags & ARS__FL_DEFAULT) && f->type == ARS__FT_ENUM) {
        ars__buf_printf(b, "`%s`", f->words[(int)f->def]);
    } else if ((f->flags & ARS__FL_DEFAULT) && f->type == ARS__FT_BOOL) {
        ars__buf_puts(b, f->def != 0 ? "`true`" : "`false`");
    } else if (f->flags & ARS__FL_DEFAULT) {
        ars__fmt_double(num, sizeof num, f->def);
        ars__buf_printf(b, "%s", num);
    } else if (f->flags & ARS__FL_NAME_ID) {
        ars__buf_puts(b, "the id");
    } else if (f->flags & ARS__FL_IF_PREV) {
        ars__buf_puts(b, "required when `controlled` is set");
    } else if (f->absent && f->type != ARS__FT_STRING && f->type != ARS__FT_ENUM) {
        ars__buf_printf(b, "absent: %s", f->absent);
    } else {
        ars__buf_puts(b, "absent");
    }
}

static void table_md(ars__buf *b, const ars__table *t)
{
    size_t k;
    ars__buf_printf(b, "### `%s`\n\n", t->name);
    ars__buf_puts(b, "| field | type | default | path | meaning |\n|---|---|---|---|---|\n");
    for (k = 0; k < t->nfields; k++) {
        const ars__field *f = &t->fields[k];
        ars__buf_printf(b, "| `%s` | ", f->name);
        type_words(b, f);
        ars__buf_puts(b, " | ");
        default_words(b, f);
        ars__buf_printf(b, " | %s | %s |\n",
                        (f->flags & ARS__FL_KEY)    ? "selects"
                        : (f->flags & ARS__FL_PATH) ? "yes"
                                                    : "",
                        f->doc ? f->doc : "");
    }
    ars__buf_puts(b, "\n");
    for (k = 0; k < t->nfields; k++)
        if (t->fields[k].sub)
            table_md(b, t->fields[k].sub);
}

static char *markdown(void)
{
    ars__buf b;
    ars__buf_init(&b, 0);
    ars__buf_puts(&b, "<!-- generated by `arsenal schema --format markdown`: do not edit -->\n\n");
    table_md(&b, &ars__schema_root);
    if (b.failed) {
        ars__buf_free(&b);
        return NULL;
    }
    return ars__buf_take(&b);
}

char *ars_schema_text(ars_schema_format format)
{
    return format == ARS_SCHEMA_MARKDOWN ? markdown() : json_schema();
}
