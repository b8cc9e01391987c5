import {
  X12FatInterchange,
  type X12FunctionalGroup,
  type X12Interchange,
  X12Parser,
  type X12Segment,
  type X12Transaction,
} from 'node-x12';

import type { VendorFormat, VendorReading, VendorStatusReport } from '../mapping/status-mapping.js';
import { X12MalformedError } from '../tms.exception.js';
import { APPOINTMENT_ONLY, AT7_REASON_CODES, AT7_STATUS_CODES } from './at7-status.mapping.js';
import { functionalAcknowledgement } from './x12-997.js';
import { at7Instant } from './x12-time.js';

export const X12_VENDOR = 'x12';

/** L11 qualifiers the 214 reader understands: the shipper's shipment id, and the stop sequence number of a loop. */
const SHIPPER_SHIPMENT_ID = 'SI';
const STOP_SEQUENCE = 'QN';

const ELEMENT_REFERENCE = /\b(ISA|IEA|GS|GE|ST|SE)(\d{2})\b/;
const SEGMENT_REFERENCE = /\b([A-Z][A-Z0-9]{1,2}) segment\b/;
/** The parser's words for a segment outside its envelope, and the envelope segment that is missing. */
const MISSING_ENVELOPE: readonly [RegExp, string][] = [
  [/outside of a functional group/, 'GS'],
  [/outside of a transaction/, 'ST'],
];

/** The fixed widths of ISA01 to ISA16: the ISA is the one segment whose elements are padded to a set length. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
const POSITIVE_INTEGER = /^[1-9]\d*$/;

interface Envelope {
  /** ISA06, the sender's interchange id, e.g. `SWFT`. */
  readonly sender: string;
  /** ISA13. */
  readonly control: string;
}

interface LxLoop {
  readonly number: string;
  readonly segments: X12Segment[];
}

/** One AT7 status of an LX loop with the MS1 location that follows it. */
interface LoopStatus {
  readonly at7: X12Segment;
  ms1?: X12Segment;
}

/**
 * ANSI X12 214 shipment status messages: one report per AT7 of every LX loop, for the shipment B10 names. A
 * malformed interchange (envelope counts, control numbers, missing trailers, a segment or element the reader needs)
 * is refused whole, naming the segment and element.
 */
export class X12ShipmentStatusFormat implements VendorFormat {
  readonly vendor = X12_VENDOR;
  readonly statuses = AT7_STATUS_CODES;

  read(body: string): VendorReading {
    const interchange = parseInterchange(body);
    const envelope = { sender: value(interchange.header, 6), control: value(interchange.header, 13) };
    const reports = interchange.functionalGroups.flatMap((group) =>
      group.transactions.flatMap((transaction) => readTransaction(transaction, envelope)),
    );

    return { reports, acknowledge: (at) => functionalAcknowledgement(interchange, at) };
  }
}

function parseInterchange(body: string): X12Interchange {
  const text = body.trimStart();
  checkIsaWidths(text);
  let parsed: X12Interchange | X12FatInterchange;
  try {
    parsed = new X12Parser(true).parse(text);
  } catch (error) {
    throw parserError(error);
  }
  if (parsed instanceof X12FatInterchange) {
    throw new X12MalformedError('The body holds more than one interchange; send one ISA to IEA per request.', {
      segment: 'ISA',
    });
  }

  checkEnvelope(parsed);

  return parsed;
}

/**
 * The parser only says that the ISA is not 106 characters long; this names the element whose width is wrong (a
 * sender id not padded to 15 characters is the usual one).
 * @throws X12MalformedError naming the ISA element.
 */
function checkIsaWidths(text: string): void {
  if (!text.startsWith('ISA') || text.length < 4) {
    throw new X12MalformedError('The body does not start with an ISA segment.', { segment: 'ISA' });
  }

  const elements = text.slice(4).split(text[3], ISA_WIDTHS.length);
  for (const [index, width] of ISA_WIDTHS.entries()) {
    const name = `ISA${String(index + 1).padStart(2, '0')}`;
    const given = elements[index];
    // ISA16 is followed by the segment terminator, so only its first character is the element.
    const length = index === ISA_WIDTHS.length - 1 ? Math.min(given?.length ?? 0, 1) : given?.length;
    if (length !== width) {
      throw new X12MalformedError(
        `${name} is ${length ?? 0} characters long; the ISA segment fixes it at ${width}, padded with spaces.`,
        { segment: 'ISA', element: name },
      );
    }
  }
}

function parserError(error: unknown): X12MalformedError {
  const message = (error instanceof Error ? error.message : String(error)).replace(/^X12 Standard: /, '');
  const element = ELEMENT_REFERENCE.exec(message);
  if (element) {
    return new X12MalformedError(message, { segment: element[1], element: `${element[1]}${element[2]}` });
  }
  const envelope = MISSING_ENVELOPE.find(([words]) => words.test(message));
  if (envelope) {
    return new X12MalformedError(`${message} Its ${envelope[1]} header is missing.`, { segment: envelope[1] });
  }

  return new X12MalformedError(message, { segment: SEGMENT_REFERENCE.exec(message)?.[1] ?? 'ISA' });
}

// The parser checks the counts and control numbers of the trailers it meets, but not that every trailer is there.
function checkEnvelope(interchange: X12Interchange): void {
  if (!(interchange.trailer as X12Segment | undefined)) {
    throw new X12MalformedError('The interchange has no IEA trailer.', { segment: 'IEA' });
  }
  if (interchange.functionalGroups.length === 0) {
    throw new X12MalformedError('The interchange has no functional group.', { segment: 'GS' });
  }
  for (const group of interchange.functionalGroups) {
    checkGroup(group);
  }
}

function checkGroup(group: X12FunctionalGroup): void {
  const control = value(group.header, 6);
  if (!(group.trailer as X12Segment | undefined)) {
    throw new X12MalformedError(`Functional group ${control} has no GE trailer.`, { segment: 'GE' });
  }
  if (value(group.header, 1) !== 'QM') {
    throw new X12MalformedError(
      `GS01 of group ${control} is '${value(group.header, 1)}'; shipment status messages travel in QM groups.`,
      { segment: 'GS', element: 'GS01' },
    );
  }
  for (const transaction of group.transactions) {
    const set = value(transaction.header, 2);
    if (!(transaction.trailer as X12Segment | undefined)) {
      throw new X12MalformedError(`Transaction set ${set} has no SE trailer.`, { segment: 'SE' });
    }
    if (value(transaction.header, 1) !== '214') {
      throw new X12MalformedError(`ST01 of transaction set ${set} is '${value(transaction.header, 1)}', not 214.`, {
        segment: 'ST',
        element: 'ST01',
      });
    }
  }
}

function readTransaction(transaction: X12Transaction, envelope: Envelope): VendorStatusReport[] {
  const set = value(transaction.header, 2);
  const b10 = transaction.segments.find((segment) => segment.tag === 'B10');
  if (!b10) {
    throw new X12MalformedError(`Transaction set ${set} has no B10 segment.`, { segment: 'B10' });
  }
  const firstLoop = transaction.segments.findIndex((segment) => segment.tag === 'LX');
  const header = firstLoop === -1 ? transaction.segments : transaction.segments.slice(0, firstLoop);
  const shipmentId = value(b10, 2) || reference(header, SHIPPER_SHIPMENT_ID);
  if (!shipmentId) {
    throw new X12MalformedError(
      `Transaction set ${set}: B1002 (shipment identification number) is empty and no L11*<id>*SI names the ` +
        'shipment.',
      { segment: 'B10', element: 'B1002' },
    );
  }

  const loops = lxLoops(transaction.segments);
  if (!loops.some((loop) => loop.segments.some((segment) => segment.tag === 'AT7'))) {
    throw new X12MalformedError(`Transaction set ${set} has no LX loop with an AT7 status.`, { segment: 'LX' });
  }

  return loops.flatMap((loop) =>
    statusesOf(loop).map((status, index) =>
      report({ ...status, envelope, set, loop, shipmentId, index, scac: value(b10, 3) }),
    ),
  );
}

function report(input: {
  at7: X12Segment;
  ms1?: X12Segment;
  envelope: Envelope;
  set: string;
  loop: LxLoop;
  shipmentId: string;
  index: number;
  scac: string;
}): VendorStatusReport {
  const { at7, envelope, loop } = input;
  const position = `ST ${input.set}, LX ${loop.number}`;
  const status = value(at7, 1) || (value(at7, 3) ? APPOINTMENT_ONLY : '');
  if (!status) {
    throw new X12MalformedError(`${position}: AT7 has neither a shipment status (AT701) nor an appointment status.`, {
      segment: 'AT7',
      element: 'AT701',
    });
  }

  const reason = value(at7, 2);
  const stopSequence = stopOf(loop, position);
  const occurredAt = at7Instant({
    position,
    date: value(at7, 5),
    time: value(at7, 6),
    timeCode: value(at7, 7),
    stopState: input.ms1 ? value(input.ms1, 2) : undefined,
  });
  const occurrence = input.index === 0 ? '' : `.${input.index + 1}`;
  const note = reason && reason !== 'NS' ? `${AT7_REASON_CODES[reason] ?? 'Status reason'} (${reason})` : undefined;

  return {
    status,
    position,
    vendorEventId: `${envelope.control}-${input.set}-${loop.number}${occurrence}`,
    dedupKey: [envelope.sender, input.shipmentId, status, reason, occurredAt, stopSequence ?? ''].join('|'),
    shipmentId: input.shipmentId,
    occurredAt,
    source: `${X12_VENDOR}:${input.scac || envelope.sender}`,
    stopSequence,
    note,
  };
}

function lxLoops(segments: X12Segment[]): LxLoop[] {
  const loops: LxLoop[] = [];
  for (const segment of segments) {
    if (segment.tag === 'LX') {
      loops.push({ number: value(segment, 1), segments: [] });
    } else {
      loops.at(-1)?.segments.push(segment);
    }
  }

  return loops;
}

function statusesOf(loop: LxLoop): LoopStatus[] {
  const statuses: LoopStatus[] = [];
  for (const segment of loop.segments) {
    const current = statuses.at(-1);
    if (segment.tag === 'AT7') {
      statuses.push({ at7: segment });
    } else if (segment.tag === 'MS1' && current && !current.ms1) {
      current.ms1 = segment;
    }
  }

  return statuses;
}

/** The stop a loop reports on, from its `L11*<n>*QN`; undefined when the loop does not number it. */
function stopOf(loop: LxLoop, position: string): number | undefined {
  const stop = reference(loop.segments, STOP_SEQUENCE);
  if (stop === undefined) {
    return undefined;
  }
  if (!POSITIVE_INTEGER.test(stop)) {
    throw new X12MalformedError(`${position}: the stop sequence in L11*${stop}*QN is not a positive integer.`, {
      segment: 'L11',
      element: 'L1101',
    });
  }

  return Number(stop);
}

/** L1101 of the first L11 whose qualifier (L1102) is `qualifier`. */
function reference(segments: X12Segment[], qualifier: string): string | undefined {
  const l11 = segments.find((segment) => segment.tag === 'L11' && value(segment, 2) === qualifier);

  return l11 ? value(l11, 1) : undefined;
}

function value(segment: X12Segment, position: number): string {
  return (segment.valueOf(position, '') ?? '').trim();
}
