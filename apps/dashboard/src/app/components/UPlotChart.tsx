import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

/** Series colours, in order; the first is the accent. */
export const palette = ['#3b5bdb', '#e8590c', '#2f9e44', '#ae3ec9', '#1098ad', '#f08c00', '#d6336c', '#5c940d', '#7048e8', '#495057'];

/**
 * A uPlot chart that fills its container's width and follows its resizes. `options` and `data`
 * must be memoised by the caller: a new object rebuilds the chart.
 */
export function UPlotChart({
  name,
  options,
  data,
  height = 260,
}: {
  /** `data-chart` of the host, for tests and styles. */
  name: string;
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const chart = new uPlot({ ...options, width: Math.max(el.clientWidth, 200), height } as uPlot.Options, data, el);
    const observer = new ResizeObserver(() => {
      const width = Math.max(el.clientWidth, 200);
      if (width !== chart.width) chart.setSize({ width, height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [options, data, height]);
  return <div ref={host} class="chart-host" data-chart={name} data-points={data[0]?.length ?? 0} />;
}

/** Axis colours and fonts matching the stylesheet. */
export const axisStyle = {
  stroke: '#5b6470',
  grid: { stroke: '#eceef1', width: 1 },
  ticks: { stroke: '#e3e6ea', width: 1 },
  font: '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
};
