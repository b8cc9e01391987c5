/** An instant as ISO 8601 in UTC with a `Z` suffix, e.g. `2024-03-05T09:50:00Z`. Seconds and fractions optional. */
export type IsoUtcTimestamp = string;

/** A calendar date as ISO 8601, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses an ISO 8601 UTC timestamp into epoch milliseconds, or `null` when the text is not one. Offsets other than
 * `Z`, local times and impossible dates (Feb 30, 24:00) are refused, because every time on the wire is UTC.
 */
export function parseIsoUtc(value: string): number | null {
  const match = ISO_UTC.exec(value);
  if (match === null) {
    return null;
  }

  const [, year, month, day, hour, minute, second = '0', fraction = ''] = match;
  const millisecond = Number(fraction.padEnd(3, '0').slice(0, 3));
  const epochMs = utcEpochMs(Number(year), Number(month), Number(day), Number(hour), Number(minute));
  if (epochMs === null || Number(second) > 59) {
    return null;
  }

  return epochMs + Number(second) * 1000 + millisecond;
}

/** True when `value` is an ISO 8601 UTC timestamp that {@link parseIsoUtc} accepts. */
export function isIsoUtc(value: unknown): value is IsoUtcTimestamp {
  return typeof value === 'string' && parseIsoUtc(value) !== null;
}

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') {
    return false;
  }

  const match = ISO_DATE.exec(value);

  return match !== null && utcEpochMs(Number(match[1]), Number(match[2]), Number(match[3]), 0, 0) !== null;
}

function utcEpochMs(year: number, month: number, day: number, hour: number, minute: number): number | null {
  if (hour > 23 || minute > 59) {
    return null;
  }

  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, 0, 0);
  const rolledOver = date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day;

  return rolledOver ? null : date.getTime();
}
