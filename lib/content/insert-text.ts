/**
 * Puts plain text into a webmail's compose body where the caret was (else at its start), as
 * typing would: `insertText` goes through the editor's own input handling, so the webmail keeps
 * its model and undo history. Text only, never HTML: a value from a page can carry no markup.
 */
export function insertPlainText(body: HTMLElement, text: string, caret: Range | null): void {
  body.focus();
  const selection = body.ownerDocument.getSelection();
  if (!selection) return;
  let range = caret && body.contains(caret.startContainer) ? caret : null;
  if (!range) {
    range = body.ownerDocument.createRange();
    range.setStart(body, 0);
    range.collapse(true);
  }
  selection.removeAllRanges();
  selection.addRange(range);
  const document = body.ownerDocument;
  if (typeof document.execCommand === 'function' && document.execCommand('insertText', false, text)) return;

  // No editing command (deprecated; a browser may drop it): lines as text nodes and <br>s, then tell the editor.
  range.deleteContents();
  const fragment = body.ownerDocument.createDocumentFragment();
  text.split('\n').forEach((line, index) => {
    if (index > 0) fragment.append(body.ownerDocument.createElement('br'));
    fragment.append(body.ownerDocument.createTextNode(line));
  });
  range.insertNode(fragment);
  body.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
}

/** The caret inside `body` right now, to return to after the picker took the focus. */
export function caretIn(body: HTMLElement): Range | null {
  const selection = body.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  return body.contains(range.startContainer) ? range.cloneRange() : null;
}
