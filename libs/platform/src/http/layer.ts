import { applyDecorators, Controller, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

/** The API layers Lanegate publishes, plus the sandbox that stands in for the outside world. */
export const LAYERS = ['system', 'process', 'experience', 'sandbox'] as const;
export type Layer = (typeof LAYERS)[number];

export const LAYER_METADATA = 'lanegate:layer';

/** URI prefix of a layer's major version, e.g. `process/v1`. */
export function layerPrefix(layer: Layer, version = 1): string {
  return layer === 'sandbox' ? 'sandbox' : `${layer}/v${version}`;
}

export interface LayerControllerOptions {
  layer: Layer;
  /** Path under the layer prefix, e.g. `shipments`. */
  path: string;
  /** OpenAPI tag grouping the controller's operations. */
  tag: string;
  version?: number;
}

/**
 * A controller published under its layer's versioned prefix (`/process/v1/shipments`), tagged in the layer's
 * OpenAPI document and marked as needing a bearer token.
 */
export function LayerController(options: LayerControllerOptions): ClassDecorator {
  return applyDecorators(
    Controller(`${layerPrefix(options.layer, options.version)}/${options.path}`.replace(/\/$/, '')),
    SetMetadata(LAYER_METADATA, options.layer),
    ApiTags(options.tag),
    ApiBearerAuth(),
  );
}
