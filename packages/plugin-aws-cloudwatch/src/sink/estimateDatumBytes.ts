import type { MetricDatum } from '@aws-sdk/client-cloudwatch';

// "MetricData.member.1000." — the longest member prefix in a 1000-item request.
const memberPrefix = 'MetricData.member.1000.'.length;
// "Dimensions.member.30." — the longest dimension prefix.
const dimensionPrefix = 'Dimensions.member.30.'.length;

const queryField = (key: string, encodedValue: number, prefix = 0) => 1 + memberPrefix + prefix + key.length + 1 + encodedValue;
const enc = (s: string) => {
  try {
    return encodeURIComponent(s).length;
  } catch {
    // A lone surrogate cannot be percent-encoded; it goes out as U+FFFD, 3 bytes, 9 characters encoded.
    return 3 * Buffer.byteLength(s);
  }
};
const json = (s: string) => JSON.stringify(s).length;

/**
 * An upper bound of the bytes one datum adds to a PutMetricData body, in
 * either wire format the SDK may use: the AWS query protocol
 * (`&MetricData.member.N.Dimensions.member.M.Name=…`, percent-encoded) and
 * the JSON protocol (`{"MetricName":"…",…}`). The larger of the two is taken,
 * with the longest member indices, so a batch under the budget is under it in
 * both formats whatever its position.
 */
export function estimateDatumBytes(datum: MetricDatum): number {
  const value = String(datum.Value).length;
  const timestamp = (datum.Timestamp as Date).toISOString();
  const stats = datum.StatisticValues;
  // Each of the four fields: its key ("StatisticValues.Maximum", under 32 characters) and its value.
  let statFields = 0;
  if (stats) for (const v of [stats.SampleCount, stats.Sum, stats.Minimum, stats.Maximum]) statFields += 32 + String(v).length;
  let query =
    queryField('MetricName', enc(datum.MetricName!)) +
    (stats ? statFields : queryField('Value', value)) +
    queryField('Timestamp', enc(timestamp)) +
    (datum.Unit ? queryField('Unit', enc(datum.Unit)) : 0) +
    (datum.StorageResolution ? queryField('StorageResolution', 2) : 0);
  let body =
    2 + // {}
    '"MetricName":'.length +
    json(datum.MetricName!) +
    (stats ? ',"StatisticValues":{}'.length + statFields : ',"Value":'.length + value) +
    // JSON carries epoch seconds with milliseconds, e.g. 1795794308.461.
    ',"Timestamp":'.length +
    16 +
    (datum.Unit ? ',"Unit":'.length + json(datum.Unit) : 0) +
    (datum.StorageResolution ? ',"StorageResolution":60'.length : 0) +
    1; // the comma between items
  if (datum.Dimensions && datum.Dimensions.length > 0) {
    body += ',"Dimensions":[]'.length;
    for (const d of datum.Dimensions) {
      query += queryField('Name', enc(d.Name!), dimensionPrefix) + queryField('Value', enc(d.Value!), dimensionPrefix);
      body += '{"Name":,"Value":},'.length + json(d.Name!) + json(d.Value!);
    }
  }
  return Math.max(query, body);
}

/** An upper bound of a PutMetricData body's bytes besides its data items. */
export function estimateRequestOverheadBytes(namespace: string): number {
  const query = 'Action=PutMetricData&Version=2010-08-01&Namespace='.length + enc(namespace);
  const body = '{"Namespace":,"MetricData":[]}'.length + json(namespace);
  return Math.max(query, body);
}
