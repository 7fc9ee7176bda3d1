/** One rejected input line. Line numbers are 1-based, as an editor shows them. */
export interface ParseIssue {
  line: number;
  message: string;
}

/**
 * Thrown by the purchase parsers. They are strict on purpose: a silently skipped row would change
 * every customer's x, t_x and T, and through them the fitted model, with no trace.
 */
export class PurchaseFileError extends Error {
  readonly issues: readonly ParseIssue[];

  constructor(issues: readonly ParseIssue[], total = issues.length) {
    const shown = issues.map((issue) => `line ${issue.line}: ${issue.message}`).join('\n');
    const more = total > issues.length ? `\n… and ${total - issues.length} more` : '';
    super(`${total} bad line${total === 1 ? '' : 's'}:\n${shown}${more}`);
    this.name = 'PurchaseFileError';
    this.issues = issues;
  }
}

/** Collects issues, keeping the first few in full so a broken file gives a readable message. */
export class IssueCollector {
  private readonly kept: ParseIssue[] = [];
  private count = 0;

  constructor(private readonly limit = 20) {}

  add(line: number, message: string): void {
    this.count += 1;
    if (this.kept.length < this.limit) this.kept.push({ line, message });
  }

  throwIfAny(): void {
    if (this.count > 0) throw new PurchaseFileError(this.kept, this.count);
  }
}
