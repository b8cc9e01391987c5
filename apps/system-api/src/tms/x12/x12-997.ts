import { JSEDINotation, type X12Interchange, X12Generator, type X12Segment } from 'node-x12';

/**
 * An X12 997 functional acknowledgement of a received 214 interchange: every functional group and transaction set
 * accepted (AK5*A, AK9*A). It goes back to the sender with its own delimiters, sender and receiver swapped, and
 * reuses the received interchange and group control numbers, so a redelivered interchange gets the same answer
 * apart from its date and time.
 */
export function functionalAcknowledgement(received: X12Interchange, at: Date): string {
  const isa = (position: number): string => element(received.header, position);
  const { date, time } = envelopeTime(at);
  const notation = new JSEDINotation(
    [
      '00',
      '',
      '00',
      '',
      isa(7),
      isa(8).trim(),
      isa(5),
      isa(6).trim(),
      date.slice(2),
      time,
      isa(11),
      isa(12),
      isa(13),
      '0',
      isa(15),
      isa(16),
    ],
    received.options,
  );

  for (const group of received.functionalGroups) {
    const gs = (position: number): string => element(group.header, position);
    const acknowledgement = notation
      .addFunctionalGroup(['FA', gs(3), gs(2), date, time, gs(6), 'X', gs(8)])
      .addTransaction(['997', '0001']);
    acknowledgement.addSegment('AK1', [gs(1), gs(6)]);
    for (const transaction of group.transactions) {
      acknowledgement.addSegment('AK2', [element(transaction.header, 1), element(transaction.header, 2)]);
      acknowledgement.addSegment('AK5', ['A']);
    }
    const count = String(group.transactions.length);
    acknowledgement.addSegment('AK9', ['A', count, count, count]);
  }

  return new X12Generator(notation, received.options).toString();
}

function element(segment: X12Segment, position: number): string {
  return segment.valueOf(position, '') ?? '';
}

function envelopeTime(at: Date): { date: string; time: string } {
  const iso = at.toISOString();

  return { date: iso.slice(0, 10).replaceAll('-', ''), time: iso.slice(11, 16).replace(':', '') };
}
