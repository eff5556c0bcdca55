import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, type DriftwatchPlugin, isDriftwatchPlugin } from '@driftwatch/core';

/** True for a `plugins:` entry that is a file path rather than a package name. */
export function isPluginPath(spec: string): boolean {
  return (
    spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || isAbsolute(spec) || /^[A-Za-z]:[\\/]/.test(spec)
  );
}

/**
 * Loads one entry of `plugins:` with `import()`: a path resolves against the
 * config file's folder, a package name is resolved from that folder as Node
 * resolves it, so a project's own `node_modules` is used. The default export
 * (or the module itself, for CommonJS) must be a plugin. Every failure is a
 * config error with the entry's path and the cause, as
 * `plugins[1] "./plugins/x.js": cannot load: …`.
 */
export async function loadPlugin(spec: string, index: number, configDir: string): Promise<DriftwatchPlugin> {
  const where = `plugins[${index}] "${spec}"`;
  let url: string;
  try {
    url = isPluginPath(spec)
      ? pathToFileURL(resolve(configDir, spec)).href
      : pathToFileURL(createRequire(join(configDir, 'driftwatch.config.js')).resolve(spec)).href;
  } catch (cause) {
    throw new ConfigError(
      `${where}: cannot load: ${describeCause(cause)} (install it where the config is, or give a path starting with ./)`,
      {
        cause,
        code: 'CONFIG_PLUGIN',
        issues: [{ path: `plugins[${index}]`, message: `"${spec}": cannot load: ${describeCause(cause)}` }],
      },
    );
  }
  const fail = (message: string, cause?: unknown) =>
    new ConfigError(`${where}: ${message}`, {
      cause,
      code: 'CONFIG_PLUGIN',
      issues: [{ path: `plugins[${index}]`, message: `"${spec}": ${message}` }],
    });
  if (isPluginPath(spec)) {
    const file = resolve(configDir, spec);
    try {
      await access(file);
    } catch (cause) {
      throw fail(`cannot load: no such file ${file}`, cause);
    }
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (cause) {
    throw fail(`cannot load: ${describeCause(cause)}`, cause);
  }
  const plugin = module.default ?? module;
  if (!isDriftwatchPlugin(plugin)) throw fail('default export is not a Driftwatch plugin (use definePlugin)');
  return plugin;
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    // Node's module-not-found messages carry the whole require stack; the first line says it all.
    // …and "imported from <our loader>" only points at Driftwatch itself.
    const first = cause.message.split('\n')[0].replace(/ imported from \S+$/, '');
    return code && !first.includes(code) ? `${first} (${code})` : first;
  }
  return String(cause);
}
