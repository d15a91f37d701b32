// arsenal planner page: everything goes through the HTTP API of
// `arsenal serve` (docs/openapi.yaml); no framework, no build step.
// The token (servers started with --token-file) lives in sessionStorage
// only and travels as an Authorization header, never in a URL.
'use strict';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'arsenal.token';

const state = {
  result: null,      // last solve result (with charts)
  modelText: '',     // text of the model that result is for
  chartUrls: [],     // blob: URLs of the charts shown
  study: null,       // {id, timer}
};

// ------------------------------------------------------------ numbers
// Like the CLI table: whole numbers without decimals, others with two,
// very large or tiny with three significant digits; thousands grouped.
function group(s) {
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + g + (frac !== undefined ? '.' + frac : '');
}
function fmtNum(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (Math.abs(v) < 1e-9) v = 0;
  if (Math.abs(v) >= 1e15 || (v !== 0 && Math.abs(v) < 1e-3)) return v.toPrecision(3);
  if (Math.abs(v - Math.round(v)) < 1e-6) return group(Math.round(v).toFixed(0));
  return group(v.toFixed(2));
}
// Money as 10.19M, 1.25B, 512.3k.
function fmtMoney(v) {
  if (v === null || v === undefined) return '–';
  const a = Math.abs(v);
  if (a >= 1e9) return (v / 1e9).toFixed(2) + 'B';
  if (a >= 1e6) return (v / 1e6).toFixed(2) + 'M';
  if (a >= 1e4) return (v / 1e3).toFixed(1) + 'k';
  return fmtNum(v);
}
function fmtPct(v) {
  return v === null || v === undefined ? '–' : (100 * v).toFixed(1) + '%';
}
function fmtDelta(v, fmt) {
  if (v === null || v === undefined) return '–';
  if (Math.abs(v) < 1e-9) return '±0';
  return (v > 0 ? '+' : '') + fmt(v);
}
const sum = (a) => (a || []).reduce((s, x) => s + (x || 0), 0);

// ------------------------------------------------------------ DOM helpers
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}
function table(t, head, rows) {
  t.replaceChildren();
  if (head) t.append(el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col', text: h })))));
  const body = el('tbody');
  for (const r of rows) {
    if (r instanceof HTMLElement) { body.append(r); continue; }
    body.append(el('tr', {}, ...r.map((c, i) =>
      c instanceof HTMLElement ? el('td', {}, c) : el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, String(c)))));
  }
  t.append(body);
}
function showMessage(text, info) {
  const m = $('message');
  m.textContent = text || '';
  m.className = info ? 'info' : '';
  m.hidden = !text;
}
let busyCount = 0;
function busy(on) {
  busyCount += on ? 1 : -1;
  $('busy').hidden = busyCount <= 0;
}

// ------------------------------------------------------------ API
class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : 'HTTP ' + status);
    this.status = status;
    this.body = body;
  }
}

let tokenWaiters = null;
function askToken(why) {
  if (!tokenWaiters) {
    tokenWaiters = [];
    $('token-why').textContent = why;
    $('token-input').value = '';
    $('token-dialog').hidden = false;
    $('token-input').focus();
  }
  return new Promise((resolve) => tokenWaiters.push(resolve));
}
function tokenEntered() {
  const t = $('token-input').value.trim();
  if (!t) return;
  sessionStorage.setItem(TOKEN_KEY, t);
  $('token-dialog').hidden = true;
  const w = tokenWaiters || [];
  tokenWaiters = null;
  w.forEach((f) => f());
}

// api(method, path, {json, accept, raw}): parsed JSON (or text/blob);
// throws ApiError with the server's JSON error body.
async function api(method, path, opts = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: opts.accept || 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    let body;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = opts.body;
    }
    busy(true);
    let r;
    try {
      r = await fetch(path, { method, headers, body, cache: 'no-store' });
    } catch (e) {
      throw new ApiError(0, { message: 'cannot reach the server: ' + e.message });
    } finally {
      busy(false);
    }
    if (r.status === 401 && attempt < 5) {
      await askToken(token ? 'The server refused that token. Enter a valid one.'
        : 'This server needs a bearer token. It is kept for this browser tab only.');
      continue;
    }
    const type = r.headers.get('Content-Type') || '';
    if (!r.ok) {
      let b = null;
      try { b = type.includes('json') ? await r.json() : { message: await r.text() }; } catch (e) { b = null; }
      throw new ApiError(r.status, b);
    }
    if (opts.as === 'text') return r.text();
    return r.json();
  }
}

function errorText(e) {
  if (!(e instanceof ApiError)) return String(e);
  const b = e.body || {};
  let s = (e.status ? e.status + ' ' : '') + (b.error ? b.error + ': ' : '') + (b.message || e.message);
  if (b.field) s += ' (at ' + b.field + ')';
  return s;
}

// ------------------------------------------------------------ tabs
const tabs = ['answer', 'model', 'whatif', 'studies'];
function showTab(name) {
  for (const t of tabs) {
    $('tab-' + t).setAttribute('aria-selected', String(t === name));
    $('tab-' + t).tabIndex = t === name ? 0 : -1;
    $(t).hidden = t !== name;
  }
  if (name === 'whatif') renderScenarios();
  if (name === 'studies') refreshStudies();
}

// ------------------------------------------------------------ downloads
function download(name, data, type) {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
function needPlan() {
  if (!state.result || !state.result.plan) {
    showMessage('There is no plan to download yet.');
    return false;
  }
  return true;
}
async function downloadExport(format) {
  try {
    const text = await api('POST', '/v1/export?format=' + format, { body: state.modelText || $('editor').value, as: 'text' });
    download('model.' + format, text, 'text/plain');
  } catch (e) {
    showMessage('Export failed: ' + errorText(e));
  }
}

// ------------------------------------------------------------ the answer
function card(label, value, cls) {
  return el('div', { class: 'card' }, el('span', { class: 'label', text: label }), el('span', { class: 'value ' + (cls || ''), text: value }));
}

function renderResult(r) {
  state.result = r;
  const s = $('summary');
  s.replaceChildren(
    card('status', r.status, 'status-' + r.status),
    card('weighted shortfall', r.objective ? fmtNum(r.objective.shortfall) : '–'),
    card('cost', r.objective ? fmtMoney(r.objective.cost) : '–'),
    card('verified', r.verified === undefined ? 'not checked' : r.verified ? 'yes' : 'NO', r.verified === false ? 'status-error' : ''),
    card('solve', r.solver ? fmtNum(r.solver.solve_ms) + ' ms' : '–'),
  );
  if (r.message) s.append(el('p', { class: 'muted', text: r.message }));
  $('model-name').textContent = r.model || 'model';

  const reqRows = (r.requirements || []).map((q) => {
    const tot = q.total || {};
    const bar = el('span', { class: 'bar' });
    bar.style.width = Math.round(40 * (tot.fill_rate || 0)) + 'px';
    const fill = el('span', {}, fmtPct(tot.fill_rate), bar);
    return [q.id, fmtNum(tot.demand), fmtNum(tot.met), fmtNum(tot.shortfall), fill];
  });
  table($('requirements'), ['requirement', 'demand', 'met', 'shortfall', 'fill'], reqRows);

  const funds = (r.plan && r.plan.funds) || [];
  table($('funds'), funds.length ? ['fund', 'spent', 'amount', 'used'] : ['no funds in this model'],
    funds.map((f) => [f.fund, fmtMoney(f.total_spent), fmtMoney(f.total_amount),
      f.total_amount > 0 ? fmtPct(f.total_spent / f.total_amount) : '–']));

  const lic = (r.plan && r.plan.licences) || [];
  table($('licences'), lic.length ? ['licence', 'status', 'usable from', 'review starts'] : ['no licences in this model'],
    lic.map((l) => [l.licence, l.status, l.approved || 'never (within the horizon)', l.review_start || '–']));

  const lv = r.licence_value && r.licence_value.licences;
  $('licence-values').replaceChildren();
  if (lv && lv.length) {
    const t = el('table');
    table(t, ['licence value', 'approved', 'shortfall saved', 'cost change'],
      lv.flatMap((l) => [['at_start', 'at start'], ['one_period_earlier', 'one period earlier']]
        .filter(([k]) => l[k])
        .map(([k, name]) => [l.licence + ' ' + name, l[k].approved_from || '–', fmtNum(l[k].shortfall_reduction), fmtDelta(l[k].cost_change, fmtMoney)])));
    $('licence-values').append(el('h2', { text: 'What each licence is worth' }), el('div', { class: 'scroll' }, t));
  }

  const b = $('bottlenecks');
  b.replaceChildren();
  if (r.bottlenecks && r.bottlenecks.length) {
    for (const x of r.bottlenecks.slice(0, 5)) b.append(el('li', { text: x.text }));
  } else {
    b.append(el('li', { class: 'muted', text: r.bottlenecks ? 'nothing binds' : 'solve with "explain" to see them' }));
  }

  renderCharts(r);
  renderPlan(r);
}

function renderCharts(r) {
  state.chartUrls.forEach((u) => URL.revokeObjectURL(u));
  state.chartUrls = [];
  const c = $('charts');
  c.replaceChildren();
  if (!r.charts) {
    c.append(el('p', { class: 'muted', text: 'no plan to chart' }));
    return;
  }
  const titles = { output: 'Output by line', fill_rate: 'Fill rate by requirement', funds: 'Fund spend against amount' };
  for (const [name, svg] of Object.entries(r.charts)) {
    // An <img> shows the SVG as a picture: no script in it could run.
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    state.chartUrls.push(url);
    c.append(el('figure', { 'data-chart': name }, el('img', { src: url, alt: titles[name] || name, width: '820', height: '440' })));
  }
}

function renderPlan(r) {
  const t = $('plan');
  t.replaceChildren();
  if (!r.plan) return;
  const head = el('tr', {}, el('th', { scope: 'col', text: '' }), ...r.periods.map((p) => el('th', { scope: 'col', text: p })));
  t.append(el('thead', {}, head));
  const body = el('tbody');
  const row = (label, values) => el('tr', {}, el('th', { scope: 'row', text: label }), ...values.map((v) => el('td', { text: fmtNum(v) })));
  const products = [];
  for (const p of r.plan.production) if (!products.includes(p.product)) products.push(p.product);
  for (const ts of r.plan.theatre_stock) if (!products.includes(ts.product)) products.push(ts.product);
  for (const prod of products) {
    body.append(el('tr', { class: 'group' }, el('th', { colspan: String(r.periods.length + 1), text: prod })));
    for (const p of r.plan.production) if (p.product === prod && sum(p.output) > 0) body.append(row('made ' + p.line, p.output));
    for (const d of r.plan.drawdowns) if (d.product === prod && sum(d.quantity) > 0) body.append(row('drawn ' + d.drawdown, d.quantity));
    for (const u of r.plan.use) if (u.product === prod && sum(u.quantity) > 0) body.append(row('used ' + u.requirement, u.quantity));
    for (const ts of r.plan.theatre_stock) if (ts.product === prod) body.append(row('theatre stock', ts.stock));
  }
  t.append(body);
}

async function solve(text) {
  const q = new URLSearchParams({ charts: '1', tables: '1' });
  if ($('opt-explain').checked) q.set('explain', '1');
  if ($('opt-licence').checked) q.set('licence_value', '1');
  const tl = Number($('opt-time').value);
  if (tl > 0) q.set('time_limit', String(tl));
  showMessage('');
  $('solve-button').disabled = true;
  $('solve-model').disabled = true;
  try {
    const r = await api('POST', '/v1/solve?' + q.toString(), { body: text });
    state.modelText = text;
    renderResult(r);
    showTab('answer');
    return true;
  } catch (e) {
    // The editor keeps the model and the page keeps the last answer.
    const diags = e.body && e.body.diagnostics;
    if (diags) {
      renderDiagnostics(diags);
      showTab('model');
    }
    showMessage('Solve failed: ' + errorText(e) + (state.result ? '\nThe answer shown is still the previous one.' : ''));
    return false;
  } finally {
    $('solve-button').disabled = false;
    $('solve-model').disabled = false;
  }
}

// ------------------------------------------------------------ editor
const LINE_PX = 18;
function updateGutter() {
  const n = $('editor').value.split('\n').length;
  const g = $('gutter');
  if (g.dataset.n !== String(n)) {
    let s = '';
    for (let i = 1; i <= n; i++) s += i + '\n';
    g.textContent = s;
    g.dataset.n = String(n);
  }
  g.scrollTop = $('editor').scrollTop;
}
function setEditor(text) {
  $('editor').value = text;
  $('editor').scrollTop = 0;
  updateGutter();
  $('diagnostics').replaceChildren();
}
function goTo(line, col) {
  const ed = $('editor');
  const lines = ed.value.split('\n');
  line = Math.max(1, Math.min(line || 1, lines.length));
  let off = 0;
  for (let i = 0; i < line - 1; i++) off += lines[i].length + 1;
  off += Math.max(0, Math.min((col || 1) - 1, lines[line - 1].length));
  ed.focus();
  ed.setSelectionRange(off, Math.min(off + 1, ed.value.length));
  ed.scrollTop = Math.max(0, (line - 4) * LINE_PX);
  updateGutter();
}
function renderDiagnostics(d) {
  const ul = $('diagnostics');
  ul.replaceChildren();
  const items = [...(d.errors || []).map((x) => ['error', x]), ...(d.warnings || []).map((x) => ['warning', x])];
  for (const [sev, x] of items) {
    const pos = x.line ? x.line + ':' + (x.col || 1) : '–';
    const b = el('button', { type: 'button', 'data-line': String(x.line || 0), 'data-col': String(x.col || 0) },
      el('span', { class: 'pos', text: pos }), el('span', { class: 'ptr', text: x.pointer || '' }), sev + ': ' + x.message);
    b.addEventListener('click', () => goTo(x.line, x.col));
    ul.append(el('li', { class: sev }, b));
  }
  if (!items.length) ul.append(el('li', { class: 'ok', text: 'The model is valid.' }));
}
async function check() {
  showMessage('');
  try {
    const d = await api('POST', '/v1/check', { body: $('editor').value });
    renderDiagnostics(d);
    return d.valid;
  } catch (e) {
    if (e.body && e.body.diagnostics) renderDiagnostics(e.body.diagnostics);
    showMessage('Check failed: ' + errorText(e));
    return false;
  }
}
async function loadShipped(name) {
  const text = await api('GET', '/v1/models/' + encodeURIComponent(name), { as: 'text' });
  setEditor(text);
  return text;
}

// ------------------------------------------------------------ what-if
function editorModel() {
  try { return JSON.parse($('editor').value); } catch (e) { return null; }
}
function renderScenarios() {
  const box = $('scenarios');
  const m = editorModel();
  const chosen = new Set([...box.querySelectorAll('input:checked')].map((i) => i.value));
  box.replaceChildren();
  const sc = m && m.scenarios && typeof m.scenarios === 'object' ? m.scenarios : {};
  const names = Object.keys(sc).filter((k) => !k.startsWith('_'));
  if (!m) box.append(el('p', { class: 'muted', text: 'The model in the editor is not valid JSON; fix it under Model.' }));
  else if (!names.length) box.append(el('p', { class: 'muted', text: 'This model has no scenarios; type changes below.' }));
  for (const n of names) {
    const id = 'scn-' + n;
    const cb = el('input', { type: 'checkbox', id, value: n });
    cb.checked = chosen.has(n);
    box.append(el('label', { for: id }, cb, ' ' + n), el('span', { class: 'muted', text: (sc[n] && sc[n].description) || '' }));
  }
}
function bottleneckIds(r) {
  return new Map((r.bottlenecks || []).map((b) => [b.id, b]));
}
async function runWhatif() {
  showMessage('');
  const scenarios = [...$('scenarios').querySelectorAll('input:checked')].map((i) => i.value);
  const set = $('whatif-set').value.split('\n').map((s) => s.trim()).filter((s) => s && !s.startsWith('#'));
  if (!scenarios.length && !set.length) {
    showMessage('Pick a scenario or type at least one PATH=VALUE line.');
    return;
  }
  const body = { model: editorModel(), scenarios, set };
  if (!body.model) {
    showMessage('The model in the editor is not valid JSON; check it under Model.');
    return;
  }
  if (!set.length) delete body.set;
  if (!scenarios.length) delete body.scenarios;
  try {
    const w = await api('POST', '/v1/whatif?explain=1', { body: JSON.stringify(body) });
    renderWhatif(w);
    $('whatif-table').scrollIntoView({ block: 'start' });
  } catch (e) {
    showMessage('What-if failed: ' + errorText(e));
  }
}
function renderWhatif(w) {
  const base = w.base;
  const vs = w.variants;
  const head = ['', 'base', ...vs.map((v) => v.name)];
  // Less shortfall or cost is better; a higher fill rate is better.
  const cls = (d, upIsBetter) => {
    if (upIsBetter) d = -d;
    return d > 1e-9 ? 'delta-worse' : d < -1e-9 ? 'delta-better' : '';
  };
  const cell = (value, delta, fmt, dfmt, upIsBetter) => {
    const s = el('span', {}, fmt(value));
    if (delta !== undefined) s.append(' ', el('span', { class: cls(delta, upIsBetter), text: '(' + fmtDelta(delta, dfmt || fmt) + ')' }));
    return s;
  };
  const pp = (d) => (100 * d).toFixed(1) + ' pp';
  const obj = (r, k) => (r.objective ? r.objective[k] : null);
  const rows = [
    ['status', base.status, ...vs.map((v) => v.status)],
    ['weighted shortfall', fmtNum(obj(base, 'shortfall')), ...vs.map((v) => cell(obj(v.result, 'shortfall'), v.delta.shortfall, fmtNum))],
    ['cost', fmtMoney(obj(base, 'cost')), ...vs.map((v) => cell(obj(v.result, 'cost'), v.delta.cost, fmtMoney))],
    ['warm start', '', ...vs.map((v) => (v.warm_start ? 'yes' : 'no'))],
  ];
  for (const [i, q] of (base.requirements || []).entries()) {
    rows.push(['fill ' + q.id, fmtPct(q.total.fill_rate), ...vs.map((v) => {
      const vq = v.result.requirements && v.result.requirements[i];
      return vq ? cell(vq.total.fill_rate, vq.total.fill_rate - q.total.fill_rate, fmtPct, pp, true) : '–';
    })]);
  }
  table($('whatif-table'), head, rows);
  const box = $('whatif-changes');
  box.replaceChildren();
  const bb = bottleneckIds(base);
  for (const v of vs) {
    const vb = bottleneckIds(v.result);
    const appeared = [...vb.keys()].filter((k) => !bb.has(k));
    const gone = [...bb.keys()].filter((k) => !vb.has(k));
    const ul = el('ul');
    for (const k of appeared.slice(0, 8)) ul.append(el('li', { text: 'appeared: ' + vb.get(k).text }));
    for (const k of gone.slice(0, 8)) ul.append(el('li', { text: 'went away: ' + bb.get(k).text }));
    if (!appeared.length && !gone.length) ul.append(el('li', { class: 'muted', text: 'the same bottlenecks as the base' }));
    box.append(el('h2', { text: 'Bottlenecks in ' + v.name }), ul);
  }
}

// ------------------------------------------------------------ studies
function studyDoc() {
  const type = $('study-type').value;
  const lines = (id) => $(id).value.split('\n').map((s) => s.trim()).filter(Boolean);
  if (type === 'grid') {
    return {
      type, parameters: [{
        path: $('grid-path').value.trim(), scale: $('grid-scale').checked,
        from: Number($('grid-from').value), to: Number($('grid-to').value), steps: Number($('grid-steps').value),
      }],
    };
  }
  if (type === 'tornado') return { type, parameters: lines('tornado-paths'), delta: Number($('tornado-delta').value) };
  return { type, parameters: lines('mc-params'), samples: Number($('mc-samples').value), seed: Number($('mc-seed').value) };
}
function studyTypeChanged() {
  const t = $('study-type').value;
  $('fs-grid').hidden = t !== 'grid';
  $('fs-tornado').hidden = t !== 'tornado';
  $('fs-mc').hidden = t !== 'monte_carlo';
}
async function startStudy() {
  showMessage('');
  const model = editorModel();
  if (!model) {
    showMessage('The model in the editor is not valid JSON; check it under Model.');
    return;
  }
  try {
    const r = await api('POST', '/v1/studies', { body: JSON.stringify({ model, study: studyDoc() }) });
    openStudy(r.id);
    refreshStudies();
  } catch (e) {
    showMessage('The study was refused: ' + errorText(e));
  }
}
function stopPolling() {
  if (state.study && state.study.timer) clearTimeout(state.study.timer);
}
function openStudy(id) {
  stopPolling();
  state.study = { id, timer: null };
  $('study-run').hidden = false;
  $('study-title').textContent = 'Study ' + id;
  $('study-count').textContent = 'starting…';
  $('study-progress').value = 0;
  $('study-summary').replaceChildren();
  $('study-chart').replaceChildren();
  $('study-csv').hidden = true;
  $('study-svg').hidden = true;
  pollStudy(id);
}
async function pollStudy(id) {
  if (!state.study || state.study.id !== id) return;
  let s;
  try {
    s = await api('GET', '/v1/studies/' + id);
  } catch (e) {
    showMessage('Cannot read the study: ' + errorText(e));
    return;
  }
  const p = s.progress || { done: 0, total: 0, failed: 0 };
  $('study-progress').max = Math.max(1, p.total);
  $('study-progress').value = p.done;
  $('study-count').textContent = s.state + ': ' + fmtNum(p.done) + ' of ' + fmtNum(p.total) + ' points' + (p.failed ? ', ' + p.failed + ' failed' : '') + (s.error ? ' (' + s.error + ')' : '');
  $('study-title').textContent = (s.type || 'study') + ' ' + id;
  const ended = ['done', 'failed', 'cancelled'].includes(s.state);
  $('study-cancel').hidden = ended;
  if (!ended) {
    state.study.timer = setTimeout(() => pollStudy(id), 300);
    return;
  }
  if (s.results) renderStudyResults(id, s.results);
  refreshStudies();
}
async function renderStudyResults(id, res) {
  const sm = res.summary || {};
  const metrics = sm.metrics || {};
  const rows = Object.entries(metrics).slice(0, 12).map(([k, m]) =>
    [k, fmtNum(m.n), fmtNum(m.mean), fmtNum(m.min), fmtNum(m.p50), fmtNum(m.max)]);
  table($('study-summary'), ['metric', 'n', 'mean', 'min', 'median', 'max'], rows);
  $('study-csv').hidden = false;
  $('study-svg').hidden = false;
  try {
    const svg = await api('GET', '/v1/studies/' + id, { accept: 'image/svg+xml', as: 'text' });
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    $('study-chart').replaceChildren(el('figure', { 'data-chart': 'study' }, el('img', { src: url, alt: 'study chart' })));
  } catch (e) {
    $('study-chart').replaceChildren(el('p', { class: 'muted', text: 'no chart: ' + errorText(e) }));
  }
}
async function cancelStudy() {
  if (!state.study) return;
  try {
    await api('DELETE', '/v1/studies/' + state.study.id);
  } catch (e) {
    showMessage('Cancel failed: ' + errorText(e));
  }
}
async function refreshStudies() {
  let l;
  try {
    l = await api('GET', '/v1/studies');
  } catch (e) {
    table($('study-list'), ['studies unavailable: ' + errorText(e)], []);
    return;
  }
  const rows = l.studies.slice().sort((a, b) => b.created - a.created).map((s) => {
    const open = el('button', { type: 'button', text: 'open' });
    open.addEventListener('click', () => openStudy(s.id));
    return [s.id, s.type || '', s.state, (s.progress ? s.progress.done + '/' + s.progress.total : ''),
      new Date(s.created * 1000).toLocaleString(), open];
  });
  table($('study-list'), ['id', 'type', 'state', 'points', 'created', ''], rows.length ? rows : [['none yet', '', '', '', '', '']]);
}

// ------------------------------------------------------------ start
function wire() {
  for (const t of tabs) $('tab-' + t).addEventListener('click', () => showTab(t));
  // Arrow keys move between tabs, as WAI-ARIA's tab pattern has it.
  document.querySelector('nav').addEventListener('keydown', (e) => {
    const i = tabs.findIndex((t) => $('tab-' + t) === document.activeElement);
    if (i < 0 || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
    const n = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    showTab(n);
    $('tab-' + n).focus();
  });
  $('solve-form').addEventListener('submit', (e) => { e.preventDefault(); solve($('editor').value); });
  $('solve-model').addEventListener('click', () => solve($('editor').value));
  $('check-button').addEventListener('click', check);
  $('load-shipped').addEventListener('click', async () => {
    try { await loadShipped($('shipped').value); await check(); } catch (e) { showMessage('Cannot load: ' + errorText(e)); }
  });
  $('file').addEventListener('change', async () => {
    const f = $('file').files[0];
    if (!f) return;
    setEditor(await f.text());
    check();
  });
  $('editor').addEventListener('input', updateGutter);
  $('editor').addEventListener('scroll', updateGutter);
  $('whatif-form').addEventListener('submit', (e) => { e.preventDefault(); runWhatif(); });
  $('study-form').addEventListener('submit', (e) => { e.preventDefault(); startStudy(); });
  $('study-type').addEventListener('change', studyTypeChanged);
  $('study-cancel').addEventListener('click', cancelStudy);
  $('studies-refresh').addEventListener('click', refreshStudies);
  $('study-csv').addEventListener('click', async () => {
    try {
      download('study-' + state.study.id + '.csv', await api('GET', '/v1/studies/' + state.study.id, { accept: 'text/csv', as: 'text' }), 'text/csv');
    } catch (e) { showMessage('Download failed: ' + errorText(e)); }
  });
  $('study-svg').addEventListener('click', async () => {
    try {
      download('study-' + state.study.id + '.svg', await api('GET', '/v1/studies/' + state.study.id, { accept: 'image/svg+xml', as: 'text' }), 'image/svg+xml');
    } catch (e) { showMessage('Download failed: ' + errorText(e)); }
  });
  $('token-ok').addEventListener('click', tokenEntered);
  $('token-input').addEventListener('keydown', (e) => { if (e.key === 'Enter') tokenEntered(); });
  $('dl-json').addEventListener('click', () => {
    if (!state.result) return showMessage('There is no result yet.');
    const r = Object.assign({}, state.result);
    delete r.charts;
    delete r.tables;
    download('result.json', JSON.stringify(r, null, 2) + '\n', 'application/json');
  });
  // The CSV tables of `arsenal export --format csv`, made by the server.
  for (const t of ['plan', 'shortfalls', 'payments', 'bottlenecks'])
    $('dl-' + t).addEventListener('click', () => needPlan() && download(t + '.csv', state.result.tables[t + '.csv'], 'text/csv'));
  $('dl-lp').addEventListener('click', () => downloadExport('lp'));
  $('dl-mps').addEventListener('click', () => downloadExport('mps'));
  for (const c of ['output', 'fill_rate', 'funds'])
    $('dl-svg-' + c).addEventListener('click', () => {
      if (!state.result || !state.result.charts) return showMessage('There is no chart yet.');
      download(c + '.svg', state.result.charts[c], 'image/svg+xml');
    });
}

async function start() {
  wire();
  showTab('answer');
  try {
    const list = await api('GET', '/v1/models');
    const sel = $('shipped');
    let def = null;
    for (const m of list.models) {
      sel.append(el('option', { value: m.name, text: m.name + (m.default ? ' (default)' : '') }));
      if (m.default) def = m.name;
    }
    if (def) sel.value = def;
    // The default model's answer appears with no click.
    const text = await loadShipped(def || list.models[0].name);
    await solve(text);
  } catch (e) {
    showMessage('Cannot load the default model: ' + errorText(e));
  }
}

document.addEventListener('DOMContentLoaded', start);
