/** 0.3333 → "33%", 0.05 → "5%", 0.004 → "0.4%"; undefined → "–". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const pct = value * 100;
  if (pct !== 0 && Math.abs(pct) < 1) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

/** A statistic with 3 significant digits (small values in exponent form); null → "–". */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value === Number.POSITIVE_INFINITY) return '∞';
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e6) return value.toExponential(2);
  return Number(value.toPrecision(3)).toString();
}

/** An integer with thousands separators. */
export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US');
}

/** ISO time → "2026-03-04 10:20 UTC" (the server's zone for schedules is UTC, so the dashboard says UTC). */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How long ago (or from now) `iso` is relative to `now`: "3 min ago", "in 2 h", "just now". */
export function relativeTime(iso: string | undefined, now: number = Date.now()): string {
  if (!iso) return '–';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const diff = t - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
  ];
  for (const [ms, unit] of units) {
    if (abs >= ms) {
      const n = Math.round(abs / ms);
      return diff < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
    }
  }
  return diff < 0 ? '1 min ago' : 'in 1 min';
}

/** A run's duration, "2.7 s", "3 min 4 s". */
export function formatDuration(startIso: string, endIso: string | undefined): string {
  if (!endIso) return '–';
  const ms = Date.parse(endIso) - Date.parse(startIso);
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms - min * 60_000) / 1000)} s`;
}

/** A schedule as the config wrote it: "0 * * * *", "every 1h", with jitter and zone. */
export function describeSchedule(schedule: unknown): string {
  if (schedule === undefined || schedule === null) return 'manual only';
  if (typeof schedule === 'string') return schedule;
  const s = schedule as { cron?: string; every?: number | string; jitter?: number | string; timezone?: string };
  const every = typeof s.every === 'number' ? `every ${formatMs(s.every)}` : s.every !== undefined ? `every ${s.every}` : undefined;
  const base = s.cron ?? every ?? 'custom';
  const zone = s.cron && s.timezone && s.timezone !== 'UTC' ? ` (${s.timezone})` : '';
  const jitter = s.jitter && s.jitter !== 0 ? ` ± ${typeof s.jitter === 'number' ? formatMs(s.jitter) : s.jitter}` : '';
  return `${base}${zone}${jitter}`;
}

function formatMs(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ] as const)
    if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
