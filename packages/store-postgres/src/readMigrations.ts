import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One numbered schema migration: `migrations/0001_name.sql`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The package's `migrations/` folder (beside `src/` and `dist/`; the package stays outside the CLI's bundle). */
export const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));

/**
 * The migrations of a folder, by version. A file is `<version>_<name>.sql` (version: digits);
 * two files of one version, or a gap, are a packaging error.
 */
export function readMigrations(dir: string = migrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
      if (!match) throw new Error(`${dir}${file}: a migration is named <version>_<name>.sql`);
      return { version: Number(match[1]), name: match[2] as string, sql: readFileSync(`${dir}/${file}`, 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  for (const [i, m] of migrations.entries()) {
    if (m.version !== i + 1)
      throw new Error(`${dir}: migration versions must run 1, 2, 3, … without gaps (found ${m.version} at position ${i + 1})`);
  }
  return migrations;
}
