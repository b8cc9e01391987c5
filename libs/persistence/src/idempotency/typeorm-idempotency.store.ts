import type { DataSource, Repository } from 'typeorm';

import type { ClaimResult, IdempotencyRecord, IdempotencyStore } from '@lanegate/platform';

import { runInTransaction } from '../transaction.js';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';

/** Idempotency keys in the layer's own database; the primary key makes a claim atomic across replicas. */
export class TypeOrmIdempotencyStore implements IdempotencyStore {
  private readonly keys: Repository<IdempotencyKeyEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.keys = dataSource.getRepository(IdempotencyKeyEntity);
  }

  async claim(
    record: Pick<IdempotencyRecord, 'key' | 'principal' | 'requestHash' | 'expiresAt'>,
  ): Promise<ClaimResult> {
    const id = { principal: record.principal, key: record.key };
    const existing = await this.keys.findOneBy(id);
    if (existing && existing.expiresAt.getTime() > Date.now()) {
      return { claimed: false, existing: this.toRecord(existing) };
    }

    try {
      await runInTransaction(this.dataSource, async (manager) => {
        if (existing) {
          await manager.delete(IdempotencyKeyEntity, id);
        }
        await manager.insert(IdempotencyKeyEntity, {
          ...id,
          requestHash: record.requestHash,
          state: 'in_progress',
          statusCode: null,
          responseBody: null,
          createdAt: new Date(),
          expiresAt: record.expiresAt,
        });
      });

      return { claimed: true };
    } catch (error) {
      // Another replica claimed the key between our read and insert.
      const winner = await this.keys.findOneBy(id);
      if (!winner) {
        throw error;
      }

      return { claimed: false, existing: this.toRecord(winner) };
    }
  }

  async complete(key: string, principal: string, statusCode: number, responseBody: unknown): Promise<void> {
    await runInTransaction(this.dataSource, (manager) =>
      manager.update(
        IdempotencyKeyEntity,
        { principal, key },
        { state: 'completed', statusCode, responseBody: JSON.stringify(responseBody ?? null) },
      ),
    );
  }

  async release(key: string, principal: string): Promise<void> {
    await runInTransaction(this.dataSource, (manager) =>
      manager.delete(IdempotencyKeyEntity, { principal, key, state: 'in_progress' }),
    );
  }

  private toRecord(entity: IdempotencyKeyEntity): IdempotencyRecord {
    return {
      key: entity.key,
      principal: entity.principal,
      requestHash: entity.requestHash,
      state: entity.state,
      statusCode: entity.statusCode ?? undefined,
      responseBody: entity.responseBody === null ? undefined : (JSON.parse(entity.responseBody) as unknown),
      expiresAt: entity.expiresAt,
    };
  }
}
