import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { config as loadDotenv } from 'dotenv';
import { DataSource } from 'typeorm';

import { AuditLogEntity, verifyAuditLog } from '@lanegate/persistence';
import { type LanegateConfig, loadConfig } from '@lanegate/platform';

/** The layers that keep a database; the experience layer and the sandbox hold no data. */
const LAYERS_WITH_DATABASE = ['system', 'process'] as const;
type LayerWithDatabase = (typeof LAYERS_WITH_DATABASE)[number];

type LayerOutcome = 'intact' | 'tampered' | 'skipped';

/**
 * Verifies the hash chain of each layer's audit log, writing nothing and running no migrations.
 *   npm run audit:verify
 *   npm run audit:verify -- --layer process
 * Exits 0 when every log it could read is intact, 1 when any entry was changed, removed, inserted or reordered,
 * 2 when it could not check (bad option or configuration, unreachable database).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { layer: { type: 'string' } } });
  const layers = values.layer === undefined ? [...LAYERS_WITH_DATABASE] : [parseLayer(values.layer)];

  loadDotenv({ quiet: true });
  const config = loadConfig('gateway');

  const outcomes: LayerOutcome[] = [];
  for (const layer of layers) {
    outcomes.push(await verifyLayer(config, layer));
  }

  return outcomes.includes('tampered') ? 1 : 0;
}

function parseLayer(name: string): LayerWithDatabase {
  const layer = LAYERS_WITH_DATABASE.find((candidate) => candidate === name);
  if (!layer) {
    throw new Error(`--layer must be one of ${LAYERS_WITH_DATABASE.join(', ')} (the layers with a database)`);
  }

  return layer;
}

async function verifyLayer(config: LanegateConfig, layer: LayerWithDatabase): Promise<LayerOutcome> {
  const dataSource = auditDataSource(config, layer);
  if (!dataSource) {
    say(`${layer}: no database at ${join(config.dataDir, `${layer}.sqlite`)}, skipped`);

    return 'skipped';
  }

  await dataSource.initialize();
  try {
    if (!(await hasAuditTable(dataSource))) {
      say(`${layer}: no audit_log table (its migrations have not run), skipped`);

      return 'skipped';
    }

    const verdict = await verifyAuditLog(dataSource);
    if (verdict.ok) {
      say(`${layer}: ${verdict.entries} ${verdict.entries === 1 ? 'entry' : 'entries'}, chain intact`);

      return 'intact';
    }
    for (const problem of verdict.problems) {
      say(`${layer}: entry ${problem.seq} ${problem.kind}: ${problem.detail}`);
    }

    return 'tampered';
  } finally {
    await dataSource.destroy();
  }
}

/** A data source that knows only the audit entity: enough to read the log, with no migrations to run. */
function auditDataSource(config: LanegateConfig, layer: LayerWithDatabase): DataSource | undefined {
  if (config.databaseUrl) {
    return new DataSource({
      type: 'postgres',
      url: config.databaseUrl,
      schema: layer,
      entities: [AuditLogEntity],
      extra: { max: 1 },
    });
  }

  const file = join(config.dataDir, `${layer}.sqlite`);
  if (!existsSync(file)) {
    return undefined;
  }

  return new DataSource({
    type: 'better-sqlite3',
    database: file,
    readonly: true,
    fileMustExist: true,
    entities: [AuditLogEntity],
  });
}

async function hasAuditTable(dataSource: DataSource): Promise<boolean> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    return await queryRunner.hasTable('audit_log');
  } finally {
    await queryRunner.release();
  }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
