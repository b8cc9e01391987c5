import { toUtcTimestamp } from '../mapping/utc-timestamp.js';
import { X12MalformedError } from '../tms.exception.js';

/** How a time code places a wall-clock time: a fixed offset, a zone with daylight saving, or the stop's own zone. */
type TimeBasis = { readonly offsetMinutes: number } | { readonly timeZone: string } | { readonly stopLocal: true };

/**
 * X12 time codes (element 623) as AT707 carries them. `LT` and a missing code mean the local time of the stop;
 * the `*T` codes follow their zone's daylight saving, the `*S` and `*D` codes are fixed offsets.
 */
export const X12_TIME_CODES: Readonly<Record<string, TimeBasis>> = {
  UT: { offsetMinutes: 0 },
  GM: { offsetMinutes: 0 },
  LT: { stopLocal: true },
  ET: { timeZone: 'America/New_York' },
  ES: { offsetMinutes: -300 },
  ED: { offsetMinutes: -240 },
  CT: { timeZone: 'America/Chicago' },
  CS: { offsetMinutes: -360 },
  CD: { offsetMinutes: -300 },
  MT: { timeZone: 'America/Denver' },
  MS: { offsetMinutes: -420 },
  MD: { offsetMinutes: -360 },
  PT: { timeZone: 'America/Los_Angeles' },
  PS: { offsetMinutes: -480 },
  PD: { offsetMinutes: -420 },
  AT: { timeZone: 'America/Anchorage' },
  AS: { offsetMinutes: -540 },
  AD: { offsetMinutes: -480 },
  HT: { timeZone: 'Pacific/Honolulu' },
  HS: { offsetMinutes: -600 },
  HD: { offsetMinutes: -540 },
  TT: { timeZone: 'America/Halifax' },
  TS: { offsetMinutes: -240 },
  TD: { offsetMinutes: -180 },
  NT: { timeZone: 'America/St_Johns' },
  NS: { offsetMinutes: -210 },
  ND: { offsetMinutes: -150 },
};

/**
 * The zone of a stop's local time, from the state or province in MS102. A state that spans two zones takes the zone
 * most of its freight moves in (Texas: Central; Indiana, Kentucky, Florida, Michigan: Eastern; Tennessee: Central).
 */
export const STATE_TIME_ZONES: Readonly<Record<string, string>> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DC: 'America/New_York',
  DE: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  IA: 'America/Chicago',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  MA: 'America/New_York',
  MD: 'America/New_York',
  ME: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MO: 'America/Chicago',
  MS: 'America/Chicago',
  MT: 'America/Denver',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  NE: 'America/Chicago',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NV: 'America/Los_Angeles',
  NY: 'America/New_York',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  PR: 'America/Puerto_Rico',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VA: 'America/New_York',
  VT: 'America/New_York',
  WA: 'America/Los_Angeles',
  WI: 'America/Chicago',
  WV: 'America/New_York',
  WY: 'America/Denver',
  AB: 'America/Edmonton',
  BC: 'America/Vancouver',
  MB: 'America/Winnipeg',
  NB: 'America/Moncton',
  NL: 'America/St_Johns',
  NS: 'America/Halifax',
  NT: 'America/Yellowknife',
  NU: 'America/Iqaluit',
  ON: 'America/Toronto',
  PE: 'America/Halifax',
  QC: 'America/Toronto',
  SK: 'America/Regina',
  YT: 'America/Whitehorse',
};

const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const TIME = /^(\d{2})(\d{2})(\d{2})?(\d{1,2})?$/;

interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * The UTC instant of an AT7 date (AT705, CCYYMMDD), time (AT706, HHMM[SS[D[D]]]) and time code (AT707). A local
 * time (`LT` or no code) is read in the zone of the stop's state (MS102), and as UTC when the state is unknown.
 * @throws X12MalformedError naming AT705, AT706 or AT707.
 */
export function at7Instant(input: {
  /** Where the AT7 is, for error messages, e.g. `ST 0001, LX 2`. */
  position: string;
  date: string;
  time: string;
  timeCode: string;
  stopState?: string;
}): string {
  const wall = wallTimeOf(input);
  const basis = X12_TIME_CODES[input.timeCode === '' ? 'LT' : input.timeCode];
  if (basis === undefined) {
    throw new X12MalformedError(`${input.position}: AT707 time code '${input.timeCode}' is not an X12 time code.`, {
      segment: 'AT7',
      element: 'AT707',
    });
  }

  const asIfUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  if ('offsetMinutes' in basis) {
    return toUtcTimestamp(new Date(asIfUtc - basis.offsetMinutes * 60_000));
  }

  const zone = 'timeZone' in basis ? basis.timeZone : STATE_TIME_ZONES[input.stopState ?? ''];

  return toUtcTimestamp(new Date(zone === undefined ? asIfUtc : zonedToUtc(asIfUtc, zone)));
}

function wallTimeOf({ position, date, time }: { position: string; date: string; time: string }): WallTime {
  const day = DATE.exec(date);
  if (day === null) {
    throw new X12MalformedError(`${position}: AT705 date '${date}' is not CCYYMMDD.`, {
      segment: 'AT7',
      element: 'AT705',
    });
  }
  const clock = TIME.exec(time);
  if (clock === null || Number(clock[1]) > 23 || Number(clock[2]) > 59 || Number(clock[3] ?? 0) > 59) {
    throw new X12MalformedError(`${position}: AT706 time '${time}' is not HHMM or HHMMSS.`, {
      segment: 'AT7',
      element: 'AT706',
    });
  }

  const wall = {
    year: Number(day[1]),
    month: Number(day[2]),
    day: Number(day[3]),
    hour: Number(clock[1]),
    minute: Number(clock[2]),
    second: Number(clock[3] ?? 0),
  };
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  if (check.getUTCMonth() !== wall.month - 1 || check.getUTCDate() !== wall.day) {
    throw new X12MalformedError(`${position}: AT705 date '${date}' does not exist.`, {
      segment: 'AT7',
      element: 'AT705',
    });
  }

  return wall;
}

/**
 * The instant at which clocks in `timeZone` show the wall time that `asIfUtc` shows in UTC. The offset is taken at
 * the first guess and checked once more, which settles every wall time except those a daylight-saving change skips.
 */
function zonedToUtc(asIfUtc: number, timeZone: string): number {
  const first = asIfUtc - offsetAt(asIfUtc, timeZone);
  const second = asIfUtc - offsetAt(first, timeZone);

  return second;
}

function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));

  return shown - Math.floor(instant / 1000) * 1000;
}
