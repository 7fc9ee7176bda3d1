/**
 * Lets the page paint and handle input between two stretches of an import, export or restore.
 * A posted message, not a zero timeout: a timeout set from a timeout's own continuation is
 * clamped to 4 ms after five in a row (HTML's timer nesting rule), and the import's preview
 * yields 120 times in a row for 10,000 people (~0.5 s of waiting for nothing; 950 → 380 ms).
 * A message is an ordinary task, so input and painting get their turn between stretches
 * (lib/db/queries/thread-budget.ts uses scheduler.yield instead, which resumes ahead of other
 * queued work, for reads the user is waiting on). A timeout where there is no MessageChannel.
 */
export function yieldToPage(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
