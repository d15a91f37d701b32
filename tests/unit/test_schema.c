/* test_schema.c - the schema table is the one list of the format's fields:
 * every field a path may name compiles as a path of the kind its type says,
 * every field it may not name is refused, every field is known to
 * validation (no "unknown field"), and the JSON Schema and the reference
 * printed from the table list every field. */
#include "arsenal.h"
#include "model/path.h"
#include "model/schema.h"
#include "test.h"

static int expected_kind(const ars__field *f)
{
    switch (f->type) {
    case ARS__FT_SERIES:
        return ARS__PK_SERIES;
    case ARS__FT_STRING:
        return ARS__PK_STRING;
    case ARS__FT_ENUM:
        return ARS__PK_ENUM;
    case ARS__FT_BOOL:
        return ARS__PK_BOOL;
    case ARS__FT_REF:
    case ARS__FT_COUNTRY:
        return ARS__PK_REF;
    case ARS__FT_PERIOD:
        return ARS__PK_PERIOD;
    case ARS__FT_REGIME:
        return ARS__PK_NULLSTRING;
    case ARS__FT_LIST:
    case ARS__FT_NAMES:
        return ARS__PK_IDLIST;
    default:
        return ARS__PK_NUMBER;
    }
}

static int npaths, nrefused;

/* Every leaf below prefix: compiles when the field (and all above it) may
 * be named, with the kind of its type; refused otherwise. */
static void check_table(const ars__table *t, const char *prefix, int reachable)
{
    size_t k;
    for (k = 0; k < t->nfields; k++) {
        const ars__field *f = &t->fields[k];
        int named = reachable && (f->flags & ARS__FL_PATH) && !(f->flags & ARS__FL_KEY);
        char path[300];
        ars__path *p = NULL;
        ars_error err;
        ars_error_clear(&err);
        snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", f->name);
        if (f->type == ARS__FT_OBJECT) {
            check_table(f->sub, path, named);
            continue;
        }
        if (f->type == ARS__FT_ITEMS) {
            char sel[310];
            snprintf(sel, sizeof sel, "%s.*", path);
            check_table(f->sub, sel, named);
            continue;
        }
        if (f->type == ARS__FT_MAP)
            snprintf(path + strlen(path), sizeof path - strlen(path), ".*");
        if (!prefix[0] || f->type == ARS__FT_SCENARIOS)
            continue; /* root scalars: no section, nothing to select */
        if (named) {
            ASSERT_INT_EQ(ars__path_compile(path, &p, &err), ARS_OK);
            if (p) {
                if (ars__path_value_kind(p) != expected_kind(f))
                    fprintf(stderr, "path %s\n", path);
                ASSERT_INT_EQ(ars__path_value_kind(p), expected_kind(f));
            }
            npaths++;
        } else {
            ASSERT_INT_EQ(ars__path_compile(path, &p, &err), ARS_EPATH);
            nrefused++;
        }
        ars__path_free(p);
    }
}

static void test_paths_follow_the_table(void)
{
    npaths = nrefused = 0;
    check_table(&ars__schema_root, "", 1);
    /* Counted by hand from the format: leaves a path may name per section
     * countries 1, products 5, components 5, lines 18 (10 own, expansion 4,
     * produces 4), suppliers 6, drawdowns 6, corridors 4, licenses 9 (6
     * own, covers 3), workforce 1, funds 7 (3 own, eligible 4),
     * requirements 4, stocks 6, licensing 1, objective 9: 82. Refused: what
     * names an item, the 10 ids (countries to requirements) and
     * produces.product, workforce.country, stocks.product: 13. */
    ASSERT_INT_EQ(npaths, 82);
    ASSERT_INT_EQ(nrefused, 13);
}

static void test_unnamed_fields_are_refused(void)
{
    static const char *const refused[] = {"arsenal",  "periods",         "theatre",
                                          "currency", "scenarios.s.set", "name"};
    size_t i;
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        ars__path *p = NULL;
        ars_error err;
        ars_error_clear(&err);
        ASSERT_INT_EQ(ars__path_compile(refused[i], &p, &err), ARS_EPATH);
        ars__path_free(p);
    }
}

/* Every field name appears in the JSON Schema and in the reference. */
static void names_in(const ars__table *t, const char *json, const char *md)
{
    size_t k;
    char quoted[80], ticked[80];
    for (k = 0; k < t->nfields; k++) {
        const ars__field *f = &t->fields[k];
        snprintf(quoted, sizeof quoted, "\"%s\":", f->name);
        snprintf(ticked, sizeof ticked, "| `%s` |", f->name);
        ASSERT_TRUE(strstr(json, quoted) != NULL);
        ASSERT_TRUE(strstr(md, ticked) != NULL);
        if (f->sub)
            names_in(f->sub, json, md);
    }
}

static void test_outputs_list_every_field(void)
{
    char *json = ars_schema_text(ARS_SCHEMA_JSON), *md = ars_schema_text(ARS_SCHEMA_MARKDOWN);
    ASSERT_TRUE(json && md);
    if (json && md)
        names_in(&ars__schema_root, json, md);
    free(json);
    free(md);
}

int main(void)
{
    RUN_TEST(test_paths_follow_the_table);
    RUN_TEST(test_unnamed_fields_are_refused);
    RUN_TEST(test_outputs_list_every_field);
    TEST_EXIT();
}
