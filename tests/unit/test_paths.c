/* test_paths.c - parameter paths on tests/models/paths_fixture.json: every
 * selector and period form changes exactly the values expected (read off the
 * fixture by hand), and every error case says what is wrong. Works on the
 * JSON document only, so it does not depend on the model loader. */
#include "arsenal.h"
#include "model/model.h"
#include "model/path.h"
#include "util/util.h"
#include "test.h"

static char *fixture_text;

static cJSON *fixture(void)
{
    cJSON *doc = cJSON_Parse(fixture_text);
    if (!doc) {
        fprintf(stderr, "fixture does not parse\n");
        exit(2);
    }
    return doc;
}

/* The item at an RFC 6901 pointer (no escapes needed in the fixture). */
static const cJSON *at(const cJSON *doc, const char *ptr)
{
    char buf[256];
    char *seg, *save = NULL;
    const cJSON *cur = doc;
    snprintf(buf, sizeof buf, "%s", ptr);
    for (seg = strtok_r(buf, "/", &save); seg && cur; seg = strtok_r(NULL, "/", &save)) {
        if (cJSON_IsArray(cur))
            cur = cJSON_GetArrayItem(cur, atoi(seg));
        else
            cur = cJSON_GetObjectItemCaseSensitive(cur, seg);
    }
    return cur;
}

/* The JSON text at ptr, for exact shape checks ("7" stays a scalar,
 * "[10,5,10,10]" became an array). Static buffer: one use per assertion. */
static const char *text_at(const cJSON *doc, const char *ptr)
{
    static char out[512];
    const cJSON *j = at(doc, ptr);
    char *s;
    if (!j)
        return "(absent)";
    s = cJSON_PrintUnformatted(j);
    snprintf(out, sizeof out, "%s", s ? s : "(null)");
    cJSON_free(s);
    return out;
}

static double num_at(const cJSON *doc, const char *ptr)
{
    const cJSON *j = at(doc, ptr);
    return cJSON_IsNumber(j) ? j->valuedouble : NAN;
}

/* Applies one assignment to doc; returns the code, err keeps the message. */
static ars_error last_err;
static int set(cJSON *doc, const char *text)
{
    ars__set s;
    int rc;
    ars_error_clear(&last_err);
    rc = ars__set_parse(text, &s, &last_err);
    if (!rc)
        rc = ars__set_apply(&s, doc, &last_err);
    ars__set_clear(&s);
    return rc;
}

#define SET_OK(doc, text)                                                                          \
    do {                                                                                           \
        int rc_ = set(doc, text);                                                                  \
        if (rc_)                                                                                   \
            fprintf(stderr, "  %s -> %s\n", text, last_err.message);                               \
        ASSERT_INT_EQ(rc_, ARS_OK);                                                                \
    } while (0)

/* An assignment that must fail with ARS_EPATH, field = the path, and a
 * message containing `needle`. */
#define SET_FAILS(text, wantfield, needle)                                                         \
    do {                                                                                           \
        cJSON *d_ = fixture();                                                                     \
        ASSERT_INT_EQ(set(d_, text), ARS_EPATH);                                                   \
        ASSERT_INT_EQ(last_err.code, ARS_EPATH);                                                   \
        ASSERT_STR_EQ(last_err.field, wantfield);                                                  \
        ASSERT_CONTAINS(last_err.message, needle);                                                 \
        cJSON_Delete(d_);                                                                          \
    } while (0)

static void selector_by_id_sets_one_line(void)
{
    cJSON *d = fixture();
    SET_OK(d, "lines.rhm_ua.capacity=150");
    ASSERT_STR_EQ(text_at(d, "/lines/0/capacity"), "150");
    ASSERT_STR_EQ(text_at(d, "/lines/2/capacity"), "200");
    cJSON_Delete(d);
}

static void star_selects_every_line(void)
{
    cJSON *d = fixture();
    /* 100 -> 200; [10,20,30,40] -> doubled; 200 -> 400. */
    SET_OK(d, "lines.*.capacity*=2");
    ASSERT_STR_EQ(text_at(d, "/lines/0/capacity"), "200");
    ASSERT_STR_EQ(text_at(d, "/lines/1/capacity"), "[20,40,60,80]");
    ASSERT_STR_EQ(text_at(d, "/lines/2/capacity"), "400");
    cJSON_Delete(d);
}

static void filter_selects_by_field_and_uses_defaults(void)
{
    cJSON *d = fixture();
    /* rhm_ua has no availability (default 1): 1 x 0.7 = 0.7 is written;
     * ua_drone 0.9 x 0.7 = 0.63; rhm_de (DE) is untouched and stays absent. */
    SET_OK(d, "lines[country=UA].availability*=0.7");
    ASSERT_NEAR(num_at(d, "/lines/0/availability"), 0.7, 1e-15);
    ASSERT_NEAR(num_at(d, "/lines/1/availability"), 0.63, 1e-15);
    ASSERT_STR_EQ(text_at(d, "/lines/2/availability"), "(absent)");
    /* Two filters are both required: only rhm_ua is Rheinmetall in UA. */
    SET_OK(d, "lines[country=UA][operator=Rheinmetall].capacity+=5");
    ASSERT_STR_EQ(text_at(d, "/lines/0/capacity"), "105");
    ASSERT_STR_EQ(text_at(d, "/lines/2/capacity"), "200");
    /* A numeric filter compares numbers: mass 0.05 is shell_155. */
    SET_OK(d, "products[mass=0.05].holding_cost=1");
    ASSERT_STR_EQ(text_at(d, "/products/0/holding_cost"), "1");
    ASSERT_STR_EQ(text_at(d, "/products/1/holding_cost"), "(absent)");
    /* A filter value may contain dots and spaces. */
    SET_OK(d, "products[mass=0.002].mass*=10");
    ASSERT_NEAR(num_at(d, "/products/1/mass"), 0.02, 1e-15);
    cJSON_Delete(d);
}

static void nested_fields_by_key_and_item_id(void)
{
    cJSON *d = fixture();
    SET_OK(d, "lines.rhm_ua.produces.shell_155.cost*=1.5"); /* 2 x 1.5 */
    ASSERT_STR_EQ(text_at(d, "/lines/0/produces/0/cost"), "3");
    SET_OK(d, "lines.rhm_ua.produces.shell_155.bom.tnt+=0.5"); /* 1 + 0.5 */
    ASSERT_STR_EQ(text_at(d, "/lines/0/produces/0/bom/tnt"), "1.5");
    ASSERT_STR_EQ(text_at(d, "/lines/0/produces/0/bom/fuze"), "1");
    /* `bom.**=2` scales every entry; `bom.*=4` sets every entry. */
    SET_OK(d, "lines.rhm_ua.produces.shell_155.bom.**=2");
    ASSERT_STR_EQ(text_at(d, "/lines/0/produces/0/bom"), "{\"tnt\":3,\"fuze\":2}");
    SET_OK(d, "lines.rhm_ua.produces.shell_155.bom.*=4");
    ASSERT_STR_EQ(text_at(d, "/lines/0/produces/0/bom"), "{\"tnt\":4,\"fuze\":4}");
    /* `=` adds a map entry that is not there. */
    SET_OK(d, "lines.rhm_de.produces.shell_155.bom.fuze=1");
    ASSERT_STR_EQ(text_at(d, "/lines/2/produces/0/bom"), "{\"tnt\":1.5,\"fuze\":1}");
    SET_OK(d, "lines.rhm_ua.expansion.max=80");
    ASSERT_STR_EQ(text_at(d, "/lines/0/expansion"), "{\"cost\":5,\"max\":80}");
    /* `=` creates an absent object. */
    SET_OK(d, "lines.rhm_de.expansion.max=10");
    ASSERT_STR_EQ(text_at(d, "/lines/2/expansion"), "{\"max\":10}");
    /* Nested selectors: every line that makes shell_155 (rhm_ua 3, rhm_de 3). */
    SET_OK(d, "lines.*.produces.shell_155.cost+=1");
    ASSERT_STR_EQ(text_at(d, "/lines/0/produces/0/cost"), "4");
    ASSERT_STR_EQ(text_at(d, "/lines/2/produces/0/cost"), "4");
    ASSERT_STR_EQ(text_at(d, "/lines/1/produces/0/cost"), "[1,1,1,1]");
    SET_OK(d, "requirements.fires_155.met_by.fpv_drone=0.5");
    ASSERT_STR_EQ(text_at(d, "/requirements/0/met_by/fpv_drone"), "0.5");
    SET_OK(d, "funds.usai.eligible.countries=[\"US\",\"DE\"]");
    ASSERT_STR_EQ(text_at(d, "/funds/0/eligible"),
                  "{\"blocs\":[\"western\"],\"countries\":[\"US\",\"DE\"]}");
    cJSON_Delete(d);
}

static void sections_keyed_by_product_and_country(void)
{
    cJSON *d = fixture();
    SET_OK(d, "stocks.shell_155.reserve@2025Q4=40");
    ASSERT_STR_EQ(text_at(d, "/stocks/0/reserve"), "[20,20,20,40]");
    SET_OK(d, "workforce.UA.available*=0.5");
    ASSERT_STR_EQ(text_at(d, "/workforce/0/available"), "500");
    SET_OK(d, "countries.DE.bloc=other");
    ASSERT_STR_EQ(text_at(d, "/countries/1/bloc"), "\"other\"");
    cJSON_Delete(d);
}

static void singletons(void)
{
    cJSON *d = fixture();
    SET_OK(d, "licensing.review_slots+=2");
    ASSERT_STR_EQ(text_at(d, "/licensing/review_slots"), "3");
    SET_OK(d, "objective.discount=0.05");
    ASSERT_STR_EQ(text_at(d, "/objective/discount"), "0.05");
    /* Absent with a default: cost_weight 1 + 1. */
    SET_OK(d, "objective.cost_weight+=1");
    ASSERT_STR_EQ(text_at(d, "/objective/cost_weight"), "2");
    SET_OK(d, "objective.mode=weighted");
    ASSERT_STR_EQ(text_at(d, "/objective/mode"), "\"weighted\"");
    cJSON_Delete(d);
}

static void period_forms_on_a_scalar_series(void)
{
    cJSON *d;
    /* requirements.drones.demand is the scalar 10 over 4 periods. */
    d = fixture();
    SET_OK(d, "requirements.drones.demand@2025Q2=5");
    ASSERT_STR_EQ(text_at(d, "/requirements/1/demand"), "[10,5,10,10]");
    cJSON_Delete(d);
    d = fixture();
    SET_OK(d, "requirements.drones.demand@2025Q3..*=2");
    ASSERT_STR_EQ(text_at(d, "/requirements/1/demand"), "[10,10,20,20]");
    cJSON_Delete(d);
    d = fixture();
    SET_OK(d, "requirements.drones.demand@..2025Q2+=1");
    ASSERT_STR_EQ(text_at(d, "/requirements/1/demand"), "[11,11,10,10]");
    cJSON_Delete(d);
    d = fixture();
    SET_OK(d, "requirements.drones.demand@2025Q2..2025Q3=0");
    ASSERT_STR_EQ(text_at(d, "/requirements/1/demand"), "[10,0,0,10]");
    cJSON_Delete(d);
    /* The whole horizon keeps the scalar form. */
    d = fixture();
    SET_OK(d, "requirements.drones.demand@2025Q1..2025Q4=7");
    ASSERT_STR_EQ(text_at(d, "/requirements/1/demand"), "7");
    SET_OK(d, "requirements.drones.demand=[1,2,3,4]");
    ASSERT_STR_EQ(text_at(d, "/requirements/1/demand"), "[1,2,3,4]");
    cJSON_Delete(d);
}

static void period_forms_on_an_array_series(void)
{
    cJSON *d = fixture();
    /* [10,20,30,40]: periods 2 and 3 halved. */
    SET_OK(d, "lines.ua_drone.capacity@2025Q2..2025Q3*=0.5");
    ASSERT_STR_EQ(text_at(d, "/lines/1/capacity"), "[10,10,15,40]");
    /* The funding cliff of the spec: [100,100,100,100] -> [100,100,0,0]. */
    SET_OK(d, "funds.usai.amount@2025Q3..=0");
    ASSERT_STR_EQ(text_at(d, "/funds/0/amount"), "[100,100,0,0]");
    /* An absent series with a default becomes an array of defaults: line
     * rhm_ua has availability 1 everywhere but 2025Q4. */
    SET_OK(d, "lines.rhm_ua.availability@2025Q4=0.5");
    ASSERT_STR_EQ(text_at(d, "/lines/0/availability"), "[1,1,1,0.5]");
    cJSON_Delete(d);
}

static void strings_booleans_and_null(void)
{
    cJSON *d = fixture();
    SET_OK(d, "licenses.itar_fuze_ua.status=granted");
    ASSERT_STR_EQ(text_at(d, "/licenses/0/status"), "\"granted\"");
    SET_OK(d, "licenses.itar_fuze_ua.submitted=2025Q2");
    ASSERT_STR_EQ(text_at(d, "/licenses/0/submitted"), "\"2025Q2\"");
    SET_OK(d, "funds.ua_budget.carryover=false");
    ASSERT_STR_EQ(text_at(d, "/funds/1/carryover"), "false");
    SET_OK(d, "lines.rhm_ua.operator=\"Rheinmetall AG\"");
    ASSERT_STR_EQ(text_at(d, "/lines/0/operator"), "\"Rheinmetall AG\"");
    SET_OK(d, "components.fuze.controlled=null");
    ASSERT_STR_EQ(text_at(d, "/components/1/controlled"), "null");
    SET_OK(d, "lines.rhm_de.license=itar_fuze_ua");
    ASSERT_STR_EQ(text_at(d, "/lines/2/license"), "\"itar_fuze_ua\"");
    cJSON_Delete(d);
}

static void wildcard_skips_items_without_the_field(void)
{
    cJSON *d = fixture();
    /* Only ua_drone has a ramp (0.5); the others have no ramp limit and
     * scaling "no limit" leaves it so. */
    SET_OK(d, "lines.*.ramp*=2");
    ASSERT_STR_EQ(text_at(d, "/lines/1/ramp"), "1");
    ASSERT_STR_EQ(text_at(d, "/lines/0/ramp"), "(absent)");
    ASSERT_STR_EQ(text_at(d, "/lines/2/ramp"), "(absent)");
    cJSON_Delete(d);
}

static void reading_values(void)
{
    cJSON *d = fixture();
    ars__path *p = NULL;
    double *v = NULL;
    size_t n = 0;
    ars_error err;
    /* 2025Q4 capacity of each line: 100, 40, 200. */
    ASSERT_INT_EQ(ars__path_compile("lines.*.capacity@2025Q4", &p, &err), ARS_OK);
    ASSERT_INT_EQ(ars__path_get_numbers(p, d, &v, &n, &err), ARS_OK);
    ASSERT_INT_EQ(n, 3);
    if (n == 3) {
        ASSERT_NEAR(v[0], 100, 0);
        ASSERT_NEAR(v[1], 40, 0);
        ASSERT_NEAR(v[2], 200, 0);
    }
    ASSERT_INT_EQ(ars__path_value_kind(p), ARS__PK_SERIES);
    ASSERT_TRUE(ars__path_has_periods(p));
    ars__free(v);
    ars__path_free(p);
    /* Absent availability reads as its default 1; reading changes nothing. */
    ASSERT_INT_EQ(ars__path_compile("lines[country=UA].availability@..2025Q2", &p, &err), ARS_OK);
    ASSERT_INT_EQ(ars__path_get_numbers(p, d, &v, &n, &err), ARS_OK);
    ASSERT_INT_EQ(n, 4);
    if (n == 4) {
        ASSERT_NEAR(v[0], 1, 0);
        ASSERT_NEAR(v[1], 1, 0);
        ASSERT_NEAR(v[2], 0.9, 0);
        ASSERT_NEAR(v[3], 0.9, 0);
    }
    ASSERT_STR_EQ(text_at(d, "/lines/0/availability"), "(absent)");
    ars__free(v);
    /* One compiled path applied many times with different numbers. */
    ASSERT_INT_EQ(ars__path_apply_number(p, d, ARS__OP_SET, 0.5, &err), ARS_OK);
    ASSERT_INT_EQ(ars__path_apply_number(p, d, ARS__OP_MUL, 0.5, &err), ARS_OK);
    ASSERT_STR_EQ(text_at(d, "/lines/0/availability"), "[0.25,0.25,1,1]");
    ASSERT_STR_EQ(text_at(d, "/lines/1/availability"), "[0.25,0.25,0.9,0.9]");
    ars__path_free(p);
    ASSERT_INT_EQ(ars__path_compile("licenses.itar_fuze_ua.status", &p, &err), ARS_OK);
    ASSERT_INT_EQ(ars__path_apply_number(p, d, ARS__OP_SET, 1, &err), ARS_EPATH);
    ASSERT_CONTAINS(err.message, "type mismatch");
    ASSERT_INT_EQ(ars__path_apply_text(p, d, ARS__OP_SET, "denied", &err), ARS_OK);
    ASSERT_STR_EQ(text_at(d, "/licenses/0/status"), "\"denied\"");
    ars__path_free(p);
    cJSON_Delete(d);
}

/* Format 1.1: a met_by entry is a number (the effect) or an object
 * {"effect", "max_share"}. The fixture's fires_155 has shell_155: 1 and
 * fpv_drone: 0.3, both numbers. */
static void met_by_entries_as_objects(void)
{
    cJSON *d = fixture();
    ars__path *p = NULL;
    double *v = NULL;
    size_t n = 0;
    ars_error err;
    /* Reading: .effect of a number is the number, .max_share its default 1. */
    ASSERT_INT_EQ(ars__path_compile("requirements.fires_155.met_by.*.max_share", &p, &err), ARS_OK);
    ASSERT_INT_EQ(ars__path_get_numbers(p, d, &v, &n, &err), ARS_OK);
    ASSERT_INT_EQ(n, 2);
    if (n == 2) {
        ASSERT_NEAR(v[0], 1, 0);
        ASSERT_NEAR(v[1], 1, 0);
    }
    ars__free(v);
    ars__path_free(p);
    ASSERT_INT_EQ(ars__path_compile("requirements.fires_155.met_by.fpv_drone.effect", &p, &err),
                  ARS_OK);
    ASSERT_INT_EQ(ars__path_get_numbers(p, d, &v, &n, &err), ARS_OK);
    ASSERT_INT_EQ(n, 1);
    if (n == 1)
        ASSERT_NEAR(v[0], 0.3, 0);
    ars__free(v);
    ars__path_free(p);
    ASSERT_STR_EQ(text_at(d, "/requirements/0/met_by/fpv_drone"), "0.3");
    /* Setting max_share rewrites the number as an object; *= starts from
     * the default 1 on the other entry. */
    SET_OK(d, "requirements.fires_155.met_by.fpv_drone.max_share=0.4");
    ASSERT_STR_EQ(text_at(d, "/requirements/0/met_by/fpv_drone"),
                  "{\"effect\":0.3,\"max_share\":0.4}");
    SET_OK(d, "requirements.fires_155.met_by.*.max_share*=0.5");
    ASSERT_STR_EQ(text_at(d, "/requirements/0/met_by/shell_155"),
                  "{\"effect\":1,\"max_share\":0.5}");
    ASSERT_STR_EQ(text_at(d, "/requirements/0/met_by/fpv_drone"),
                  "{\"effect\":0.3,\"max_share\":0.2}");
    /* The entry's own path names the effect of an object, as .effect does. */
    SET_OK(d, "requirements.fires_155.met_by.fpv_drone=0.25");
    SET_OK(d, "requirements.fires_155.met_by.fpv_drone.effect*=2");
    ASSERT_STR_EQ(text_at(d, "/requirements/0/met_by/fpv_drone"),
                  "{\"effect\":0.5,\"max_share\":0.2}");
    /* .effect of a number changes the number in place. */
    SET_OK(d, "requirements.drones.met_by.fpv_drone.effect=2");
    ASSERT_STR_EQ(text_at(d, "/requirements/1/met_by/fpv_drone"), "2");
    cJSON_Delete(d);
    SET_FAILS("requirements.fires_155.met_by.fpv_drone.share=1",
              "requirements.fires_155.met_by.fpv_drone.share", "effect, max_share");
    SET_FAILS("requirements.fires_155.met_by.fpv_drone.max_share.x=1",
              "requirements.fires_155.met_by.fpv_drone.max_share.x", "nothing after it");
    SET_FAILS("lines.rhm_ua.produces.shell_155.bom.tnt.qty=1",
              "lines.rhm_ua.produces.shell_155.bom.tnt.qty", "nothing below them");
}

static void traced_pointers_name_every_changed_value(void)
{
    cJSON *d = fixture();
    ars__set s;
    ars__buf b;
    ars_error err;
    ars__buf_init(&b, 0);
    ASSERT_INT_EQ(ars__set_parse("lines[country=UA].capacity+=1", &s, &err), ARS_OK);
    ASSERT_INT_EQ(ars__set_apply_traced(&s, d, &b, &err), ARS_OK);
    ASSERT_STR_EQ(b.data, "/lines/0/capacity\n/lines/1/capacity\n");
    ars__set_clear(&s);
    ars__buf_free(&b);
    cJSON_Delete(d);
}

static void scenario_lists_apply_in_order(void)
{
    cJSON *d = fixture();
    const char *sets[] = {"lines.rhm_ua.capacity=10", "lines.rhm_ua.capacity*=3",
                          "lines.rhm_ua.capacity+=1"};
    ars_error err;
    ASSERT_INT_EQ(ars__doc_apply_sets(d, sets, 3, &err), ARS_OK);
    ASSERT_STR_EQ(text_at(d, "/lines/0/capacity"), "31"); /* (10 x 3) + 1 */
    cJSON_Delete(d);
}

static void syntax_errors(void)
{
    SET_FAILS("lines.rhm_ua.capacity", "lines.rhm_ua.capacity", "expected PATH=VALUE");
    SET_FAILS("lines..capacity=1", "lines..capacity", "empty part");
    SET_FAILS("lines[country=UA.capacity=1", "lines[country=UA.capacity=1", "unclosed '['");
    SET_FAILS("lines.rhm ua.capacity=1", "lines.rhm ua.capacity", "is not a name");
    SET_FAILS("lines.rhm_ua.capacity@=1", "lines.rhm_ua.capacity@", "expected @P, @P..");
    SET_FAILS("lines.rhm_ua.capacity@..=1", "lines.rhm_ua.capacity@..", "expected @P, @P..");
    SET_FAILS("lines.rhm_ua=1", "lines.rhm_ua", "names whole items of lines");
    SET_FAILS("lines=1", "lines", "lines needs a selector");
    SET_FAILS("lines.rhm_ua.capacity=", "lines.rhm_ua.capacity", "no value after =");
    SET_FAILS("lines[country].capacity=1", "lines[country].capacity", "a filter is [key=value]");
    SET_FAILS("objective=1", "objective", "name one of its fields");
    SET_FAILS("lines.rhm_ua.capacity.x=1", "lines.rhm_ua.capacity.x", "nothing below it");
    SET_FAILS("lines.rhm_ua.id=x", "lines.rhm_ua.id", "ids cannot be changed");
}

static void unknown_names(void)
{
    SET_FAILS("lins.x.capacity=1", "lins.x.capacity",
              "unknown section 'lins' in the model (did you mean 'lines'?)");
    SET_FAILS("lines.rhm_ua.capacty=1", "lines.rhm_ua.capacty",
              "unknown field 'capacty' in lines (did you mean 'capacity'?); expected one of id, "
              "name");
    SET_FAILS("lines[contry=UA].capacity=1", "lines[contry=UA].capacity",
              "unknown field 'contry' in filter on lines");
    SET_FAILS("objective.discont=0", "objective.discont", "unknown field 'discont' in objective");
}

static void matching_nothing_is_an_error(void)
{
    SET_FAILS("lines.nope.capacity=1", "lines.nope.capacity",
              "matches nothing: no lines item with id 'nope'");
    SET_FAILS("lines.rhm_au.capacity=1", "lines.rhm_au.capacity",
              "matches nothing: no lines item with id 'rhm_au' (did you mean 'rhm_ua'?)");
    SET_FAILS("lines[country=PL].capacity=1", "lines[country=PL].capacity",
              "matches nothing: no lines item has country=PL");
    SET_FAILS("lines.rhm_ua.produces.fpv_drone.cost=1", "lines.rhm_ua.produces.fpv_drone.cost",
              "matches nothing: /lines/0/produces: no produces item with product 'fpv_drone'");
    SET_FAILS("lines.rhm_ua.ramp*=2", "lines.rhm_ua.ramp",
              "matches nothing: /lines/0/ramp is absent (no ramp limit)");
    SET_FAILS("lines.*.expansion.step*=2", "lines.*.expansion.step", "matches nothing");
    SET_FAILS("lines.rhm_de.expansion.max*=2", "lines.rhm_de.expansion.max",
              "/lines/2/expansion is absent");
    SET_FAILS("corridors.de_ua.capacity@2025Q2=0", "corridors.de_ua.capacity@2025Q2",
              "absent (unlimited)");
    SET_FAILS("lines.rhm_de.produces.shell_155.bom.fuze*=2",
              "lines.rhm_de.produces.shell_155.bom.fuze", "has no entry 'fuze'");
    SET_FAILS("drawdowns.*.total=1", "drawdowns.*.total",
              "matches nothing: the model has no drawdowns");
}

static void type_mismatches_and_bad_values(void)
{
    SET_FAILS("licenses.itar_fuze_ua.status*=2", "licenses.itar_fuze_ua.status",
              "type mismatch: status is a choice of words; only = applies");
    SET_FAILS("lines.rhm_ua.country+=1", "lines.rhm_ua.country", "type mismatch");
    SET_FAILS("lines.rhm_ua.capacity=abc", "lines.rhm_ua.capacity",
              "expected a number or an array of numbers, found 'abc'");
    SET_FAILS("objective.discount=abc", "objective.discount", "expected a number, found 'abc'");
    SET_FAILS("lines.rhm_ua.capacity*=x", "lines.rhm_ua.capacity", "*= needs a number");
    SET_FAILS("lines.rhm_ua.capacity=nan", "lines.rhm_ua.capacity", "found 'nan'");
    SET_FAILS("lines.rhm_ua.capacity*=1e308", "lines.rhm_ua.capacity", "not a finite number");
    SET_FAILS("lines.rhm_ua.capacity=1e999", "lines.rhm_ua.capacity", "found '1e999'");
    SET_FAILS("licenses.itar_fuze_ua.status=maybe", "licenses.itar_fuze_ua.status",
              "expected one of granted, denied, pending, found 'maybe'");
    SET_FAILS("funds.usai.carryover=1", "funds.usai.carryover", "expected true or false");
    SET_FAILS("lines.rhm_ua.capacity=[1,2]", "lines.rhm_ua.capacity", "needs 4 numbers");
    SET_FAILS("lines.rhm_ua.capacity@2025Q2=[1,2]", "lines.rhm_ua.capacity@2025Q2",
              "with @periods give one number");
    SET_FAILS("funds.usai.eligible.countries=UA", "funds.usai.eligible.countries",
              "expected a JSON array of ids");
    SET_FAILS("lines.rhm_ua.license=a.b", "lines.rhm_ua.license", "expected an id");
    /* The document is not what the schema says: named, not crashed on. */
    {
        cJSON *d =
            cJSON_Parse("{\"periods\":[\"a\"],\"lines\":[{\"id\":\"x\",\"capacity\":\"10\"}]}");
        ASSERT_INT_EQ(set(d, "lines.x.capacity*=2"), ARS_EPATH);
        ASSERT_CONTAINS(last_err.message, "type mismatch at /lines/0/capacity: expected a series");
        cJSON_Delete(d);
    }
}

static void period_errors(void)
{
    SET_FAILS("funds.usai.amount@2030Q1=0", "funds.usai.amount@2030Q1",
              "period '2030Q1' is outside the horizon 2025Q1..2025Q4");
    SET_FAILS("funds.usai.amount@..2030Q1=0", "funds.usai.amount@..2030Q1", "outside the horizon");
    SET_FAILS("funds.usai.amount@2025Q3..2025Q1=0", "funds.usai.amount@2025Q3..2025Q1",
              "periods in the wrong order: 2025Q3 comes after 2025Q1");
    SET_FAILS("lines.rhm_ua.ramp_floor@2025Q1=1", "lines.rhm_ua.ramp_floor@2025Q1",
              "@periods applies to series only; ramp_floor is a number");
    SET_FAILS("lines.rhm_ua.start=2031Q1", "lines.rhm_ua.start",
              "period '2031Q1' is outside the horizon");
    SET_FAILS("funds.usai.amount@2025Q1..2025Q2..2025Q3=0",
              "funds.usai.amount@2025Q1..2025Q2..2025Q3", "is not @P");
}

static void failed_allocations_never_crash(void)
{
    /* Fail the nth allocation for each n until the assignment goes through:
     * every failure is ARS_ENOMEM, never a crash or a leak (ASan run). */
    long n;
    for (n = 1; n < 200; n++) {
        cJSON *d = fixture();
        ars__set s;
        ars_error err;
        int rc;
        ars__alloc_fail_after(n, 0);
        rc = ars__set_parse("lines[country=UA].availability@2025Q2..*=0.7", &s, &err);
        if (!rc)
            rc = ars__set_apply(&s, d, &err);
        ars__alloc_fail_after(0, 0);
        ars__set_clear(&s);
        cJSON_Delete(d);
        if (rc != ARS_OK && rc != ARS_ENOMEM)
            fprintf(stderr, "  n=%ld: %s\n", n, err.message);
        ASSERT_TRUE(rc == ARS_OK || rc == ARS_ENOMEM);
        if (rc == ARS_OK)
            break;
    }
    ASSERT_TRUE(n > 1 && n < 200);
}

static ars_model *load_fixture(void)
{
    ars_model *m = NULL;
    ars_diag d;
    ars_diag_init(&d);
    if (ars_model_load_text(fixture_text, strlen(fixture_text), NULL, &m, &d) != ARS_OK) {
        ars_diag_print(&d, "paths_fixture.json", stderr);
        exit(2);
    }
    ars_diag_free(&d);
    return m;
}

static void model_apply_validates_the_changed_copy(void)
{
    ars_model *base = load_fixture(), *v = NULL;
    const char *sets[] = {"lines.rhm_ua.capacity*=2", "requirements.drones.demand@2025Q4=0"};
    ars_diag d;
    ars_error err;
    ars_diag_init(&d);
    ASSERT_INT_EQ(ars_model_apply(base, sets, 2, &v, &d, &err), ARS_OK);
    ASSERT_TRUE(v != NULL);
    if (v) {
        ASSERT_NEAR(v->lines[0].capacity[0], 200, 0);
        ASSERT_NEAR(v->lines[0].capacity[3], 200, 0);
        ASSERT_NEAR(v->requirements[1].demand[2], 10, 0);
        ASSERT_NEAR(v->requirements[1].demand[3], 0, 0);
    }
    /* The base is a separate document and keeps its values. */
    ASSERT_NEAR(base->lines[0].capacity[0], 100, 0);
    ASSERT_STR_EQ(text_at(ars_model_json(base), "/lines/0/capacity"), "100");
    ars_model_free(v);
    ars_diag_free(&d);
    ars_model_free(base);
}

static void model_apply_names_the_assignment_that_breaks_validation(void)
{
    ars_model *base = load_fixture(), *v = NULL;
    const char *sets[] = {"lines.rhm_de.capacity+=1", "lines[country=UA].availability*=3"};
    ars_diag d;
    ars_error err;
    ars_diag_init(&d);
    /* ua_drone availability 0.9 x 3 = 2.7 is not a fraction. */
    ASSERT_INT_EQ(ars_model_apply(base, sets, 2, &v, &d, &err), ARS_EINVALID);
    ASSERT_TRUE(v == NULL);
    ASSERT_TRUE(d.nerrors >= 1);
    ASSERT_STR_EQ(err.field, "lines[country=UA].availability");
    ASSERT_CONTAINS(
        err.message,
        "lines[country=UA].availability*=3 makes the model invalid: /lines/0/availability");
    ars_diag_free(&d);
    /* A path error comes before any copy or validation. */
    ars_diag_init(&d);
    sets[1] = "lines.nope.capacity=1";
    ASSERT_INT_EQ(ars_model_apply(base, sets, 2, &v, &d, &err), ARS_EPATH);
    ASSERT_STR_EQ(err.field, "lines.nope.capacity");
    ASSERT_INT_EQ(d.count, 0);
    ars_diag_free(&d);
    ars_model_free(base);
}

static void scenarios_apply_their_set_lists(void)
{
    ars_model *base = load_fixture(), *v = NULL;
    ars_diag d;
    ars_error err;
    ars_diag_init(&d);
    /* cliff: usai [100,100,100,100] -> [100,100,0,0]. */
    ASSERT_INT_EQ(ars_model_apply_scenario(base, "cliff", &v, &d, &err), ARS_OK);
    if (v) {
        ASSERT_NEAR(v->funds[0].amount[1], 100, 0);
        ASSERT_NEAR(v->funds[0].amount[2], 0, 0);
        ASSERT_NEAR(v->funds[0].amount[3], 0, 0);
    }
    ars_model_free(v);
    /* strikes: rhm_ua 1 x 0.7, ua_drone 0.9 x 0.7, rhm_de stays 1. */
    ASSERT_INT_EQ(ars_model_apply_scenario(base, "strikes", &v, &d, &err), ARS_OK);
    if (v) {
        ASSERT_NEAR(v->lines[0].availability[0], 0.7, 1e-15);
        ASSERT_NEAR(v->lines[1].availability[3], 0.63, 1e-15);
        ASSERT_NEAR(v->lines[2].availability[0], 1, 0);
    }
    ars_model_free(v);
    ASSERT_INT_EQ(ars_model_apply_scenario(base, "cliffs", &v, &d, &err), ARS_ENOTFOUND);
    ASSERT_TRUE(v == NULL);
    ASSERT_CONTAINS(err.message,
                    "no scenario 'cliffs' in the model; it has cliff, strikes, unchanged");
    ars_diag_free(&d);
    ars_model_free(base);
}

int main(void)
{
    fixture_text = ars_test_read("tests/models/paths_fixture.json", NULL);
    RUN_TEST(selector_by_id_sets_one_line);
    RUN_TEST(star_selects_every_line);
    RUN_TEST(filter_selects_by_field_and_uses_defaults);
    RUN_TEST(nested_fields_by_key_and_item_id);
    RUN_TEST(sections_keyed_by_product_and_country);
    RUN_TEST(singletons);
    RUN_TEST(period_forms_on_a_scalar_series);
    RUN_TEST(period_forms_on_an_array_series);
    RUN_TEST(strings_booleans_and_null);
    RUN_TEST(wildcard_skips_items_without_the_field);
    RUN_TEST(reading_values);
    RUN_TEST(met_by_entries_as_objects);
    RUN_TEST(traced_pointers_name_every_changed_value);
    RUN_TEST(scenario_lists_apply_in_order);
    RUN_TEST(syntax_errors);
    RUN_TEST(unknown_names);
    RUN_TEST(matching_nothing_is_an_error);
    RUN_TEST(type_mismatches_and_bad_values);
    RUN_TEST(period_errors);
    RUN_TEST(failed_allocations_never_crash);
    RUN_TEST(model_apply_validates_the_changed_copy);
    RUN_TEST(model_apply_names_the_assignment_that_breaks_validation);
    RUN_TEST(scenarios_apply_their_set_lists);
    free(fixture_text);
    TEST_EXIT();
}
