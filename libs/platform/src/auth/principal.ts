/** Scopes a bearer token can carry. `internal` is for layer-to-layer calls only. */
export const SCOPES = ['portal', 'dispatch:write', 'ops', 'internal'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling, as proven by a verified bearer token. */
export interface Principal {
  /** The token's subject: a user, a client id or a layer name. */
  subject: string;
  scopes: Scope[];
  /** Present on `portal` tokens: the one customer whose data the caller may see. */
  customerId?: string;
}

/** Claims Lanegate reads from (and writes into) its tokens. */
export interface LanegateClaims {
  sub: string;
  /** Space-separated scopes, as in OAuth 2.0. */
  scope: string;
  customer_id?: string;
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
