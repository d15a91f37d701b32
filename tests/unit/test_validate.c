/* test_validate.c - one case per validation rule and per warning, each
 * asserting the exact JSON pointer and a substring of the message; a few
 * also assert line:column; limits; all errors of a file at once.
 *
 * Models are written with ' for " (converted before loading) to keep them
 * readable. */
#include "model/model.h"
#include "test.h"

#define HEAD "{'arsenal':1,'periods':['P1','P2'],"
#define PRODS "'products':[{'id':'p'}],"
#define LINES "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{'product':'p'}]}],"
#define REQS "'requirements':[{'id':'r','demand':1,'met_by':{'p':1}}]"
#define BASE HEAD PRODS LINES REQS

typedef struct vcase {
    const char *name;
    const char *json;
    const char *pointer; /* expected pointer of an item */
    const char *message; /* substring of that item's message */
} vcase;

static const vcase ERRORS[] = {
    {"root not an object", "[1,2]", "", "expected the model object"},
    {"arsenal missing", "{'periods':['P1']," PRODS LINES REQS "}", "/arsenal",
     "missing required field \"arsenal\""},
    {"arsenal version 2", "{'arsenal':2,'periods':['P1']," PRODS LINES REQS "}", "/arsenal",
     "unsupported format version 2"},
    {"arsenal not integral", "{'arsenal':1.5,'periods':['P1']," PRODS LINES REQS "}", "/arsenal",
     "expected an integer from 0 to 1000000, found the number 1.5"},
    {"periods missing", "{'arsenal':1," PRODS LINES REQS "}", "/periods",
     "missing required field \"periods\""},
    {"periods empty", "{'arsenal':1,'periods':[]," PRODS LINES REQS "}", "/periods",
     "at least one period"},
    {"period duplicated", "{'arsenal':1,'periods':['P1','P1']," PRODS LINES REQS "}", "/periods/1",
     "duplicate period \"P1\" (already /periods/0)"},
    {"periods out of order", "{'arsenal':1,'periods':['2025Q2','2025Q1']," PRODS LINES REQS "}",
     "/periods/1", "periods must be in time order: \"2025Q1\" comes after \"2025Q2\""},
    {"period numbers not text order",
     "{'arsenal':1,'periods':['P9','P10','P2']," PRODS LINES REQS "}", "/periods/2",
     "\"P2\" comes after \"P10\""},
    {"period label with a dot", "{'arsenal':1,'periods':['2025.1']," PRODS LINES REQS "}",
     "/periods/0", "expected a period label"},
    {"products missing", HEAD LINES REQS "}", "/products", "missing required field \"products\""},
    {"lines missing", HEAD PRODS REQS "}", "/lines", "missing required field \"lines\""},
    {"requirements missing", HEAD PRODS LINES "'theatre':'UA'}", "/requirements",
     "missing required field \"requirements\""},
    {"section of the wrong type", HEAD PRODS "'lines':{}," REQS "}", "/lines",
     "expected an array of lines, found an object"},
    {"unknown root field", BASE ",'Products':[]}", "/Products",
     "unknown field \"Products\" (did you mean \"products\"?)"},
    {"miscased field", HEAD PRODS "'lines':[{'id':'l','country':'UA','Capacity':1}]," REQS "}",
     "/lines/0/Capacity", "unknown field \"Capacity\" (did you mean \"capacity\"?)"},
    {"unknown field far from any", BASE ",'zzzzzz':1}", "/zzzzzz", "unknown field \"zzzzzz\""},
    {"duplicate key",
     HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'capacity':2}]," REQS "}",
     "/lines/0/capacity", "duplicate key \"capacity\""},
    {"id with a space", HEAD "'products':[{'id':'a b'}]," LINES REQS "}", "/products/0/id",
     "expected an id (1 to 64 characters from A-Z a-z 0-9 _ -), found the string \"a b\""},
    {"id too long",
     HEAD "'products':[{'id':'p'},{'id':"
          "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'}]," LINES REQS "}",
     "/products/1/id", "expected an id"},
    {"id with a control character",
     HEAD "'products':[{'id':'p'},{'id':'a\\u0001'}]," LINES REQS "}", "/products/1/id",
     "found the string \"a\\u0001\""},
    {"id not a string", HEAD "'products':[{'id':'p'},{'id':7}]," LINES REQS "}", "/products/1/id",
     "found the number 7"},
    {"missing id", HEAD "'products':[{'id':'p'},{'name':'x'}]," LINES REQS "}", "/products/1/id",
     "missing required field \"id\""},
    {"duplicate product id", HEAD "'products':[{'id':'p'},{'id':'p'}]," LINES REQS "}",
     "/products/1/id", "duplicate product id \"p\" (already used by /products/0)"},
    {"payee id used twice across sections",
     BASE ",'components':[{'id':'c'}],'suppliers':[{'id':'l','component':'c','capacity':1}]}",
     "/suppliers/0/id", "id \"l\" is already used by /lines/0"},
    {"capacity a string",
     HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':'10'}]," REQS "}",
     "/lines/0/capacity",
     "expected a series (a number >= 0, or an array of 2 numbers), found the string \"10\""},
    {"negative capacity", HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':-1}]," REQS "}",
     "/lines/0/capacity", "expected a number >= 0, found the number -1"},
    {"series of the wrong length",
     HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':[1,2,3]}]," REQS "}",
     "/lines/0/capacity", "an array of 2 numbers (one per period), found an array of 3"},
    {"series element wrong",
     HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':[1,null]}]," REQS "}",
     "/lines/0/capacity/1", "expected a number >= 0, found null"},
    {"infinite number", HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1e999}]," REQS "}",
     "/lines/0/capacity", "expected a finite number"},
    {"magnitude cap", HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':2e15}]," REQS "}",
     "/lines/0/capacity", "magnitude at most 1e15, found the number 2e+15"},
    {"availability above 1",
     HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'availability':1.5}]," REQS "}",
     "/lines/0/availability", "expected a fraction between 0 and 1, found the number 1.5"},
    {"capacity missing", HEAD PRODS "'lines':[{'id':'l','country':'UA'}]," REQS "}",
     "/lines/0/capacity", "missing required field \"capacity\""},
    {"line country missing", HEAD PRODS "'lines':[{'id':'l','capacity':1}]," REQS "}",
     "/lines/0/country", "missing required field \"country\""},
    {"rate zero",
     HEAD PRODS
     "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{'product':'p','rate':0}]}]," REQS
     "}",
     "/lines/0/produces/0/rate", "expected a number > 0, found the number 0"},
    {"product twice in a line",
     HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{'product':'p'},{'"
                "product':'p'}]}]," REQS "}",
     "/lines/0/produces/1/product", "a product may appear once per line"},
    {"unknown product with suggestion",
     HEAD "'products':[{'id':'shell_155'}],'lines':[{'id':'l','country':'UA','capacity':1,'"
          "produces':[{'product':'shel_155'}]}]," REQS "}",
     "/lines/0/produces/0/product", "unknown product \"shel_155\" (did you mean \"shell_155\"?)"},
    {"unknown component in a bom",
     HEAD PRODS "'components':[{'id':'tnt'}],'lines':[{'id':'l','country':'UA','capacity':1,'"
                "produces':[{'product':'p','bom':{'tnx':1}}]}]," REQS "}",
     "/lines/0/produces/0/bom/tnx", "unknown component \"tnx\" (did you mean \"tnt\"?)"},
    {"negative bom quantity",
     HEAD PRODS "'components':[{'id':'tnt'}],'lines':[{'id':'l','country':'UA','capacity':1,'"
                "produces':[{'product':'p','bom':{'tnt':-2}}]}]," REQS "}",
     "/lines/0/produces/0/bom/tnt", "expected a number >= 0, found the number -2"},
    {"unknown period",
     HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'start':'P3'}]," REQS "}",
     "/lines/0/start", "unknown period \"P3\" (did you mean \"P1\"?)"},
    {"lead not integral",
     BASE
     ",'components':[{'id':'c'}],'suppliers':[{'id':'s','component':'c','capacity':1,'lead':2.9}]}",
     "/suppliers/0/lead", "expected an integer from 0 to 1000000, found the number 2.9"},
    {"lead too large",
     BASE
     ",'components':[{'id':'c'}],'suppliers':[{'id':'s','component':'c','capacity':1,'lead':3e9}]}",
     "/suppliers/0/lead", "expected an integer from 0 to 1000000, found the number 3000000000"},
    {"negative lead",
     BASE
     ",'components':[{'id':'c'}],'suppliers':[{'id':'s','component':'c','capacity':1,'lead':-1}]}",
     "/suppliers/0/lead", "expected an integer from 0 to 1000000, found the number -1"},
    {"supplier capacity missing",
     BASE ",'components':[{'id':'c'}],'suppliers':[{'id':'s','component':'c'}]}",
     "/suppliers/0/capacity", "missing required field \"capacity\""},
    {"drawdown available missing", BASE ",'drawdowns':[{'id':'d','product':'p'}]}",
     "/drawdowns/0/available", "missing required field \"available\""},
    {"expansion without max",
     HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'expansion':{'cost':1}}]," REQS "}",
     "/lines/0/expansion/max", "missing required field \"max\""},
    {"expansion step zero",
     HEAD PRODS
     "'lines':[{'id':'l','country':'UA','capacity':1,'expansion':{'max':5,'step':0}}]," REQS "}",
     "/lines/0/expansion/step", "expected a number > 0, found the number 0"},
    {"licence covering nothing",
     BASE ",'licenses':[{'id':'q','status':'granted','covers':{'lines':[]}}]}",
     "/licenses/0/covers", "the licence covers nothing"},
    {"licence covering an empty country list",
     BASE ",'licenses':[{'id':'q','status':'granted','covers':{'countries':[]}}]}",
     "/licenses/0/covers", "the licence covers nothing"},
    {"licence status missing", BASE ",'licenses':[{'id':'q','covers':{'lines':['l']}}]}",
     "/licenses/0/status", "missing required field \"status\""},
    {"licence status misspelt",
     BASE ",'licenses':[{'id':'q','status':'grantd','covers':{'lines':['l']}}]}",
     "/licenses/0/status", "(did you mean \"granted\"?)"},
    {"licence covers an unknown line",
     BASE ",'licenses':[{'id':'q','status':'granted','covers':{'lines':['l2']}}]}",
     "/licenses/0/covers/lines/0", "unknown line \"l2\" (did you mean \"l\"?)"},
    {"line licence unknown",
     HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'license':'itar'}]," REQS "}",
     "/lines/0/license", "unknown licence \"itar\" (the model has no licenses)"},
    {"controlled without origin", BASE ",'components':[{'id':'c','controlled':'ITAR'}]}",
     "/components/0/origin", "missing required field \"origin\""},
    {"two corridors from one country",
     BASE ",'corridors':[{'id':'a','from':'PL'},{'id':'b','from':'PL'}]}", "/corridors/1/from",
     "a second corridor from \"PL\" (already /corridors/0)"},
    {"two stocks for one product", BASE ",'stocks':[{'product':'p'},{'product':'p','initial':1}]}",
     "/stocks/1/product", "a second stocks entry for product \"p\" (already /stocks/0)"},
    {"two workforce entries for one country",
     BASE ",'workforce':[{'country':'UA','available':1},{'country':'UA','available':2}]}",
     "/workforce/1/country", "a second workforce entry for \"UA\""},
    {"priority zero", HEAD PRODS LINES "'requirements':[{'id':'r','demand':1,'priority':0}]}",
     "/requirements/0/priority", "expected a number > 0, found the number 0"},
    {"effect zero", HEAD PRODS LINES "'requirements':[{'id':'r','demand':1,'met_by':{'p':0}}]}",
     "/requirements/0/met_by/p", "expected a number > 0, found the number 0"},
    {"demand missing", HEAD PRODS LINES "'requirements':[{'id':'r'}]}", "/requirements/0/demand",
     "missing required field \"demand\""},
    {"bloc not in the enum", BASE ",'countries':[{'id':'UA','bloc':'eastern'}]}",
     "/countries/0/bloc", "expected one of \"ukraine\", \"western\", \"other\""},
    {"country declared twice",
     BASE ",'countries':[{'id':'UA','bloc':'ukraine'},{'id':'UA','bloc':'ukraine'}]}",
     "/countries/1/id", "duplicate country id \"UA\""},
    {"category not in the enum", HEAD "'products':[{'id':'p','category':'tanks'}]," LINES REQS "}",
     "/products/0/category", "expected one of \"munitions\""},
    {"fund by bloc with an undeclared country",
     BASE ",'funds':[{'id':'f','amount':1,'eligible':{'blocs':['ukraine']}}]}", "/lines/0/country",
     "country \"UA\" is not declared in /countries, but fund \"f\" is eligible by bloc"},
    {"fund payee unknown", BASE ",'funds':[{'id':'f','amount':1,'eligible':{'payees':['m']}}]}",
     "/funds/0/eligible/payees/0", "unknown payee \"m\" (did you mean \"l\"?)"},
    {"fund amount missing", BASE ",'funds':[{'id':'f'}]}", "/funds/0/amount",
     "missing required field \"amount\""},
    {"carryover not a boolean", BASE ",'funds':[{'id':'f','amount':1,'carryover':1}]}",
     "/funds/0/carryover", "expected true or false, found the number 1"},
    {"objective mode", BASE ",'objective':{'mode':'pareto'}}", "/objective/mode",
     "expected one of \"lexicographic\", \"weighted\""},
    {"objective negative weight", BASE ",'objective':{'cost_weight':-1}}", "/objective/cost_weight",
     "expected a number >= 0"},
    {"objective negative discount", BASE ",'objective':{'discount':-0.1}}", "/objective/discount",
     "expected a number >= 0"},
    {"objective negative mip_gap", BASE ",'objective':{'mip_gap':-1}}", "/objective/mip_gap",
     "expected a number >= 0"},
    {"objective negative time_limit", BASE ",'objective':{'time_limit':-5}}",
     "/objective/time_limit", "expected a number >= 0"},
    {"objective negative tolerance", BASE ",'objective':{'tolerance':-1}}", "/objective/tolerance",
     "expected a number >= 0"},
    {"relax not a boolean", BASE ",'objective':{'relax':'yes'}}", "/objective/relax",
     "expected true or false"},
    {"review slots missing", BASE ",'licensing':{}}", "/licensing/review_slots",
     "missing required field \"review_slots\""},
    {"scenarios not an object", BASE ",'scenarios':[]}", "/scenarios",
     "expected an object of scenario name"},
    {"scenario without set", BASE ",'scenarios':{'x':{'description':'d'}}}", "/scenarios/x/set",
     "missing required field \"set\""},
    {"scenario set entry not a string", BASE ",'scenarios':{'x':{'set':[1]}}}",
     "/scenarios/x/set/0", "expected a parameter assignment"},
    {"scenario name with a dot", BASE ",'scenarios':{'a.b':{'set':[]}}}", "/scenarios/a.b",
     "expected a scenario name"},
    {"pointer escapes / and ~", BASE ",'a/b~c':1}", "/a~1b~0c", "unknown field \"a/b~c\""},
    {"theatre not an id", BASE ",'theatre':'U A'}", "/theatre", "expected an id"},
};

static const vcase WARNINGS[] = {
    {"uncovered controlled component",
     HEAD PRODS "'components':[{'id':'seeker','controlled':'ITAR','origin':'US','initial':5}],"
                "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{'product':'p','bom':{'"
                "seeker':1}}]}]," REQS "}",
     "/lines/0/produces/0/bom/seeker",
     "line \"l\" can never make \"p\": component \"seeker\" is controlled (ITAR, origin US) and no "
     "licence covers its use at this line"},
    {"controlled component covered only by a denied licence",
     HEAD PRODS "'components':[{'id':'seeker','controlled':'ITAR','origin':'US','initial':5}],"
                "'licenses':[{'id':'q','status':'denied','covers':{'components':['seeker']}}],"
                "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{'product':'p','bom':{'"
                "seeker':1}}]}]," REQS "}",
     "/lines/0/produces/0/bom/seeker", "every licence covering it is denied"},
    {"component with no supplier and no stock",
     HEAD PRODS "'components':[{'id':'tnt'}],"
                "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{'product':'p','bom':{'"
                "tnt':1}}]}]," REQS "}",
     "/lines/0/produces/0/bom/tnt", "component \"tnt\" has no supplier and no initial stock"},
    {"payee with a cost and no fund",
     HEAD PRODS
     "'countries':[{'id':'PL','bloc':'western'}],"
     "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{'product':'p','cost':3}]}]," REQS
     ",'funds':[{'id':'f','amount':1,'eligible':{'countries':['PL']}}]}",
     "/lines/0", "line \"l\" has costs but no fund is eligible to pay it"},
    {"corridor capacity with massless products",
     BASE ",'corridors':[{'id':'c','from':'PL','capacity':5}]}", "/corridors/0/capacity",
     "every product has mass 0"},
    {"line licence denied",
     HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'license':'q'}]," REQS
                ",'licenses':[{'id':'q','status':'denied','covers':{'lines':['l']}}]}",
     "/lines/0/license", "line \"l\" can never produce: its licence \"q\" is denied"},
    {"pending licence past the horizon",
     BASE ",'licenses':[{'id':'q','status':'pending','submitted':'P2','review':1,'covers':{'lines':"
          "['l']}}]}",
     "/licenses/0", "cannot be approved within the horizon"},
    {"reserve without priority", BASE ",'stocks':[{'product':'p','reserve':5}]}",
     "/stocks/0/reserve", "its \"reserve_priority\" is 0"},
    {"terminal priority without a terminal goal",
     BASE ",'stocks':[{'product':'p','initial':1,'terminal_priority':3}]}",
     "/stocks/0/terminal_priority",
     "the terminal_priority of \"p\" has no effect: its \"terminal\" is 0"},
};

static char *unquote(const char *s)
{
    size_t n = strlen(s), i;
    char *d = malloc(n + 1);
    for (i = 0; i <= n; i++)
        d[i] = s[i] == '\'' ? '"' : s[i];
    return d;
}

/* Loads json; returns the load status and leaves the diagnostics in d. */
static int load_with(const char *json, const ars_limits *lim, ars_diag *d, ars_model **out)
{
    char *text = unquote(json);
    ars_model *m = NULL;
    int rc;
    ars_diag_init(d);
    rc = ars_model_load_text(text, strlen(text), lim, &m, d);
    free(text);
    if (out)
        *out = m;
    else
        ars_model_free(m);
    return rc;
}

static const ars_diag_item *find(const ars_diag *d, ars_severity sev, const char *ptr,
                                 const char *msg)
{
    size_t i;
    for (i = 0; i < d->count; i++)
        if (d->items[i].severity == sev && strcmp(d->items[i].pointer, ptr) == 0 &&
            strstr(d->items[i].message, msg))
            return &d->items[i];
    return NULL;
}

static void dump(const ars_diag *d)
{
    ars_diag_print(d, "  case", stderr);
}

static void run_cases(const vcase *cases, size_t n, ars_severity sev)
{
    size_t i;
    for (i = 0; i < n; i++) {
        ars_diag d;
        int rc = load_with(cases[i].json, NULL, &d, NULL);
        int before = ars_test_failures;
        if (sev == ARS_SEV_ERROR) {
            ASSERT_INT_EQ(rc, ARS_EINVALID);
        } else {
            ASSERT_INT_EQ(rc, ARS_OK);
            ASSERT_INT_EQ(d.nerrors, 0);
        }
        ASSERT_TRUE(find(&d, sev, cases[i].pointer, cases[i].message) != NULL);
        if (ars_test_failures != before) {
            fprintf(stderr, "FAIL %s: wanted %s: %s\n", cases[i].name, cases[i].pointer,
                    cases[i].message);
            dump(&d);
        } else {
            fprintf(stderr, "ok   %s\n", cases[i].name);
        }
        ars_diag_free(&d);
    }
}

static void test_rules(void)
{
    run_cases(ERRORS, sizeof ERRORS / sizeof ERRORS[0], ARS_SEV_ERROR);
}

static void test_warnings(void)
{
    run_cases(WARNINGS, sizeof WARNINGS / sizeof WARNINGS[0], ARS_SEV_WARNING);
}

/* The base model and the `_` escape hatch are clean: no false positives. */
static void test_clean(void)
{
    ars_diag d;
    ASSERT_INT_EQ(load_with(BASE ",'_source':{'Capacity':1},'currency':'EUR'}", NULL, &d, NULL),
                  ARS_OK);
    ASSERT_INT_EQ(d.count, 0);
    ars_diag_free(&d);
    /* Empty requirements and lines are legal (documented). */
    ASSERT_INT_EQ(load_with(HEAD PRODS "'lines':[],'requirements':[]}", NULL, &d, NULL), ARS_OK);
    ars_diag_free(&d);
    /* Labels without a common shape are taken in the order given. */
    ASSERT_INT_EQ(load_with("{'arsenal':1,'periods':['jan','feb','mar']," PRODS LINES REQS "}",
                            NULL, &d, NULL),
                  ARS_OK);
    ars_diag_free(&d);
}

/* Every error of a file at once, in document order. */
static void test_all_errors(void)
{
    ars_diag d;
    int rc = load_with(
        HEAD "'products':[{'id':'p','mass':-1}],"
             "'lines':[{'id':'l','country':'UA','capacity':'x','produces':[{'product':'q'}]}],"
             "'requirements':[{'id':'r','demand':1,'priority':-3}]}",
        NULL, &d, NULL);
    ASSERT_INT_EQ(rc, ARS_EINVALID);
    ASSERT_INT_EQ(d.nerrors, 4);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "/products/0/mass", "found the number -1") != NULL);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "/lines/0/capacity", "found the string \"x\"") != NULL);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "/lines/0/produces/0/product", "unknown product \"q\"") !=
                NULL);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "/requirements/0/priority", "found the number -3") != NULL);
    ars_diag_free(&d);
}

/* line:column of values, of keys (unknown field, duplicate key) and of
 * syntax errors; the column counts characters, not bytes. */
static void test_positions(void)
{
    ars_diag d;
    const ars_diag_item *it;
    const char *text =
        "{\"arsenal\": 1,\n"
        " \"periods\": [\"P1\"],\n"
        " \"products\": [{\"id\": \"p\", \"name\": \"\xc3\xa9t\xc3\xa9\", \"mass\": -2}],\n"
        " \"lines\": [{\"id\": \"l\", \"country\": \"UA\",\n"
        "            \"capacity\": 1, \"Rate\": 2}],\n"
        " \"requirements\": []}";
    ars_model *m = NULL;
    ars_diag_init(&d);
    ASSERT_INT_EQ(ars_model_load_text(text, strlen(text), NULL, &m, &d), ARS_EINVALID);
    it = find(&d, ARS_SEV_ERROR, "/products/0/mass", "-2");
    ASSERT_TRUE(it != NULL);
    if (it) {
        /* line 3: ` "products": [{"id": "p", "name": "été", "mass": -2}]`:
         * `[` is character 14, `"name"` 27-32, `"été"` 35-39 (5 characters,
         * 7 bytes), `"mass"` 42-47, `: ` 48-49, so -2 starts at 50. */
        ASSERT_INT_EQ(it->line, 3);
        ASSERT_INT_EQ(it->col, 50);
    }
    it = find(&d, ARS_SEV_ERROR, "/lines/0/Rate", "unknown field");
    ASSERT_TRUE(it != NULL);
    if (it) {
        /* line 5: 12 spaces, `"capacity": 1, ` (15 characters), then the key. */
        ASSERT_INT_EQ(it->line, 5);
        ASSERT_INT_EQ(it->col, 28);
    }
    ars_diag_free(&d);

    /* Syntax: a missing comma on line 2. */
    ars_diag_init(&d);
    ASSERT_INT_EQ(ars_model_load_text("{\"a\": 1,\n  \"b\": 2 \"c\": 3}", 25, NULL, &m, &d),
                  ARS_EINVALID);
    ASSERT_INT_EQ(d.count, 1);
    ASSERT_INT_EQ(d.items[0].line, 2);
    ASSERT_INT_EQ(d.items[0].col, 10);
    ASSERT_CONTAINS(d.items[0].message, "expected ',' or '}' after an object member, found '\"'");
    ars_diag_free(&d);
}

static void expect_syntax(const char *text, size_t len, const char *msg, int line, int col)
{
    ars_diag d;
    ars_model *m = NULL;
    int rc;
    ars_diag_init(&d);
    rc = ars_model_load_text(text, len, NULL, &m, &d);
    ASSERT_INT_EQ(rc, ARS_EINVALID);
    ASSERT_TRUE(m == NULL);
    ASSERT_INT_EQ(d.nerrors, 1);
    if (d.count) {
        ASSERT_STR_EQ(d.items[0].pointer, "");
        ASSERT_CONTAINS(d.items[0].message, msg);
        ASSERT_INT_EQ(d.items[0].line, line);
        ASSERT_INT_EQ(d.items[0].col, col);
    }
    ars_diag_free(&d);
}

static void test_syntax(void)
{
    expect_syntax("", 0, "empty model", 1, 1);
    expect_syntax("  \n ", 4, "empty model", 2, 2);
    expect_syntax("\xef\xbb\xbf{}", 5, "byte order mark (BOM)", 1, 1);
    expect_syntax("{\"a\": [1, 2", 11, "unexpected end of input: expected ']'", 1, 12);
    expect_syntax("{\"a\": 1} x", 10, "unexpected data after JSON: 'x'", 1, 10);
    expect_syntax("{\"a\": NaN}", 10, "NaN is not valid JSON", 1, 7);
    expect_syntax("{\"a\": -Infinity}", 16, "Infinity is not valid JSON", 1, 7);
    expect_syntax("{\"a\": 01}", 9, "leading zero", 1, 7);
    expect_syntax("{\"a\": 1.}", 9, "expected a digit after '.'", 1, 7);
    expect_syntax("{\"a\": [1,]}", 11, "trailing comma", 1, 10);
    expect_syntax("{\"a\": \"x\\u0000y\"}", 17, "NUL character (\\u0000)", 1, 9);
    expect_syntax("{\"a\": \"x\ty\"}", 12, "raw control character", 1, 9);
    expect_syntax("{\"a\": \"\xff\"}", 10, "invalid UTF-8", 1, 8);
    expect_syntax("{\"a\": \"\xc0\xaf\"}", 11, "invalid UTF-8", 1, 8);
    expect_syntax("{\"a\" 1}", 7, "expected ':'", 1, 6);
    expect_syntax("{a: 1}", 6, "expected a string key, found 'a'", 1, 2);
    expect_syntax("{\"a\": tru}", 10, "expected a JSON value", 1, 7);
    expect_syntax("{\"a\": \"\\x\"}", 11, "invalid escape", 1, 8);
    expect_syntax("{\"a\": \"\\ud800\"}", 15, "high surrogate", 1, 8);
    {
        /* A NUL byte in the raw text (not the end of a C string here). */
        static const char nul[] = {'{', '"', 'a', 0, '"', ':', '1', '}'};
        expect_syntax(nul, sizeof nul, "NUL byte in string", 1, 4);
    }
    {
        char num[80];
        memset(num, '1', 70);
        num[70] = '\0';
        {
            char text[100];
            snprintf(text, sizeof text, "[%s]", num);
            expect_syntax(text, strlen(text), "number too long", 1, 2);
        }
    }
}

static void test_limits(void)
{
    ars_limits lim;
    ars_diag d;
    ars_model *m = NULL;
    char deep[300];
    int i;
    ars_limits_default(&lim);
    ASSERT_INT_EQ(lim.max_bytes, 64 << 20);
    ASSERT_INT_EQ(lim.max_depth, 64);
    ASSERT_INT_EQ(lim.max_periods, 10000);

    lim.max_periods = 1;
    ASSERT_INT_EQ(load_with(BASE "}", &lim, &d, NULL), ARS_ELIMIT);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "/periods", "2 periods, over the limit max_periods=1") !=
                NULL);
    ars_diag_free(&d);

    ars_limits_default(&lim);
    lim.max_items = 1;
    ASSERT_INT_EQ(
        load_with(HEAD "'products':[{'id':'a'},{'id':'b'}]," LINES REQS "}", &lim, &d, NULL),
        ARS_ELIMIT);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "/products", "2 entries, over the limit max_items=1") !=
                NULL);
    ars_diag_free(&d);

    ars_limits_default(&lim);
    lim.max_bytes = 10;
    ASSERT_INT_EQ(load_with(BASE "}", &lim, &d, NULL), ARS_ELIMIT);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "", "over the limit max_bytes=10") != NULL);
    ars_diag_free(&d);

    /* Columns, by the documented estimate, for BASE: T = 2, one produce
     * entry (X = 1), one met_by (U = 1), R = 1, P = 1, no funds:
     * 2 * (1 + 1 + 1 + 2) = 10 columns; non-zeros 2 * (5 + 2 + 1 + 4) = 24. */
    ars_limits_default(&lim);
    lim.max_variables = 9;
    ASSERT_INT_EQ(load_with(BASE "}", &lim, &d, NULL), ARS_ELIMIT);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "/periods",
                     "about 10 columns (2 periods), over the limit max_variables=9") != NULL);
    ars_diag_free(&d);
    lim.max_variables = 10;
    lim.max_nonzeros = 23;
    ASSERT_INT_EQ(load_with(BASE "}", &lim, &d, NULL), ARS_ELIMIT);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "/periods", "about 24 non-zeros") != NULL);
    ars_diag_free(&d);
    lim.max_nonzeros = 24;
    ASSERT_INT_EQ(load_with(BASE "}", &lim, &d, NULL), ARS_OK);
    ars_diag_free(&d);

    /* Nesting: 65 levels against the default 64. */
    for (i = 0; i < 65; i++)
        deep[i] = '[';
    for (i = 0; i < 65; i++)
        deep[65 + i] = ']';
    ars_diag_init(&d);
    ASSERT_INT_EQ(ars_model_load_text(deep, 130, NULL, &m, &d), ARS_ELIMIT);
    ASSERT_CONTAINS(d.count ? d.items[0].message : NULL,
                    "nesting deeper than the limit max_depth=64");
    ASSERT_INT_EQ(d.count ? d.items[0].col : 0, 65);
    ars_diag_free(&d);
    /* 64 levels pass the scanner (and then fail as a model). */
    ars_diag_init(&d);
    ASSERT_INT_EQ(ars_model_load_text(deep + 1, 128, NULL, &m, &d), ARS_EINVALID);
    ASSERT_CONTAINS(d.count ? d.items[0].message : NULL, "expected the model object");
    ars_diag_free(&d);
}

static void test_error_cap(void)
{
    /* 1500 bad products: errors stop at 1000 plus one line saying so. */
    size_t cap = 1500 * 20 + 200, o = 0;
    char *t = malloc(cap);
    ars_diag d;
    ars_model *m = NULL;
    int i;
    o += (size_t)snprintf(t + o, cap - o, "{\"arsenal\":1,\"periods\":[\"P1\"],\"products\":[");
    for (i = 0; i < 1500; i++)
        o += (size_t)snprintf(t + o, cap - o, "%s{\"id\":\"a b\"}", i ? "," : "");
    o += (size_t)snprintf(t + o, cap - o, "],\"lines\":[],\"requirements\":[]}");
    ars_diag_init(&d);
    ASSERT_INT_EQ(ars_model_load_text(t, o, NULL, &m, &d), ARS_EINVALID);
    ASSERT_INT_EQ(d.nerrors, 1001);
    ASSERT_CONTAINS(d.items[1000].message, "too many errors: stopped after 1000");
    ars_diag_free(&d);
    free(t);
}

int main(void)
{
    RUN_TEST(test_rules);
    RUN_TEST(test_warnings);
    RUN_TEST(test_clean);
    RUN_TEST(test_all_errors);
    RUN_TEST(test_positions);
    RUN_TEST(test_syntax);
    RUN_TEST(test_limits);
    RUN_TEST(test_error_cap);
    TEST_EXIT();
}
