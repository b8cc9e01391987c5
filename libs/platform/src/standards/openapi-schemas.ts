import { existsSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats, { type FormatName } from 'ajv-formats';
import { parse } from 'yaml';

/**
 * The path of a file vendored beside a source file, e.g. `new URL('schemas.yaml', import.meta.url)`. Compiled
 * output under `dist/` has no copy of non-TypeScript files, so from there the file is read from the sources.
 */
export function vendoredFile(beside: URL): string {
  const path = fileURLToPath(beside);
  const built = `${sep}dist${sep}`;
  const at = path.lastIndexOf(built);

  // TODO(build): copy non-TypeScript assets into dist/ in scripts/build.mjs; then the file beside the source is enough.
  return existsSync(path) || at === -1 ? path : `${path.slice(0, at)}${sep}${path.slice(at + built.length)}`;
}

export interface OpenApiSchemasOptions {
  /** A vendored OpenAPI 3.1 document (YAML) whose schemas live under `components.schemas`. */
  file: string;
  /** An `$id` for the document, so that its `$ref`s resolve inside it. */
  id: string;
  /** The string formats to check, as ajv-formats names them. */
  formats: FormatName[];
  /**
   * False for a document that applies object keywords (`properties`, `required`) without `type: object`, which
   * strict ajv refuses; the schemas then validate as written, only the authoring check is relaxed.
   */
  strictTypes?: boolean;
}

/**
 * The schemas of a published standard's OpenAPI 3.1 document, compiled with ajv as JSON Schema 2020-12 (what
 * OpenAPI 3.1 schemas are), strictly, with the `$ref`s between them resolved inside the document.
 */
export class OpenApiSchemas {
  private readonly ajv: Ajv2020;

  constructor(private readonly options: OpenApiSchemasOptions) {
    const document = parse(readFileSync(options.file, 'utf8')) as Record<string, unknown>;
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: options.strictTypes ?? true });
    addFormats.default(this.ajv, options.formats);
    // The OpenAPI document's own members, and OpenAPI's singular `example` annotation, which JSON Schema lacks.
    this.ajv.addVocabulary(['openapi', 'info', 'components', 'example']);
    this.ajv.addSchema({ ...document, $id: options.id });
  }

  /** The validator of `components.schemas.<name>`. */
  validator<T>(name: string): ValidateFunction<T> {
    const validate = this.ajv.getSchema<T>(`${this.options.id}#/components/schemas/${name}`);
    if (!validate) {
      throw new Error(`${this.options.file} has no components.schemas.${name}.`);
    }

    return validate;
  }
}
