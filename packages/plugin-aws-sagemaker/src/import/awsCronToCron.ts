/**
 * A Model Monitor schedule expression as a five-field cron (`minute hour day-of-month month
 * day-of-week`): `cron(0 * ? * * *)` → `0 * * * *`. AWS's `?` becomes `*`, its day-of-week
 * numbers 1–7 (Sunday first) become 0–6; a year other than `*` cannot be carried over. Returns
 * undefined for what has no cron form (`NOW`, one-time schedules, a fixed year).
 */
export function awsCronToCron(expression: string): string | undefined {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match) return undefined;
  const fields = match[1]!.trim().split(/\s+/);
  if (fields.length !== 6 || fields[5] !== '*') return undefined;
  const [minute, hour, dom, month, dow] = fields.map((f) => (f === '?' ? '*' : f)) as [string, string, string, string, string];
  const weekday = dow.replace(/\d+/g, (d) => String((Number(d) + 6) % 7));
  return `${minute} ${hour} ${dom} ${month} ${weekday}`;
}
