/** The parts of an OpenAPI 3.x document that the completeness check reads. */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  description?: string;
  example?: unknown;
  examples?: unknown;
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}

export interface MediaTypeObject {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, unknown>;
}

export interface ParameterObject {
  $ref?: string;
  name?: string;
  in?: string;
  description?: string;
  example?: unknown;
  examples?: Record<string, unknown>;
  schema?: SchemaObject;
  content?: Record<string, MediaTypeObject>;
}

export interface RequestBodyObject {
  $ref?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses?: Record<string, ResponseObject>;
  security?: SecurityRequirement[];
}

export type PathItemObject = Partial<Record<HttpMethod, OperationObject>> & { parameters?: ParameterObject[] };

export interface OpenApiDocument {
  security?: SecurityRequirement[];
  paths?: Record<string, PathItemObject>;
  components?: Record<string, Record<string, unknown> | undefined>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

const PROBLEM_JSON = 'application/problem+json';
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json(?:;|$)/;

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

function hasExample(value: { example?: unknown; examples?: unknown } | undefined): boolean {
  if (!value) {
    return false;
  }
  const { example, examples } = value;

  return (
    example !== undefined ||
    (Array.isArray(examples) ? examples.length > 0 : !!examples && Object.keys(examples).length > 0)
  );
}

function compositionOf(schema: SchemaObject): SchemaObject[] {
  return [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
}

/**
 * Walks an OpenAPI document the way a reader of the published contract would, and lists what is missing: operation
 * ids, summaries and descriptions; parameter descriptions and examples; request body field descriptions and
 * examples; response descriptions and examples; and the 401 and 403 problem responses of protected operations.
 * Each offender is one line naming the operation and where in it the gap is.
 */
export class OpenApiCompleteness {
  private readonly problems = new Set<string>();

  constructor(private readonly document: OpenApiDocument) {}

  /** Every offender in the document; empty when the document is complete. */
  static check(document: OpenApiDocument): string[] {
    return new OpenApiCompleteness(document).run();
  }

  /** `METHOD /path` of every operation in the document. */
  static operations(document: OpenApiDocument): string[] {
    return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  private run(): string[] {
    for (const [path, item] of Object.entries(this.document.paths ?? {})) {
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (operation) {
          this.checkOperation(`${method.toUpperCase()} ${path}`, operation, item.parameters ?? []);
        }
      }
    }

    return [...this.problems];
  }

  private report(problem: string): void {
    this.problems.add(problem);
  }

  private checkOperation(where: string, operation: OperationObject, pathParameters: ParameterObject[]): void {
    for (const field of ['operationId', 'summary', 'description'] as const) {
      if (!hasText(operation[field])) {
        this.report(`${where}: the operation has no ${field}`);
      }
    }
    for (const parameter of [...pathParameters, ...(operation.parameters ?? [])]) {
      this.checkParameter(where, parameter);
    }
    if (operation.requestBody) {
      this.checkRequestBody(where, operation.requestBody);
    }

    const responses = operation.responses ?? {};
    if (Object.keys(responses).length === 0) {
      this.report(`${where}: the operation documents no response`);
    }
    for (const [status, response] of Object.entries(responses)) {
      this.checkResponse(`${where}: response ${status}`, response);
    }
    this.checkAuthenticationProblems(where, operation);
  }

  private checkParameter(where: string, reference: ParameterObject): void {
    const parameter = this.resolve(reference);
    if (!parameter) {
      this.report(`${where}: parameter ${reference.$ref} does not resolve`);

      return;
    }

    const name = `${parameter.in ?? '?'} parameter ${parameter.name ?? '?'}`;
    if (!hasText(parameter.description)) {
      this.report(`${where}: ${name} has no description`);
    }
    const schema = parameter.schema && this.resolve(parameter.schema);
    const contentHasExample = Object.values(parameter.content ?? {}).some((media) => hasExample(media));
    if (!hasExample(parameter) && !hasExample(schema) && !contentHasExample) {
      this.report(`${where}: ${name} has no example`);
    }
  }

  private checkRequestBody(where: string, reference: RequestBodyObject): void {
    const body = this.resolve(reference);
    if (!body) {
      this.report(`${where}: request body ${reference.$ref} does not resolve`);

      return;
    }
    for (const [mediaType, media] of Object.entries(body.content ?? {})) {
      if (media.schema) {
        this.checkRequestSchema(`${where}: request body (${mediaType})`, media.schema, 'body', new Set());
      }
    }
  }

  /** Every field a caller sends is described and exemplified; a field that is a schema reference is checked there. */
  private checkRequestSchema(where: string, reference: SchemaObject, location: string, seen: Set<string>): void {
    if (reference.$ref !== undefined && seen.has(reference.$ref)) {
      return;
    }
    const schema = this.resolve(reference);
    if (!schema) {
      this.report(`${where}: schema ${reference.$ref} at ${location} does not resolve`);

      return;
    }

    const here = reference.$ref ? schemaName(reference.$ref) : location;
    const visited = reference.$ref ? new Set([...seen, reference.$ref]) : seen;
    for (const member of compositionOf(schema)) {
      this.checkRequestSchema(where, member, here, visited);
    }
    if (schema.items) {
      this.checkRequestSchema(where, schema.items, `${here}[]`, visited);
    }
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      this.checkRequestProperty(where, property, `${here}.${name}`, visited);
    }
  }

  private checkRequestProperty(where: string, property: SchemaObject, location: string, seen: Set<string>): void {
    if (property.$ref !== undefined) {
      this.checkRequestSchema(where, property, location, seen);

      return;
    }

    if (!hasText(property.description)) {
      this.report(`${where}: field ${location} has no description`);
    }
    if (this.isStructured(property)) {
      this.checkRequestSchema(where, property, location, seen);
    } else if (!hasExample(property) && !hasExample(property.items)) {
      this.report(`${where}: field ${location} has no example`);
    }
  }

  /** Whether the examples belong to the fields of a nested schema rather than to the property itself. */
  private isStructured(schema: SchemaObject): boolean {
    const items = schema.items;

    return (
      Object.keys(schema.properties ?? {}).length > 0 ||
      compositionOf(schema).length > 0 ||
      (!!items && (items.$ref !== undefined || this.isStructured(items)))
    );
  }

  private checkResponse(where: string, reference: ResponseObject): void {
    const response = this.resolve(reference);
    if (!response) {
      this.report(`${where} ${reference.$ref} does not resolve`);

      return;
    }

    if (!hasText(response.description)) {
      this.report(`${where} has no description`);
    }
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      if (!JSON_MEDIA_TYPE.test(mediaType) || hasExample(media)) {
        continue;
      }
      const gaps = media.schema ? this.exampleGaps(media.schema, 'body', new Set()) : ['body (no schema)'];
      if (gaps.length > 0) {
        this.report(`${where} (${mediaType}) has no example, and its schema has none for ${gaps.join(', ')}`);
      }
    }
  }

  /** Where a schema cannot produce an example from its own (or its properties') examples. */
  private exampleGaps(reference: SchemaObject, location: string, seen: Set<string>): string[] {
    if (reference.$ref !== undefined && seen.has(reference.$ref)) {
      return [];
    }
    const schema = this.resolve(reference);
    if (!schema) {
      return [`${location} (${reference.$ref} does not resolve)`];
    }
    if (hasExample(schema)) {
      return [];
    }

    const here = reference.$ref ? schemaName(reference.$ref) : location;
    const visited = reference.$ref ? new Set([...seen, reference.$ref]) : seen;
    const members = compositionOf(schema);
    const properties = Object.entries(schema.properties ?? {});
    if (members.length > 0) {
      return members.flatMap((member) => this.exampleGaps(member, here, visited));
    }
    if (schema.items) {
      return this.exampleGaps(schema.items, `${here}[]`, visited);
    }
    if (properties.length > 0) {
      return properties.flatMap(([name, property]) => this.exampleGaps(property, `${here}.${name}`, visited));
    }

    return [here];
  }

  private checkAuthenticationProblems(where: string, operation: OperationObject): void {
    const requirements = operation.security ?? this.document.security ?? [];
    const needsToken =
      requirements.length > 0 && requirements.every((requirement) => Object.keys(requirement).length > 0);
    if (!needsToken) {
      return;
    }

    for (const status of ['401', '403']) {
      const reference = operation.responses?.[status];
      const response = reference && this.resolve(reference);
      if (!response?.content?.[PROBLEM_JSON]) {
        this.report(`${where}: needs a token but documents no ${status} ${PROBLEM_JSON} response`);
      }
    }
  }

  /** Follows a local `$ref` (`#/components/...`) to what it names; anything else is returned as it is. */
  private resolve<T extends { $ref?: string }>(value: T, depth = 0): T | undefined {
    if (value.$ref === undefined) {
      return value;
    }
    if (!value.$ref.startsWith('#/') || depth > 20) {
      return undefined;
    }

    let target: unknown = this.document;
    for (const segment of value.$ref.slice(2).split('/')) {
      const key = decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');
      target = target && typeof target === 'object' ? (target as Record<string, unknown>)[key] : undefined;
    }

    return target && typeof target === 'object' ? this.resolve(target as T, depth + 1) : undefined;
  }
}

function schemaName(reference: string): string {
  return reference.slice(reference.lastIndexOf('/') + 1);
}
