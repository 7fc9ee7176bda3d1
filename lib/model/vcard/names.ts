/** "Ada King Lovelace" → ["Ada King", "Lovelace"]: the importers join them with one space again. */
export function splitName(name: string | undefined): [string, string] {
  const text = name ?? '';
  const at = text.lastIndexOf(' ');
  return at <= 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
