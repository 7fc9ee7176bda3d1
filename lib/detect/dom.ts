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
