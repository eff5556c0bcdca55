import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { PortName, Provider, ProviderDefinition } from '../../plugin/definePlugin.js';
import type { ProviderContext } from '../../plugin/ProviderContext.js';
import type { ProviderLifecycle } from '../../plugin/ProviderLifecycle.js';
import { InMemoryLogger } from '../InMemoryLogger.js';
import { testProviderContext } from '../testProviderContext.js';
import type { ContractSubject } from './ContractSubject.js';

/** One created provider, with what made it. */
export interface ProviderInstance<P extends PortName> {
  readonly provider: Provider<P>;
  /** The options after the provider's schema (defaults filled in). */
  readonly options: any;
  /** The options as given, before the schema. */
  readonly rawOptions: unknown;
  readonly context: ProviderContext;
  /** The context's logger: every line the provider logged. */
  readonly logger: InMemoryLogger;
}

/** Makes the providers of one suite and shuts each down after its test. */
export interface ProviderFixture<P extends PortName> {
  readonly definition: () => ProviderDefinition<P>;
  /** Creates and starts a provider; `rawOptions` replaces the subject's options, `context` fields the test context's. */
  make(rawOptions?: unknown, context?: Partial<ProviderContext>): Promise<ProviderInstance<P>>;
  /** Runs `call` with a deadline signal; rejects when it outlives the deadline. */
  withDeadline<T>(what: string, call: (signal: AbortSignal) => T | Promise<T>): Promise<Awaited<T>>;
  readonly deadlineMs: number;
}

/** Finds the subject's provider for `port`; throws a message naming what the plugin does declare. */
export function findDefinition<P extends PortName>(port: P, subject: ContractSubject): ProviderDefinition<P> {
  const found = subject.plugin?.providers?.find((p) => p.port === port && p.type === subject.type);
  if (!found) {
    const declared = (subject.plugin?.providers ?? []).map((p) => `${p.port} "${p.type}"`).join(', ') || 'none';
    throw new Error(`plugin "${subject.plugin?.name}" declares no ${port} of type "${subject.type}" (it declares: ${declared})`);
  }
  return found as ProviderDefinition<P>;
}

/** Registers the per-test cleanup in the calling `describe`. */
export function providerFixture<P extends PortName>(port: P, subject: ContractSubject): ProviderFixture<P> {
  const deadlineMs = subject.deadlineMs ?? 5000;
  const made: ProviderInstance<P>[] = [];
  const dirs: string[] = [];

  const withDeadline = async <T>(what: string, call: (signal: AbortSignal) => T | Promise<T>): Promise<Awaited<T>> => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(new Error(`${what}: deadline of ${deadlineMs} ms passed`));
        reject(new Error(`${subject.type}: ${what} did not settle within ${deadlineMs} ms`));
      }, deadlineMs);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => call(controller.signal)), expired]);
    } finally {
      clearTimeout(timer);
    }
  };

  afterEach(async () => {
    const instances = made.splice(0).reverse();
    for (const { provider } of instances) {
      // Best effort: the lifecycle test checks these calls; here they only release what a test left open.
      await withDeadline('shutdown', (signal) => (provider as ProviderLifecycle).shutdown?.({ signal })).catch(() => undefined);
    }
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  return {
    deadlineMs,
    withDeadline,
    definition: () => findDefinition(port, subject),
    async make(rawOptions, contextFields) {
      const definition = findDefinition(port, subject);
      const raw = rawOptions === undefined ? await subject.options() : rawOptions;
      const parsed = definition.options.safeParse(raw ?? {});
      if (!parsed.success) {
        throw new Error(
          `${subject.type}: the options given to the contract suite do not pass the provider's schema:\n${parsed.error.issues
            .map((i) => `  ${i.path.join('.') || '(options)'}: ${i.message}`)
            .join('\n')}`,
        );
      }
      const baseDir = contextFields?.baseDir ?? (await mkdtemp(join(tmpdir(), 'driftwatch-contract-')));
      if (!dirs.includes(baseDir) && contextFields?.baseDir === undefined) dirs.push(baseDir);
      const logger = new InMemoryLogger({ provider: subject.type, configPath: 'contract' });
      const context = testProviderContext({ baseDir, logger, ...(await subject.context?.()), ...contextFields });
      const provider = await definition.create(parsed.data, context);
      const instance: ProviderInstance<P> = { provider, options: parsed.data, rawOptions: raw, context, logger };
      made.push(instance);
      const lifecycle = provider as ProviderLifecycle;
      await withDeadline('start', (signal) => lifecycle.start?.({ signal }));
      return instance;
    },
  };
}
