import type { QueryRunner } from 'typeorm';

/** A UTC instant: `timestamptz` on PostgreSQL, TypeORM's UTC `datetime` on SQLite. */
export function instantColumnType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
}
