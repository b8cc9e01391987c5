/** Number of partitions events are spread over; each partition is consumed in order by one replica at a time. */
export const DEFAULT_PARTITIONS = 16;

/**
 * The partition of a subject (a shipment id): FNV-1a, so every process, in any language, computes the same one.
 * All events of one shipment share a partition, which keeps them in order.
 */
export function partitionOf(subject: string, partitions = DEFAULT_PARTITIONS): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < subject.length; index += 1) {
    hash ^= subject.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }

  return hash % partitions;
}
