import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DataSource } from 'typeorm';

import { layerDataSourceOptions, openLayerDataSource } from '@lanegate/persistence';
import { loadConfig } from '@lanegate/platform';

export const AUDIT_TEST_START = Date.parse('2026-01-05T08:00:00.123Z');

/**
 * A migrated `process` layer database of its own: a SQLite file in a temporary folder (`dataDir`), or, given a
 * PostgreSQL URL, a schema of its own that `dispose` drops.
 */
export async function openAuditDatabase(options: { databaseUrl?: string; dataDir?: string } = {}): Promise<{
  dataSource: DataSource;
  dispose: () => Promise<void>;
}> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lanegate-audit-'));
  const schema = `audit_${Math.random().toString(36).slice(2, 10)}`;
  const env = { DATA_DIR: dataDir, ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}) };
  const layerOptions = layerDataSourceOptions(loadConfig('gateway', env), {
    layer: 'process',
    entities: [],
    migrations: [],
  });
  const dataSource = await openLayerDataSource(
    layerOptions.type === 'postgres' ? { ...layerOptions, schema } : layerOptions,
  );

  return {
    dataSource,
    dispose: async () => {
      if (layerOptions.type === 'postgres') {
        await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      }
      await dataSource.destroy();
      if (!options.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** A clock for `AuditLog` that ticks one second per entry from a fixed instant that has milliseconds. */
export function steppingClock(): () => Date {
  let tick = 0;

  return () => new Date(AUDIT_TEST_START + (tick += 1) * 1000);
}

/** The `audit_log` table of the data source, schema-qualified on PostgreSQL. */
export function auditTable(dataSource: DataSource): string {
  const schema = dataSource.options.type === 'postgres' ? dataSource.options.schema : undefined;

  return schema ? `"${schema}".audit_log` : 'audit_log';
}
