import { type MetricPoint, ProviderError, windowPoint } from '@driftwatch/core';
import { MetricServiceClient } from '@google-cloud/monitoring';
import { status } from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PointsNotWrittenError } from '../errors/PointsNotWrittenError.js';
import { FakeMonitoringServer } from '../testing/FakeMonitoringServer.js';
import { GcpMetricsSink, type GcpMetricsSinkOptions } from './GcpMetricsSink.js';
import { MetricDescriptorRegistry } from './MetricDescriptorRegistry.js';

const project = 'test-project';
const scoreType = 'custom.googleapis.com/driftwatch/drift/score';
const shareType = 'custom.googleapis.com/driftwatch/dataset/drift_share';

let server: FakeMonitoringServer;
const sinks: GcpMetricsSink[] = [];
// The points are from 2026-03-01 around 10:00: the server and the sinks agree it is 12:00 that day.
let now = Date.parse('2026-03-01T12:00:00Z');
let warnings: string[] = [];

beforeEach(async () => {
  now = Date.parse('2026-03-01T12:00:00Z');
  warnings = [];
  server = await FakeMonitoringServer.start({ now: () => now });
});
afterEach(async () => {
  for (const s of sinks.splice(0)) await s.shutdown();
  await server.stop();
});

function sink(options: GcpMetricsSinkOptions = {}): GcpMetricsSink {
  const s = new GcpMetricsSink(
    {
      projectId: project,
      retry: { initialDelayMs: 1, maxDelayMs: 5, totalTimeoutMs: 10_000 },
      ...options,
      clientOptions: server.clientOptions(project),
    },
    { now: () => now, warn: (m) => warnings.push(m) },
  );
  sinks.push(s);
  return s;
}

/** The points a drift check publishes for two features, as drift's driftMetricPoints makes them. */
function driftPoints(timestamp = '2026-03-01T10:00:00.250Z'): MetricPoint[] {
  return [
    {
      name: 'drift.score',
      value: 0.0123,
      unit: 'None',
      timestamp,
      dimensions: { monitor: 'credit', feature: 'age', method: 'ks', measure: 'p_value' },
    },
    {
      name: 'drift.score',
      value: 0.31,
      unit: 'None',
      timestamp,
      dimensions: { monitor: 'credit', feature: 'income', method: 'psi', measure: 'statistic' },
    },
    { name: 'dataset.drift_share', value: 0.5, unit: 'None', timestamp, dimensions: { monitor: 'credit' } },
  ];
}

function distinctPoints(n: number, name = 'drift.score', timestamp = '2026-03-01T10:00:00Z'): MetricPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    name,
    value: i / 10,
    unit: 'None' as const,
    timestamp,
    dimensions: { monitor: 'm', feature: `f${i}`, method: 'ks', measure: 'p_value' },
  }));
}

describe('GcpMetricsSink', () => {
  it('creates GAUGE DOUBLE descriptors with labels from the dimensions, then writes the series', async () => {
    const s = sink();
    await s.publish(driftPoints());
    await s.flush();

    const score = server.descriptors.get(`projects/${project}/metricDescriptors/${scoreType}`);
    expect(score).toMatchObject({ type: scoreType, metricKind: 'GAUGE', valueType: 'DOUBLE', unit: '1', displayName: 'drift.score' });
    expect(score.labels.map((l: any) => l.key).sort()).toEqual(['feature', 'measure', 'method', 'monitor']);
    expect(score.labels.find((l: any) => l.key === 'measure').description).toMatch(/p_value/);
    expect(score.labels.every((l: any) => l.valueType === 'STRING' && l.description.length > 0)).toBe(true);
    const share = server.descriptors.get(`projects/${project}/metricDescriptors/${shareType}`);
    expect(share.labels.map((l: any) => l.key)).toEqual(['monitor']);

    const writes = server.requests('CreateTimeSeries');
    expect(writes).toHaveLength(1);
    expect(writes[0].name).toBe(`projects/${project}`);
    expect(writes[0].timeSeries).toHaveLength(3);
    const age = writes[0].timeSeries.find((t: any) => t.metric.labels.feature === 'age');
    expect(age.metric).toEqual({ type: scoreType, labels: { monitor: 'credit', feature: 'age', method: 'ks', measure: 'p_value' } });
    expect(age.resource).toEqual({ type: 'global', labels: { project_id: project } });
    expect(age.metricKind).toBe('GAUGE');
    expect(age.valueType).toBe('DOUBLE');
    expect(age.points).toHaveLength(1);
    expect(age.points[0].value.doubleValue).toBe(0.0123);
    const end = Date.parse('2026-03-01T10:00:00.250Z');
    expect(Number(age.points[0].interval.endTime.seconds)).toBe(Math.floor(end / 1000));
    expect(age.points[0].interval.endTime.nanos).toBe(250_000_000);
    expect(server.series.size).toBe(3);
  });

  it('writes series a Cloud Monitoring client reads back with a label filter', async () => {
    const s = sink();
    await s.publish(driftPoints('2026-03-01T10:00:00Z'));
    await s.flush();
    await s.publish(driftPoints('2026-03-01T10:10:00Z').map((p) => ({ ...p, value: p.value * 2 })));
    await s.flush();
    const reader = new MetricServiceClient(server.clientOptions(project));
    try {
      const [series] = await reader.listTimeSeries({
        name: `projects/${project}`,
        filter: `metric.type = "${scoreType}" AND metric.label.feature = "income"`,
        interval: { endTime: { seconds: Date.parse('2026-03-01T11:00:00Z') / 1000 } },
      });
      expect(series).toHaveLength(1);
      expect(series[0].metric!.labels).toEqual({ monitor: 'credit', feature: 'income', method: 'psi', measure: 'statistic' });
      expect(series[0].points!.map((p) => p.value!.doubleValue)).toEqual([0.62, 0.31]);
      const [descriptors] = await reader.listMetricDescriptors({ name: `projects/${project}` });
      expect(descriptors.map((d) => d.type).sort()).toEqual([shareType, scoreType]);
    } finally {
      await reader.close();
    }
  });

  it('serialises concurrent flushes so each series stays in time order', async () => {
    const s = sink();
    const base = driftPoints()[2];
    await s.publish([{ ...base, value: 1, timestamp: '2026-03-01T10:00:00Z' }]);
    const first = s.flush();
    await s.publish([{ ...base, value: 2, timestamp: '2026-03-01T10:01:00Z' }]);
    const second = s.flush();
    await Promise.all([first, second]);
    const [stored] = server.series.values();
    expect(stored.points.map((p) => p.value)).toEqual([1, 2]);
    expect(server.requests('CreateTimeSeries')).toHaveLength(2);
  });

  it('reads and creates each descriptor once per process, and widens it when a new dimension appears', async () => {
    const s = sink();
    await s.publish(driftPoints('2026-03-01T10:00:00Z'));
    await s.flush();
    await s.publish(driftPoints('2026-03-01T10:01:00Z'));
    await s.flush();
    // A second sink in the same process (e.g. another monitor) needs no descriptor calls either.
    const other = sink();
    await other.publish(driftPoints('2026-03-01T10:02:00Z'));
    await other.flush();
    expect(server.requests('GetMetricDescriptor')).toHaveLength(2);
    expect(server.requests('CreateMetricDescriptor')).toHaveLength(2);
    expect(server.requests('CreateTimeSeries')).toHaveLength(3);

    await s.publish([
      {
        ...driftPoints('2026-03-01T10:03:00Z')[0],
        dimensions: { monitor: 'credit', feature: 'age', method: 'ks', measure: 'p_value', chunk: '3' },
      },
    ]);
    await s.flush();
    const creates = server.requests('CreateMetricDescriptor');
    expect(creates).toHaveLength(3);
    expect(creates[2].metricDescriptor.labels.map((l: any) => l.key).sort()).toEqual(['chunk', 'feature', 'measure', 'method', 'monitor']);
  });

  it('keeps the labels of a descriptor that already exists when it adds new ones', async () => {
    server.descriptors.set(`projects/${project}/metricDescriptors/${shareType}`, {
      name: `projects/${project}/metricDescriptors/${shareType}`,
      type: shareType,
      metricKind: 'GAUGE',
      valueType: 'DOUBLE',
      unit: '1',
      labels: [{ key: 'team', valueType: 'STRING', description: 'owner' }],
    });
    const s = sink();
    await s.publish([driftPoints()[2]]);
    await s.flush();
    const [create] = server.requests('CreateMetricDescriptor');
    expect(create.metricDescriptor.labels.map((l: any) => [l.key, l.description])).toEqual([
      ['team', 'owner'],
      ['monitor', expect.stringMatching(/monitor/)],
    ]);
  });

  it('does not recreate a descriptor that already declares every label', async () => {
    const first = sink();
    await first.publish(driftPoints());
    await first.flush();
    // A new process: the registry is empty but the service has the descriptors.
    MetricDescriptorRegistry.reset();
    const second = sink();
    await second.publish(driftPoints('2026-03-01T11:00:00Z'));
    await second.flush();
    expect(server.requests('GetMetricDescriptor')).toHaveLength(4);
    expect(server.requests('CreateMetricDescriptor')).toHaveLength(2);
  });

  it('splits 450 distinct series into requests of at most 200', async () => {
    const s = sink();
    await s.publish(distinctPoints(450));
    await s.flush();
    const writes = server.requests('CreateTimeSeries');
    expect(writes.map((w) => w.timeSeries.length)).toEqual([200, 200, 50]);
    expect(server.series.size).toBe(450);
    const features = writes.flatMap((w) => w.timeSeries.map((t: any) => t.metric.labels.feature));
    expect(new Set(features).size).toBe(450);
  });

  it('puts two points of one series in separate requests, oldest first', async () => {
    const s = sink();
    const base = driftPoints()[2];
    // Published newest first: the sink must still write the older point first.
    await s.publish([
      { ...base, value: 0.7, timestamp: '2026-03-01T10:05:00Z' },
      { ...base, value: 0.4, timestamp: '2026-03-01T10:00:00Z' },
    ]);
    await s.flush();
    const writes = server.requests('CreateTimeSeries');
    expect(writes).toHaveLength(2);
    expect(writes.map((w) => w.timeSeries.map((t: any) => t.points[0].value.doubleValue))).toEqual([[0.4], [0.7]]);
    const [stored] = server.series.values();
    expect(stored.points.map((p) => p.value)).toEqual([0.4, 0.7]);
  });

  it('writes a metric without dimensions under a descriptor without labels, created once', async () => {
    const s = sink();
    const point: MetricPoint = { name: 'runs.count', value: 1, unit: 'Count', timestamp: '2026-03-01T10:00:00Z', dimensions: {} };
    await s.publish([point]);
    await s.flush();
    await s.publish([{ ...point, value: 2, timestamp: '2026-03-01T10:01:00Z' }]);
    await s.flush();
    const [create] = server.requests('CreateMetricDescriptor');
    expect(create.metricDescriptor).toMatchObject({ type: 'custom.googleapis.com/driftwatch/runs/count', labels: [], unit: '1' });
    expect(server.requests('CreateMetricDescriptor')).toHaveLength(1);
    expect(server.requests('CreateTimeSeries')[0].timeSeries[0].metric.labels).toEqual({});
  });

  it('sanitises dimension names into label keys', async () => {
    const s = sink();
    await s.publish([
      {
        name: 'performance.roc-AUC',
        value: 0.91,
        unit: 'None',
        timestamp: '2026-03-01T10:00:00Z',
        dimensions: { 'Model Version': 'v2', '2nd': 'x', metric: 'roc_auc' },
      },
    ]);
    await s.flush();
    const [w] = server.requests('CreateTimeSeries');
    expect(w.timeSeries[0].metric).toEqual({
      type: 'custom.googleapis.com/driftwatch/performance/roc_auc',
      labels: { model_version: 'v2', d_2nd: 'x', metric: 'roc_auc' },
    });
    const d = server.descriptors.get(`projects/${project}/metricDescriptors/custom.googleapis.com/driftwatch/performance/roc_auc`);
    expect(d.labels.find((l: any) => l.key === 'model_version').description).toContain('Model Version');
  });

  it('writes against a generic_task resource when configured', async () => {
    const s = sink({
      resource: { type: 'generic_task', location: 'europe-west1', namespace: 'prod', job: 'driftwatch', taskId: 'worker-1' },
    });
    await s.publish(driftPoints());
    await s.flush();
    const [w] = server.requests('CreateTimeSeries');
    expect(w.timeSeries[0].resource).toEqual({
      type: 'generic_task',
      labels: { project_id: project, location: 'europe-west1', namespace: 'prod', job: 'driftwatch', task_id: 'worker-1' },
    });
  });

  it('takes the project from the client when none is configured', async () => {
    const s = new GcpMetricsSink({ clientOptions: server.clientOptions('from-credentials') }, { now: () => now });
    sinks.push(s);
    await s.publish(driftPoints());
    await s.flush();
    expect(server.requests('CreateTimeSeries')[0].name).toBe('projects/from-credentials');
  });

  it("the local server rejects what Cloud Monitoring rejects: a point over 25 hours old, in the future, or not after its series' newest", async () => {
    const client = new MetricServiceClient(server.clientOptions(project));
    const s = sink();
    await s.publish(driftPoints('2026-03-01T10:00:00Z').slice(2));
    await s.flush();
    const write = (iso: string) =>
      client.createTimeSeries({
        name: `projects/${project}`,
        timeSeries: [
          {
            metric: { type: shareType, labels: { monitor: 'credit' } },
            resource: { type: 'global', labels: { project_id: project } },
            points: [{ interval: { endTime: { seconds: Date.parse(iso) / 1000 } }, value: { doubleValue: 1 } }],
          },
        ],
      });
    try {
      await expect(write('2026-02-28T10:59:59Z')).rejects.toThrow(/INVALID_ARGUMENT.*more than 25 hours in the past/);
      await expect(write('2026-03-01T12:05:01Z')).rejects.toThrow(/INVALID_ARGUMENT.*more than 5 minutes in the future/);
      await expect(write('2026-03-01T10:00:00Z')).rejects.toThrow(/INVALID_ARGUMENT.*points must be written in order/);
      await expect(write('2026-03-01T09:00:00Z')).rejects.toThrow(/points must be written in order/);
      await write('2026-03-01T10:00:01Z');
      expect([...server.series.values()][0].points).toHaveLength(2);
    } finally {
      await client.close();
    }
  });

  it('writes window points as one series in time order, dropping with one warning what the service would reject', async () => {
    const s = sink();
    const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
    const generatedAt = at(0);
    const chunking = { by: 'period', period: 'hour', timestamp: 'ts' } as const;
    // Windows as drift's points make them: stamped with the window's start, a window dimension, no chunk dimension.
    const windowAt = (hoursAgo: number, value: number): MetricPoint => {
      const w = windowPoint({ key: `w-${hoursAgo}`, startDate: at(hoursAgo) }, generatedAt, { monitor: 'credit' }, { chunking });
      return { name: 'dataset.drift_share', value, unit: 'None', ...w };
    };
    // Published newest first, two windows past the 25-hour limit, one window twice.
    await s.publish([windowAt(1, 0.1), windowAt(72, 0.9), windowAt(10, 0.3), windowAt(26, 0.8), windowAt(20, 0.4), windowAt(10, 0.33)]);
    await s.flush();
    const [series] = server.series.values();
    expect(server.series.size).toBe(1);
    expect(series.metric.labels).toEqual({ monitor: 'credit', window: 'hour' });
    expect(series.points.map((p) => [new Date(p.endSeconds * 1000).toISOString(), p.value])).toEqual([
      [at(20), 0.4],
      [at(10), 0.3],
      [at(1), 0.1],
    ]);
    expect(warnings).toEqual([
      'gcp-monitoring: dropped 3 of 6 point(s) Cloud Monitoring would reject: 2 older than 25 hours (Cloud Monitoring takes no older point); ' +
        '1 not newer than a point already written to their series (points must be written in order)',
    ]);
    // The window label is declared by the descriptor, with what it means.
    const descriptor = server.descriptors.get(`projects/${project}/metricDescriptors/${shareType}`);
    expect(descriptor.labels.map((l: any) => l.key).sort()).toEqual(['monitor', 'window']);
    expect(descriptor.labels.find((l: any) => l.key === 'window').description).toMatch(/^Windowing of a per-window figure/);

    // The next run over the same windows plus a new one: only the new window is newer than what was written.
    warnings = [];
    now += 30 * 60_000;
    await s.publish([windowAt(10.5, 0.3), windowAt(0.25, 0.2)]);
    await s.flush();
    expect(series.points).toHaveLength(4);
    expect(series.points[3].value).toBe(0.2);
    expect(warnings).toEqual([
      'gcp-monitoring: dropped 1 of 2 point(s) Cloud Monitoring would reject: 1 not newer than a point already written to their series (points must be written in order)',
    ]);
    expect(server.requests('CreateTimeSeries')).toHaveLength(4);
  });

  it("a later process re-sending a window another wrote: that point is reported late with a warning, the request's others are written", async () => {
    const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
    const share = (hoursAgo: number, monitor: string): MetricPoint => ({
      name: 'dataset.drift_share',
      value: hoursAgo / 100,
      unit: 'None',
      timestamp: at(hoursAgo),
      dimensions: { monitor, window: 'hour' },
    });
    const earlier = sink();
    await earlier.publish([share(3, 'credit'), share(2, 'credit')]);
    await earlier.flush();
    // A new sink (the next run) knows nothing of what the first wrote; one request holds both series.
    const later = sink();
    await later.publish([share(2, 'credit'), share(2, 'churn'), share(1, 'credit')]);
    await later.flush();
    const points = (monitor: string) =>
      [...server.series.values()].find((x) => x.metric.labels.monitor === monitor)!.points.map((p) => p.endSeconds * 1000);
    expect(points('credit')).toEqual([Date.parse(at(3)), Date.parse(at(2)), Date.parse(at(1))]);
    expect(points('churn')).toEqual([Date.parse(at(2))]);
    expect(warnings).toEqual([
      'gcp-monitoring: 1 point(s) not written: their series already hold a point as new or newer (written by an earlier run or another process; points must be written in order)',
    ]);
  });

  it('for the outbox: accepts points up to 25 hours old, names unwritten points unpublished, discards its queue', async () => {
    const s = sink({ retry: { codes: [] } });
    expect(s.maxPointAgeMs).toBe(25 * 3_600_000);
    const points = driftPoints();
    await s.publish(points);
    server.failNext('GetMetricDescriptor', status.UNAVAILABLE, 'down', 2);
    const error = (await s.flush().catch((e) => e)) as PointsNotWrittenError;
    expect(error).toBeInstanceOf(PointsNotWrittenError);
    expect(error.unpublished).toEqual(points);
    // After a failure the runtime keeps the points in its outbox and discards the sink's queue.
    await s.publish(driftPoints('2026-03-01T10:30:00Z'));
    s.discard();
    await s.flush();
    expect(server.requests('CreateTimeSeries')).toHaveLength(0);
  });

  it('retries a CreateTimeSeries that failed with UNAVAILABLE', async () => {
    const s = sink();
    await s.publish(driftPoints());
    server.failNext('CreateTimeSeries', status.UNAVAILABLE, 'backend restarting');
    await s.flush();
    expect(server.requests('CreateTimeSeries')).toHaveLength(2);
    expect(server.series.size).toBe(3);
  });

  it('does not retry when retries are turned off, and reports every point of the stopped flush', async () => {
    const s = sink({ retry: { codes: [] } });
    const points = distinctPoints(450);
    await s.publish(points);
    server.failNext('CreateTimeSeries', status.UNAVAILABLE, 'backend restarting');
    const error = (await s.flush().catch((e) => e)) as PointsNotWrittenError;
    expect(error).toBeInstanceOf(PointsNotWrittenError);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.code).toBe('PROVIDER_FAILED');
    expect(error.provider).toBe('gcp-monitoring');
    expect(error.operation).toBe('CreateTimeSeries');
    expect(error.message).toContain('UNAVAILABLE: backend restarting');
    expect(error.message).toContain('450 of 450 points not written');
    expect(error.unwritten).toEqual(points);
    expect(error.written).toBe(0);
    // An outage stops the flush: no point in sending the other two requests.
    expect(server.requests('CreateTimeSeries')).toHaveLength(1);
  });

  it('maps INVALID_ARGUMENT to a ProviderError naming CreateTimeSeries and lists the rejected points', async () => {
    const s = sink();
    const points = distinctPoints(450);
    await s.publish(points);
    server.failNext('CreateTimeSeries', status.INVALID_ARGUMENT, 'Field timeSeries[3].points[0].value had an invalid value');
    const error = (await s.flush().catch((e) => e)) as PointsNotWrittenError;
    expect(error).toBeInstanceOf(PointsNotWrittenError);
    expect(error.operation).toBe('CreateTimeSeries');
    expect(error.message).toMatch(/^gcp-monitoring CreateTimeSeries: INVALID_ARGUMENT: Field timeSeries\[3\]/);
    expect(error.message).toContain('200 of 450 points not written');
    // Not retried: INVALID_ARGUMENT is not transient. The other requests still went through.
    expect(server.requests('CreateTimeSeries')).toHaveLength(3);
    const rejected = new Set(server.requests('CreateTimeSeries')[0].timeSeries.map((t: any) => t.metric.labels.feature));
    expect(error.unwritten.map((p) => p.dimensions.feature).sort()).toEqual([...rejected].sort());
    expect(error.written).toBe(250);
    expect(server.series.size).toBe(250);
  });

  it('names CreateMetricDescriptor when the descriptor cannot be created, and still writes other metrics', async () => {
    const s = sink();
    await s.publish(driftPoints());
    server.failNext('CreateMetricDescriptor', status.PERMISSION_DENIED, 'monitoring.metricDescriptors.create denied');
    const error = (await s.flush().catch((e) => e)) as PointsNotWrittenError;
    expect(error).toBeInstanceOf(PointsNotWrittenError);
    expect(error.operation).toBe('CreateMetricDescriptor');
    expect(error.message).toContain('PERMISSION_DENIED');
    const created = server.requests('CreateMetricDescriptor').map((r) => r.metricDescriptor.type);
    const failedType = created[0];
    expect(error.unwritten.length).toBe(failedType === scoreType ? 2 : 1);
    expect(server.series.size).toBe(3 - error.unwritten.length);
    // The failure is not cached: the next flush creates the descriptor.
    await s.publish(error.unwritten);
    await s.flush();
    expect(server.series.size).toBe(3);
  });

  it('refuses a metric whose existing descriptor is not a GAUGE DOUBLE', async () => {
    server.descriptors.set(`projects/${project}/metricDescriptors/${shareType}`, {
      name: `projects/${project}/metricDescriptors/${shareType}`,
      type: shareType,
      metricKind: 'CUMULATIVE',
      valueType: 'INT64',
      unit: '1',
      labels: [],
    });
    const s = sink();
    await s.publish([driftPoints()[2]]);
    const error = (await s.flush().catch((e) => e)) as PointsNotWrittenError;
    expect(error.operation).toBe('GetMetricDescriptor');
    expect(error.message).toContain('CUMULATIVE INT64');
    expect(server.requests('CreateMetricDescriptor')).toHaveLength(0);
  });

  it('rejects bad points at publish, naming the point, and queues none of them', async () => {
    const s = sink();
    const good = driftPoints()[0];
    const cases: [Partial<MetricPoint>, RegExp][] = [
      [{ value: Number.NaN }, /points\[1\] \(drift\.score\): value NaN is not a finite number/],
      [{ value: Number.POSITIVE_INFINITY }, /value Infinity/],
      [{ timestamp: 'yesterday' }, /timestamp "yesterday" is not an ISO-8601 time/],
      [{ dimensions: { feature: 'a', Feature: 'b' } }, /dimensions "feature" and "Feature" both map to label feature/],
      [{ dimensions: { feature: 'x'.repeat(1025) } }, /longer than 1024/],
      [{ name: '...' }, /no usable characters/],
      [{ unit: 'Bytes' as any }, /unknown metric unit "Bytes"/],
    ];
    for (const [change, message] of cases) {
      const error = await s.publish([good, { ...good, ...change }]).catch((e) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error.operation).toBe('publish');
      expect(error.message).toMatch(message);
    }
    await s.flush();
    expect(server.calls).toHaveLength(0);
  });

  it('rejects bad options with every problem and its path', () => {
    expect(
      () => new GcpMetricsSink({ projectId: 'Bad Project', metricPrefix: 'example.com/x', resource: { type: 'generic_task' } as any }),
    ).toThrow(/projectId: must be a Google Cloud project id.*metricPrefix: must be custom\.googleapis\.com.*resource\.location/);
  });
});
