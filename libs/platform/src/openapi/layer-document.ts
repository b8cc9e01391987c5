import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

import type { Layer } from '../http/layer.js';

export interface LayerDocumentSpec {
  layer: Layer;
  title: string;
  description: string;
  /** Major version of the layer's URI, e.g. 1 for `/process/v1`. */
  version: number;
  /** The layer's root module; its controllers (and those of the modules it imports) make the document. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  module: Function;
}

/** Recursively sorts object keys so committed documents are stable and diffs are readable. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => sortKeys(item)) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    ) as T;
  }

  return value;
}

/** The OpenAPI document of one layer and major version, with sorted keys. */
export function buildLayerDocument(app: INestApplication, spec: LayerDocumentSpec): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(spec.title)
    .setDescription(spec.description)
    .setVersion(`${spec.version}.0.0`)
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('/', 'The Lanegate deployment serving this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Lanegate access token.' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    include: [spec.module],
    deepScanRoutes: true,
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '').replace(/^./, (first) => first.toLowerCase())}_${methodKey}`,
  });

  return sortKeys(document);
}

/** Serves Swagger UI at `/docs/<layer>` and the JSON document at `/docs/<layer>/openapi.json`. */
export function serveLayerDocument(app: INestApplication, spec: LayerDocumentSpec): void {
  const document = buildLayerDocument(app, spec);
  SwaggerModule.setup(`docs/${spec.layer}`, app, document, {
    jsonDocumentUrl: `docs/${spec.layer}/openapi.json`,
    raw: ['json'],
    customSiteTitle: spec.title,
  });
}
