import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.js';
import { prometheusBinary } from './prometheusBinaries.js';
import { type RunningProgram, startProcess } from './startProcess.js';

/** A scrape target of {@link startPrometheus}. */
export interface ScrapeTarget {
  readonly job: string;
  /** `host:port`. */
  readonly target: string;
  /** Keep the scraped `job` and `instance` labels (a Pushgateway's targets need it). */
  readonly honorLabels?: boolean;
  /** Default `/metrics`. */
  readonly metricsPath?: string;
}

/** Options of {@link startPrometheus}. */
export interface StartPrometheusOptions {
  /** Default `1s` (also the evaluation interval). */
  readonly scrapeInterval?: string;
  /** Default 60 000. */
  readonly timeoutMs?: number;
  /**
   * A `scrape_configs:` section written verbatim after the generated ones (e.g. a README's
   * snippet, to test it as users would paste it): its first line is `scrape_configs:`, its jobs
   * are indented list items.
   */
  readonly scrapeConfigs?: string;
}

/**
 * Starts a real Prometheus server (Debian's `prometheus`) on 127.0.0.1 and a free port, with a
 * generated config scraping `targets` (and `options.scrapeConfigs`) every `scrapeInterval`
 * (default 1s) and its TSDB in a temporary folder removed by `stop`; resolves once `/-/ready`
 * answers.
 */
export async function startPrometheus(targets: readonly ScrapeTarget[], options: StartPrometheusOptions = {}): Promise<RunningProgram> {
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-prometheus-'));
  const interval = options.scrapeInterval ?? '1s';
  const config = [
    'global:',
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    'scrape_configs:',
    ...targets.flatMap((t) => [
      `  - job_name: ${JSON.stringify(t.job)}`,
      `    honor_labels: ${t.honorLabels === true}`,
      `    metrics_path: ${JSON.stringify(t.metricsPath ?? '/metrics')}`,
      '    static_configs:',
      `      - targets: [${JSON.stringify(t.target)}]`,
    ]),
    ...(options.scrapeConfigs === undefined ? [] : options.scrapeConfigs.trimEnd().split('\n').slice(1)),
    '',
  ].join('\n');
  await writeFile(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  try {
    const program = await startProcess(
      prometheusBinary,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      port,
      '/-/ready',
      options.timeoutMs ?? 60_000,
    );
    return {
      ...program,
      stop: async () => {
        await program.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
