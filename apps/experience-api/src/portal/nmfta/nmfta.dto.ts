import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';

/**
 * The shapes of the NMFTA DSDC Invoice & Documents standard (1.0 public preview) that the portal answers with,
 * field for field, so that a shipper system built for the standard reads them without mapping. Only the members
 * Lanegate fills are declared here; the standard's own schemas are the reference.
 */

/** The standard's document types that Lanegate offers: the invoice itself and the proof of delivery. */
export const NMFTA_OFFERED_DOCUMENT_TYPES = ['INV', 'POD'] as const;

/** Every document type of the standard, accepted as a filter; the ones Lanegate does not hold match nothing. */
export const NMFTA_DOCUMENT_TYPES = [
  'BOL',
  'CAT',
  'COMM',
  'CON',
  'RULE',
  'DIM',
  'DTR',
  'DIS',
  'FRB',
  'FUEL',
  'INV',
  'INSP',
  'LOA',
  'LPR',
  'MSDS',
  'PAC',
  'IMG',
  'POD',
  'QUO',
  'RESI',
  'SPEC',
  'SCL',
  'STB',
  'W&I',
  'OTHER',
] as const;

export type NmftaDocumentType = (typeof NMFTA_DOCUMENT_TYPES)[number];

export class NmftaMonetaryAmount {
  @ApiProperty({ description: 'ISO 4217 currency code.', example: 'USD' })
  currencyCode: string;

  @ApiProperty({
    description: 'Decimal amount in the major unit, written exactly from integer cents; negative on a credit memo.',
    example: '1622.31',
  })
  value: string;
}

export class NmftaPostalAddress {
  @ApiProperty({ description: 'State or province code.', example: 'IL' })
  adminArea1: string;

  @ApiProperty({ description: 'City.', example: 'Chicago' })
  locality: string;

  @ApiProperty({ description: 'Postal code.', example: '60607' })
  postalCode: string;

  @ApiPropertyOptional({
    description: 'ISO 3166-1 alpha-3 country code; left out for a country Lanegate cannot convert.',
    example: 'USA',
  })
  countryCode?: string;
}

export class NmftaConsignor {
  @ApiProperty({ description: 'The pickup facility.', example: 'Midwest Paper DC' })
  consignorName: string;

  @ApiProperty({ description: 'Its address.', type: NmftaPostalAddress })
  address: NmftaPostalAddress;
}

export class NmftaConsignee {
  @ApiProperty({ description: 'The delivery facility.', example: 'Buckeye Grocers' })
  consigneeName: string;

  @ApiProperty({ description: 'Its address.', type: NmftaPostalAddress })
  address: NmftaPostalAddress;
}

export class NmftaTerms {
  @ApiProperty({
    description: 'The shipper pays the freight it is invoiced for.',
    enum: ['Prepaid'],
    example: 'Prepaid',
  })
  billingTerms: 'Prepaid';
}

export class NmftaInvoiceHeader {
  @ApiProperty({ description: 'The first pickup stop.', type: NmftaConsignor })
  consignor: NmftaConsignor;

  @ApiProperty({ description: 'The last delivery stop.', type: NmftaConsignee })
  consignee: NmftaConsignee;

  @ApiProperty({
    description:
      "The customer billed: empty, since Lanegate holds the customer's ERP id (attribute `billingPartyID`), not " +
      'its name or address.',
    type: 'object',
    properties: {},
    example: {},
  })
  billingParty: Record<string, never>;

  @ApiProperty({ description: 'Billing terms.', type: NmftaTerms })
  terms: NmftaTerms;

  @ApiProperty({ description: "The ERP's document number.", example: 'INV-000123' })
  invoiceNumber: string;

  @ApiProperty({ description: 'Invoice date (UTC), `YYYY-MM-DD`.', example: '2026-12-08' })
  invoiceDate: string;

  @ApiProperty({ description: 'Total with tax.', type: NmftaMonetaryAmount })
  invoiceAmount: NmftaMonetaryAmount;
}

export class NmftaQuantity {
  @ApiProperty({ description: 'Unit of measure.', enum: ['MILES', 'HOURS', 'FLAT'], example: 'MILES' })
  unitOfMeasure: string;

  @ApiProperty({ description: 'Quantity billed.', example: 436 })
  value: number;
}

export class NmftaCharge {
  @ApiProperty({ description: 'Always a base charge: Lanegate bills moves, not items.', example: 'BASE_CHARGE' })
  chargeType: 'BASE_CHARGE';

  @ApiProperty({
    description:
      "Lanegate's charge kind in upper case (`LINEHAUL`, `FUEL_SURCHARGE`, `DETENTION`, `LUMPER`, ...), or `TAX`.",
    example: 'LINEHAUL',
  })
  chargeCode: string;

  @ApiProperty({
    description: '`UNIT_RATE` for a quantity at a rate (miles, hours), `FLAT` otherwise.',
    enum: ['FLAT', 'UNIT_RATE'],
    example: 'UNIT_RATE',
  })
  chargeUnitCode: 'FLAT' | 'UNIT_RATE';

  @ApiProperty({ description: 'Line text, with the rate.', example: 'Linehaul: 436 mi at 285 cents/mi' })
  chargeDescription: string;

  @ApiProperty({ description: 'Line amount.', type: NmftaMonetaryAmount })
  cost: NmftaMonetaryAmount;

  @ApiProperty({ description: 'Quantity billed.', type: NmftaQuantity })
  quantity: NmftaQuantity;
}

export class NmftaAttribute {
  @ApiProperty({
    description:
      'What the value is: `documentKind` (invoice, credit_memo, rebill), `status`, `correctsUniqueID`, ' +
      '`purchaseOrder`, `billingPartyID`, `carrierSCAC`, `carrierName`, and on documents `contentType`, ' +
      '`contentEncoding`, `podCapturedAt`, `podSignedBy`, `podImageReference`.',
    example: 'carrierSCAC',
  })
  type: string;

  @ApiProperty({ description: 'The value.', example: 'KNXT' })
  value: string;
}

export class NmftaInvoice {
  @ApiProperty({ description: "Lanegate's document id.", example: 'INV-SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60-v1' })
  uniqueID: string;

  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentID: string;

  @ApiProperty({
    description: "The carrier's USDOT number. Lanegate does not hold it: always empty; see `carrierSCAC`.",
    example: '',
  })
  DOT: string;

  @ApiProperty({
    description: "The carrier's MC number. Lanegate does not hold it: always empty; see `carrierSCAC`.",
    example: '',
  })
  MC: string;

  @ApiProperty({ description: 'Header.', type: NmftaInvoiceHeader })
  invoiceHeader: NmftaInvoiceHeader;

  @ApiProperty({ description: 'The lines, then the tax; they add up to `invoiceAmount`.', type: [NmftaCharge] })
  invoiceCharges: NmftaCharge[];

  @ApiProperty({ description: 'What the standard has no field for.', type: [NmftaAttribute] })
  attributes: NmftaAttribute[];
}

export class NmftaFile {
  @ApiProperty({ description: 'File name.', example: 'POD-SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60.pdf' })
  id: string;

  @ApiProperty({
    description: 'The PDF, base64-encoded. Generated by Lanegate from its own records; see the route description.',
    example: 'JVBERi0xLjQK',
  })
  content: string;
}

export class NmftaDocument {
  @ApiProperty({ description: 'Document type.', enum: NMFTA_OFFERED_DOCUMENT_TYPES, example: 'POD' })
  documentType: string;

  @ApiProperty({ description: 'Its files: one PDF.', type: [NmftaFile] })
  files: NmftaFile[];
}

export class NmftaDocumentResponse {
  @ApiProperty({ description: "Lanegate's document id.", example: 'INV-SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60-v1' })
  uniqueID: string;

  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentID: string;

  @ApiProperty({ description: "The carrier's USDOT number; Lanegate does not hold it: always empty.", example: '' })
  DOT: string;

  @ApiProperty({ description: "The carrier's MC number; Lanegate does not hold it: always empty.", example: '' })
  MC: string;

  @ApiProperty({ description: "The ERP's invoice number.", example: 'INV-000123' })
  invoiceNumber: string;

  @ApiProperty({ description: 'Invoice date (UTC), `YYYY-MM-DD`.', example: '2026-12-08' })
  invoiceDate: string;

  @ApiProperty({ description: 'Who produced the files.', example: 'Lanegate' })
  documentSource: string;

  @ApiProperty({
    description: 'Content type and encoding of the files, and proof of delivery facts.',
    type: [NmftaAttribute],
  })
  attributes: NmftaAttribute[];

  @ApiProperty({ description: 'The documents, one per type.', type: [NmftaDocument] })
  documents: NmftaDocument[];
}

/** The filters the standard's invoice and document lists share. */
export class NmftaListQuery {
  @ApiPropertyOptional({ description: "The ERP's invoice number.", example: 'INV-000123' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  invoiceNumber?: string;

  @ApiPropertyOptional({ description: 'USDOT number; Lanegate holds none, so a value matches nothing.', example: '' })
  @IsOptional()
  @IsString()
  DOT?: string;

  @ApiPropertyOptional({ description: 'MC number; Lanegate holds none, so a value matches nothing.', example: '' })
  @IsOptional()
  @IsString()
  MC?: string;
}

export class NmftaInvoicesQuery extends NmftaListQuery {
  @ApiPropertyOptional({
    description: "Lanegate's document id.",
    example: 'INV-SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60-v1',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  uniqueID?: string;

  @ApiPropertyOptional({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  shipmentID?: string;
}

export class NmftaDocumentsQuery extends NmftaListQuery {
  @ApiPropertyOptional({
    description:
      'Only documents of these types; repeat the parameter for several. Lanegate offers `INV` and `POD`; any ' +
      'other type (such as `BOL`) matches nothing.',
    enum: NMFTA_DOCUMENT_TYPES,
    isArray: true,
    example: ['POD'],
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsArray()
  @IsIn(NMFTA_DOCUMENT_TYPES, { each: true, message: 'documentType must be document types of the standard' })
  documentType?: NmftaDocumentType[];
}
