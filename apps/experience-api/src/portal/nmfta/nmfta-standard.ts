import { OpenApiSchemas, vendoredFile } from '@lanegate/platform';

/**
 * The schemas of the NMFTA DSDC Invoice & Documents standard, vendored beside this file, for checking that what the
 * portal answers in its shapes is what the standard defines.
 */
export function invoiceAndDocumentSchemas(): OpenApiSchemas {
  return new OpenApiSchemas({
    file: vendoredFile(new URL('schemas.yaml', import.meta.url)),
    id: 'urn:nmfta:dsdc:truckload:invoice-and-documents:1.0:schemas',
    formats: ['date', 'uuid', 'int64', 'double', 'binary'],
    // The preview applies object keywords without `type: object` in a few schemas (Length, Width, Height).
    strictTypes: false,
  });
}
