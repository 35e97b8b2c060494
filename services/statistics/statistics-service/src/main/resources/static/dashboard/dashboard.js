// The statistics dashboard: unit and period pickers, headline figures with their comparison, charts, overdue items
// and inactive units, kept live by the statistics SSE stream. Reads only the statistics and units APIs; shows no
// personal data (feedback ids only). Every text from the APIs is set as text, never as HTML.

import {
  formatDateTime,
  formatNumber,
  formatPercent,
  formatSigned,
  formatTime,
  LANGUAGES,
  setLanguage,
  t,
  tOr,
  currentLanguage,
  locale,
} from './i18n.js';
import * as periods from './periods.js';
import * as signin from './signin.js';

const API = '/api/v1';
/** A burst of live events is answered by one refetch this long after the last of them... */
const REFRESH_DEBOUNCE_MS = 400;
/** ...but never later than this after the first, so that a steady flow of events still refreshes the page. */
const REFRESH_MAX_WAIT_MS = 2000;
/** A stream the browser gave up on (the server refused it) is opened again after this, doubling up to a minute. */
const REOPEN_FIRST_MS = 2000;
const REOPEN_MAX_MS = 60000;
// a request that hangs must not keep the page in "loading" for ever; a failed load is tried again after this
const REQUEST_TIMEOUT_MS = 15000;
const RETRY_AFTER_FAILURE_MS = 15000;

/** The headline figures, in the order shown; `count` figures compare as "x = y% of the previous period". */
const HEADLINE = [
  ['feedback.received', 'count'],
  ['feedback.accepted', 'count'],
  ['feedback.answered', 'count'],
  ['feedback.closed', 'count'],
  ['feedback.onTimeRatePercent', 'percent'],
  // the backlog at the end of the period on screen (for the current period, what is pending now), compared like
  // any count
  ['feedback.pendingAtEnd', 'count'],
  ['feedback.overdueNow', 'count'],
  ['feedback.answerWorkingDaysAvg', 'average'],
  ['feedback.ratingAvg', 'average'],
];
const STATUS_METRICS = [
  'feedback.received',
  'feedback.accepted',
  'feedback.answered',
  'feedback.closed',
  'feedback.rejected',
  'feedback.pendingAtEnd', // the backlog at each step's end: whether answers keep up with what comes in
];
const PALETTE = ['#b3261e', '#1d4f91', '#2e7d32', '#c77700', '#6a3d9a', '#00838f', '#8d6e63', '#546e7a'];

const state = {
  unit: null,
  path: [],
  period: null,
  compare: 'previous',
};
const data = {
  provinces: [],
  units: new Map(),
  children: new Map(),
  summary: null,
  series: null,
  byChannel: null,
  byCategory: null,
  byChild: null,
  overdue: null,
  inactive: null,
};
const charts = {};
let generation = 0;
let stream = null;
let reopenDelay = REOPEN_FIRST_MS;
let reopenTimer = null;
let refreshTimer = null;
let firstPendingAt = 0;
let inactiveShownFor = null;
let signedInBefore = null;

const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'text') {
      element.textContent = value;
    } else if (name.startsWith('data-')) {
      element.setAttribute(name, value);
    } else if (name in element) {
      element[name] = value;
    } else {
      element.setAttribute(name, value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

async function getJson(path) {
  // labels the API writes (breakdown rows, problem details) come in the page's language
  const headers = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  const token = signin.accessToken();
  if (token) {
    headers.Authorization = `Bearer ${token}`; // an officer's: the overdue list is theirs, within their scope
  }
  let response;
  try {
    response = await fetch(path, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    // the browser's own text ("Failed to fetch") is in its language, not the page's
    const failed = new Error(t(error?.name === 'TimeoutError' ? 'error.timeout' : 'error.network'));
    failed.status = 0;
    throw failed;
  }
  if (response.status === 401 && token) {
    // the token expired early or the provider's keys changed: the public figures need none, so carry on signed out
    signin.forget();
    renderSignIn();
    showNotice(t('signin.expired'));
    return getJson(path);
  }
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch {
      // not a problem body: keep the status text
    }
    const error = new Error(`${response.status} ${detail}`.trim());
    error.status = response.status;
    throw error;
  }
  return response.json();
}

const query = (parameters) => new URLSearchParams(parameters).toString();

// ---------------------------------------------------------------------------------------------------------------
// Units

async function unit(code) {
  if (!data.units.has(code)) {
    data.units.set(code, await getJson(`${API}/units/${encodeURIComponent(code)}`));
  }
  return data.units.get(code);
}

async function childrenOf(code) {
  if (!data.children.has(code)) {
    const children = await getJson(`${API}/units/${encodeURIComponent(code)}/children`);
    children.forEach((child) => data.units.set(child.code, child));
    data.children.set(code, children);
  }
  return data.children.get(code);
}

/** The codes from the province down to a unit. */
async function pathTo(code) {
  const path = [];
  for (let current = await unit(code); current; ) {
    path.unshift(current.code);
    current = current.parentCode ? await unit(current.parentCode) : null;
  }
  return path;
}

async function renderUnitSelects() {
  const container = $('unit-selects');
  const selects = [];
  selects.push(unitSelect(0, t('unit.province'), data.provinces, state.path[0], null));
  for (let level = 0; level < state.path.length; level++) {
    const children = await childrenOf(state.path[level]);
    if (children.length === 0) {
      break;
    }
    const parentName = data.units.get(state.path[level])?.name ?? state.path[level];
    selects.push(unitSelect(level + 1, t('unit.below'), children, state.path[level + 1] ?? '', parentName));
  }
  container.replaceChildren(...selects);
}

function unitSelect(level, labelText, units, selected, allOf) {
  const select = el('select', { id: `unit-level-${level}`, 'data-level': String(level) });
  if (allOf !== null) {
    select.append(el('option', { value: '', text: t('unit.all', { name: allOf }) }));
  }
  const groups = new Map();
  for (const u of units) {
    if (!groups.has(u.level)) {
      groups.set(u.level, []);
    }
    groups.get(u.level).push(u);
  }
  for (const [level, members] of groups) {
    const parent = allOf === null ? select : el('optgroup', { label: t(`level.${level}`) });
    for (const u of members) {
      parent.append(el('option', { value: u.code, text: u.name }));
    }
    if (parent !== select) {
      select.append(parent);
    }
  }
  select.value = selected ?? '';
  select.addEventListener('change', () => chooseUnit(level, select.value));
  return el('label', {}, el('span', { text: labelText }), select);
}

async function chooseUnit(level, code) {
  state.path = code ? [...state.path.slice(0, level), code] : state.path.slice(0, level);
  state.unit = state.path.at(-1);
  try {
    await renderUnitSelects();
  } catch (error) {
    showError(t('error.load', { detail: error.message }));
  }
  document.getElementById(`unit-level-${level}`)?.focus();
  remember();
  openStream();
  await refreshAll();
}

// ---------------------------------------------------------------------------------------------------------------
// Period

function renderPeriodPicker() {
  const parts = periods.partsOf(state.period);
  $('period-kind').value = parts.kind;
  const yearSelect = $('period-year');
  const thisYear = periods.today().year;
  if (yearSelect.options.length === 0) {
    for (let year = thisYear; year >= 2015; year--) {
      yearSelect.append(el('option', { value: String(year), text: String(year) }));
    }
  }
  const isTerm = parts.kind === 'term';
  const isDay = parts.kind === 'day';
  $('period-year-label').hidden = isTerm || isDay;
  $('period-term-label').hidden = !isTerm;
  $('period-day-label').hidden = !isDay;
  const today = periods.currentKey('day');
  $('period-day').max = today;
  if (isTerm) {
    $('period-term').value = parts.term;
  } else if (isDay) {
    $('period-day').value = state.period;
  } else {
    yearSelect.value = String(parts.year);
  }
  const count = periods.partsInYear(parts.kind);
  $('period-part-label').hidden = count === 0;
  const partSelect = $('period-part');
  partSelect.replaceChildren();
  if (count > 0) {
    $('period-part-text').dataset.i18n = `period.${parts.kind}`;
    $('period-part-text').textContent = t(`period.${parts.kind}`);
    for (let part = 1; part <= count; part++) {
      partSelect.append(el('option', { value: String(part), text: partLabel(parts.kind, part) }));
    }
    partSelect.value = String(parts.part);
  }
}

function partLabel(kind, part) {
  if (kind === 'month') {
    return currentLanguage() === 'vi'
      ? `Tháng ${part}`
      : new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, part - 1)));
  }
  if (kind === 'half') {
    return currentLanguage() === 'vi' ? `6 tháng ${part === 1 ? 'đầu năm' : 'cuối năm'}` : `H${part}`;
  }
  return currentLanguage() === 'vi' ? `Quý ${part}` : `Q${part}`;
}

function periodFromPicker() {
  const kind = $('period-kind').value;
  const year = Number($('period-year').value);
  const previousKind = periods.kindOf(state.period);
  if (kind === 'term') {
    return previousKind === 'term' ? $('period-term').value : periods.termContaining(year);
  }
  if (kind === 'day') {
    // a day typed or picked; switching to days starts at today
    const day = $('period-day').value;
    return previousKind === 'day' && periods.isPickable(day) ? day : periods.currentKey('day');
  }
  let part = Number($('period-part').value) || null;
  if (kind !== previousKind) {
    // a new kind of period starts at the current one when the year is this year, else at the year's first
    const current = periods.partsOf(periods.currentKey(kind));
    part = current.year === year ? current.part : 1;
  }
  return periods.keyOf({ kind, year, part });
}

async function choosePeriod(key) {
  state.period = key;
  renderPeriodPicker();
  remember();
  await refreshAll();
}

// ---------------------------------------------------------------------------------------------------------------
// Loading and rendering

async function refreshAll() {
  const mine = ++generation;
  const unitCode = state.unit;
  const period = state.period;
  renderSignIn(); // a token that expired since the last load: the header says so
  renderScope();
  const requests = {
    summary: getJson(`${API}/statistics/summary?${query({ unit: unitCode, period, compare: state.compare })}`),
    series: getJson(`${API}/statistics/series?${query({ unit: unitCode, period, step: periods.stepFor(period) })}`),
    byChannel: getJson(`${API}/statistics/breakdown?${query({ unit: unitCode, period, by: 'channel' })}`),
    byCategory: getJson(`${API}/statistics/breakdown?${query({ unit: unitCode, period, by: 'category' })}`),
    byChild: getJson(`${API}/statistics/breakdown?${query({ unit: unitCode, period, by: 'child' })}`),
    // the overdue list is an officer's: signed out, the page does not ask (and log a 401 on every refresh)
    overdue: signin.accessToken()
      ? getJson(`${API}/statistics/overdue?${query({ unit: unitCode })}`)
      : Promise.resolve({ restricted: true, units: [] }),
    inactive: getJson(`${API}/statistics/inactive-units?${query({ unit: unitCode, period, activity: 'feedback' })}`),
  };
  const names = Object.keys(requests);
  const results = await Promise.allSettled(Object.values(requests));
  if (mine !== generation) {
    return; // the officer chose something else meanwhile
  }
  const failures = [];
  // what was shown for the same unit, period and comparison stays on screen when its refresh fails
  const shown = `${unitCode}|${period}|${state.compare}`;
  const sameAsShown = data.shownFor === shown;
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      data[names[i]] = result.value;
    } else if (names[i] === 'overdue' && [401, 403, 404].includes(result.reason.status)) {
      // the overdue list names feedback items: only officers whose scope covers the unit see it
      data.overdue = { restricted: true, units: [] };
    } else if (names[i] === 'inactive' && result.reason.status === 422) {
      // a period that has not begun (a later month of this year): no unit can be inactive in it yet, no error
      data.inactive = { notStarted: true, count: 0, units: [] };
    } else {
      if (!sameAsShown) {
        data[names[i]] = null;
      }
      failures.push(result.reason.message);
    }
  });
  data.shownFor = shown;
  showError(failures.length ? t('error.load', { detail: [...new Set(failures)].join('; ') }) : null);
  if (failures.length) {
    // nothing else may come to refresh it (a quiet unit): try again by itself
    setTimeout(() => {
      if (mine === generation) {
        refreshAll();
      }
    }, RETRY_AFTER_FAILURE_MS);
  }
  renderData();
  document.body.dataset.state = failures.length ? 'error' : 'ready';
  document.body.dataset.loads = String(Number(document.body.dataset.loads ?? 0) + 1);
}

function showNotice(message) {
  const notice = $('notice');
  if (notice) {
    notice.hidden = !message;
    notice.textContent = message ?? '';
  }
}

function showError(message) {
  const box = $('error');
  box.hidden = !message;
  box.textContent = message ?? '';
}

function renderScope() {
  const name = data.units.get(state.unit)?.name ?? state.unit;
  $('scope-title').textContent = `${name} · ${periods.label(state.period)}`;
  // the year-end report table of what is on screen: the unit's rows with subtotals, in the page's language
  for (const format of ['csv', 'xlsx']) {
    $(`export-${format}`).href = `${API}/statistics/export?${query({
      unit: state.unit,
      period: state.period,
      compare: state.compare,
      format,
      lang: currentLanguage(),
    })}`;
  }
}

function renderData() {
  renderScope();
  renderFigures();
  renderCharts();
  renderChildren();
  renderOverdue();
  renderInactive();
}

function renderFigures() {
  const summary = data.summary;
  const byMetric = new Map((summary?.figures ?? []).map((f) => [f.metric, f]));
  const cards = HEADLINE.map(([metric, kind]) => {
    const figure = byMetric.get(metric) ?? { metric, value: summary ? 0 : null };
    return el(
      'article',
      { class: 'figure', 'data-metric': metric, 'data-kind': kind },
      el('h3', { text: t(`metric.${metric}`) }),
      el('p', { class: 'value', text: formatValue(figure.value, kind) }),
      el('p', { class: 'comparison', text: comparisonText(figure, kind) }),
    );
  });
  $('figures').replaceChildren(...cards);
  $('compared-with').textContent = summary?.comparedWith
    ? t('comparedWith', { period: periods.label(summary.comparedWith.key) })
    : '';
  $('as-of').textContent = summary?.asOf ? t('asOf', { time: formatDateTime(summary.asOf) }) : '';
}

function formatValue(value, kind) {
  if (kind === 'percent') {
    return formatPercent(value);
  }
  return formatNumber(value, kind === 'average' ? 1 : 0);
}

function comparisonText(figure, kind) {
  if (!data.summary?.comparedWith || figure.previous === null || figure.previous === undefined) {
    return '';
  }
  const change = formatSigned(figure.change);
  if (kind !== 'count' || figure.percentOfPrevious === null || figure.percentOfPrevious === undefined) {
    return `${t(`comparison.noBase.${state.compare}`, { previous: formatValue(figure.previous, kind) })} (${t(
      'comparison.change',
      { change },
    )})`;
  }
  return `${t(`comparison.${state.compare}`, {
    value: formatValue(figure.value, kind),
    percent: formatPercent(figure.percentOfPrevious),
  })} (${t('comparison.change', { change })})`;
}

/** Live figures for the selected unit and period: shown at once, compared with what the summary gave. */
function applyFigures(figures) {
  if (!data.summary) {
    return;
  }
  const byMetric = new Map(data.summary.figures.map((f) => [f.metric, f]));
  for (const [metric, value] of Object.entries(figures)) {
    const figure = byMetric.get(metric) ?? { metric, previous: null };
    figure.value = value;
    if (figure.previous !== null && figure.previous !== undefined && typeof value === 'number') {
      figure.change = value - figure.previous;
      figure.percentOfPrevious = figure.previous === 0 ? null : (value / figure.previous) * 100;
    }
    if (!byMetric.has(metric)) {
      data.summary.figures.push(figure);
      byMetric.set(metric, figure);
    }
  }
  const before = new Map(
    [...document.querySelectorAll('#figures .figure')].map((card) => [
      card.dataset.metric,
      card.querySelector('.value').textContent,
    ]),
  );
  renderFigures();
  for (const card of document.querySelectorAll('#figures .figure')) {
    if (before.get(card.dataset.metric) !== card.querySelector('.value').textContent) {
      card.classList.add('changed');
      setTimeout(() => card.classList.remove('changed'), 1500);
    }
  }
}

// --- charts ---------------------------------------------------------------------------------------------------

function chart(id, config) {
  if (!window.Chart) {
    return; // the chart library did not load: the figures and tables still work
  }
  config.options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false, // live figures redraw often: movement on every refresh distracts more than it tells
    locale: locale(),
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    ...config.options,
  };
  if (charts[id]) {
    charts[id].data = config.data;
    charts[id].options = config.options;
    charts[id].update();
  } else {
    charts[id] = new window.Chart($(id), config);
  }
  // nothing but zeros: a message instead of empty axes (the canvas keeps its size, hidden, for the next refresh)
  const empty = !config.data.datasets.some((d) => d.data.some((v) => typeof v === 'number' && v !== 0));
  const frame = $(id).parentElement;
  let message = frame.querySelector('.chart-empty');
  if (!message) {
    message = el('p', { class: 'chart-empty muted', 'data-i18n': 'chart.empty' });
    frame.append(message);
  }
  message.textContent = t('chart.empty');
  message.hidden = !empty;
  frame.dataset.empty = String(empty);
  // the canvas's text alternative: the same figures, in words
  const summary = config.data.datasets
    .map((d) => `${d.label}: ${d.data.map((v, i) => `${config.data.labels[i]} ${formatNumber(v)}`).join(', ')}`)
    .join('. ');
  $(id).setAttribute('aria-description', empty ? t('chart.empty') : summary);
}

const color = (i) => PALETTE[i % PALETTE.length];

/** A point's value, or nothing for a period that has not begun (its zeros would read as "no activity"). */
const drawn = (point, value) => (periods.hasStarted(point.period) ? value : null);

function renderCharts() {
  const points = data.series?.points ?? [];
  const labels = points.map((p) => periods.shortLabel(p.period));
  const kinds = [...new Set(points.flatMap((p) => Object.keys(p.byKind ?? {})))].sort();
  chart('chart-by-kind', {
    type: 'bar',
    data: {
      labels,
      datasets: kinds.map((kind, i) => ({
        label: tOr(`feedbackKind.${kind}`, kind),
        data: points.map((p) => drawn(p, p.byKind?.[kind]?.['feedback.received'] ?? 0)),
        backgroundColor: color(i),
      })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
  chart('chart-by-status', {
    type: 'line',
    data: {
      labels,
      datasets: STATUS_METRICS.map((metric, i) => ({
        label: t(`metric.${metric}`),
        data: points.map((p) => drawn(p, p.figures?.[metric] ?? 0)),
        borderColor: color(i),
        backgroundColor: color(i),
        tension: 0.2,
      })),
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  chart('chart-on-time', {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          type: 'line',
          label: t('metric.feedback.onTimeRatePercent'),
          data: points.map((p) => p.figures?.['feedback.onTimeRatePercent'] ?? null),
          borderColor: color(1),
          backgroundColor: color(1),
          yAxisID: 'rate',
          spanGaps: true,
        },
        {
          label: t('metric.feedback.answeredOnTime'),
          data: points.map((p) => drawn(p, p.figures?.['feedback.answeredOnTime'] ?? 0)),
          backgroundColor: color(2),
          stack: 'answered',
        },
        {
          label: t('metric.feedback.answeredLate'),
          data: points.map((p) => drawn(p, p.figures?.['feedback.answeredLate'] ?? 0)),
          backgroundColor: color(0),
          stack: 'answered',
        },
      ],
    },
    options: {
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        rate: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false } },
      },
    },
  });
  breakdownChart('chart-by-channel', data.byChannel, (row) => tOr(`channel.${row.key}`, row.label), 'x');
  breakdownChart('chart-by-category', data.byCategory, (row) => row.label ?? row.key, 'y');
}

function breakdownChart(id, breakdown, labelOf, indexAxis) {
  const rows = (breakdown?.rows ?? []).filter((row) => (row.figures?.['feedback.received'] ?? 0) > 0);
  chart(id, {
    type: 'bar',
    data: {
      labels: rows.map(labelOf),
      datasets: [
        {
          label: t('metric.feedback.received'),
          data: rows.map((row) => row.figures['feedback.received']),
          backgroundColor: rows.map((row, i) => color(i)),
        },
        {
          label: t('metric.feedback.answered'),
          data: rows.map((row) => row.figures['feedback.answered'] ?? 0),
          backgroundColor: '#9e9e9e',
        },
      ],
    },
    options: {
      indexAxis,
      scales: { [indexAxis === 'y' ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

// --- tables ---------------------------------------------------------------------------------------------------

function renderChildren() {
  const rows = data.byChild?.rows ?? [];
  const body = document.querySelector('#children-table tbody');
  if (rows.length === 0) {
    body.replaceChildren(el('tr', {}, el('td', { colSpan: 5, class: 'muted', text: t('children.none') })));
    return;
  }
  body.replaceChildren(
    ...rows.map((row) =>
      el(
        'tr',
        { 'data-unit': row.key },
        el('th', { scope: 'row', text: row.key.endsWith(':UNATTRIBUTED') ? t('unattributed') : row.label }),
        el('td', { class: 'num', text: formatNumber(row.figures?.['feedback.received'] ?? 0, 0) }),
        el('td', { class: 'num', text: formatNumber(row.figures?.['feedback.answered'] ?? 0, 0) }),
        el('td', { class: 'num', text: formatPercent(row.figures?.['feedback.onTimeRatePercent'] ?? null) }),
        el('td', { class: 'num', text: formatNumber(row.figures?.['feedback.overdueNow'] ?? 0, 0) }),
      ),
    ),
  );
}

function renderOverdue() {
  const units = (data.overdue?.units ?? []).filter((u) => u.overdue > 0);
  const list = $('overdue-list');
  if (data.overdue?.restricted) {
    list.replaceChildren(el('p', { class: 'muted', 'data-restricted': 'true', text: t('overdue.restricted') }));
    return;
  }
  if (units.length === 0) {
    list.replaceChildren(el('p', { class: 'muted', text: data.overdue ? t('overdue.none') : t('overdue.unavailable') }));
    return;
  }
  // a live refresh keeps open what the officer opened
  const open = new Set([...list.querySelectorAll('details[open]')].map((d) => d.dataset.unit));
  list.replaceChildren(
    ...units.map((u) =>
      el(
        'details',
        { class: 'overdue-unit', 'data-unit': u.code, open: open.has(u.code) },
        el(
          'summary',
          {},
          el('span', { class: 'name', text: u.name }),
          el('span', { class: 'badge', text: t('overdue.count', { count: formatNumber(u.overdue, 0) }) }),
        ),
        el(
          'table',
          {},
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col', text: t('col.feedbackId') }),
              el('th', { scope: 'col', text: t('col.kind') }),
              el('th', { scope: 'col', text: t('col.dueAt') }),
            ),
          ),
          el(
            'tbody',
            {},
            (u.items ?? []).map((item) =>
              el(
                'tr',
                {},
                el('td', {}, el('code', { text: item.feedbackId })),
                el('td', { text: tOr(`feedbackKind.${item.kind}`, item.kind) }),
                el('td', { text: formatDateTime(item.dueAt) }),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function renderInactive() {
  const inactive = data.inactive;
  $('inactive-count').textContent = !inactive
    ? ''
    : inactive.notStarted
      ? t('inactive.notStarted')
      : inactive.count > 0
      ? t('inactive.count', { count: formatNumber(inactive.count, 0) })
      : t('inactive.none');
  $('inactive-list').replaceChildren(
    ...(inactive?.units ?? []).map((u) => el('li', { 'data-unit': u.code, text: u.name })),
  );
  // a long list starts folded, a short one open; a live refresh leaves it as the officer set it
  $('inactive-details').hidden = !inactive || inactive.count === 0;
  const shown = `${state.unit}|${state.period}`;
  if (inactive && inactiveShownFor !== shown) {
    $('inactive-details').open = inactive.count <= 12;
    inactiveShownFor = shown;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Live updates

function openStream() {
  clearTimeout(reopenTimer);
  stream?.close();
  setLive('connecting');
  const source = new EventSource(`${API}/statistics/stream?${query({ unit: state.unit })}`);
  stream = source;
  let wasOpen = false;
  source.onopen = () => {
    reopenDelay = REOPEN_FIRST_MS;
    document.body.dataset.opens = String(Number(document.body.dataset.opens ?? 0) + 1);
    setLive('open');
    if (wasOpen) {
      scheduleRefresh(); // the browser reconnected with Last-Event-ID; refetch what the comparisons need
    }
    wasOpen = true;
  };
  source.onerror = () => {
    if (source !== stream) {
      return;
    }
    if (source.readyState === EventSource.CLOSED) {
      // the server refused the stream (an error status): the browser will not retry, so we do, backing off
      setLive('retrying');
      reopenTimer = setTimeout(() => {
        openStream();
        scheduleRefresh();
      }, reopenDelay);
      reopenDelay = Math.min(reopenDelay * 2, REOPEN_MAX_MS);
    } else {
      setLive('retrying'); // the browser reconnects by itself
    }
  };
  source.addEventListener('figures', (event) => {
    let change;
    try {
      change = JSON.parse(event.data);
    } catch {
      return;
    }
    if (change.unit === state.unit && change.period === state.period) {
      applyFigures(change.figures ?? {});
    }
    // the unit itself or one inside it, in any period: comparisons, charts and lists may have changed, and the
    // figures of now (pending, overdue) change with every period, the one on screen too
    // the unit itself or one inside it: comparisons, charts and lists may have changed
    scheduleRefresh();
    setLive('open', new Date());
  });
}

function setLive(status, updatedAt) {
  document.body.dataset.live = status;
  const text = $('live-text');
  if (status === 'open' && updatedAt) {
    text.dataset.i18n = 'live.open';
    text.textContent = t('live.updated', { time: formatTime(updatedAt) });
  } else {
    text.dataset.i18n = `live.${status === 'open' ? 'open' : status}`;
    text.textContent = t(text.dataset.i18n);
  }
}

function scheduleRefresh() {
  const now = Date.now();
  if (!refreshTimer) {
    firstPendingAt = now;
  }
  clearTimeout(refreshTimer);
  const wait = Math.max(0, Math.min(REFRESH_DEBOUNCE_MS, firstPendingAt + REFRESH_MAX_WAIT_MS - now));
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    refreshAll();
  }, wait);
}

// ---------------------------------------------------------------------------------------------------------------
// Language, address, start

function remember() {
  const parameters = new URLSearchParams({ unit: state.unit, period: state.period, compare: state.compare });
  if (currentLanguage() !== 'vi') {
    parameters.set('lang', currentLanguage());
  }
  history.replaceState(null, '', `${location.pathname}?${parameters}`);
  try {
    localStorage.setItem('danvan.dashboard', JSON.stringify({ unit: state.unit, lang: currentLanguage() }));
  } catch {
    // storage disabled: the address still keeps the choice
  }
}

async function switchLanguage(lang) {
  setLanguage(lang);
  remember();
  renderPeriodPicker();
  await renderUnitSelects();
  renderData();
  setLive(document.body.dataset.live);
  renderSignIn();
  await refreshAll(); // the labels the API writes, in the new language
}

function stored() {
  try {
    return JSON.parse(localStorage.getItem('danvan.dashboard') ?? '{}');
  } catch {
    return {};
  }
}

function renderSignIn() {
  const who = signin.signedInAs();
  if (who) {
    showNotice(null);
  } else if (signedInBefore) {
    showNotice(t('signin.expired')); // the token ran out while the page was open
  }
  signedInBefore = who;
  $('signed-in-as').textContent = who ? t('signin.as', { who }) : '';
  $('sign-in').hidden = Boolean(who);
  $('sign-out').hidden = !who;
}

async function start() {
  let parameters;
  try {
    parameters = await signin.completeSignIn();
  } catch {
    parameters = new URLSearchParams(location.search); // the provider is unreachable: public figures still show
  }
  const saved = stored();
  const lang = parameters.get('lang') ?? saved.lang ?? 'vi';
  setLanguage(LANGUAGES.includes(lang) ? lang : 'vi');
  state.compare = parameters.get('compare') === 'year' ? 'year' : 'previous';
  document.querySelector(`input[name="compare"][value="${state.compare}"]`).checked = true;
  const period = parameters.get('period');
  state.period = periods.isPickable(period) ? period : periods.currentKey('year');
  // what the address asked for and could not be shown is said, not silently replaced
  const notices = [];
  if (period && !periods.isPickable(period)) {
    notices.push(t('address.period', { period, shown: periods.label(state.period) }));
  }
  // the buttons work whatever happens next (the sign-in and the language above all, if loading fails)
  wire();

  try {
    data.provinces = await getJson(`${API}/units`);
    data.provinces.forEach((p) => data.units.set(p.code, p));
    // just signed in: the officer's own unit; else the address, the last choice, the first province
    const own = parameters.get('signedIn') ? signin.officersUnit() : null;
    const wanted = own ?? parameters.get('unit') ?? saved.unit ?? data.provinces[0].code;
    try {
      state.path = await pathTo(wanted);
    } catch (error) {
      state.path = [data.provinces[0].code];
      if (error.status !== 404) {
        throw error; // not an unknown unit: the page cannot load
      }
      // an old link (a commune merged in 2025) or a typo
      notices.push(t('address.unit', { unit: wanted, shown: data.provinces[0].name }));
    }
    state.unit = state.path.at(-1);
    await renderUnitSelects();
    if (notices.length) {
      showNotice(notices.join(' ')); // (an expired sign-in's notice, set meanwhile, stays otherwise)
    }
  } catch (error) {
    showError(t('error.load', { detail: error.message }));
    document.body.dataset.state = 'error';
    return;
  }
  renderPeriodPicker();
  remember();
  openStream();
  await refreshAll();
}

function wire() {
  $('pickers').addEventListener('submit', (event) => event.preventDefault());
  $('period-kind').addEventListener('change', () => choosePeriod(periodFromPicker()));
  $('period-year').addEventListener('change', () => choosePeriod(periodFromPicker()));
  $('period-part').addEventListener('change', () => choosePeriod(periodFromPicker()));
  $('period-term').addEventListener('change', () => choosePeriod(periodFromPicker()));
  $('period-day').addEventListener('change', () => {
    if (periods.isPickable($('period-day').value)) {
      choosePeriod(periodFromPicker());
    }
  });
  for (const radio of document.querySelectorAll('input[name="compare"]')) {
    radio.addEventListener('change', () => {
      state.compare = radio.value;
      remember();
      refreshAll();
    });
  }
  for (const lang of LANGUAGES) {
    $(`lang-${lang}`).addEventListener('click', () => switchLanguage(lang));
  }
  $('sign-in').addEventListener('click', () =>
    signin.signIn().catch((error) => showError(t('signin.failed', { detail: error.message }))),
  );
  $('sign-out').addEventListener('click', async () => {
    showNotice(null);
    signedInBefore = null; // signed out on purpose: no "expired" notice
    if (await signin.signOut()) {
      return; // off to the provider's logout, which sends the browser back here
    }
    renderSignIn();
    refreshAll();
  });
  renderSignIn();
}

start();
