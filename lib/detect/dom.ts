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

/** "a.jpg 1x, b.jpg 2x" or "a.jpg 320w, b.jpg 640w" → "b.jpg": the largest candidate. */
function largestCandidate(srcset: string | null): string | undefined {
  let best: string | undefined;
  let size = -1;
  for (const candidate of srcset?.split(/,\s+/) ?? []) {
    const [url, descriptor = '1'] = candidate.trim().split(/\s+/);
    if (parseFloat(descriptor) > size) [best, size] = [url, parseFloat(descriptor)];
  }
  return best;
}

/**
 * Where an image really is: a lazy-loading attribute (the real address while `src` holds a
 * placeholder), the largest `srcset` candidate, else `src`; never its alt text, and never a
 * `data:` placeholder. Raw, for the caller to resolve.
 */
export function imageSource(image: Element): string | undefined {
  return [
    image.getAttribute('data-delayed-url'),
    image.getAttribute('data-lazy-src'),
    image.getAttribute('data-src'),
    largestCandidate(image.getAttribute('srcset')),
    image.getAttribute('src'),
  ].find((value) => value?.trim() && !/^\s*data:/i.test(value)) ?? undefined;
}
