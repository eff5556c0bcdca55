import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { storeFolder } from './storeFolder.js';

describe('storeFolder', () => {
  it('refuses a path that is a file as a config error naming store.path (issue 12.10), and takes a folder or nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-store-'));
    const file = join(dir, 'store');
    writeFileSync(file, 'not a folder');
    let error: unknown;
    try {
      storeFolder(file, './store');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `store.path: "./store" (${file}) is a file, not a folder: set store.path to a folder (the store creates it)`,
    );
    expect((error as ConfigError).issues).toEqual([{ path: 'store.path', message: expect.stringMatching(/is a file, not a folder/) }]);
    mkdirSync(join(dir, 'folder'));
    expect(storeFolder(join(dir, 'folder'), 'folder')).toBe(join(dir, 'folder'));
    expect(storeFolder(join(dir, 'absent'), 'absent')).toBe(join(dir, 'absent'));
  });
});
