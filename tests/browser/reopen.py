"""After a restart of a server with --data: the page lists the studies the
tour made (a done 50-point grid among them) and reopens one, with its
summary, chart and progress.

usage: reopen.py URL OUTDIR"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402

URL, OUT = sys.argv[1:3]
b = Browser()
try:
    b.viewport(1280, 800)
    b.goto(URL + "/")
    b.wait("document.querySelector('#summary .status-optimal') !== null", 60, "the default answer")
    b.js("document.getElementById('tab-studies').click()")
    b.wait("document.querySelectorAll('#study-list tbody tr button').length >= 4", 20,
           "the studies of before the restart")
    # the grid of 50 points, done
    opened = b.js("""(() => {
        const row = [...document.querySelectorAll('#study-list tbody tr')]
            .find(r => r.cells[1].textContent === 'grid' && r.cells[3].textContent === '50/50');
        if (!row) return false;
        row.querySelector('button').click();
        return true; })()""")
    if not opened:
        print("FAIL: no done 50-point grid in the list: "
              + b.js("document.getElementById('study-list').textContent"), file=sys.stderr)
        sys.exit(1)
    b.wait("document.getElementById('study-count').textContent.startsWith('done: 50 of 50')", 20,
           "the reopened study")
    b.wait("(document.querySelector('#study-chart img') || {}).naturalWidth > 0", 20, "its chart")
    b.wait("document.querySelectorAll('#study-summary tbody tr').length > 0", 20, "its summary")
    b.screenshot(os.path.join(OUT, "study-reopened.png"))
    print("ok   studies listed and reopened after a restart")
finally:
    b.close()
