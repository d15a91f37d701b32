"""The planner's tour of the web page in headless chromium: the default
answer with no click, a model with an error found by line:column and fixed,
a solve, a what-if, a 50-point study watched to the end, downloads, a phone
width, and a server with a token. The numbers the page shows are checked
against `arsenal solve` / `arsenal whatif` run separately (the CLI path, not
the page's), the error position against where the test put the error.

usage: tour.py ARSENAL URL TOKEN_URL TOKEN OUTDIR
Screenshots go to OUTDIR (the build tree)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402

ARS, URL, TOKEN_URL, TOKEN, OUT = sys.argv[1:6]
os.makedirs(OUT, exist_ok=True)
fails = 0


def check(what, ok, detail=""):
    global fails
    if ok:
        print("ok   " + what)
    else:
        fails += 1
        print("FAIL: %s %s" % (what, detail), file=sys.stderr)


def group(s):
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    whole, _, frac = s.partition(".")
    g = "{:,}".format(int(whole))
    return ("-" if neg else "") + g + ("." + frac if frac else "")


def fmt_num(v):
    """The CLI table's rule (integers bare, else two decimals), grouped."""
    if abs(v) < 1e-9:
        v = 0.0
    if abs(v - round(v)) < 1e-6:
        return group("%.0f" % v)
    return group("%.2f" % v)


def cli_json(*args):
    out = subprocess.run([ARS, *args], check=False, capture_output=True, text=True)
    return json.loads(out.stdout)


def text_of(b, selector):
    return b.js("(document.querySelector(%s) || {}).textContent || ''" % json.dumps(selector))


def click(b, selector):
    b.js("document.querySelector(%s).click()" % json.dumps(selector))


def set_value(b, selector, value):
    b.js("(() => { const e = document.querySelector(%s); e.value = %s;"
         " e.dispatchEvent(new Event('input', {bubbles: true})); })()"
         % (json.dumps(selector), json.dumps(value)))


def wait_file(path, timeout=60):
    """The download of path (in the downloads folder) has completed, and it
    is not empty."""
    return (b.wait_download(os.path.basename(path), timeout) and os.path.exists(path)
            and os.path.getsize(path) > 0)


downloads = tempfile.mkdtemp(prefix="arsenal-downloads-")
b = Browser()
try:
    b.viewport(1280, 800)
    b.allow_downloads(downloads)

    # 1. The default answer, with no click.
    t0 = time.time()
    b.goto(URL + "/")
    b.wait("document.querySelector('#summary .status-optimal') !== null", 60, "the default answer")
    print("default answer shown after %.2f s" % (time.time() - t0))
    base = cli_json("solve", "--format", "json")
    cards = b.js("[...document.querySelectorAll('#summary .card')]"
                 ".map(c => [c.children[0].textContent, c.children[1].textContent])")
    cards = dict(cards)
    check("default status", cards.get("status") == base["status"], cards)
    check("default weighted shortfall as the CLI computes it",
          cards.get("weighted shortfall") == fmt_num(base["objective"]["shortfall"]),
          (cards.get("weighted shortfall"), base["objective"]["shortfall"]))
    cost = base["objective"]["cost"]
    check("default cost in millions", cards.get("cost") == "%.2fM" % (cost / 1e6), (cards, cost))
    rows = b.js("document.querySelectorAll('#requirements tbody tr').length")
    check("a row per requirement", rows == len(base["requirements"]), rows)
    fills = b.js("[...document.querySelectorAll('#requirements tbody tr')]"
                 ".map(r => r.cells[4].textContent.trim())")
    want = ["%.1f%%" % (100 * q["total"]["fill_rate"]) for q in base["requirements"]]
    check("fill rates", fills == want, (fills, want))
    check("funds table", b.js("document.querySelectorAll('#funds tbody tr').length")
          == len(base["plan"]["funds"]))
    lic = b.js("[...document.querySelectorAll('#licences tbody tr')]"
               ".map(r => [r.cells[0].textContent, r.cells[2].textContent])")
    want = [[l["licence"], l["approved"] or "never (within the horizon)"]
            for l in base["plan"]["licences"]]
    check("licences and when they are usable", lic == want, (lic, want))
    check("five bottlenecks", b.js("document.querySelectorAll('#bottlenecks li').length") == 5)
    b.wait("[...document.querySelectorAll('#charts img')].every(i => i.complete && i.naturalWidth > 0)"
           " && document.querySelectorAll('#charts img').length === 3", 10, "three charts")
    check("three charts drawn", True)
    b.screenshot(os.path.join(OUT, "answer.png"))
    b.js("document.querySelector('#charts').scrollIntoView()")
    b.screenshot(os.path.join(OUT, "answer-charts.png"))
    b.js("window.scrollTo(0, 0)")

    # 2. A model with an error, by file: the error's line:column and
    # pointer, and a click puts the caret there.
    tut = open("models/tutorial.json").read()
    bad = tut.replace('"periods"', '"periodz"', 1)
    off = bad.index('"periodz"')
    line = bad.count("\n", 0, off) + 1
    col = off - (bad.rfind("\n", 0, off) + 1) + 1
    bad_path = os.path.abspath(os.path.join(tempfile.gettempdir(), "arsenal-bad-%d.json" % os.getpid()))
    with open(bad_path, "w") as f:
        f.write(bad)
    click(b, "#tab-model")
    b.set_file("#file", bad_path)
    b.wait("document.querySelectorAll('#diagnostics li.error').length > 0", 20, "diagnostics")
    first = b.js("document.querySelector('#diagnostics li.error button').textContent")
    check("error shows line:column", first.startswith("%d:%d" % (line, col)), (first, line, col))
    check("error shows the pointer", "/periodz" in first, first)
    b.js("document.querySelector('#diagnostics li.error button').click()")
    caret = b.js("document.getElementById('editor').selectionStart")
    check("clicking the error puts the caret there", caret == off, (caret, off))
    b.screenshot(os.path.join(OUT, "model-error.png"))
    os.unlink(bad_path)

    # Solving it fails with a clear message and loses nothing.
    click(b, "#solve-model")
    b.wait("!document.getElementById('message').hidden", 20, "the solve error")
    msg = text_of(b, "#message")
    check("failed solve says why", "422" in msg and "periodz" in msg, msg)
    check("the editor keeps the text", b.js("document.getElementById('editor').value") == bad)

    # 3. Fix and solve.
    set_value(b, "#editor", tut)
    click(b, "#solve-model")
    b.wait("document.getElementById('model-name').textContent.startsWith('Tutorial')", 30,
           "the tutorial's answer")
    tres = cli_json("solve", "models/tutorial.json", "--format", "json")
    shown = b.js("document.querySelectorAll('#summary .card .value')[1].textContent")
    check("fixed model solved, shortfall as the CLI's", shown == fmt_num(tres["objective"]["shortfall"]),
          (shown, tres["objective"]["shortfall"]))
    check("message cleared", b.js("document.getElementById('message').hidden"))

    # Downloads: plan CSV of the tutorial (a row per line, product and
    # period) and the LP file.
    click(b, "#dl-plan")
    plan = os.path.join(downloads, "plan.csv")
    check("plan CSV downloaded", wait_file(plan))
    ref_dir = os.path.join(downloads, "ref")
    os.mkdir(ref_dir)
    subprocess.run([ARS, "export", "models/tutorial.json", "--format", "csv", "--output", ref_dir],
                   check=True)
    check("plan CSV equals arsenal export --format csv's",
          os.path.exists(plan) and open(plan).read() == open(os.path.join(ref_dir, "plan.csv")).read())
    click(b, "#dl-payments")
    pay = os.path.join(downloads, "payments.csv")
    check("payments CSV equals arsenal export's", wait_file(pay)
          and open(pay).read() == open(os.path.join(ref_dir, "payments.csv")).read())
    click(b, "#dl-lp")
    lp = os.path.join(downloads, "model.lp")
    check("LP downloaded", wait_file(lp))
    if os.path.exists(lp):
        ref = os.path.join(downloads, "ref.lp")
        subprocess.run([ARS, "export", "models/tutorial.json", "--lp", ref], check=True)
        check("LP equals arsenal export's", open(lp).read() == open(ref).read())
    click(b, "#dl-svg-output")
    check("output SVG downloaded", wait_file(os.path.join(downloads, "output.svg")))

    # 4. What-if on the default model: a scenario and a typed change.
    click(b, "#tab-model")
    b.js("document.getElementById('shipped').value = 'baseline'")
    click(b, "#load-shipped")
    b.wait("document.getElementById('editor').value.includes('funding_cliff')", 20, "baseline loaded")
    click(b, "#tab-whatif")
    b.wait("document.getElementById('scn-europe_cliff') !== null", 10, "scenario list")
    b.js("document.getElementById('scn-europe_cliff').checked = true")
    set_value(b, "#whatif-set", "lines[country=UA].availability*=0.8")
    click(b, "#whatif-run")
    b.wait("document.querySelectorAll('#whatif-table thead th').length === 4", 60, "what-if table")
    heads = b.js("[...document.querySelectorAll('#whatif-table thead th')].map(t => t.textContent)")
    check("base and both variants side by side", heads == ["", "base", "set", "europe_cliff"], heads)
    wi = subprocess.run([ARS, "whatif", "models/baseline.json", "--scenario", "europe_cliff",
                         "--format", "json"], capture_output=True, text=True)
    wj = json.loads(wi.stdout)
    d = wj["variants"][0]["shortfall"]["delta"]
    cell = b.js("document.querySelectorAll('#whatif-table tbody tr')[1].cells[3].textContent")
    # The page's variant is solved warm after the "set" column, the CLI's after
    # the base: each S is optimal only to the solver's tolerance (1e-9 of S,
    # model-format.md section 9), so the deltas may differ in the last cent.
    shown = cell[cell.rfind("(") + 1:cell.rfind(")")].replace(",", "").replace("\u2212", "-")
    try:
        close = abs(float(shown) - d) <= 2e-9 * abs(wj["base"]["shortfall"]) + 0.01
    except ValueError:
        close = False
    check("europe_cliff shortfall delta as arsenal whatif's", close, (cell, fmt_num(d)))
    check("bottleneck changes listed", b.js("document.querySelectorAll('#whatif-changes li').length") > 0)
    b.screenshot(os.path.join(OUT, "whatif.png"))

    # 5. A 50-point grid study with progress, to the end.
    click(b, "#tab-studies")
    check("grid of 50 by default", b.js("document.getElementById('grid-steps').value") == "50")
    click(b, "#study-start")
    b.wait("!document.getElementById('study-run').hidden", 20, "the study to start")
    seen = set()
    # About 3 s with GLPK, 20 to 40 s with CLP; bounded only against a hang.
    deadline = time.time() + 300
    while time.time() < deadline:
        v = b.js("[document.getElementById('study-progress').value,"
                 " document.getElementById('study-progress').max,"
                 " document.getElementById('study-count').textContent]")
        seen.add(v[0])
        if v[2].startswith("done"):
            break
        if 0 < v[0] < 50 and "mid" not in seen:
            seen.add("mid")
            b.screenshot(os.path.join(OUT, "study-running.png"))
        time.sleep(0.1)
    final = text_of(b, "#study-count")
    check("study done, 50 of 50", final.startswith("done: 50 of 50"), final)
    check("progress moved through intermediate values", "mid" in seen, sorted(x for x in seen if x != "mid"))
    b.wait("document.querySelectorAll('#study-summary tbody tr').length > 0", 20, "study summary")
    b.wait("(document.querySelector('#study-chart img') || {}).naturalWidth > 0", 20, "study chart")
    check("study summary and chart", True)
    click(b, "#study-csv")
    sid = b.js("document.getElementById('study-title').textContent.split(' ').pop()")
    csv = os.path.join(downloads, "study-%s.csv" % sid)
    check("study CSV downloaded", wait_file(csv))
    if os.path.exists(csv):
        check("study CSV has 50 points", len(open(csv).read().splitlines()) == 51)
    check("study listed", sid in text_of(b, "#study-list"))
    b.screenshot(os.path.join(OUT, "study.png"))

    # Cancel a running study: 5,000 points, so that it is still running when
    # the cancel arrives, however slow the machine. Then the other two
    # kinds, small.
    set_value(b, "#grid-steps", "5000")
    click(b, "#study-start")
    b.wait("document.getElementById('study-title').textContent.split(' ').pop() !== %s"
           % json.dumps(sid), 20, "a second study")
    click(b, "#study-cancel")
    b.wait("document.getElementById('study-count').textContent.startsWith('cancelled')", 60,
           "the cancelled state")
    check("study cancelled from the page", True)
    for kind, setup, points in (
            ("tornado", "", 5),  # the base, then two parameters down and up
            ("monte_carlo", "document.getElementById('mc-samples').value = '6';", 6)):
        b.js("document.getElementById('study-type').value = %s;"
             "document.getElementById('study-type').dispatchEvent(new Event('change'));" % json.dumps(kind)
             + setup)
        before = b.js("document.getElementById('study-title').textContent")
        click(b, "#study-start")
        b.wait("document.getElementById('study-title').textContent !== %s" % json.dumps(before), 20,
               kind + " start")
        b.wait("/^(done|failed)/.test(document.getElementById('study-count').textContent)", 90,
               kind + " end")
        final = text_of(b, "#study-count")
        check("%s study done, %d points" % (kind, points),
              final.startswith("done: %d of %d" % (points, points)), final)

    # 6. A phone's width: the answer still reads (no sideways page scroll).
    click(b, "#tab-answer")
    b.viewport(390, 844, mobile=True)
    b.wait("window.innerWidth === 390", 30, "the phone width")
    width = b.js("document.documentElement.scrollWidth")
    check("no page-wide horizontal scroll at 390 px", width <= 392, width)
    b.screenshot(os.path.join(OUT, "phone.png"))

    problems = b.problems()
    check("no console errors, exceptions or CSP refusals", not problems, problems)
finally:
    b.close()
    shutil.rmtree(downloads, ignore_errors=True)

# 7. A server with a token: the page asks once, keeps it for the tab, sends
# it as a header and never in a URL.
b = Browser()
try:
    b.viewport(1280, 800)
    b.goto(TOKEN_URL + "/")
    b.wait("(document.getElementById('token-dialog') || {hidden: true}).hidden === false", 30,
           "the token prompt")
    b.screenshot(os.path.join(OUT, "token.png"))
    b.js("document.getElementById('token-input').value = %s" % json.dumps(TOKEN))
    click(b, "#token-ok")
    b.wait("document.querySelector('#summary .status-optimal') !== null", 60,
           "the answer after the token")
    check("answer after one token prompt", True)
    check("token kept in sessionStorage", b.js("sessionStorage.getItem('arsenal.token')") == TOKEN)
    check("token not in localStorage", b.js("localStorage.length") == 0)
    urls = b.request_urls()
    check("token never in a URL", urls and not any(TOKEN in u for u in urls), urls)
    check("no console errors with a token",
          not [p for p in b.problems() if "401" not in p], b.problems())
finally:
    b.close()

if fails:
    print("%d check(s) failed" % fails, file=sys.stderr)
    sys.exit(1)
print("all checks passed; screenshots in " + OUT)
