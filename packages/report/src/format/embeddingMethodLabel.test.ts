import { describe, expect, it } from 'vitest';
import { embeddingMethodLabel } from './embeddingMethodLabel.js';

describe('embeddingMethodLabel', () => {
  it('names the metric, component test, bootstrap quantile, PCA and width of an embedding; other columns keep the name', () => {
    const e = (method: string, parameters: Record<string, string | number | boolean>, bootstrapQuantile?: number) =>
      embeddingMethodLabel({
        kind: 'embedding',
        method,
        embedding: { dim: 384, parameters, ...(bootstrapQuantile ? { bootstrapQuantile } : {}) },
      });
    expect(e('distance', { metric: 'cosine', bootstrap: true }, 0.95)).toBe('distance (cosine, bootstrap q=0.95; 384 dims)');
    expect(e('distance', {})).toBe('distance (euclidean; 384 dims)');
    expect(e('ratio', { component: 'ks', componentThreshold: 0.05, pcaComponents: 8 })).toBe('ratio (ks at 0.05, PCA 8; 384 dims)');
    expect(e('mmd', { bootstrap: true }, 0.05)).toBe('mmd (bootstrap q=0.05; 384 dims)');
    expect(e('model', { bootstrap: false })).toBe('model (384 dims)');
    expect(embeddingMethodLabel({ kind: 'numeric', method: 'ks' })).toBe('ks');
  });
});
