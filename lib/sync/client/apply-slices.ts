/**
 * How many pulled rows go into the next apply transaction. Every reader on the same tables (a
 * search in the side panel) waits for the transaction in progress to end, so a transaction's
 * length is the panel's worst wait: each slice is sized from how long the last one took to stay
 * near TARGET_MS, whatever the machine's speed and whatever the rows cost (a contact with many
 * interactions recomputes more). Bounds: no fewer than MIN_ROWS, where each transaction's fixed
 * cost (cursor, stamps) would dominate, and no more than a pulled page.
 *
 * With no page open that reads the book as the user types (the panel, Board, Analytics), nobody
 * waits, and a whole page goes into one transaction (`sizeFor(false)`): slices cost a first sync
 * about a third of its time. The rate is still learnt then, so a panel that opens mid-sync gets
 * short transactions from the next slice on.
 */
export const TARGET_MS = 40;
export const MIN_ROWS = 50;
export const MAX_ROWS = 1000;

export class ApplySlices {
  private rows = MAX_ROWS;

  /** The next slice's size: short while a reader is open, else a whole page. */
  sizeFor(readerOpen: boolean): number {
    return readerOpen ? this.rows : MAX_ROWS;
  }

  /** `rows` were applied in `ms`: the next slice aims at TARGET_MS at the same rate, moving at most ×2 at a time. */
  took(rows: number, ms: number): void {
    if (rows < this.rows) return; // a page's short tail says little about the rate
    const aimed = (rows * TARGET_MS) / Math.max(ms, 1);
    this.rows = Math.round(Math.min(MAX_ROWS, Math.max(MIN_ROWS, this.rows / 2, Math.min(aimed, this.rows * 2))));
  }
}
