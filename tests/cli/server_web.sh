#!/usr/bin/env bash
# arsenal serve, the web page's side of the server: static files (types,
# ETag and 304, gzip, CSP, no token needed, --web off), the shipped models,
# LP/MPS export, plan charts (the same SVG as `arsenal solve --charts`),
# what-if with explain, and a study's chart.
# valgrind: skip (the server runs under ASan+UBSan in ctest)
set -euo pipefail
ARS=$1
cd "$(dirname "$0")/../.."
. tests/cli/lib/server.sh
SMALL=tests/data/server/small.json
TUT=models/tutorial.json

start_server web --data "$WORK/data" --workers 1

# Static files: byte for byte what web/ holds, with their types.
expect_eq "GET / 200" "$(http GET /)" 200
cmp -s "$WORK/body" web/index.html && ok "/ is web/index.html" || fail "/ differs from web/index.html"
expect_eq "html type" "$(header Content-Type)" "text/html; charset=utf-8"
expect_eq "no-cache (revalidate with the ETag)" "$(header Cache-Control)" no-cache
csp=$(header Content-Security-Policy)
expect_contains "CSP: script from this origin only" "$csp" "script-src 'self';"
expect_contains "CSP: style from this origin only" "$csp" "style-src 'self';"
expect_contains "CSP: nothing by default" "$csp" "default-src 'none'"
expect_contains "CSP: no framing" "$csp" "frame-ancestors 'none'"
case "$csp" in *unsafe-inline* | *unsafe-eval* | *http:* | *https:*) fail "CSP allows more: $csp" ;; *) ok "CSP has no inline, eval or other origin" ;; esac
etag=$(header ETag)
expect_eq "GET /app.js" "$(http GET /app.js)" 200
cmp -s "$WORK/body" web/app.js && ok "/app.js is web/app.js" || fail "/app.js differs"
expect_eq "js type" "$(header Content-Type)" "text/javascript; charset=utf-8"
expect_eq "GET /style.css" "$(http GET /style.css)" 200
expect_eq "css type" "$(header Content-Type)" "text/css; charset=utf-8"

# ETag: If-None-Match with it is 304 with no body; another tag is 200.
rm -f "$WORK/body"
expect_eq "If-None-Match 304" "$(http GET / -H "If-None-Match: $etag")" 304
[ ! -s "$WORK/body" ] && ok "304 has no body" || fail "304 has a body"
r=$(raw "GET / HTTP/1.1\r\nIf-None-Match: $etag\r\nConnection: close\r\n\r\n" 3)
case "$r" in *Content-Length*) fail "304 with a Content-Length" ;; *) ok "304 without Content-Length" ;; esac
expect_eq "nothing after the 304's headers" "$(printf %s "$r" | sed '1,/^\r$/d' | wc -c | tr -d ' ')" 0
expect_eq "304 repeats the ETag" "$(header ETag)" "$etag"
expect_eq "If-None-Match in a list 304" "$(http GET / -H "If-None-Match: \"x\", $etag")" 304
expect_eq "another ETag 200" "$(http GET / -H 'If-None-Match: "0000"')" 200

# gzip when asked (and only then): decompresses to the file; its own ETag.
expect_eq "gzip 200" "$(http GET /app.js -H 'Accept-Encoding: gzip, deflate, br')" 200
expect_eq "Content-Encoding gzip" "$(header Content-Encoding)" gzip
expect_eq "Vary" "$(header Vary)" Accept-Encoding
gzip -dc <"$WORK/body" | cmp -s - web/app.js && ok "gzip body decompresses to app.js" || fail "gzip body differs"
gz_size=$(wc -c <"$WORK/body" | tr -d ' ')
js_size=$(wc -c <web/app.js | tr -d ' ')
echo "app.js: $js_size bytes, $gz_size gzipped"
[ "$gz_size" -lt "$js_size" ] && ok "gzip is smaller" || fail "gzip not smaller"
gz_etag=$(header ETag)
[ "$gz_etag" != "$(http GET /app.js >/dev/null; header ETag)" ] && ok "gzip has its own ETag" || fail "same ETag for gzip"
expect_eq "gzip;q=0 is identity" "$(http GET /app.js -H 'Accept-Encoding: gzip;q=0')" 200
expect_eq "no Content-Encoding with q=0" "$(header Content-Encoding)" ""

expect_eq "POST / 405" "$(http POST / -H 'Content-Type: application/json' -d '{}')" 405
expect_eq "405 Allow GET" "$(header Allow)" GET
expect_eq "unknown file 404" "$(http GET /secret.html)" 404
expect_eq "no folder walking 404" "$(http GET /../CMakeLists.txt)" 404

# Shipped models: the list is models/*.json, each served byte for byte.
expect_eq "GET /v1/models" "$(http GET /v1/models)" 200
want=$(cd models && ls *.json | sed 's/\.json$//' | sort | tr '\n' ' ')
expect_eq "every shipped model listed" "$(body | json '" ".join(sorted(m["name"] for m in j["models"])) + " "')" "$want"
expect_eq "baseline is the default" "$(body | json '[m["name"] for m in j["models"] if m["default"]]')" "['baseline']"
expect_eq "GET /v1/models/tutorial" "$(http GET /v1/models/tutorial)" 200
cmp -s "$WORK/body" "$TUT" && ok "model served byte for byte" || fail "model text differs"
expect_eq "model type" "$(header Content-Type)" application/json
expect_eq "unknown model 404" "$(http GET /v1/models/nope)" 404
expect_eq "bad model name 404" "$(http GET '/v1/models/..%2fx')" 404

# Export: what `arsenal export` writes.
"$ARS" export "$TUT" --lp "$WORK/ref.lp" --mps "$WORK/ref.mps"
expect_eq "export LP 200" "$(post_json '/v1/export?format=lp' "$TUT")" 200
cmp -s "$WORK/body" "$WORK/ref.lp" && ok "LP equals arsenal export --lp" || fail "LP differs"
expect_eq "export MPS 200" "$(post_json '/v1/export?format=mps' "$TUT")" 200
cmp -s "$WORK/body" "$WORK/ref.mps" && ok "MPS equals arsenal export --mps" || fail "MPS differs"
expect_eq "export default is LP" "$(post_json /v1/export "$TUT")" 200
cmp -s "$WORK/body" "$WORK/ref.lp" && ok "default export is LP" || fail "default export differs"
expect_eq "bad format 400" "$(post_json '/v1/export?format=xls' "$TUT")" 400
expect_eq "400 names query.format" "$(body | json 'j["field"]')" query.format
expect_eq "format on solve 400" "$(post_json '/v1/solve?format=lp' "$TUT")" 400
printf '{"arsenal": 1,' >"$WORK/broken.json"
expect_eq "export of broken JSON 400" "$(post_json /v1/export "$WORK/broken.json")" 400
ls "${TMPDIR:-/tmp}"/arsenal-export-* >/dev/null 2>&1 && fail "export left a temporary file" || ok "no temporary file left"

# Plan charts. small.json: one line (capacity 10, cost 2) and demand 6, so
# the plan makes 6 in P1: the y axis ends at 6 (ticks 0, 2, 4, 6) and the
# single point sits on its top (y = 46, the top margin); the fill rate is
# 100%, also at the top.
expect_eq "solve with charts 200" "$(post_json '/v1/solve?charts=1' "$SMALL")" 200
body | json 'j["charts"]["output"]' >"$WORK/output.svg"
body | json 'j["charts"]["fill_rate"]' >"$WORK/fill_rate.svg"
expect_eq "chart names" "$(body | json 'sorted(j["charts"])')" "['fill_rate', 'funds', 'output']"
expect_contains "output y axis ends at 6" "$(cat "$WORK/output.svg")" 'data-y-max="6"'
expect_contains "output: one series" "$(cat "$WORK/output.svg")" 'data-series="1"'
expect_contains "output point at the top" "$(cat "$WORK/output.svg")" ',46.0"/>'
expect_contains "fill rate 100% at the top" "$(cat "$WORK/fill_rate.svg")" ',46.0"/>'
expect_contains "legend names the line" "$(cat "$WORK/output.svg")" '>l1</text>'
# The tutorial: a series per line (2), per requirement (1), two per fund (2).
expect_eq "tutorial charts 200" "$(post_json '/v1/solve?charts=1' "$TUT")" 200
expect_eq "series per chart" \
  "$(body | json '[j["charts"][k].split("data-series=\"")[1].split("\"")[0] for k in ("output", "fill_rate", "funds")]')" \
  "['2', '1', '4']"
# The CLI draws the same pictures.
"$ARS" solve "$TUT" --charts "$WORK/charts" --format json >/dev/null
for c in output fill_rate funds; do
  body | json "j['charts']['$c']" | head -c -1 >"$WORK/server-$c.svg"
  cmp -s "$WORK/server-$c.svg" "$WORK/charts/$c.svg" && ok "$c.svg: CLI and server agree" \
    || fail "$c.svg differs between CLI and server"
done
# The CSV tables: what `arsenal export --format csv` writes, and nothing
# left in the temporary folder.
expect_eq "solve with tables 200" "$(post_json '/v1/solve?tables=1' "$TUT")" 200
mkdir "$WORK/csv"
"$ARS" export "$TUT" --format csv --output "$WORK/csv"
for t in plan shortfalls payments bottlenecks; do
  body | json "j['tables']['$t.csv']" | head -c -1 >"$WORK/server-$t.csv"
  cmp -s "$WORK/server-$t.csv" "$WORK/csv/$t.csv" && ok "$t.csv: CLI and server agree" \
    || fail "$t.csv differs between arsenal export and the server"
done
ls -d "${TMPDIR:-/tmp}"/arsenal-tables-* >/dev/null 2>&1 && fail "tables left a temporary folder" || ok "no temporary folder left"
expect_eq "tables on check 400" "$(post_json '/v1/check?tables=1' "$TUT")" 400
expect_eq "no charts without asking" "$(post_json /v1/solve "$TUT" >/dev/null; body | json '"charts" in j')" False
expect_eq "charts on check 400" "$(post_json '/v1/check?charts=1' "$TUT")" 400
: >"$WORK/afile"
set +e
"$ARS" solve "$TUT" --charts "$WORK/afile" --format json >/dev/null 2>"$WORK/charts.err"
rc=$?
set -e
expect_eq "--charts onto a file fails" "$rc" 3
expect_contains "and says where" "$(cat "$WORK/charts.err")" "afile"

# What-if takes explain (the page compares bottlenecks), ranged as the CLI's
# whatif is so that degenerate prices stay out of the bottleneck diff.
printf '{"model": %s, "set": ["lines.l1.capacity=4"]}' "$(cat $SMALL)" >"$WORK/wi.json"
expect_eq "whatif explain 200" "$(post_json '/v1/whatif?explain=1' "$WORK/wi.json")" 200
expect_eq "capacity 4 binds in the variant" \
  "$(body | json '[b["id"] for b in j["variants"][0]["result"]["bottlenecks"]]')" "['cap:l1']"
expect_eq "licence_value on whatif still 400" "$(post_json '/v1/whatif?licence_value=1' "$WORK/wi.json")" 400

# A study's chart (the one `arsenal sweep --svg` draws) once it has ended.
printf '{"model": %s, "study": {"type": "grid", "parameters": [{"path": "lines.l1.capacity", "values": [2, 4, 6, 8]}]}}' \
  "$(cat $SMALL)" >"$WORK/grid.json"
expect_eq "study 202" "$(post_json /v1/studies "$WORK/grid.json")" 202
id=$(body | json 'j["id"]')
study_done() { [ "$(curl -s "$URL/v1/studies/$id" | json 'j["state"]')" = done ]; }
wait_for 120 study_done || true
expect_eq "study SVG 200" "$(http GET "/v1/studies/$id" -H 'Accept: image/svg+xml')" 200
expect_eq "SVG type" "$(header Content-Type)" image/svg+xml
# shortfall = max(0, 6 - capacity) over 2, 4, 6, 8: from 0 to 4
expect_contains "study chart's y range" "$(body)" 'data-y-max="4"'
stop_server
expect_eq "server exits 0 (no sanitizer report)" "$RC" 0

# No temporary folder for the tables: a clear 500, not a crash or a partial
# answer; the same solve without tables still works.
TMPDIR="$WORK/missing" start_server notmp
expect_eq "tables without a temporary folder 500" "$(post_json '/v1/solve?tables=1' "$SMALL")" 500
expect_contains "says what could not be made" "$(body | json 'j["message"]')" "CSV tables"
expect_eq "plain solve still 200" "$(post_json /v1/solve "$SMALL")" 200
stop_server

# --web off: no page (and the API unchanged).
start_server noweb --web off
expect_eq "--web off: / 404" "$(http GET /)" 404
expect_eq "--web off: app.js 404" "$(http GET /app.js)" 404
expect_eq "--web off: API still there" "$(http GET /v1/models)" 200
stop_server
expect_eq "server exits 0 (no sanitizer report)" "$RC" 0
set +e
"$ARS" serve --web maybe 2>"$WORK/web.err"
rc=$?
set -e
expect_eq "--web maybe refused" "$rc" 2

# With a token the page itself needs none (it holds no data and asks for
# the token); every API call does.
TOKEN=0123456789abcdef-web-token
printf '%s\n' "$TOKEN" >"$WORK/tokens"
chmod 600 "$WORK/tokens" # the server refuses a token file others may read
start_server auth --token-file "$WORK/tokens"
expect_eq "page without token 200" "$(http GET /)" 200
expect_eq "script without token 200" "$(http GET /app.js)" 200
expect_eq "models without token 401" "$(http GET /v1/models)" 401
expect_eq "a model without token 401" "$(http GET /v1/models/baseline)" 401
expect_eq "export without token 401" "$(post_json /v1/export "$TUT")" 401
expect_eq "models with token 200" "$(http GET /v1/models -H "Authorization: Bearer $TOKEN")" 200
stop_server
expect_eq "server exits 0 (no sanitizer report)" "$RC" 0
finish
