import { z } from 'zod';

/**
 * Hybrid logical clock shared by the server and the extension. A stamp is a fixed-width string,
 * `<ISO-8601 UTC with ms>-<counter, 4 hex>-<node id, 16 hex>`, so plain string order is time
 * order, then counter order, then node order: the merge compares stamps with `<` and needs no
 * parsing. Everything here is pure (the caller passes `now` and persists the state), so it runs
 * the same in a service worker, a page and Node.
 */

export const HLC_LENGTH = 46;
export const MAX_COUNTER = 0xffff;
/** Year 9999: beyond it ISO-8601 grows a sign and six digits, and the width would change. */
export const MAX_HLC_MILLIS = 253_402_300_799_999;

export const HLC_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/;
export const NODE_ID_PATTERN = /^[0-9a-f]{16}$/;

export const HlcStamp = z
  .string()
  .regex(HLC_PATTERN, 'expected an HLC stamp like 2026-11-22T10:04:05.123Z-0003-9f2c41d07a11b3e5')
  .refine((stamp) => isRealDate(stamp), 'HLC stamp names a date that does not exist');

/** What a client persists between runs (a service worker can be killed at any moment). */
export const HlcState = z.object({
  millis: z.number().int().min(0).max(MAX_HLC_MILLIS),
  counter: z.number().int().min(0).max(MAX_COUNTER),
  node: z.string().regex(NODE_ID_PATTERN),
});
export type HlcState = z.infer<typeof HlcState>;

export function formatHlc(state: HlcState): string {
  if (!Number.isInteger(state.millis) || state.millis < 0 || state.millis > MAX_HLC_MILLIS) {
    throw new RangeError(`HLC time out of range: ${state.millis}`);
  }
  if (!Number.isInteger(state.counter) || state.counter < 0 || state.counter > MAX_COUNTER) {
    throw new RangeError(`HLC counter out of range: ${state.counter}`);
  }
  if (!NODE_ID_PATTERN.test(state.node)) throw new RangeError('HLC node id must be 16 lower-case hex digits');
  const iso = new Date(state.millis).toISOString();
  return `${iso}-${state.counter.toString(16).padStart(4, '0')}-${state.node}`;
}

export function isHlc(stamp: string): boolean {
  return HLC_PATTERN.test(stamp) && isRealDate(stamp);
}

export function parseHlc(stamp: string): HlcState {
  if (!isHlc(stamp)) throw new SyntaxError(`not an HLC stamp: ${JSON.stringify(stamp.slice(0, 60))}`);
  return {
    millis: Date.parse(stamp.slice(0, 24)),
    counter: Number.parseInt(stamp.slice(25, 29), 16),
    node: stamp.slice(30),
  };
}

/** Fixed width makes string order the clock order; ties of time and counter fall to the node. */
export function compareHlc(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function initialHlc(node: string): HlcState {
  return HlcState.parse({ millis: 0, counter: 0, node });
}

/**
 * A stamp for a local event. Time never goes backwards even when the wall clock does; within one
 * millisecond the counter orders events, and if it would overflow the clock borrows the next
 * millisecond rather than repeat a stamp.
 */
export function sendHlc(state: HlcState, now: number): { state: HlcState; stamp: string } {
  const wall = Math.floor(now);
  const next = wall > state.millis ? { ...state, millis: wall, counter: 0 } : bump(state, state.millis, state.counter + 1);
  return { state: next, stamp: formatHlc(next) };
}

/**
 * Folds a stamp seen from another node into the local clock, so the next local stamp sorts after
 * everything this node has seen. `maxAheadMs` refuses stamps too far in the future: adopting one
 * would drag this clock (and every later write) ahead with it.
 */
export function receiveHlc(state: HlcState, remote: string, now: number, maxAheadMs = Infinity): HlcState {
  const theirs = parseHlc(remote);
  const wall = Math.floor(now);
  if (theirs.millis - wall > maxAheadMs) throw new HlcAheadError(remote, wall);
  const millis = Math.max(state.millis, theirs.millis, wall);
  if (millis === wall && wall > state.millis && wall > theirs.millis) return { ...state, millis, counter: 0 };
  let counter: number;
  if (millis === state.millis && millis === theirs.millis) counter = Math.max(state.counter, theirs.counter) + 1;
  else if (millis === state.millis) counter = state.counter + 1;
  else counter = theirs.counter + 1;
  return bump(state, millis, counter);
}

export class HlcAheadError extends Error {
  constructor(
    readonly stamp: string,
    readonly now: number,
  ) {
    super(`HLC stamp ${stamp} is ahead of ${new Date(now).toISOString()}`);
    this.name = 'HlcAheadError';
  }
}

/** 64 random bits: enough that two browsers never pick the same node id. */
export function randomNodeId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function bump(state: HlcState, millis: number, counter: number): HlcState {
  return counter > MAX_COUNTER ? { ...state, millis: millis + 1, counter: 0 } : { ...state, millis, counter };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The pattern has matched: checks the fields name a real instant (no 2026-02-30, no 25:00). */
function isRealDate(stamp: string): boolean {
  // Digit arithmetic rather than Date.parse + toISOString: this runs for every field of every push.
  const year = number(stamp, 0, 4);
  const month = number(stamp, 5, 7);
  const day = number(stamp, 8, 10);
  if (year < 1970 || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0) && number(stamp, 11, 13) < 24 && number(stamp, 14, 16) < 60 && number(stamp, 17, 19) < 60;
}

/** The decimal number written at [from, to) of a string the pattern has vetted as digits. */
function number(text: string, from: number, to: number): number {
  let value = 0;
  for (let at = from; at < to; at++) value = value * 10 + text.charCodeAt(at) - 48;
  return value;
}
