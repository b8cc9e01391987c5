/** ISO 8601 in UTC as events carry it: `2026-12-07T14:05:00Z`, with milliseconds only when there are some. */
export function toUtcTimestamp(instant: Date): string {
  return instant.toISOString().replace('.000Z', 'Z');
}
