/* path_compile.c - parameter paths (docs/parameter-paths.md): a path's
 * text compiled against the schema (schema.c), and assignments `PATH=VALUE`
 * parsed and checked against the kind of the field they name.
 *
 * A compiled path is a list of hops from the document root: FIELD hops step
 * into an object member, SELECT hops pick items of an id-keyed array (lines,
 * produces, ...) or entries of an id-keyed map (bom, met_by). A path may
 * name the schema's fields marked ARS__FL_PATH. */
#include "model/loader.h"
#include "model/path_impl.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A field a path may name. */
static const ars__field *find_field(const ars__table *t, const char *name, size_t n)
{
    const ars__field *f = ars__schema_field(t, name, n);
    return f && (f->flags & ARS__FL_PATH) ? f : NULL;
}

/* "a, b or c" list of the field names, for "expected one of" messages. */
static void list_fields(char *out, size_t outlen, const ars__table *t)
{
    size_t len = 0, k;
    out[0] = '\0';
    for (k = 0; k < t->nfields; k++) {
        const ars__field *f = &t->fields[k];
        int w;
        if (!(f->flags & ARS__FL_PATH))
            continue;
        w = snprintf(out + len, outlen - len, "%s%s", len ? ", " : "", f->name);
        if (w < 0 || (size_t)w >= outlen - len)
            return;
        len += (size_t)w;
    }
}

/* The path field of t closest to the name that matched none, or NULL. */
static const char *suggest_field(const ars__table *t, const char *name, size_t nname)
{
    const char *cands[64];
    char word[65];
    size_t k, n = 0;
    if (nname >= sizeof word)
        return NULL;
    memcpy(word, name, nname);
    word[nname] = '\0';
    for (k = 0; k < t->nfields && n < 64; k++)
        if (t->fields[k].flags & ARS__FL_PATH)
            cands[n++] = t->fields[k].name;
    return ars__suggest(word, cands, n);
}

void ars__pf_list_enums(char *out, size_t outlen, const char *const *e)
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

const char *ars__pf_kind_words(int fkind)
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

static int verr(ars_error *err, const char *field, const char *fmt, va_list ap)
{
    char msg[700];
    vsnprintf(msg, sizeof msg, fmt, ap);
    return ars_error_set(err, ARS_EPATH, field, "%s", msg);
}

int ars__pf_err(ars_error *err, const char *field, const char *fmt, ...)
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

const char *ars__pf_op_text(ars__op op)
{
    return op == ARS__OP_MUL ? "*=" : op == ARS__OP_ADD ? "+=" : "=";
}

int ars__pf_is_id(const char *s, size_t n)
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

char *ars__pf_dupn(const char *s, size_t n)
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

static hop *add_hop(ars__path *p, int type, const ars__field *f)
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
        const ars__field *kf;
        char names[512];
        if (*s != '[')
            return ars__pf_err(err, p->text, "path '%s': expected '[' after ']' in '%.*s'", p->text,
                               (int)t->nbr, t->br);
        close = memchr(s, ']', (size_t)(end - s));
        eq = memchr(s, '=', close ? (size_t)(close - s) : 0);
        if (!close || !eq)
            return ars__pf_err(err, p->text, "path '%s': a filter is [key=value], found '%.*s'",
                               p->text, (int)(end - s), s);
        if (!ars__pf_is_id(s + 1, (size_t)(eq - s - 1)))
            return ars__pf_err(err, p->text, "path '%s': filter key '%.*s' is not a field name",
                               p->text, (int)(eq - s - 1), s + 1);
        if (close == eq + 1)
            return ars__pf_err(err, p->text, "path '%s': filter [%.*s=] has no value", p->text,
                               (int)(eq - s - 1), s + 1);
        kf = find_field(h->f->sub, s + 1, (size_t)(eq - s - 1));
        list_fields(names, sizeof names, h->f->sub);
        if (!kf)
            return ars__pf_err(err, p->text,
                               "path '%s': unknown field '%.*s' in filter on %s; expected "
                               "one of %s",
                               p->text, (int)(eq - s - 1), s + 1, h->f->name, names);
        if (ars__pf_kind(kf) == F_SERIES || ars__pf_kind(kf) == F_OBJ ||
            ars__pf_kind(kf) == F_KEYED || ars__pf_kind(kf) == F_MAP ||
            ars__pf_kind(kf) == F_IDLIST)
            return ars__pf_err(err, p->text,
                               "path '%s': cannot filter on %s.%s: it is %s, filters compare one "
                               "value",
                               p->text, h->f->name, kf->name, ars__pf_kind_words(ars__pf_kind(kf)));
        c = ars__realloc(h->conds, (size_t)(h->nconds + 1) * sizeof *c);
        if (!c)
            return ARS_ENOMEM;
        h->conds = c;
        c = &h->conds[h->nconds];
        c->f = kf;
        c->key = ars__pf_dupn(s + 1, (size_t)(eq - s - 1));
        c->value = ars__pf_dupn(eq + 1, (size_t)(close - eq - 1));
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
    const ars__table *fields = &ars__schema_root;
    const char *where = "the model"; /* for "unknown field in X" */
    char names[512];
    int i = 0;
    while (i < ntok) {
        const tok *t = &toks[i];
        const ars__field *f;
        hop *h;
        if (t->star)
            return ars__pf_err(err, p->text,
                               "path '%s': '*' selects items, so it must follow a list "
                               "such as lines or produces",
                               p->text);
        f = find_field(fields, t->name, t->nname);
        if (!f) {
            const char *hint = suggest_field(fields, t->name, t->nname);
            list_fields(names, sizeof names, fields);
            if (hint)
                return ars__pf_err(err, p->text,
                                   "path '%s': unknown %s '%.*s' in %s (did you mean '%s'?); "
                                   "expected one of %s",
                                   p->text, i == 0 ? "section" : "field", (int)t->nname, t->name,
                                   where, hint, names);
            return ars__pf_err(err, p->text,
                               "path '%s': unknown %s '%.*s' in %s; expected one of %s", p->text,
                               i == 0 ? "section" : "field", (int)t->nname, t->name, where, names);
        }
        if (!add_hop(p, HOP_FIELD, f))
            return ARS_ENOMEM;
        if (ars__pf_kind(f) == F_OBJ) {
            if (t->nbr)
                return ars__pf_err(err, p->text,
                                   "path '%s': %s is one object: no [key=value] filter", p->text,
                                   f->name);
            i++;
            if (i == ntok) {
                list_fields(names, sizeof names, f->sub);
                return ars__pf_err(err, p->text,
                                   "path '%s': %s is an object; name one of its fields: %s",
                                   p->text, f->name, names);
            }
            fields = f->sub;
            where = f->name;
            continue;
        }
        if (ars__pf_kind(f) == F_KEYED || ars__pf_kind(f) == F_MAP) {
            int rc;
            h = add_hop(p, HOP_SELECT, f);
            if (!h)
                return ARS_ENOMEM;
            if (t->nbr) {
                if (ars__pf_kind(f) == F_MAP)
                    return ars__pf_err(err, p->text,
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
                    return ars__pf_err(err, p->text,
                                       "path '%s': %s needs a selector after it: an id, * "
                                       "or [key=value]",
                                       p->text, f->name);
                if (toks[i].star) {
                    if (toks[i].nbr)
                        return ars__pf_err(err, p->text,
                                           "path '%s': use either * or [key=value] after "
                                           "%s, not both",
                                           p->text, f->name);
                    h->sel = SEL_ALL;
                } else {
                    if (toks[i].nbr)
                        return ars__pf_err(err, p->text,
                                           "path '%s': '%.*s%.*s': a selector is an id, * "
                                           "or [key=value], not an id with a filter",
                                           p->text, (int)toks[i].nname, toks[i].name,
                                           (int)toks[i].nbr, toks[i].br);
                    h->sel = SEL_ID;
                    h->id = ars__pf_dupn(toks[i].name, toks[i].nname);
                    if (!h->id)
                        return ARS_ENOMEM;
                }
                i++;
            }
            if (ars__pf_kind(f) == F_MAP) {
                if (i < ntok && f->sub) {
                    /* An entry that may be an object: one of its members. */
                    const ars__field *ef = toks[i].star || toks[i].nbr
                                               ? NULL
                                               : find_field(f->sub, toks[i].name, toks[i].nname);
                    if (!ef || i + 1 < ntok) {
                        list_fields(names, sizeof names, f->sub);
                        return ars__pf_err(err, p->text,
                                           "path '%s': below an entry of %s comes one of %s, "
                                           "and nothing after it",
                                           p->text, f->name, names);
                    }
                    p->entry_field = ef;
                    i++;
                }
                if (i < ntok)
                    return ars__pf_err(err, p->text,
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
                return ars__pf_err(err, p->text,
                                   "path '%s': it names whole items of %s; add one of "
                                   "their fields: %s",
                                   p->text, f->name, names);
            }
            fields = f->sub;
            where = f->name;
            continue;
        }
        if (ars__pf_kind(f) == F_KEY)
            return ars__pf_err(err, p->text,
                               "path '%s': %s is the item's id; ids cannot be changed by a "
                               "path, because other fields refer to them",
                               p->text, f->name);
        if (t->nbr)
            return ars__pf_err(err, p->text,
                               "path '%s': %s is %s; [key=value] filters apply to lists", p->text,
                               f->name, ars__pf_kind_words(ars__pf_kind(f)));
        if (i + 1 < ntok)
            return ars__pf_err(err, p->text, "path '%s': %s is %s; there is nothing below it",
                               p->text, f->name, ars__pf_kind_words(ars__pf_kind(f)));
        p->leaf = f;
        p->kind = kind_of(ars__pf_kind(f));
        return ARS_OK;
    }
    return ars__pf_err(err, p->text, "path '%s' is empty", p->text);
}

int ars__path_compile(const char *text, ars__path **out, ars_error *err)
{
    ars__path *p;
    tok toks[64];
    int ntok = 0, depth = 0, rc;
    const char *s, *body_end, *start;
    *out = NULL;
    if (!text)
        return ars__pf_err(err, "", "no path given");
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
        rc = ars__pf_err(err, text, "path '%s': expected section.selector.field before '@'", text);
        goto fail;
    }
    /* Tokenise the body on '.' outside brackets: filter values may hold dots. */
    depth = 0;
    start = text;
    for (s = text;; s++) {
        if (s < body_end && *s == '[') {
            if (depth) {
                rc = ars__pf_err(err, text, "path '%s': '[' inside a filter", text);
                goto fail;
            }
            depth = 1;
            continue;
        }
        if (s < body_end && *s == ']') {
            if (!depth) {
                rc = ars__pf_err(err, text, "path '%s': ']' without '['", text);
                goto fail;
            }
            depth = 0;
            continue;
        }
        if (s < body_end && (depth || *s != '.'))
            continue;
        if (s == body_end && depth) {
            rc = ars__pf_err(err, text, "path '%s': unclosed '['", text);
            goto fail;
        }
        {
            const char *br = memchr(start, '[', (size_t)(s - start));
            tok *t;
            if (ntok == (int)(sizeof toks / sizeof toks[0])) {
                rc = ars__pf_err(err, text, "path '%s': more than 64 dot-separated parts", text);
                goto fail;
            }
            t = &toks[ntok++];
            t->name = start;
            t->nname = br ? (size_t)(br - start) : (size_t)(s - start);
            t->br = br;
            t->nbr = br ? (size_t)(s - br) : 0;
            t->star = t->nname == 1 && start[0] == '*';
            if (t->nname == 0 && !br) {
                rc = ars__pf_err(err, text,
                                 "path '%s': empty part at position %d (two dots, or a dot "
                                 "at an end)",
                                 text, (int)(start - text) + 1);
                goto fail;
            }
            if (!t->star && !ars__pf_is_id(t->name, t->nname)) {
                rc = ars__pf_err(
                    err, text,
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
        if (ars__pf_kind(p->leaf) != F_SERIES || p->in_map) {
            rc = ars__pf_err(err, text, "path '%s': @periods applies to series only; %s is %s",
                             text, p->leaf->name,
                             ars__pf_kind_words(p->in_map ? F_NUM : ars__pf_kind(p->leaf)));
            goto fail;
        }
        if ((!dots && n1 == 0) || (dots && n1 == 0 && n2 == 0)) {
            rc = ars__pf_err(err, text, "path '%s': expected @P, @P.., @..P or @P..Q after '@'",
                             text);
            goto fail;
        }
        if ((n1 && !ars__pf_is_id(per, n1)) || (n2 && !ars__pf_is_id(p2, n2))) {
            rc = ars__pf_err(err, text,
                             "path '%s': '%s' is not @P, @P.., @..P or @P..Q with period "
                             "labels",
                             text, per);
            goto fail;
        }
        p->has_periods = 1;
        if (n1 && !(p->pfrom = ars__pf_dupn(per, n1))) {
            rc = ARS_ENOMEM;
            goto fail;
        }
        if (!dots)
            p->pto = ars__pf_dupn(per, n1);
        else if (n2)
            p->pto = ars__pf_dupn(p2, n2);
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

int ars__pf_parse_number(const char *s, double *out)
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
int ars__pf_value_json(const ars__path *p, const char *subject, const char *value, cJSON **out,
                       ars_error *err)
{
    const ars__field *f = p->leaf;
    cJSON *j = NULL;
    char words[200];
    *out = NULL;
    if (p->kind == ARS__PK_SERIES) {
        const cJSON *el;
        if (value[0] != '[')
            return ars__pf_err(err, p->text,
                               "%s: expected a number or an array of numbers, found '%s'", subject,
                               value);
        if (p->has_periods)
            return ars__pf_err(err, p->text,
                               "%s: an array gives the whole series; with @periods give "
                               "one number",
                               subject);
        j = cJSON_Parse(value);
        if (!cJSON_IsArray(j)) {
            cJSON_Delete(j);
            return ars__pf_err(err, p->text, "%s: '%s' is not a JSON array of numbers", subject,
                               value);
        }
        cJSON_ArrayForEach(el, j)
        {
            if (!cJSON_IsNumber(el) || !isfinite(el->valuedouble)) {
                cJSON_Delete(j);
                return ars__pf_err(err, p->text,
                                   "%s: every entry of the array must be a finite number", subject);
            }
        }
        *out = j;
        return ARS_OK;
    }
    switch (ars__pf_kind(f)) {
    case F_BOOL:
        if (strcmp(value, "true") && strcmp(value, "false"))
            return ars__pf_err(err, p->text, "%s: expected true or false, found '%s'", subject,
                               value);
        j = cJSON_CreateBool(strcmp(value, "true") == 0);
        break;
    case F_ENUM: {
        size_t i;
        for (i = 0; f->words[i] && strcmp(f->words[i], value); i++)
            ;
        if (!f->words[i]) {
            ars__pf_list_enums(words, sizeof words, f->words);
            return ars__pf_err(err, p->text, "%s: expected one of %s, found '%s'", subject, words,
                               value);
        }
        j = cJSON_CreateString(value);
        break;
    }
    case F_REF:
    case F_PERIOD:
        if (!ars__pf_is_id(value, strlen(value)))
            return ars__pf_err(err, p->text,
                               "%s: expected %s (1-64 letters, digits, '_' or '-'), found '%s'",
                               subject, ars__pf_kind_words(ars__pf_kind(f)), value);
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
                return ars__pf_err(err, p->text, "%s: %s is not a valid JSON string", subject,
                                   value);
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
            return ars__pf_err(err, p->text,
                               "%s: expected a JSON array of ids such as [\"UA\",\"PL\"], "
                               "found '%s'",
                               subject, value);
        }
        cJSON_ArrayForEach(el, j)
        {
            if (!cJSON_IsString(el) || !ars__pf_is_id(el->valuestring, strlen(el->valuestring))) {
                cJSON_Delete(j);
                return ars__pf_err(err, p->text, "%s: every entry of the list must be an id",
                                   subject);
            }
        }
        break;
    }
    default:
        return ars__pf_err(err, p->text, "%s: %s cannot be set", subject, f->name);
    }
    if (!j)
        return ARS_ENOMEM;
    *out = j;
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
        return ars__pf_err(err, "", "no assignment given");
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
        return ars__pf_err(err, text, "'%s': unclosed '['", text);
    if (!eq)
        return ars__pf_err(err, text, "'%s': expected PATH=VALUE, PATH*=FACTOR or PATH+=DELTA",
                           text);
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
    ptext = ars__pf_dupn(ps, (size_t)(pe - ps));
    out->value = ars__pf_dupn(vs, (size_t)(ve - vs));
    if (!out->text || !ptext || !out->value) {
        ars__free(ptext);
        ars__set_clear(out);
        return ARS_ENOMEM;
    }
    if (!out->value[0]) {
        rc = ars__pf_err(err, ptext, "'%s': no value after %s", text, ars__pf_op_text(out->op));
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
    if (ars__path_is_numeric(out->path) && ars__pf_parse_number(out->value, &out->number)) {
        out->is_number = 1;
    } else {
        /* Check the value now so a scenario fails before any solve. */
        const ars__path *p = out->path;
        cJSON *j = NULL;
        if (out->op != ARS__OP_SET) {
            if (ars__path_is_numeric(p))
                rc = ars__pf_err(err, p->text, "%s: %s needs a number, found '%s'", text,
                                 ars__pf_op_text(out->op), out->value);
            else
                rc = ars__pf_err(err, p->text, "%s: type mismatch: %s is %s; only = applies to it",
                                 text, p->leaf->name, ars__pf_kind_words(ars__pf_kind(p->leaf)));
        } else if (p->kind == ARS__PK_NUMBER) {
            rc = ars__pf_err(err, p->text, "%s: expected a number, found '%s'", text, out->value);
        } else {
            rc = ars__pf_value_json(p, text, out->value, &j, err);
            cJSON_Delete(j);
        }
        if (rc) {
            ars__set_clear(out);
            return rc;
        }
    }
    return ARS_OK;
}
