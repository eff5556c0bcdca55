import { describe, expect, it } from 'vitest';
import { checkEmbeddingMethod, isEmbeddingMethod, parseEmbeddingMethod } from './parseEmbeddingMethod.js';

describe('parseEmbeddingMethod', () => {
  it('reads the issue’s examples', () => {
    expect(parseEmbeddingMethod('distance:metric=cosine,bootstrap=true')).toEqual({
      method: 'distance',
      metric: 'cosine',
      bootstrap: true,
    });
    expect(parseEmbeddingMethod('ratio:component=ks,componentThreshold=0.05,pcaComponents=8')).toEqual({
      method: 'ratio',
      component: 'ks',
      componentThreshold: 0.05,
      pcaComponents: 8,
    });
    expect(parseEmbeddingMethod('mmd:bootstrap=true')).toEqual({ method: 'mmd', bootstrap: true });
    expect(parseEmbeddingMethod('model:bootstrap=true,quantile=0.9')).toEqual({ method: 'model', bootstrap: true, quantile: 0.9 });
    expect(parseEmbeddingMethod('model')).toEqual({ method: 'model' });
    expect(isEmbeddingMethod('mmd:bootstrap=true')).toBe(true);
    expect(isEmbeddingMethod('ks')).toBe(false);
  });

  it('names the flag, the key and what is allowed', () => {
    expect(() => parseEmbeddingMethod('pca')).toThrow(
      '--method "pca": unknown embedding method "pca" (known: distance, ratio, mmd, model)',
    );
    expect(() => parseEmbeddingMethod('distance:metric')).toThrow('--method "distance:metric": "metric" is not key=value');
    expect(() => parseEmbeddingMethod('mmd:metric=cosine')).toThrow(
      'mmd takes no "metric" (it takes: threshold, bootstrap, quantile, pcaComponents)',
    );
    expect(() => parseEmbeddingMethod('ratio:component=chisquare')).toThrow(
      /component "chisquare" is not a numeric drift method \(known: ks, /,
    );
    expect(() => parseEmbeddingMethod('model:pcaComponents=0')).toThrow('pcaComponents "0" must be a positive integer');
    expect(() => parseEmbeddingMethod('distance:threshold=-1')).toThrow('threshold "-1" must be a number >= 0');
    expect(() => checkEmbeddingMethod({ method: 'mmd', bootstrap: 'yes' }, 'monitors[0].drift.methods.emb')).toThrow(
      'monitors[0].drift.methods.emb: bootstrap "yes" must be true or false',
    );
  });
});
