import type { ImportedContact, ParsedImport } from '@/lib/io/types';

/** A hand-built imported person: what a parser hands over (see lib/io/types.ts). */
export function imported(input: Partial<ImportedContact> & { line: number }): ImportedContact {
  return { emails: [], phones: [], profiles: [], tags: [], ...input };
}

export function parsedImport(input: Partial<ParsedImport>): ParsedImport {
  const contacts = input.contacts ?? [];
  const transactions = input.transactions ?? [];
  return {
    format: 'google-csv',
    rows: contacts.length + transactions.length,
    contacts,
    transactions,
    rejected: [],
    notices: [],
    ...input,
  };
}
