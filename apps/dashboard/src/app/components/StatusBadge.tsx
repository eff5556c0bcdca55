const labels: Record<string, string> = {
  ok: 'OK',
  drift: 'Drift',
  failed: 'Failed',
  running: 'Running',
  started: 'Running',
  'never-run': 'Never run',
  interrupted: 'Interrupted',
};

/** A coloured pill for a monitor's or a run's status. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span class={`badge badge-${status}`} data-status={status}>
      <span class="dot" aria-hidden="true" />
      {labels[status] ?? status}
    </span>
  );
}
