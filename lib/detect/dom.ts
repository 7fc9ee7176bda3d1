/**
 * `root.querySelectorAll(selector)`, plus `root` itself when it matches: incremental scans hand
 * detectors the element that was just added, which may itself be the mailto link or the h-card.
 */
export function selectAll(root: ParentNode, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  const self = root as Partial<Element>;
  if (typeof self.matches === 'function' && self.matches(selector)) found.unshift(root as Element);
  return found;
}

/** Lazy-loading attributes that hold an image's real address while `src` holds a placeholder. */
const LAZY_SOURCES = ['data-delayed-url', 'data-lazy-src', 'data-src', 'data-original'];

/** "a.jpg 1x, b.jpg 2x" or "a.jpg 320w, b.jpg 640w" → "b.jpg": the largest candidate. */
function largestCandidate(srcset: string): string | undefined {
  let best: string | undefined;
  let size = -1;
  for (const candidate of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = candidate.trim().split(/\s+/);
    const value = parseFloat(descriptor);
    if (url && value > size) [best, size] = [url, value];
  }
  return best;
}

/**
 * Where an image really is: a lazy-loading attribute, the largest `srcset` candidate, else `src`;
 * never its alt text, and never a `data:` placeholder. Raw, for the caller to resolve.
 */
export function imageSource(image: Element): string | undefined {
  const candidates = [
    ...LAZY_SOURCES.map((name) => image.getAttribute(name)),
    largestCandidate(image.getAttribute('data-srcset') ?? ''),
    largestCandidate(image.getAttribute('srcset') ?? ''),
    image.getAttribute('src'),
  ];
  return candidates.find((value) => !!value?.trim() && !/^\s*data:/i.test(value)) ?? undefined;
}
