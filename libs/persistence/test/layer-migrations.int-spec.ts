import { randomBytes } from 'node:crypto';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { layerDataSourceOptions, openLayerDataSource } from '@lanegate/persistence';
import { loadConfig } from '@lanegate/platform';

const onCi = process.env.CI === 'true';
const REPLICAS = 4;
const ROUNDS = 3;

describe.skipIf(!process.env.DATABASE_URL && !onCi)('openLayerDataSource on PostgreSQL', () => {
  const databaseName = `lanegate_it_migrations_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client;
  let databaseUrl: string;

  beforeAll(async () => {
    if (!process.env.DATABASE_URL) {
      throw new Error('DATABASE_URL must be set to run the PostgreSQL integration suites on CI');
    }

    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  });

  afterAll(async () => {
    await admin?.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin?.end();
  });

  it('lets replicas that start together on a fresh database all start, running each migration once', async () => {
    const config = loadConfig('system-api', { DATABASE_URL: databaseUrl, ERP_BASE_URL: 'http://127.0.0.1:9' });
    const options = layerDataSourceOptions(config, { layer: 'system', entities: [], migrations: [] });
    const failures: string[] = [];
    const migrationRows: number[] = [];

    // The race is timing-dependent, so start a few fresh databases' worth of replicas.
    for (let round = 0; round < ROUNDS; round += 1) {
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${databaseName}"`);
      const replicas = await Promise.allSettled(Array.from({ length: REPLICAS }, () => openLayerDataSource(options)));
      for (const replica of replicas) {
        if (replica.status === 'rejected') {
          failures.push(String(replica.reason));
        }
      }
      const opened = replicas.flatMap((replica) => (replica.status === 'fulfilled' ? [replica.value] : []));
      if (opened.length > 0) {
        const rows = await opened[0].query<{ count: string }[]>('SELECT COUNT(*) AS count FROM "system"."migrations"');
        migrationRows.push(Number(rows[0].count));
      }
      await Promise.all(opened.map((dataSource) => dataSource.destroy()));
    }

    expect(failures).toEqual([]);
    // Each of the platform's migrations ran exactly once, however many replicas raced.
    expect(migrationRows).toEqual(Array<number>(ROUNDS).fill((options.migrations as unknown[]).length));
  });
});
