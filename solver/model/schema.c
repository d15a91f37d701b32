/* schema.c - the fields of the model format, one table per section (see
 * schema.h). The only place the format's fields are listed: validation,
 * parameter paths, `arsenal schema` and the field reference of
 * docs/model-format.md all read these rows. */
#include "model/schema.h"
#include "model/model.h"
#include "model/rules.h"

#include <stdio.h>
#include <string.h>

/* Row builders. Each names what the row is; the struct member comes last. */
#define ROWH(n, ty, dom, el, rf, fl, d, w, sb, off, cnt, has, wh, ab, ru, doc)                     \
    {                                                                                              \
        n, ty, dom, el, rf, fl, d, w, sb, off, cnt, has, wh, ab, ru, doc                           \
    }
#define ROW(n, ty, dom, el, rf, fl, d, w, sb, off, cnt, wh, ab, ru, doc)                           \
    ROWH(n, ty, dom, el, rf, fl, d, w, sb, off, cnt, 0, wh, ab, ru, doc)
#define P ARS__FL_PATH
#define REQ ARS__FL_REQUIRED
#define DEF ARS__FL_DEFAULT
#define HAS ARS__FL_HAS
#define KEY ARS__FL_KEY
/* Coefficient classes (schema.h): every number that reaches the program. */
#define BOUND ARS__COEF_FLAG(ARS__COEF_NEVER)
#define COEF ARS__COEF_FLAG(ARS__COEF_ALWAYS)
#define COEF_FUNDS ARS__COEF_FLAG(ARS__COEF_WITH_FUNDS)
#define COEF_WORKFORCE ARS__COEF_FLAG(ARS__COEF_WITH_WORKFORCE)
#define COEF_CORRIDORS ARS__COEF_FLAG(ARS__COEF_WITH_CORRIDORS)
#define COEF_LICENSING ARS__COEF_FLAG(ARS__COEF_WITH_LICENSING)

#define NUM(n, dom, fl, d, S, m, doc)                                                              \
    ROW(n, ARS__FT_NUMBER, dom, 0, 0, fl, d, NULL, NULL, offsetof(S, m), 0, NULL, NULL, NULL, doc)
#define NUMH(n, dom, fl, S, m, has, ab, doc)                                                       \
    ROWH(n, ARS__FT_NUMBER, dom, 0, 0, P | HAS | (fl), 0, NULL, NULL, offsetof(S, m), 0,           \
         offsetof(S, has), NULL, ab, NULL, doc)
#define INT(n, fl, d, S, m, doc)                                                                   \
    ROW(n, ARS__FT_INTEGER, 0, 0, 0, fl, d, NULL, NULL, offsetof(S, m), 0, NULL, NULL, NULL, doc)
#define SER(n, dom, fl, d, S, m, ab, doc)                                                          \
    ROW(n, ARS__FT_SERIES, dom, 0, 0, fl, d, NULL, NULL, offsetof(S, m), 0, NULL, ab, NULL, doc)
#define STR(n, fl, S, m, doc)                                                                      \
    ROW(n, ARS__FT_STRING, 0, 0, 0, fl, 0, NULL, NULL, offsetof(S, m), 0, NULL, "no text", NULL,   \
        doc)
#define ENUM(n, fl, d, words, S, m, doc)                                                           \
    ROW(n, ARS__FT_ENUM, 0, 0, 0, fl, d, words, NULL, offsetof(S, m), 0, NULL, "the default",      \
        NULL, doc)
#define BOOL(n, S, m, doc)                                                                         \
    ROW(n, ARS__FT_BOOL, 0, 0, 0, P | DEF, 0, NULL, NULL, offsetof(S, m), 0, NULL, NULL, NULL, doc)
#define ID(S, m, doc)                                                                              \
    ROW("id", ARS__FT_ID, 0, 0, 0, REQ | KEY | P, 0, NULL, NULL, offsetof(S, m), 0, NULL, NULL,    \
        NULL, doc)
#define REF(n, fl, sec, S, m, ru, doc)                                                             \
    ROW(n, ARS__FT_REF, 0, 0, sec, fl, 0, NULL, NULL, offsetof(S, m), 0, NULL, "none", ru, doc)
#define CTRY(n, fl, S, m, ru, doc)                                                                 \
    ROW(n, ARS__FT_COUNTRY, 0, 0, 0, fl, 0, NULL, NULL, offsetof(S, m), 0, NULL, "none", ru, doc)
#define PER(n, S, m, doc)                                                                          \
    ROW(n, ARS__FT_PERIOD, 0, 0, 0, P, 0, NULL, NULL, offsetof(S, m), 0, NULL, "the first period", \
        NULL, doc)
#define LIST(n, el, sec, words, S, m, cnt, wh, doc)                                                \
    ROW(n, ARS__FT_LIST, 0, el, sec, P, 0, words, NULL, offsetof(S, m), offsetof(S, cnt), wh,      \
        "none", NULL, doc)
#define OBJ(n, fl, sub, off, has, wh, ru, doc)                                                     \
    ROWH(n, ARS__FT_OBJECT, 0, 0, 0, fl, 0, NULL, &sub, off, 0, has, wh, NULL, ru, doc)
#define ITEMS(n, fl, sub, S, m, cnt, wh, doc)                                                      \
    ROW(n, ARS__FT_ITEMS, 0, 0, 0, fl, 0, NULL, &sub, offsetof(S, m), offsetof(S, cnt), wh, NULL,  \
        NULL, doc)
#define MAP(n, dom, fl, sec, S, m, cnt, wh, doc)                                                   \
    ROW(n, ARS__FT_MAP, dom, 0, sec, P | ARS__FL_LIMITED | (fl), 0, NULL, NULL, offsetof(S, m),    \
        offsetof(S, cnt), wh, NULL, NULL, doc)
#define TABLE(var, nm, it, k, S, rows)                                                             \
    static const ars__field var##_rows[] = rows;                                                   \
    static const ars__table var = {                                                                \
        nm, it, k, sizeof(S), var##_rows, sizeof var##_rows / sizeof var##_rows[0]}
#define ROWS(...)                                                                                  \
    {                                                                                              \
        __VA_ARGS__                                                                                \
    }

static const char *const w_bloc[] = {"ukraine", "western", "other", NULL};
static const char *const w_category[] = {"munitions",   "artillery", "drones",
                                         "air_defense", "other",     NULL};
static const char *const w_status[] = {"granted", "denied", "pending", NULL};
static const char *const w_mode[] = {"lexicographic", "weighted", NULL};

/* A map entry is read into either struct as the same pair. */
_Static_assert(offsetof(ars__bom_entry, component) == offsetof(ars__map_entry, id) &&
                   offsetof(ars__bom_entry, qty) == offsetof(ars__map_entry, value) &&
                   sizeof(ars__bom_entry) == sizeof(ars__map_entry),
               "bom entries are map entries");
_Static_assert(offsetof(ars__met_by, product) == offsetof(ars__map_entry, id) &&
                   offsetof(ars__met_by, effect) == offsetof(ars__map_entry, value),
               "met_by entries start as map entries");

TABLE(t_country, "countries", "expected a country object {\"id\", \"bloc\"}", "id", ars__country,
      ROWS(ROW("id", ARS__FT_ID, 0, 0, 0, REQ | KEY | P, 0, NULL, NULL, offsetof(ars__country, id),
               0, NULL, NULL, NULL, "country id, as lines, suppliers and funds name it"),
           ENUM("bloc", REQ | P, -1, w_bloc, ars__country, bloc,
                "bloc for fund eligibility by bloc")));

TABLE(t_product, "products", NULL, "id", ars__product,
      ROWS(ID(ars__product, id, "product id"),
           STR("name", P | ARS__FL_NAME_ID, ars__product, name, "display name (default: the id)"),
           ENUM("category", P | DEF, ARS_CAT_OTHER, w_category, ars__product, category,
                "reporting group"),
           STR("unit", P, ars__product, unit, "unit label, e.g. \"rounds\""),
           NUM("mass", ARS__DOM_GE0, P | DEF | COEF_CORRIDORS, 0, ars__product, mass,
               "tonnes per unit, counted against corridor capacity"),
           NUM("holding_cost", ARS__DOM_GE0, P | DEF | BOUND, 0, ars__product, holding_cost,
               "cost per unit held in theatre stock per period")));

TABLE(t_component, "components", NULL, "id", ars__component,
      ROWS(ID(ars__component, id, "component id"),
           STR("name", P | ARS__FL_NAME_ID, ars__component, name, "display name (default: the id)"),
           STR("unit", P, ars__component, unit, "unit label"),
           NUM("initial", ARS__DOM_GE0, P | DEF | BOUND, 0, ars__component, initial,
               "stock at the start of the horizon"),
           ROW("controlled", ARS__FT_REGIME, 0, 0, 0, P, 0, NULL, NULL,
               offsetof(ars__component, controlled), 0, NULL, "not controlled", NULL,
               "export-control regime, e.g. \"ITAR\"; null or absent: not controlled"),
           CTRY("origin", P | ARS__FL_IF_PREV, ars__component, origin, NULL,
                "country whose regime controls it; required when controlled")));

TABLE(t_expansion, "lines[].expansion", NULL, NULL, ars__line,
      ROWS(SER("cost", ARS__DOM_GE0, P | DEF | COEF_FUNDS, 0, ars__line, expansion_cost, NULL,
               "money per unit of capacity, paid when ordered"),
           INT("lead", P | DEF, 0, ars__line, expansion_lead,
               "periods from order to use (0: the same period)"),
           ROW("max", ARS__FT_NUMBER, ARS__DOM_GE0, 0, 0, P | REQ | BOUND, 0, NULL, NULL,
               offsetof(ars__line, expansion_max), 0, NULL, "no expansion", NULL,
               "most capacity that may be added over the horizon"),
           ROW("step", ARS__FT_NUMBER, ARS__DOM_GT0, 0, 0, P | COEF, 0, NULL, NULL,
               offsetof(ars__line, expansion_step), 0, NULL, "continuous", NULL,
               "capacity is added in integer multiples of step (makes the model a MIP)")));

TABLE(t_produce, "lines[].produces", "expected an object {\"product\", \"rate\", ...}", "product",
      ars__produce,
      ROWS(REF("product", REQ | KEY | P, ARS__SEC_PRODUCTS, ars__produce, product,
               ars__rule_product_once_per_line, "product made; once per line"),
           NUM("rate", ARS__DOM_GT0, P | DEF | COEF, 1, ars__produce, rate,
               "capacity units used per product unit"),
           SER("cost", ARS__DOM_GE0, P | DEF | COEF_FUNDS, 0, ars__produce, cost, NULL,
               "money per unit made"),
           NUM("labor", ARS__DOM_GE0, P | DEF | COEF_WORKFORCE, 0, ars__produce, labor,
               "worker-periods per unit made"),
           MAP("bom", ARS__DOM_GE0, COEF, ARS__SEC_COMPONENTS, ars__produce, bom, nbom,
               "an object of component id -> units per product unit",
               "component id -> units of it per product unit")));

TABLE(t_line, "lines", NULL, "id", ars__line,
      ROWS(ID(ars__line, id, "line id (a payee)"),
           STR("name", P | ARS__FL_NAME_ID, ars__line, name, "display name (default: the id)"),
           CTRY("country", REQ | P, ars__line, country, NULL, "country where the line is"),
           STR("operator", P, ars__line, operator_name, "company or state enterprise"),
           SER("capacity", ARS__DOM_GE0, REQ | P | BOUND, 0, ars__line, capacity, "required",
               "capacity units per period"),
           SER("availability", ARS__DOM_FRAC, P | DEF | BOUND, 1, ars__line, availability, NULL,
               "share of capacity usable (strikes, outages)"),
           PER("start", ars__line, start, "first period it may produce"),
           NUMH("ramp", ARS__DOM_GE0, BOUND, ars__line, ramp, has_ramp, "no ramp limit",
                "most growth of output per period, as a fraction of the last period's"),
           NUM("ramp_floor", ARS__DOM_GE0, P | DEF | BOUND, 0, ars__line, ramp_floor,
               "output always allowed whatever the ramp"),
           NUMH("output0", ARS__DOM_GE0, BOUND, ars__line, output0, has_output0,
                "no limit in the first period", "output in the period before the horizon"),
           OBJ("expansion", P | HAS, t_expansion, 0, offsetof(ars__line, has_expansion),
               "an object {\"cost\", \"lead\", \"max\", \"step\"}", NULL,
               "capacity that may be added during the horizon"),
           REF("license", P, ARS__SEC_LICENCES, ars__line, license, NULL,
               "licence that must be approved before the line produces"),
           ITEMS("produces", P | ARS__FL_LIMITED, t_produce, ars__line, produces, nproduces,
                 "products made", "what the line makes and how")));

TABLE(t_supplier, "suppliers", NULL, "id", ars__supplier,
      ROWS(ID(ars__supplier, id, "supplier id (a payee)"),
           REF("component", REQ | P, ARS__SEC_COMPONENTS, ars__supplier, component, NULL,
               "component supplied"),
           CTRY("country", P, ars__supplier, country, NULL, "country of the supplier"),
           STR("operator", P, ars__supplier, operator_name, "company"),
           SER("capacity", ARS__DOM_GE0, REQ | P | BOUND, 0, ars__supplier, capacity, "required",
               "component units per period"),
           SER("cost", ARS__DOM_GE0, P | DEF | COEF_FUNDS, 0, ars__supplier, cost, NULL,
               "money per unit"),
           INT("lead", P | DEF, 0, ars__supplier, lead, "periods from purchase to arrival")));

TABLE(t_drawdown, "drawdowns", NULL, "id", ars__drawdown,
      ROWS(ID(ars__drawdown, id, "drawdown id (a payee)"),
           REF("product", REQ | P, ARS__SEC_PRODUCTS, ars__drawdown, product, NULL,
               "finished product given"),
           CTRY("country", P, ars__drawdown, country, NULL, "country giving it"),
           SER("available", ARS__DOM_GE0, REQ | P | BOUND, 0, ars__drawdown, available, "required",
               "units that may be drawn per period"),
           NUMH("total", ARS__DOM_GE0, BOUND, ars__drawdown, total, has_total, "unlimited",
                "most units over the horizon"),
           SER("cost", ARS__DOM_GE0, P | DEF | COEF_FUNDS, 0, ars__drawdown, cost, NULL,
               "replacement value per unit"),
           INT("lead", P | DEF, 0, ars__drawdown, lead, "periods from drawdown to arrival")));

TABLE(t_corridor, "corridors", NULL, "id", ars__corridor,
      ROWS(ID(ars__corridor, id, "corridor id (a payee)"),
           CTRY("from", REQ | P, ars__corridor, from, ars__rule_one_corridor_per_country,
                "country it carries from; one corridor per country"),
           INT("lead", P | DEF, 0, ars__corridor, lead, "periods from dispatch to the theatre"),
           SER("capacity", ARS__DOM_GE0, P | BOUND, 0, ars__corridor, capacity, "unlimited",
               "tonnes per period"),
           SER("cost", ARS__DOM_GE0, P | DEF | COEF_FUNDS, 0, ars__corridor, cost, NULL,
               "money per tonne")));

TABLE(t_covers, "licenses[].covers", NULL, NULL, ars__licence,
      ROWS(LIST("lines", ARS__FT_REF, ARS__SEC_LINES, NULL, ars__licence, cover_lines, ncover_lines,
                "line ids", "lines covered"),
           ROWH("countries", ARS__FT_LIST, 0, ARS__FT_COUNTRY, 0, P | HAS, 0, NULL, NULL,
                offsetof(ars__licence, cover_countries), offsetof(ars__licence, ncover_countries),
                offsetof(ars__licence, has_cover_countries), "country ids", "none", NULL,
                "countries of lines covered (absent: any)"),
           ROWH("components", ARS__FT_LIST, 0, ARS__FT_REF, ARS__SEC_COMPONENTS, P | HAS, 0, NULL,
                NULL, offsetof(ars__licence, cover_components),
                offsetof(ars__licence, ncover_components),
                offsetof(ars__licence, has_cover_components), "component ids", "none", NULL,
                "controlled components covered (absent: any)")));

TABLE(t_licence, "licenses", NULL, "id", ars__licence,
      ROWS(ID(ars__licence, id, "licence id"),
           STR("regime", P, ars__licence, regime, "regime label, e.g. \"ITAR\""),
           OBJ("covers", REQ | P, t_covers, 0, 0,
               "an object {\"lines\", \"countries\", \"components\"}",
               ars__rule_licence_covers_something, "what the licence covers"),
           ENUM("status", REQ | P, -1, w_status, ars__licence, status,
                "granted, denied or pending review"),
           PER("effective", ars__licence, effective, "granted: first period it is usable"),
           PER("submitted", ars__licence, submitted, "pending: earliest start of the review"),
           INT("review", P | DEF, 1, ars__licence, review, "pending: periods a review takes"),
           NUM("slots", ARS__DOM_GE0, P | DEF | COEF_LICENSING, 1, ars__licence, slots,
               "review slots occupied while under review")));

TABLE(t_workforce, "workforce", "expected an object {\"country\", \"available\"}", "country",
      ars__workforce,
      ROWS(CTRY("country", REQ | KEY | P, ars__workforce, country,
                ars__rule_one_workforce_per_country, "country; one entry per country"),
           SER("available", ARS__DOM_GE0, REQ | P | BOUND, 0, ars__workforce, available, "required",
               "worker-periods per period")));

TABLE(t_eligible, "funds[].eligible", NULL, NULL, ars__fund,
      ROWS(LIST("countries", ARS__FT_COUNTRY, 0, NULL, ars__fund, countries, n_countries,
                "country ids", "payees in these countries"),
           LIST("blocs", ARS__FT_ENUM, 0, w_bloc, ars__fund, blocs, n_blocs, "blocs",
                "payees in countries of these blocs"),
           ROW("operators", ARS__FT_NAMES, 0, 0, 0, P, 0, NULL, NULL,
               offsetof(ars__fund, operators), offsetof(ars__fund, n_operators), "operator names",
               "none", NULL, "lines and suppliers run by these operators"),
           LIST("payees", ARS__FT_REF, ARS__SEC_PAYEES, NULL, ars__fund, payees, n_payees,
                "payee ids", "these lines, suppliers, drawdowns or corridors")));

TABLE(t_fund, "funds", NULL, "id", ars__fund,
      ROWS(ID(ars__fund, id, "fund id"),
           STR("name", P | ARS__FL_NAME_ID, ars__fund, name, "display name (default: the id)"),
           SER("amount", ARS__DOM_GE0, REQ | P | BOUND, 0, ars__fund, amount, "required",
               "money available per period"),
           BOOL("carryover", ars__fund, carryover, "unspent money carries to later periods"),
           OBJ("eligible", P | HAS, t_eligible, 0, offsetof(ars__fund, has_eligible),
               "an object {\"countries\", \"blocs\", \"operators\", \"payees\"}", NULL,
               "payees the fund may pay (absent: every payee)")));

/* An entry of met_by written as an object (1.1); a plain number is its
 * first field. `item` is the message for an entry that is neither. */
TABLE(t_met_by, "requirements[].met_by.PRODUCT",
      "expected an effect per unit (a number > 0) or an object {\"effect\", \"max_share\"}", NULL,
      ars__met_by,
      ROWS(NUM("effect", ARS__DOM_GT0, REQ | P | COEF, 0, ars__met_by, effect,
               "effect of one unit on the requirement (what a plain number means)"),
           NUM("max_share", ARS__DOM_SHARE, P | DEF | BOUND, 1, ars__met_by, max_share,
               "most share of the demand the product may cover in each period")));

TABLE(t_requirement, "requirements", NULL, "id", ars__requirement,
      ROWS(ID(ars__requirement, id, "requirement id"),
           STR("name", P | ARS__FL_NAME_ID, ars__requirement, name,
               "display name (default: the id)"),
           SER("demand", ARS__DOM_GE0, REQ | P | BOUND, 0, ars__requirement, demand, "required",
               "units of effect needed per period"),
           NUM("priority", ARS__DOM_GT0, P | DEF | COEF, 1, ars__requirement, priority,
               "weight of its shortfall in S"),
           ROW("met_by", ARS__FT_MAP, ARS__DOM_GT0, 0, ARS__SEC_PRODUCTS,
               P | ARS__FL_LIMITED | COEF, 0, NULL, &t_met_by, offsetof(ars__requirement, met_by),
               offsetof(ars__requirement, nmet_by),
               "an object of product id -> effect per unit or {\"effect\", \"max_share\"}", NULL,
               NULL, "product id -> effect of one unit on this requirement, or an object")));

TABLE(t_stock, "stocks", "expected an object {\"product\", \"initial\", ...}", "product",
      ars__stock,
      ROWS(REF("product", REQ | KEY | P, ARS__SEC_PRODUCTS, ars__stock, product, NULL,
               "product; one entry per product"),
           NUM("initial", ARS__DOM_GE0, P | DEF | BOUND, 0, ars__stock, initial,
               "theatre stock at the start"),
           SER("reserve", ARS__DOM_GE0, P | DEF | ARS__FL_KEEP_NULL | BOUND, 0, ars__stock, reserve,
               NULL, "stock to keep in theatre (a soft goal)"),
           NUM("reserve_priority", ARS__DOM_GE0, P | DEF | COEF, 0, ars__stock, reserve_priority,
               "weight of the reserve gap in S (0: no goal)"),
           SER("capacity", ARS__DOM_GE0, P | BOUND, 0, ars__stock, capacity, "unlimited",
               "most units held in theatre"),
           NUM("terminal", ARS__DOM_GE0, P | DEF | BOUND, 0, ars__stock, terminal,
               "stock wanted in theatre after the last period (a soft goal)"),
           NUM("terminal_priority", ARS__DOM_GT0, P | DEF | COEF, 1, ars__stock, terminal_priority,
               "weight of the terminal gap in S")));

TABLE(t_licensing, "licensing", NULL, NULL, struct ars_model,
      ROWS(SER("review_slots", ARS__DOM_GE0, REQ | P | BOUND, 0, struct ars_model, review_slots,
               "no limit on reviews", "licence reviews the authority can run at once")));

TABLE(t_objective, "objective", NULL, NULL, ars__objective,
      ROWS(ENUM("mode", P | DEF, ARS_OBJ_LEXICOGRAPHIC, w_mode, ars__objective, mode,
                "lexicographic: S, then C; weighted: one weighted sum"),
           NUM("shortfall_weight", ARS__DOM_GE0, P | DEF | BOUND, 1e6, ars__objective,
               shortfall_weight, "weighted mode: weight of S"),
           NUM("cost_weight", ARS__DOM_GE0, P | DEF | BOUND, 1, ars__objective, cost_weight,
               "weighted mode: weight of C"),
           NUM("discount", ARS__DOM_GE0, P | DEF, 0, ars__objective, discount,
               "discount rate per period applied to C"),
           NUM("tolerance", ARS__DOM_GE0, P | DEF, 0, ars__objective, tolerance,
               "lexicographic: relative shortfall the cost stage may give up"),
           BOOL("relax", ars__objective, relax, "solve integer decisions as continuous"),
           ROW("time_limit", ARS__FT_NUMBER, ARS__DOM_GE0, 0, 0, P, 0, NULL, NULL,
               offsetof(ars__objective, time_limit), 0, NULL, "no time limit", NULL,
               "seconds per solve (0: none)"),
           ROW("mip_gap", ARS__FT_NUMBER, ARS__DOM_GE0, 0, 0, P, 0, NULL, NULL,
               offsetof(ars__objective, mip_gap), 0, NULL, "GLPK's default", NULL,
               "relative MIP gap at which to stop (0: GLPK's default)"),
           ROW("smooth", ARS__FT_BOOL, 0, 0, 0, P | DEF, 1, NULL, NULL,
               offsetof(ars__objective, smooth), 0, NULL, NULL, NULL,
               "a last stage picks, among equally good plans, the one whose lines' output "
               "varies least from period to period")));

TABLE(t_scenario, "scenarios.NAME", "expected an object {\"description\", \"set\"}", NULL,
      ars__scenario,
      ROWS(STR("description", 0, ars__scenario, description, "what the scenario assumes"),
           ROW("set", ARS__FT_SETS, 0, 0, 0, REQ, 0, NULL, NULL, offsetof(ars__scenario, set),
               offsetof(ars__scenario, nset), "parameter assignments (strings)", NULL, NULL,
               "assignments PATH=VALUE, PATH*=FACTOR or PATH+=DELTA, applied in order")));

#define M struct ars_model
#define SECTION(n, fl, sub, m, cnt, doc) ITEMS(n, fl, sub, M, m, cnt, n, doc)

static const ars__field t_root_rows[] = ROWS(
    ROW("arsenal", ARS__FT_INTEGER, 0, 0, 0, REQ | ARS__FL_CONST, 1, NULL, NULL, 0, 0, NULL, NULL,
        NULL, "format version: 1"),
    STR("name", 0, M, name, "model name"),
    STR("description", 0, M, description, "what the model describes"),
    ROW("periods", ARS__FT_LABELS, 0, 0, 0, REQ, 0, NULL, NULL, offsetof(M, periods), 0,
        "period labels", NULL, NULL,
        "period labels in time order, e.g. \"2025Q1\"; unique, at least one"),
    ROW("theatre", ARS__FT_COUNTRY, 0, 0, 0, 0, 0, NULL, NULL, offsetof(M, theatre), 0, NULL,
        "\"UA\"", NULL, "country where the demand is (default \"UA\")"),
    ROW("currency", ARS__FT_STRING, 0, 0, 0, 0, 0, NULL, NULL, offsetof(M, currency), 0, NULL,
        "\"USD\"", NULL, "currency label (default \"USD\")"),
    ITEMS("countries", P, t_country, M, countries, ncountries, "countries",
          "declared countries and their blocs"),
    SECTION("products", P | REQ, t_product, products, nproducts, "things the front uses"),
    SECTION("components", P, t_component, components, ncomponents, "parts lines consume"),
    SECTION("lines", P | REQ, t_line, lines, nlines, "production lines or plants"),
    SECTION("suppliers", P, t_supplier, suppliers, nsuppliers, "sources of components to buy"),
    SECTION("drawdowns", P, t_drawdown, drawdowns, ndrawdowns,
            "finished products from partners' stocks"),
    SECTION("corridors", P, t_corridor, corridors, ncorridors, "transport to the theatre"),
    SECTION("licenses", P, t_licence, licences, nlicences, "export-control licences"),
    ITEMS("workforce", P, t_workforce, M, workforce, nworkforce, "workforce entries",
          "workers per country"),
    SECTION("funds", P, t_fund, funds, nfunds, "money and who it may pay"),
    SECTION("requirements", P | REQ, t_requirement, requirements, nrequirements,
            "what the front needs"),
    ITEMS("stocks", P, t_stock, M, stocks, nproducts, "stock entries", "theatre stock per product"),
    OBJ("licensing", P, t_licensing, 0, 0, "an object {\"review_slots\": series}", NULL,
        "the licensing authority's capacity"),
    OBJ("objective", P, t_objective, offsetof(M, objective), 0, "an object {\"mode\", ...}", NULL,
        "how plans are ranked"),
    ROW("scenarios", ARS__FT_SCENARIOS, 0, 0, 0, 0, 0, NULL, &t_scenario, 0, 0,
        "an object of scenario name -> {\"description\", \"set\"}", NULL, NULL,
        "named what-if overlays"));

const ars__table ars__schema_root = {"the model", "expected the model object {\"arsenal\": 1, ...}",
                                     NULL,        sizeof(M),
                                     t_root_rows, sizeof t_root_rows / sizeof t_root_rows[0]};

const ars__field *ars__schema_field(const ars__table *t, const char *name, size_t n)
{
    size_t i;
    for (i = 0; i < t->nfields; i++)
        if (strlen(t->fields[i].name) == n && memcmp(t->fields[i].name, name, n) == 0)
            return &t->fields[i];
    return NULL;
}

const char *ars__sec_name(ars__sec s)
{
    static const char *const names[] = {"",
                                        "products",
                                        "components",
                                        "lines",
                                        "suppliers",
                                        "drawdowns",
                                        "corridors",
                                        "licenses",
                                        "funds",
                                        "requirements",
                                        "lines, suppliers, drawdowns or corridors"};
    return names[s];
}

const char *ars__sec_item(ars__sec s)
{
    static const char *const items[] = {"",         "product",     "component", "line",
                                        "supplier", "drawdown",    "corridor",  "licence",
                                        "fund",     "requirement", "payee"};
    return items[s];
}
