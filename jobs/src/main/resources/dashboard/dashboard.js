// Tidecast live dashboard: one server-sent-event stream per selection (key, horizon); uPlot charts.
(function () {
  'use strict';
  const MAX_POINTS = 600;
  const COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324',
                  '#808000', '#000075', '#a9a9a9'];
  const $ = id => document.getElementById(id);

  const sel = { key: null, horizon: null, channel: 'auto' };
  let store = fresh();
  let source = null;
  let updates = 0;
  let dirty = false;
  let drawnFor = null;
  const charts = {};

  function fresh() { return { samples: [], forecasts: {}, metrics: {}, dims: 0, table: {}, models: [] }; }

  function params() {
    const p = new URLSearchParams(location.search);
    sel.key = p.get('key');
    sel.horizon = p.get('h');
  }

  function connect() {
    if (source) source.close();
    store = fresh();
    dirty = true;
    const q = new URLSearchParams();
    if (sel.key) q.set('key', sel.key);
    if (sel.horizon) q.set('h', sel.horizon);
    source = new EventSource('/events?' + q.toString());
    source.onmessage = e => receive(JSON.parse(e.data));
    source.onerror = () => { $('status').textContent = 'disconnected, retrying…'; };
  }

  function append(list, points) {
    for (const p of points) list.push(p);
    if (list.length > MAX_POINTS) list.splice(0, list.length - MAX_POINTS);
  }

  function receive(u) {
    updates++;
    // the server answers for the selection (the first key and horizon when none or an unknown one is chosen)
    if (u.key !== null) sel.key = u.key;
    if (u.horizon !== null) sel.horizon = String(u.horizon);
    fillSelect($('key'), u.keys, sel.key);
    fillSelect($('horizon'), u.horizons.map(String), sel.horizon, h => h + ' ms');
    if (u.samples) {
      store.dims = u.dims;
      append(store.samples, u.samples);
      for (const m in u.forecasts) append(store.forecasts[m] || (store.forecasts[m] = []), u.forecasts[m]);
      for (const m in u.metrics) append(store.metrics[m] || (store.metrics[m] = []), u.metrics[m]);
      store.table = u.table;
    }
    store.models = u.models;
    u.models.forEach(color);
    const channels = ['auto'];
    for (let i = 0; i < store.dims; i++) channels.push(String(i));
    fillSelect($('channel'), channels, sel.channel, c => c === 'auto' ? 'auto' : 'value ' + c);
    const c = u.counts;
    $('status').textContent = `samples ${c.samples} · forecasts ${c.forecasts} · metrics ${c.metrics} · rejects ${c.rejects}`;
    renderRejects(u.rejectsByReason, c.rejects);
    dirty = true;
  }

  function fillSelect(el, values, chosen, label) {
    const now = Array.from(el.options).map(o => o.value).join('\n');
    if (now !== values.join('\n')) {
      el.innerHTML = '';
      for (const v of values) {
        const o = document.createElement('option');
        o.value = v;
        o.textContent = label ? label(v) : v;
        el.appendChild(o);
      }
    }
    if (chosen !== null && el.value !== chosen) el.value = chosen;
  }

  // the channel that moves most in the visible window: breathing is mostly along one axis
  function autoChannel() {
    let best = 0, bestVar = -1;
    for (let c = 0; c < store.dims; c++) {
      let n = 0, mean = 0, m2 = 0;
      for (const p of store.samples) {
        const v = p[1 + c];
        if (v === null) continue;
        n++;
        const d = v - mean;
        mean += d / n;
        m2 += d * (v - mean);
      }
      if (n > 1 && m2 / n > bestVar) { bestVar = m2 / n; best = c; }
    }
    return best;
  }

  // a model keeps its colour on every chart and selection
  const assigned = {};
  function color(name) {
    if (name === 'actual') return '#000';
    if (!(name in assigned)) assigned[name] = COLORS[Object.keys(assigned).length % COLORS.length];
    return assigned[name];
  }

  function chart(id, names, yLabel) {
    const el = $(id);
    const signature = names.join('|');
    let c = charts[id];
    if (c && c.signature === signature) return c.plot;
    if (c) c.plot.destroy();
    const series = [{}];
    names.forEach((n, i) => series.push({
      label: n, stroke: color(n), width: n === 'actual' ? 2 : 1.2, spanGaps: true,
      points: { show: false }
    }));
    const plot = new uPlot({
      width: Math.max(300, el.clientWidth), height: id === 'signal' ? 300 : 220, series: series,
      scales: { x: { time: true } }, axes: [{}, { label: yLabel, size: 60 }], legend: { live: true }
    }, [[]].concat(names.map(() => [])), el);
    charts[id] = { plot: plot, signature: signature };
    return plot;
  }

  function draw(id, tables, yLabel) {
    const names = Object.keys(tables);
    if (names.length === 0) {
      if (charts[id]) charts[id].plot.setData([[]].concat(charts[id].plot.series.slice(1).map(() => [])));
      return;
    }
    const plot = chart(id, names, yLabel);
    const data = uPlot.join(names.map(n => tables[n]));
    plot.setData(data);
  }

  // one [xs, ys] table per series, x in seconds, sorted, duplicate x removed (uPlot.join needs that)
  function table(points, index) {
    const xs = [], ys = [];
    let last = -Infinity;
    for (const p of points) {
      const x = p[0] / 1000;
      if (x <= last) continue;
      last = x;
      xs.push(x);
      ys.push(p[index]);
    }
    return [xs, ys];
  }

  function render() {
    if (!dirty) return;
    dirty = false;
    drawnFor = sel.key + '|' + sel.horizon;
    const ch = sel.channel === 'auto' ? autoChannel() : Number(sel.channel);
    $('signal-title').textContent = `Actual signal and forecasts: ${sel.key || '–'}, value ${ch}, ${sel.horizon || '–'} ms ahead`;
    const signal = { actual: table(store.samples, 1 + ch) };
    for (const m of Object.keys(store.forecasts).sort()) signal[m] = table(store.forecasts[m], 1 + ch);
    draw('signal', signal, 'value');
    const nrmse = {}, weights = {}, regret = {};
    for (const m of Object.keys(store.metrics).sort()) {
      const pts = store.metrics[m];
      nrmse[m] = table(pts, 1);
      if (pts.some(p => p[2] !== null)) weights[m] = table(pts, 2);
      if (pts.some(p => p[3] !== null)) regret[m] = table(pts, 3);
    }
    draw('nrmse', nrmse, 'nRMSE');
    draw('weights', weights, 'weight');
    draw('regret', regret, 'regret');
    renderTable();
  }

  function renderTable() {
    const hs = Object.keys(store.table).sort((a, b) => a - b);
    const models = new Set();
    hs.forEach(h => Object.keys(store.table[h]).forEach(m => models.add(m)));
    let html = '<tr><th>model</th>' + hs.map(h => `<th>${h} ms</th>`).join('') + '</tr>';
    const best = {};
    for (const h of hs) {
      let b = null;
      for (const m in store.table[h]) { const v = store.table[h][m][0]; if (v !== null && (b === null || v < store.table[h][b][0])) b = m; }
      best[h] = b;
    }
    for (const m of Array.from(models).sort()) {
      html += `<tr><td>${esc(m)}</td>` + hs.map(h => {
        const v = (store.table[h] || {})[m];
        const txt = v ? `${fmt(v[0])} / ${fmt(v[1])}` : '–';
        return `<td class="${best[h] === m ? 'best' : ''}">${txt}</td>`;
      }).join('') + '</tr>';
    }
    $('table').innerHTML = html;
  }

  function renderRejects(byReason, total) {
    let html = '<tr><th>reason</th><th>count</th></tr>';
    for (const r in byReason) html += `<tr><td>${esc(r)}</td><td>${byReason[r]}</td></tr>`;
    html += `<tr><th>total</th><th>${total}</th></tr>`;
    $('rejects').innerHTML = html;
  }

  const fmt = v => v === null || v === undefined ? '–' : v.toFixed(3);
  const esc = s => String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

  // points drawn for the current selection (0 until the charts show it)
  function pointCount(id) {
    const c = charts[id];
    if (!c || drawnFor !== sel.key + '|' + sel.horizon) return 0;
    let n = 0;
    for (let i = 1; i < c.plot.data.length; i++) for (const v of c.plot.data[i]) if (v !== null && v !== undefined) n++;
    return n;
  }

  function choose(field, value) {
    sel[field] = value;
    const q = new URLSearchParams();
    if (sel.key) q.set('key', sel.key);
    if (sel.horizon) q.set('h', sel.horizon);
    history.replaceState(null, '', '?' + q.toString());
    if (field === 'channel') { dirty = true; return; }
    connect();
  }

  $('key').addEventListener('change', e => choose('key', e.target.value));
  $('horizon').addEventListener('change', e => choose('horizon', e.target.value));
  $('channel').addEventListener('change', e => choose('channel', e.target.value));
  window.addEventListener('resize', () => {
    for (const id in charts) charts[id].plot.setSize({ width: Math.max(300, $(id).clientWidth), height: charts[id].plot.height });
  });

  // for tests and curious users: what the page shows right now
  window.tidecast = {
    selection: () => ({ key: sel.key, horizon: sel.horizon, channel: sel.channel }),
    updates: () => updates,
    points: () => ({ signal: pointCount('signal'), nrmse: pointCount('nrmse'), weights: pointCount('weights'), regret: pointCount('regret') }),
    seriesNames: id => charts[id] ? charts[id].plot.series.slice(1).map(s => s.label) : []
  };

  params();
  connect();
  setInterval(render, 250);
})();
