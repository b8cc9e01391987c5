import {
  IdempotencyStores,
  LANEGATE_CONFIG,
  type LanegateConfig,
  type Layer,
  ReadinessProbes,
} from '@lanegate/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';

import { AuditLogEntity } from './audit/audit-log.entity.js';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity.js';
import { TypeOrmIdempotencyStore } from './idempotency/typeorm-idempotency.store.js';
import { CreateIdempotencyKeys1764790000000 } from './migrations/1764790000000-create-idempotency-keys.js';
import { CreateAuditLog1764790300000 } from './migrations/1764790300000-create-audit-log.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityClass = Function | EntitySchema;

export interface LayerPersistenceOptions {
  layer: Layer;
  /** The layer's own entities; the platform's (idempotency keys, audit log) are added. */
  entities: EntityClass[];
  /** The layer's own migrations, as classes, in order; they run at start. */
  migrations: MixedList<string | (new () => unknown)>;
}

/**
 * Data source options for one layer: a SQLite file per layer under `DATA_DIR` by default, or the layer's own
 * schema in PostgreSQL when `DATABASE_URL` is set. Migrations run at start; the schema is never synchronised.
 */
export function layerDataSourceOptions(config: LanegateConfig, options: LayerPersistenceOptions): DataSourceOptions {
  const entities = [IdempotencyKeyEntity, AuditLogEntity, ...options.entities];
  const migrations = [
    CreateIdempotencyKeys1764790000000,
    CreateAuditLog1764790300000,
    ...(options.migrations as (new () => unknown)[]),
  ];
  const common = { name: options.layer, entities, migrations, migrationsRun: false, synchronize: false } as const;

  if (config.databaseUrl) {
    return { ...common, type: 'postgres', url: config.databaseUrl, schema: options.layer, extra: { max: 10 } };
  }

  return {
    ...common,
    type: 'better-sqlite3',
    database: join(config.dataDir, `${options.layer}.sqlite`),
    enableWAL: true,
    prepareDatabase: (db: { pragma: (statement: string) => unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

/** Opens the data source, creates the layer's schema where the database has schemas, and migrates it. */
export async function openLayerDataSource(options: DataSourceOptions): Promise<DataSource> {
  if (options.type === 'better-sqlite3' && options.database !== ':memory:') {
    mkdirSync(join(String(options.database), '..'), { recursive: true });
  }

  const dataSource = new DataSource(options);
  await dataSource.initialize();
  if (options.type === 'postgres' && options.schema) {
    await migratePostgresSchema(dataSource, options.schema);
  } else {
    await dataSource.runMigrations({ transaction: 'each' });
  }

  return dataSource;
}

/**
 * Creates and migrates one layer's schema while holding a PostgreSQL advisory lock named after it. Replicas that
 * start together would otherwise race to create the schema, the migrations table and the same tables, and all but
 * one would fail to start; with the lock the others wait, then find nothing left to run.
 */
async function migratePostgresSchema(dataSource: DataSource, schema: string): Promise<void> {
  const lockKey = `lanegate:migrations:${schema}`;
  // A session lock lives on one connection, so hold that connection until the lock is released.
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      await lockHolder.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  } finally {
    await lockHolder.release();
  }
}

@Module({})
export class PersistenceModule {
  /** The database of one layer, with its migrations run, its readiness probe and its idempotency store. */
  static forLayer(options: LayerPersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          name: options.layer,
          inject: [LANEGATE_CONFIG],
          useFactory: (config: LanegateConfig) => layerDataSourceOptions(config, options),
          dataSourceFactory: async (dataSourceOptions) => openLayerDataSource(dataSourceOptions!),
        }),
        TypeOrmModule.forFeature(options.entities, options.layer),
      ],
      providers: [
        {
          provide: `LANEGATE_PERSISTENCE_${options.layer.toUpperCase()}`,
          inject: [getDataSourceToken(options.layer), ReadinessProbes, IdempotencyStores],
          useFactory: (dataSource: DataSource, probes: ReadinessProbes, stores: IdempotencyStores) => {
            probes.register(`database:${options.layer}`, () => dataSource.query('SELECT 1'));
            stores.register(options.layer, new TypeOrmIdempotencyStore(dataSource));

            return dataSource;
          },
        },
      ],
      exports: [TypeOrmModule],
    };
  }
}
