/**
 * vCard 2.1, 3.0 and 4.0 (a .vcf with any number of cards) → ImportedContacts. lines.ts turns
 * each card into text ical.js reads; the shared reading (lib/model/vcard/read.ts) picks the
 * fields. A card that yields nobody is a RejectedRow with its BEGIN line.
 */
import { EMBEDDED_PHOTOS_DROPPED, finishDraft, ImportTally, isRejected } from '../../model/contact-draft/contact-fields';
import { splitCards } from '../../model/vcard/lines';
import { readCard } from '../../model/vcard/read';
import type { ImportedContact, ParsedImport, RejectedRow } from '../types';

/** `fileEncoding`: how the file's bytes were read (decode.ts), so a CHARSET can re-read them. */
export function parseVcards(fileText: string, options: { fileEncoding?: string } = {}): ParsedImport {
  const { cards, bare, broken, unreadableLines } = splitCards(fileText, options);
  const contacts: ImportedContact[] = [];
  const rejected: RejectedRow[] = [...broken];
  const tally = new ImportTally();
  let skippedProperties = unreadableLines;

  for (const card of cards) {
    const { draft, skipped, error } = readCard(card);
    skippedProperties += skipped;
    if (card.embeddedPhotos > 0) tally.add(EMBEDDED_PHOTOS_DROPPED, card.line);
    const result = finishDraft(draft, tally);
    if (isRejected(result)) rejected.push({ line: card.line, reason: error ? `unreadable card: ${error}` : result.reason });
    else contacts.push(result);
  }
  rejected.sort((a, b) => a.line - b.line);

  const notices = tally.notices();
  if (skippedProperties > 0) notices.push(`${skippedProperties} unreadable vCard line${skippedProperties === 1 ? '' : 's'} skipped.`);
  if (cards.length === 0 && broken.length === 0) notices.push('No BEGIN:VCARD found: the file holds no cards.');
  if (bare) notices.push('The file has no BEGIN:VCARD lines: each card was read up to its END:VCARD.');
  return { format: 'vcard', rows: cards.length + broken.length, contacts, transactions: [], rejected, notices };
}
