import type { DetectedContactInput, DetectionLimit } from '../model/detected';
import { detectGeneric, detectWith, finishDetection, hasSiteAdapter, type DetectionEngine } from './engine';
import type { DetectionResult } from './types';

export interface ScanSchedulerOptions {
  /** The adapters and detectors this content script carries. */
  engine: DetectionEngine;
  document: Document;
  /** The page's current address (SPAs change it without a reload). */
  url: () => string;
  /** Receives every result that differs from the last one reported. */
  report: (result: DetectionResult) => void;
  /** Aborting stops every observer and timer the scheduler started. */
  signal: AbortSignal;
  /** Longest stretch of scanning before yielding to the page. */
  sliceMs?: number;
  /** Full re-scans (after removals, on site-adapter pages) happen at most this often. */
  fullScanIntervalMs?: number;
  /** Quiet time after a burst of mutations before scanning what they added. */
  settleMs?: number;
}

/** More added subtrees than this in one burst: a full scan is cheaper than tracking them. */
const MAX_PENDING_ROOTS = 2_000;

/**
 * One owner for observation, budgets and cleanup. It scans the whole page at start and on SPA
 * navigation; after DOM changes it scans only the added subtrees, in slices of at most
 * `sliceMs` so the page never janks; removals (and pages a site adapter reads, whose context
 * must stay whole) get a throttled full re-scan. Nothing runs while the tab is hidden: changes
 * made then are caught up by one full scan when it becomes visible. Its own state is in `#`
 * fields, whose names the minifier shortens: every content script carries this class.
 */
export class ScanScheduler {
  readonly #options: Required<ScanSchedulerOptions>;
  #current: DetectionResult = { contacts: [] };
  #lastReported = '';
  #pendingRoots: Element[] = [];
  #fullScanDue = false;
  #lastFullScanAt = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #observer: MutationObserver | undefined;

  constructor(options: ScanSchedulerOptions) {
    this.#options = { sliceMs: 8, fullScanIntervalMs: 1_000, settleMs: 150, ...options };
  }

  start(): void {
    const { document, signal } = this.#options;
    if (signal.aborted) return;
    this.#observer = new MutationObserver((mutations) => this.#onMutations(mutations));
    this.#observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener('visibilitychange', () => this.#schedule(0), { signal });
    signal.addEventListener('abort', () => this.#stop(), { once: true });
    this.requestFullScan();
  }

  /** The page navigated (SPA) or the user asked: scan it all, now. */
  requestFullScan(): void {
    this.#fullScanDue = true;
    this.#pendingRoots = [];
    this.#lastFullScanAt = -Infinity;
    this.#schedule(0);
  }

  /** The latest result, for callers that ask rather than listen. */
  get result(): DetectionResult {
    return this.#current;
  }

  /** Runs whatever work is due, within one slice. Exposed for tests and benchmarks. */
  runSlice(): void {
    const { engine, document, url: urlOf, signal, fullScanIntervalMs, sliceMs } = this.#options;
    this.#timer = undefined;
    if (signal.aborted || document.hidden) return;
    const started = performance.now();
    if (this.#fullScanDue) {
      const wait = this.#lastFullScanAt + fullScanIntervalMs - started;
      if (wait > 0) return this.#schedule(wait);
      this.#fullScanDue = false;
      this.#lastFullScanAt = started;
      this.#pendingRoots = [];
      this.#publish(detectWith(engine, document, urlOf()));
      return;
    }
    const pendingRoots = this.#pendingRoots;
    const current = this.#current;
    if (pendingRoots.length === 0) return;
    const found: DetectedContactInput[] = [];
    const limits: DetectionLimit[] = [...(current.limits ?? [])];
    let url: URL;
    try {
      url = new URL(urlOf());
    } catch {
      this.#pendingRoots = [];
      return;
    }
    // At least one subtree per slice, so a tiny budget or a slow machine still makes progress.
    do {
      const root = pendingRoots.shift()!;
      if (root.isConnected) found.push(...detectGeneric(engine, root, url, limits));
    } while (pendingRoots.length > 0 && performance.now() - started < sliceMs);
    if (found.length > 0) {
      this.#publish(finishDetection([...current.contacts, ...found], current.context ? { contacts: [], context: current.context } : undefined, limits));
    }
    if (pendingRoots.length > 0) this.#schedule(0);
  }

  #onMutations(mutations: MutationRecord[]): void {
    const { engine, url, settleMs } = this.#options;
    if (this.#fullScanDue) return this.#schedule(settleMs);
    if (hasSiteAdapter(engine, url())) {
      // Webmail and profile pages are read whole: their context (thread, profile) must stay whole.
      this.#fullScanDue = true;
      return this.#schedule(settleMs);
    }
    let roots = this.#pendingRoots;
    for (const mutation of mutations) {
      if (mutation.removedNodes.length > 0 && [...mutation.removedNodes].some((node) => node.nodeType === 1)) {
        this.#fullScanDue = true;
        break;
      }
      for (const node of mutation.addedNodes) if (node.nodeType === 1) roots.push(node as Element);
    }
    if (roots.length > MAX_PENDING_ROOTS) this.#fullScanDue = true;
    roots = this.#fullScanDue ? [] : outermostOnly(roots);
    this.#pendingRoots = roots;
    this.#schedule(settleMs);
  }

  #publish(result: DetectionResult): void {
    this.#current = result;
    const serialized = JSON.stringify(result);
    if (serialized === this.#lastReported) return;
    this.#lastReported = serialized;
    this.#options.report(result);
  }

  /** Forget what was last reported, so the next result is sent even if unchanged. */
  resendNextResult(): void {
    this.#lastReported = '';
  }

  #schedule(delayMs: number): void {
    if (this.#options.signal.aborted) return;
    if (this.#timer !== undefined) {
      if (delayMs > 0) return; // already due sooner or as soon
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => this.runSlice(), delayMs);
  }

  #stop(): void {
    this.#observer?.disconnect();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pendingRoots = [];
  }
}

/** Drops roots inside other roots (each subtree is scanned once) and duplicates. */
function outermostOnly(roots: Element[]): Element[] {
  const unique = [...new Set(roots)];
  const set = new Set(unique);
  return unique.filter((root) => {
    for (let parent = root.parentElement; parent; parent = parent.parentElement) if (set.has(parent)) return false;
    return true;
  });
}
