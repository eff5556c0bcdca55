import { statSync } from 'node:fs';
import { ConfigError } from '@driftwatch/core';

/**
 * The folder of a files store, checked before anything is written: a path that exists and is not a folder is a
 * config error (exit 2) naming `store.path`, not a provider failure found at the first write (ENOTDIR, exit 4).
 * A missing folder is fine: the store creates it.
 */
export function storeFolder(path: string, configured: string): string {
  let isFolder = true;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    // Absent (created on first use) or unreadable (the store's own error names the operation).
  }
  if (!isFolder) {
    const message = `"${configured}" (${path}) is a file, not a folder: set store.path to a folder (the store creates it)`;
    throw new ConfigError(`store.path: ${message}`, { issues: [{ path: 'store.path', message }] });
  }
  return path;
}
