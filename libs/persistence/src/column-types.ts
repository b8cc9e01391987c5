import type { QueryRunner } from 'typeorm';

/** A UTC instant: `timestamptz` on PostgreSQL, TypeORM's UTC `datetime` on SQLite. */
export function instantColumnType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
}

/**
 * An instant read by a raw query (an aggregate, a join): PostgreSQL's driver gives a `Date`, SQLite gives TypeORM's
 * UTC `YYYY-MM-DD HH:MM:SS.SSS` text, which `new Date` alone would read as local time.
 */
export function rawInstant(value: unknown): Date | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (value instanceof Date) {
    return value;
  }
  if (typeof value !== 'string') {
    return new Date(value as number);
  }

  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
