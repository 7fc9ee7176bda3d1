/** Evidence: how a detection points back at the element it was read from. */

/** A short, stable description of an element for evidence: tag, id, classes. */
export function describeElement(element: Element): string {
  const id = element.id ? `#${element.id}` : '';
  const attribute = element.getAttribute('class');
  const classes = !attribute
    ? ''
    : attribute
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((name) => `.${name}`)
    .join('');
  return `${element.tagName.toLowerCase()}${id}${classes}`.slice(0, 300);
}
