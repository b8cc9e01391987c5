/** A stored outcome of a POST made with an `Idempotency-Key`. */
export interface IdempotencyRecord {
  key: string;
  /** Keys are scoped to the calling client, so two clients never collide. */
  principal: string;
  requestHash: string;
  state: 'in_progress' | 'completed';
  statusCode?: number;
  responseBody?: unknown;
  expiresAt: Date;
}

export type ClaimResult = { claimed: true } | { claimed: false; existing: IdempotencyRecord };

/** Where a layer keeps its idempotency keys; each layer stores them in its own database. */
export interface IdempotencyStore {
  /** Atomically reserves the key, or returns the unexpired record that already holds it. */
  claim(record: Pick<IdempotencyRecord, 'key' | 'principal' | 'requestHash' | 'expiresAt'>): Promise<ClaimResult>;
  complete(key: string, principal: string, statusCode: number, responseBody: unknown): Promise<void>;
  /** Frees a claimed key after the handler failed, so the client may retry. */
  release(key: string, principal: string): Promise<void>;
}
