import { Injectable } from '@nestjs/common';

import type { Layer } from '../http/layer.js';
import type { IdempotencyStore } from './idempotency.store.js';

/** The idempotency store of each layer hosted by this process, registered by the layer's persistence module. */
@Injectable()
export class IdempotencyStores {
  private readonly stores = new Map<Layer, IdempotencyStore>();

  register(layer: Layer, store: IdempotencyStore): void {
    this.stores.set(layer, store);
  }

  get(layer: Layer): IdempotencyStore | undefined {
    return this.stores.get(layer);
  }
}
