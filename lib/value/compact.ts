/**
 * Compact, grouped form of the (x, t_x, T) summaries for fast likelihood evaluation. Customers
 * with the same (x, t_x, T) contribute identical likelihood terms, and real data is in whole days
 * so such ties are common (every one-time buyer with the same first-purchase day); each distinct
 * value of x, t_x and T also gets a level index so per-evaluation logs and log-gammas are computed
 * once per level instead of once per customer.
 */

export interface Rfm {
  x: number;
  t_x: number;
  T: number;
}

export interface Levels {
  values: Float64Array;
  index: Int32Array;
}

export interface CompactRfm {
  /** Number of customers represented. */
  customers: number;
  /** Distinct (x, t_x, T) rows and how many customers each stands for. */
  x: Float64Array;
  count: Float64Array;
  xLevels: Levels;
  txLevels: Levels;
  TLevels: Levels;
}

export function checkRfm(row: Rfm, where: string): void {
  const { x, t_x, T } = row;
  if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`${where}: x must be a whole number ≥ 0, got ${x}`);
  if (!(Number.isFinite(t_x) && Number.isFinite(T) && t_x >= 0 && T >= t_x)) {
    throw new RangeError(`${where}: need 0 ≤ t_x ≤ T, got t_x=${t_x}, T=${T}`);
  }
  if (x === 0 && t_x !== 0) throw new RangeError(`${where}: t_x must be 0 when x = 0, got ${t_x}`);
}

export function compactRfm(rows: readonly Rfm[]): CompactRfm {
  const rowByKey = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const count: number[] = [];
  rows.forEach((row, i) => {
    checkRfm(row, `customer ${i}`);
    const key = `${row.x},${row.t_x},${row.T}`;
    const existing = rowByKey.get(key);
    if (existing !== undefined) {
      count[existing]! += 1;
      return;
    }
    rowByKey.set(key, x.length);
    x.push(row.x);
    tx.push(row.t_x);
    T.push(row.T);
    count.push(1);
  });
  return {
    customers: rows.length,
    x: Float64Array.from(x),
    count: Float64Array.from(count),
    xLevels: levelsOf(x),
    txLevels: levelsOf(tx),
    TLevels: levelsOf(T),
  };
}

/** Distinct values and, for each input position, the index of its value. */
export function levelsOf(values: readonly number[]): Levels {
  const levelByValue = new Map<number, number>();
  const distinct: number[] = [];
  const index = new Int32Array(values.length);
  values.forEach((value, i) => {
    let level = levelByValue.get(value);
    if (level === undefined) {
      level = distinct.length;
      levelByValue.set(value, level);
      distinct.push(value);
    }
    index[i] = level;
  });
  return { values: Float64Array.from(distinct), index };
}
