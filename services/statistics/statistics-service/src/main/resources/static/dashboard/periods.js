// Period keys as the statistics API writes them: 2026, 2026-H1, 2026-9M, 2026-Q3, 2026-07, 2026-07-15, term:2025-2030.

import { currentLanguage, t } from './i18n.js';

const PATTERNS = [
  ['term', /^term:(\d{4})-(\d{4})$/],
  ['year', /^(\d{4})$/],
  ['half', /^(\d{4})-H([12])$/],
  ['nine', /^(\d{4})-9M$/],
  ['quarter', /^(\d{4})-Q([1-4])$/],
  ['month', /^(\d{4})-(\d{2})$/],
  ['day', /^(\d{4})-(\d{2})-(\d{2})$/],
];

/** The kind of a period key: year, half, nine, quarter, month, day or term; null if it is none of them. */
export function kindOf(key) {
  for (const [kind, pattern] of PATTERNS) {
    if (pattern.test(key ?? '')) {
      return kind;
    }
  }
  return null;
}

/**
 * Whether the pickers can show a key: a real month (01-12) of a year from 2015 to this one, or one of the two terms.
 * An address typed or kept from elsewhere ("2026-13", "2027", "term:2024-2029") falls back to the current year.
 */
export function isPickable(key) {
  const kind = kindOf(key);
  if (!kind) {
    return false;
  }
  if (kind === 'day') {
    // a real date (2026-02-30 is none) from 2015 to today
    const [y, m, d] = key.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    const now = today();
    const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    const todayKey = `${now.year}-${String(now.month).padStart(2, '0')}-${String(now.day).padStart(2, '0')}`;
    return real && y >= 2015 && key <= todayKey;
  }
  if (kind === 'term') {
    return key === 'term:2020-2025' || key === 'term:2025-2030';
  }
  const { year, part } = partsOf(key);
  if (year < 2015 || year > today().year) {
    return false;
  }
  return kind !== 'month' || (part >= 1 && part <= 12);
}

/** The parts a picker shows for a key: its kind, year and part (quarter, month or half number). */
export function partsOf(key) {
  const kind = kindOf(key);
  if (!kind) {
    return null;
  }
  if (kind === 'term') {
    return { kind, year: null, part: null, term: key };
  }
  const match = PATTERNS.find(([k]) => k === kind)[1].exec(key);
  return { kind, year: Number(match[1]), part: match[2] ? Number(match[2]) : null, term: null };
}

/** The key for a picker's choice. */
export function keyOf({ kind, year, part, term, day }) {
  switch (kind) {
    case 'term':
      return term ?? termContaining(year);
    case 'half':
      return `${year}-H${part ?? 1}`;
    case 'nine':
      return `${year}-9M`;
    case 'quarter':
      return `${year}-Q${part ?? 1}`;
    case 'month':
      return `${year}-${String(part ?? 1).padStart(2, '0')}`;
    case 'day':
      return day ?? `${year}-01-01`;
    default:
      return String(year);
  }
}

/** The number of parts of a year for a kind (4 quarters, 12 months, 2 halves), 0 for the others. */
export function partsInYear(kind) {
  return { quarter: 4, month: 12, half: 2 }[kind] ?? 0;
}

export function termContaining(year) {
  return year < 2025 ? 'term:2020-2025' : 'term:2025-2030';
}

/**
 * Whether a period has begun (Asia/Ho_Chi_Minh): a chart leaves a period that has not yet begun empty instead of
 * drawing its zeros, which read as "nothing happened".
 */
export function hasStarted(key) {
  const p = partsOf(key);
  if (!p) {
    return true;
  }
  const pad = (n) => String(n).padStart(2, '0');
  const startMonth = { quarter: ((p.part ?? 1) - 1) * 3 + 1, month: p.part, half: ((p.part ?? 1) - 1) * 6 + 1 }[p.kind];
  let start;
  if (p.kind === 'day') {
    start = key;
  } else if (p.kind === 'term') {
    start = `${key.slice(5, 9)}-01-01`;
  } else {
    start = `${p.year}-${pad(startMonth ?? 1)}-01`;
  }
  const now = today();
  return start <= `${now.year}-${pad(now.month)}-${pad(now.day)}`;
}

/** Today in Asia/Ho_Chi_Minh, where every period boundary of the platform lies. */
export function today() {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date());
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** The current period of a kind. */
export function currentKey(kind) {
  const now = today();
  const part = {
    quarter: Math.ceil(now.month / 3),
    month: now.month,
    half: now.month <= 6 ? 1 : 2,
  }[kind];
  const day = `${now.year}-${String(now.month).padStart(2, '0')}-${String(now.day).padStart(2, '0')}`;
  return keyOf({ kind, year: now.year, part, term: kind === 'term' ? termContaining(now.year) : null, day });
}

/** The series step that shows a period best: days within a month, quarters within a term, else months. */
export function stepFor(key) {
  const kind = kindOf(key);
  if (kind === 'month' || kind === 'day') {
    return 'day';
  }
  return kind === 'term' ? 'quarter' : 'month';
}

/** A period as people write it: "Quý 3/2026", "Q3 2026", "9 tháng đầu năm 2026", "Nhiệm kỳ 2025–2030". */
export function label(key) {
  const p = partsOf(key);
  if (!p) {
    return key ?? '';
  }
  const vi = currentLanguage() === 'vi';
  switch (p.kind) {
    case 'term': {
      const [, from, to] = /^term:(\d{4})-(\d{4})$/.exec(key);
      return `${t('kind.term')} ${from}–${to}`;
    }
    case 'year':
      return vi ? `Năm ${p.year}` : String(p.year);
    case 'half':
      return vi ? `6 tháng ${p.part === 1 ? 'đầu' : 'cuối'} năm ${p.year}` : `H${p.part} ${p.year}`;
    case 'nine':
      return vi ? `9 tháng đầu năm ${p.year}` : `First 9 months of ${p.year}`;
    case 'quarter':
      return vi ? `Quý ${p.part}/${p.year}` : `Q${p.part} ${p.year}`;
    case 'month':
      return vi ? `Tháng ${p.part}/${p.year}` : monthName(p.year, p.part);
    case 'day': {
      const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
      return vi ? `${Number(d)}/${Number(m)}/${y}` : `${Number(d)} ${monthName(Number(y), Number(m))}`;
    }
    default:
      return key;
  }
}

/** A short label for a point on a chart's axis. */
export function shortLabel(key) {
  const p = partsOf(key);
  if (!p) {
    return key;
  }
  const vi = currentLanguage() === 'vi';
  switch (p.kind) {
    case 'month':
      return vi ? `T${p.part}/${p.year}` : `${monthName(p.year, p.part, 'short')}`;
    case 'quarter':
      return vi ? `Q${p.part}/${p.year}` : `Q${p.part} ${p.year}`;
    case 'day': {
      const [, , m, d] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
      return `${Number(d)}/${Number(m)}`;
    }
    default:
      return label(key);
  }
}

function monthName(year, month, style = 'long') {
  return new Intl.DateTimeFormat('en-GB', { month: style, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}
