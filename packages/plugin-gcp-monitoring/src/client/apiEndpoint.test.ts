import { describe, expect, it } from 'vitest';
import { parseApiEndpoint } from './apiEndpoint.js';

describe('parseApiEndpoint', () => {
  it('splits host and port, 443 when none is given', () => {
    expect(parseApiEndpoint('127.0.0.1:38479')).toEqual({ host: '127.0.0.1', port: 38479 });
    expect(parseApiEndpoint('monitoring.googleapis.com')).toEqual({ host: 'monitoring.googleapis.com', port: 443 });
    expect(parseApiEndpoint('emulator:8085')).toEqual({ host: 'emulator', port: 8085 });
    expect(parseApiEndpoint('[::1]:8085')).toEqual({ host: '::1', port: 8085 });
  });

  it('refuses what is not host[:port]', () => {
    for (const bad of [
      '',
      'http://127.0.0.1:8085',
      'dns:127.0.0.1:8085',
      '127.0.0.1:0',
      '127.0.0.1:65536',
      'a b',
      'host/path',
      '-x',
      '::1',
    ])
      expect(parseApiEndpoint(bad), bad).toBeUndefined();
  });
});
