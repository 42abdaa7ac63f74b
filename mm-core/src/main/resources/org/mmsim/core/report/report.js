'use strict';
// mmsim's HTML report: the matrix is HTML already; this opens a cell's run (unpacked on demand),
// draws the machine after each step (the layout of StateSvg.java, line for line) and compares two
// policies on one scenario. Nothing here makes a request: the page's CSP forbids every one.
(function () {
  const DATA = JSON.parse(document.getElementById('mmsim-data').textContent);
  const P = DATA.policies.length;
  const view = document.getElementById('run');
  const matrix = document.getElementById('matrix');
  const cache = new Map();

  // ---- the layout of StateSvg.java: change one, change the other ----
  const ROW = 18, GAP = 12, TOP = 40, X = [10, 420, 780], W = [300, 250, 260];
  const xml = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const half = n => Math.trunc(n / 2);

  function svg(d) {
    let body = '', edges = '';
    const anchors = new Map();
    const lines = (ls, x, y, step, boldFirst) => {
      ls.forEach((l, k) => {
        body += '<text x="' + x + '" y="' + (y + k * step) + '"' + (boldFirst && k === 0 ? ' font-weight="bold"' : '')
          + '>' + xml(l) + '</text>';
      });
    };
    const rect = (cls, b, x, y, w, h) => {
      body += '<g class="' + cls + '"';
      if (b[0] !== null) {
        body += ' id="' + xml(b[0]) + '"';
        anchors.set(b[0], [x, x + w, y + half(h)]);
      }
      body += '><rect x="' + x + '" y="' + y + '" width="' + w + '" height="' + h + '" fill="' + b[3] + '" stroke="'
        + b[4] + '"/>';
      lines(b[2], x + 5, y + 13, ROW - 4, false);
      body += '</g>\n';
      return y + h;
    };
    const text = (id, x, y, s, bold) => {
      body += '<text' + (id === null ? '' : ' id="' + xml(id) + '"') + ' x="' + x + '" y="' + y + '"'
        + (bold ? ' font-weight="bold"' : '') + '>' + xml(s) + '</text>\n';
    };
    const folio = (b, x, y, w) => {
      let inner = y + 2 * ROW;
      for (const page of b[5]) {
        inner = rect('node', page, x + 10, inner, w - 20, page[2].length * (ROW - 4) + 6) + 4;
      }
      const bottom = inner + 6;
      body += '<g class="folio" id="' + xml(b[0]) + '"><rect x="' + x + '" y="' + y + '" width="' + w + '" height="'
        + (bottom - y) + '" fill="none" stroke="#555" stroke-dasharray="4 2"/>';
      lines(b[2], x + 6, y + 13, ROW - 4, true);
      body += '</g>\n';
      anchors.set(b[0], [x, x + w, y + half(bottom - y)]);
      return bottom;
    };
    const column = (boxes, x, w) => {
      let y = TOP;
      for (const b of boxes) {
        switch (b[1]) {
          case 'heading': text(b[0], x, y + 13, b[2][0], true); y += ROW + 4; break;
          case 'note': text(b[0], x + 8, y + 13, b[2][0], false); y += ROW; break;
          case 'row': rect('row', b, x, y, w, ROW); y += ROW; break;
          case 'node': y = rect('node', b, x, y, w, b[2].length * (ROW - 4) + 6) + half(GAP); break;
          case 'folio': y = folio(b, x, y, w) + half(GAP); break;
          case 'gap': y += GAP; break;
        }
      }
      return y;
    };
    let bottom = 0;
    for (const c of [1, 2, 0]) { // arrows need their targets placed
      bottom = Math.max(bottom, column(d.c[c], X[c], W[c]));
    }
    for (const [fromId, toId, style, label, rightward] of d.a) {
      const from = anchors.get(fromId), to = anchors.get(toId);
      if (!from || !to) continue;
      const x1 = rightward ? from[1] : from[0];
      const x2 = rightward ? to[0] : to[1];
      const dx = Math.max(30, half(Math.abs(x2 - x1))) * (rightward ? 1 : -1);
      const dash = style === 'handle' ? ' stroke-dasharray="6 3"' : style === 'cache' ? ' stroke-dasharray="2 2"' : '';
      edges += '<path class="edge" data-from="' + xml(fromId) + '" data-to="' + xml(toId) + '" d="M ' + x1 + ' '
        + from[2] + ' C ' + (x1 + dx) + ' ' + from[2] + ', ' + (x2 - dx) + ' ' + to[2] + ', ' + x2 + ' ' + to[2]
        + '" fill="none" stroke="#333"' + dash + ' marker-end="url(#arrow)"/>\n';
      if (label !== null) {
        edges += '<text x="' + (x1 + 6) + '" y="' + (from[2] - 3) + '" font-size="9">' + xml(label) + '</text>\n';
      }
    }
    const height = bottom + 20, width = X[2] + W[2] + 20;
    return '<svg xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + height + '" viewBox="0 0 '
      + width + ' ' + height + '" font-family="monospace" font-size="11">\n'
      + '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
      + 'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>\n'
      + '<text x="' + X[0] + '" y="20" font-size="13" font-weight="bold">' + xml(d.t) + '</text>\n'
      + body + edges + '</svg>\n';
  }

  // ---- what a drawing shows, for changes and differences: id -> what the box or arrow says ----
  function shown(d) {
    const m = new Map();
    if (!d) return m;
    const walk = boxes => boxes.forEach(b => {
      if (b[0] !== null) m.set(b[0], JSON.stringify([b[2], b[3], b[4]]));
      walk(b[5]);
    });
    d.c.forEach(walk);
    d.a.forEach(a => m.set('edge ' + a[0], a[1] + ' ' + (a[3] || '')));
    return m;
  }

  /** Ids of {@code now} that {@code before} does not show alike, and ids {@code before} shows that are gone. */
  function delta(before, now) {
    const changed = [], gone = [];
    now.forEach((v, k) => { if (before.get(k) !== v) changed.push(k); });
    before.forEach((v, k) => { if (!now.has(k)) gone.push(k); });
    return { changed, gone };
  }

  /** The SVG of {@code d} in {@code el}, the ids in {@code marked} given class {@code cls}. */
  function draw(el, d, marked, cls) {
    el.innerHTML = svg(d);
    const root = el.firstElementChild;
    for (const id of marked) {
      if (id.startsWith('edge ')) {
        root.querySelectorAll('path.edge').forEach(p => { if (p.dataset.from === id.slice(5)) p.classList.add(cls); });
      } else {
        const box = root.querySelector('[id="' + CSS.escape(id) + '"]');
        if (box) box.classList.add(cls);
      }
    }
  }

  // ---- runs, unpacked on first use ----
  async function unpack(id) {
    const bytes = Uint8Array.from(atob(document.getElementById(id).textContent), c => c.charCodeAt(0));
    if (typeof DecompressionStream === 'undefined') {
      throw new Error('this browser has no DecompressionStream (Chromium 80+, Firefox 113+, Safari 16.4+ have)');
    }
    return JSON.parse(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text());
  }

  /** Run k: its steps, each with its drawing {@code d} when the run was drawn. */
  async function run(k) {
    if (cache.has(k)) return cache.get(k);
    const [r, pictures] = await Promise.all([unpack('run-' + k), unpack('pic-' + k)]);
    r.steps.forEach((st, i) => { if (i < pictures.length) st.d = pictures[i]; });
    cache.set(k, r);
    return r;
  }

  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  };

  function verdictOf(k) {
    const td = matrix.querySelector('button[data-cell="' + k + '"]').parentElement;
    return { cls: td.className, head: td.textContent, title: td.firstChild.title };
  }

  function header(s, p, r, k) {
    const sc = DATA.scenarios[s], pol = DATA.policies[p], v = verdictOf(k);
    const c = r.counters;
    return [
      el('p', { class: 'mono' }, sc.file),
      el('p', {}, el('b', {}, pol.id), ': ' + pol.summary),
      el('p', { class: 'verdict' }, el('span', { class: 'badge ' + v.cls }, v.cls.slice(2)),
        r.problem ? ' ' + r.problem : '', sc.xfail && v.cls === 'v-xfail' ? ' (the scenario expects this failure)' : ''),
      el('p', { class: 'counters mono' }, 'faults ' + c.faults + ', copies ' + c.copies + ', reuses ' + c.reuses
        + ', unshares ' + c.unshares + ', pins ' + c.pins + ', pin failures ' + c.pinFailures + ', frames peak '
        + c.framesPeak)
    ];
  }

  /** The step to open first: the first that went wrong, else the first. */
  function firstWrong(r) {
    const i = r.steps.findIndex(st => st.failed || st.violations);
    return i >= 0 ? i : r.error ? r.steps.length - 1 : 0;
  }

  function stepItem(st, i) {
    const li = el('li', { 'data-step': i, class: 'step' + (st.failed ? ' failed' : '') + (st.violations ? ' violated' : '') },
      el('span', { class: 'line' }, st.line), el('code', {}, st.text), ' ',
      el('span', { class: 'outcome mono' }, '=> ' + st.outcome),
      st.expect !== undefined ? el('span', { class: 'mono' }, '  (expect ' + st.expect + ')') : null);
    if (st.failed) li.append(el('div', { class: 'problem' }, 'expectation failed: ' + st.failed));
    for (const v of st.violations || []) li.append(el('div', { class: 'problem' }, 'invariant broken: ' + v));
    if (st.skipped) li.append(el('div', { class: 'skipped' }, st.skipped));
    return li;
  }

  function endItems(r) {
    const items = [];
    if (r.error) items.push(el('li', { class: 'step error' }, el('div', { class: 'problem' }, 'error: ' + r.error)));
    if (r.endViolations.length || r.teardown.length) {
      const li = el('li', { class: 'step' + (r.endViolations.length ? ' violated' : '') },
        el('span', { class: 'line' }, ''), 'end of scenario: every process exits, then every handle is released');
      for (const v of r.endViolations) li.append(el('div', { class: 'problem' }, 'invariant broken: ' + v));
      if (r.teardown.length) li.append(el('pre', { class: 'trace' }, r.teardown.join('\n')));
      items.push(li);
    }
    return items;
  }

  function nothingDrawn(p) {
    return el('p', { class: 'skipped' }, DATA.policies[p].id === 'host'
      ? 'The host column runs on the live kernel: its machine is not drawn.'
      : 'No drawing of this step (the run stopped before it).');
  }

  function selectInList(list, i) {
    list.querySelectorAll('.selected').forEach(n => n.classList.remove('selected'));
    const item = list.querySelector('[data-step="' + i + '"]');
    if (item) {
      item.classList.add('selected');
      item.scrollIntoView({ block: 'nearest' });
    }
  }

  // ---- one run, step by step ----
  async function showRun(k, want) {
    const s = Math.floor(k / P), p = k % P;
    const r = await run(k);
    const steps = el('ol', { class: 'steps' }, r.steps.map(stepItem), endItems(r));
    const picture = el('div', { class: 'picture' });
    const withSel = el('select', { id: 'with' }, el('option', { value: '' }, 'another policy...'),
      DATA.policies.map((q, i) => i === p ? null : el('option', { value: i }, q.id)));
    withSel.onchange = () => { if (withSel.value !== '') location.hash = 'pair-' + k + '-' + withSel.value; };
    view.replaceChildren(bar(), el('h2', {}, DATA.scenarios[s].title), ...header(s, p, r, k),
      el('p', {}, el('label', {}, 'Side by side with ', withSel)), el('div', { class: 'split' }, steps, picture));
    let current = -1;
    const select = i => {
      if (i < 0 || i >= r.steps.length) return;
      current = i;
      selectInList(steps, i);
      const st = r.steps[i];
      picture.replaceChildren(el('h3', {}, 'after line ' + st.line + ': ', el('code', {}, st.text), ' => ' + st.outcome));
      if (st.d) {
        const before = i > 0 ? shown(r.steps[i - 1].d) : new Map();
        const { changed, gone } = delta(before, shown(st.d));
        const box = el('div', { class: 'svg', id: 'diagram' });
        picture.append(box);
        draw(box, st.d, changed, 'changed');
        picture.append(el('p', { class: 'changes' }, changed.length || gone.length
          ? 'highlighted: changed by this step' + (gone.length ? '; gone: ' + gone.join(', ') : '')
          : 'this step changed nothing in the machine'));
      } else {
        picture.append(nothingDrawn(p));
      }
      if (st.trace.length) picture.append(el('pre', { class: 'trace' }, st.trace.join('\n')));
      view.dataset.step = i;
    };
    steps.onclick = e => {
      const li = e.target.closest('li[data-step]');
      if (li) select(Number(li.dataset.step));
    };
    keys = stepKeys(select, () => current);
    select(want !== undefined ? want : firstWrong(r));
  }

  // ---- two policies side by side, steps aligned, the first difference marked ----
  async function showPair(k, q) {
    const s = Math.floor(k / P), p = k % P, kq = s * P + q;
    const [a, b] = await Promise.all([run(k), run(kq)]);
    const lines = [...new Set([...a.steps.map(st => st.line), ...b.steps.map(st => st.line)])].sort((x, y) => x - y);
    const at = (r, line) => r.steps.findIndex(st => st.line === line);
    const outcomesDiffer = line => {
      const x = a.steps[at(a, line)], y = b.steps[at(b, line)];
      return !x || !y || x.outcome !== y.outcome;
    };
    const differs = line => {
      const x = a.steps[at(a, line)], y = b.steps[at(b, line)];
      if (outcomesDiffer(line)) return true;
      return x.d && y.d ? JSON.stringify([x.d.c, x.d.a]) !== JSON.stringify([y.d.c, y.d.a]) : false;
    };
    const first = lines.findIndex(differs), firstOutcome = lines.findIndex(outcomesDiffer);
    const rows = lines.map((line, i) => {
      const x = a.steps[at(a, line)], y = b.steps[at(b, line)];
      const cell = st => el('td', { class: 'mono' + (outcomesDiffer(line) ? ' differ' : '') },
        st ? '=> ' + st.outcome : '(not reached)', st && (st.failed || st.violations) ? el('span', { class: 'problem' }, ' !') : null);
      return el('tr', { 'data-step': i, class: i === first ? 'first-diff' : null },
        el('td', { class: 'mono' }, line), el('td', {}, el('code', {}, (x || y).text),
          i === first ? el('div', { class: 'marker' }, 'first difference' + (i === firstOutcome ? ' (outcome)'
            : ' (in the machine)')) : null,
          i === firstOutcome && i !== first ? el('div', { class: 'marker' }, 'first different outcome') : null),
        cell(x), cell(y));
    });
    const table = el('table', { class: 'pair' }, el('tr', {}, el('th', {}, 'line'), el('th', {}, 'statement'),
      el('th', {}, DATA.policies[p].id), el('th', {}, DATA.policies[q].id)), rows);
    const pics = el('div', { class: 'pictures' });
    const swap = el('a', { href: '#pair-' + kq + '-' + p }, 'swap sides');
    view.replaceChildren(bar(), el('h2', {}, DATA.scenarios[s].title),
      el('p', {}, el('a', { href: '#run-' + k }, DATA.policies[p].id), ' and ', el('a', { href: '#run-' + kq },
        DATA.policies[q].id), ' side by side; ', swap, '. ', first < 0
        ? 'They do not differ: every outcome and every machine is alike.'
        : el('span', { class: 'marker' }, 'They first differ at line ' + lines[first] + (firstOutcome < 0
          ? ', in the machine only: every outcome is alike.' : firstOutcome === first ? '.'
          : ' (in the machine); their outcomes first differ at line ' + lines[firstOutcome] + '.')),
        ' Highlighted: what differs from the other column.'),
      el('div', { class: 'split' }, table, pics));
    let current = -1;
    const select = i => {
      if (i < 0 || i >= lines.length) return;
      current = i;
      selectInList(table, i);
      const x = a.steps[at(a, lines[i])], y = b.steps[at(b, lines[i])];
      const sx = shown(x && x.d), sy = shown(y && y.d);
      pics.replaceChildren();
      [[x, p, sx, sy, 'a'], [y, q, sy, sx, 'b']].forEach(([st, pol, mine, other, side]) => {
        const col = el('div', { id: 'side-' + side }, el('h3', {}, DATA.policies[pol].id + (st ? ': => ' + st.outcome : '')));
        if (st && st.failed) col.append(el('div', { class: 'problem' }, 'expectation failed: ' + st.failed));
        for (const v of (st && st.violations) || []) col.append(el('div', { class: 'problem' }, 'invariant broken: ' + v));
        if (st && st.d) {
          const box = el('div', { class: 'svg' });
          col.append(box);
          draw(box, st.d, other.size ? delta(other, mine).changed : [], 'differs');
        } else {
          col.append(nothingDrawn(pol));
        }
        if (st && st.trace.length) col.append(el('pre', { class: 'trace' }, st.trace.join('\n')));
        pics.append(col);
      });
      view.dataset.step = i;
    };
    table.onclick = e => {
      const tr = e.target.closest('tr[data-step]');
      if (tr) select(Number(tr.dataset.step));
    };
    keys = stepKeys(select, () => current);
    view.dataset.firstDifference = first < 0 ? '' : lines[first];
    view.dataset.firstOutcomeDifference = firstOutcome < 0 ? '' : lines[firstOutcome];
    select(firstOutcome >= 0 ? firstOutcome : Math.max(first, 0));
  }

  /** Down (or j) and up (or k) move a view's selection one step. */
  function stepKeys(select, current) {
    return e => {
      if (e.key === 'ArrowDown' || e.key === 'j') { select(current() + 1); e.preventDefault(); }
      if (e.key === 'ArrowUp' || e.key === 'k') { select(current() - 1); e.preventDefault(); }
    };
  }

  function bar() {
    return el('div', { class: 'bar' }, el('a', { href: '#' }, '\u2190 the matrix'));
  }

  // ---- the matrix: open a cell, filter rows ----
  let keys = null;
  document.addEventListener('keydown', e => { if (!view.hidden && keys && !e.target.closest('select,input')) keys(e); });
  matrix.addEventListener('click', e => {
    const b = e.target.closest('button[data-cell]');
    if (b) location.hash = 'run-' + b.dataset.cell;
  });
  const filter = document.getElementById('filter');
  const onlyProblems = document.getElementById('only-problems');
  const onlyDisagree = document.getElementById('only-disagree');
  function refilter() {
    const words = filter.value.trim().toLowerCase();
    for (const tr of matrix.querySelectorAll('tr[data-scenario]')) {
      const tds = [...tr.querySelectorAll('td')];
      const hide = (words && !tr.textContent.toLowerCase().includes(words))
        || (onlyProblems.checked && !tds.some(td => td.className === 'v-fail' || td.className === 'v-error'))
        || (onlyDisagree.checked && new Set(tds.map(td => td.className)).size < 2);
      tr.classList.toggle('hidden', hide);
    }
  }
  [filter, onlyProblems, onlyDisagree].forEach(i => i.addEventListener('input', refilter));

  async function route() {
    const h = location.hash.slice(1);
    const m = /^run-(\d+)(?:-(\d+))?$/.exec(h), pm = /^pair-(\d+)-(\d+)$/.exec(h);
    view.dataset.state = 'loading';
    try {
      if (m && Number(m[1]) < P * DATA.scenarios.length) {
        matrix.hidden = true;
        view.hidden = false;
        await showRun(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]));
      } else if (pm && Number(pm[1]) < P * DATA.scenarios.length && Number(pm[2]) < P) {
        matrix.hidden = true;
        view.hidden = false;
        await showPair(Number(pm[1]), Number(pm[2]));
      } else {
        view.hidden = true;
        matrix.hidden = false;
        keys = null;
      }
      view.dataset.state = 'ready';
    } catch (err) {
      view.replaceChildren(bar(), el('p', { class: 'problem' }, 'cannot show this run: ' + err.message));
      view.dataset.state = 'failed';
    }
  }
  window.addEventListener('hashchange', route);
  if (!location.hash && DATA.open) {
    history.replaceState(null, '', '#' + DATA.open);
  }
  route();
  window.mmsimReport = { svg, run, data: DATA };
})();
