// An example Driftwatch plugin: a metrics sink that sends each point as a
// StatsD gauge over UDP. Plain JavaScript (ES module), so it needs no build:
// list it in a config as `plugins: [./plugins/statsd-sink.mjs]` and use
// `sinks: [{ type: statsd, host: 127.0.0.1, port: 8125 }]`.
//
// A plugin is a default export made with definePlugin; each provider names
// the port it implements, its `type`, a zod schema for its options (which
// `driftwatch config validate` checks and `driftwatch plugins` lists) and a
// factory. See "Writing a plugin" in the README.
import { createSocket } from 'node:dgram';
import { definePlugin, defineProvider, ProviderError } from '@driftwatch/core';
import { z } from 'zod';

/** StatsD metric names allow letters, digits, `_`, `-` and `.`; anything else becomes `_`. */
const clean = (s) => s.replace(/[^A-Za-z0-9_.-]/g, '_');

/**
 * One line per point: `prefix.name:value|g`, with dimensions as DogStatsD tags
 * (`|#monitor:credit,feature:age`) or, with `tags: false`, folded into the
 * name (`prefix.name.monitor.credit.feature.age`).
 */
export function statsdLine(point, options) {
  const dims = Object.entries(point.dimensions);
  const base = [options.prefix, point.name].filter(Boolean).map(clean).join('.');
  if (options.tags) {
    const tags = dims.map(([k, v]) => `${clean(k)}:${clean(v)}`).join(',');
    return `${base}:${point.value}|g${tags ? `|#${tags}` : ''}`;
  }
  return `${[base, ...dims.flatMap(([k, v]) => [clean(k), clean(v)])].join('.')}:${point.value}|g`;
}

/** A MetricsSink that queues lines and sends them on flush, packed into datagrams of at most `maxPacketBytes`. */
class StatsdMetricsSink {
  type = 'statsd';
  #options;
  #pending = [];

  constructor(options) {
    this.#options = options;
  }

  async publish(points) {
    for (const p of points) this.#pending.push(statsdLine(p, this.#options));
  }

  async flush() {
    if (this.#pending.length === 0) return;
    const packets = [];
    let current = '';
    for (const line of this.#pending) {
      if (current && Buffer.byteLength(current) + 1 + Buffer.byteLength(line) > this.#options.maxPacketBytes) {
        packets.push(current);
        current = '';
      }
      current = current ? `${current}\n${line}` : line;
    }
    if (current) packets.push(current);
    const { host, port } = this.#options;
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    try {
      for (const packet of packets) {
        await new Promise((resolve, reject) => socket.send(packet, port, host, (error) => (error ? reject(error) : resolve())));
      }
    } catch (cause) {
      throw new ProviderError('statsd', 'flush', `cannot send to ${host}:${port}: ${cause.message}`, { cause });
    } finally {
      socket.close();
    }
    this.#pending = [];
  }
}

export default definePlugin({
  name: 'example-statsd',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'statsd',
      description: 'sends metric points as StatsD gauges over UDP (example plugin)',
      options: z
        .object({
          host: z.string().min(1).default('127.0.0.1').describe('StatsD host'),
          port: z.coerce.number().int().min(1).max(65535).default(8125).describe('StatsD UDP port'),
          prefix: z.string().default('driftwatch').describe('prefix of every metric name'),
          tags: z.boolean().default(true).describe('dimensions as DogStatsD tags; false folds them into the name'),
          maxPacketBytes: z.number().int().min(64).max(65507).default(1432).describe('largest datagram, bytes'),
        })
        .strict(),
      create: (options) => new StatsdMetricsSink(options),
    }),
  ],
});
