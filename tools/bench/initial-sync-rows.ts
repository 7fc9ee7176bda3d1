/**
 * The rows of the first-sync bench (tools/bench/sync-initial.ts), one generator for the two places
 * that need them: the server is filled with them as pushed changes, and the browser floor writes
 * the same rows as the sync would store them (tools/bench/initial-sync-floor-entry.ts).
 */
import { formatHlc } from '../../lib/sync/shared/hlc';
import type { PushChange } from '../../lib/sync/shared/protocol';

export function* generatedChanges(contacts: number, interactions: number): Generator<PushChange> {
  const node = '00000000000000be';
  const base = Date.UTC(2026, 0, 1);
  const perContact = Math.floor(interactions / contacts);
  let mutation = 0;
  for (let c = 0; c < contacts; c += 1) {
    const id = `c${String(c).padStart(7, '0')}`;
    const hlc = formatHlc({ millis: base + c, counter: 0, node });
    const value = <T>(v: T) => ({ value: v as never, hlc });
    yield {
      mutationId: `m${mutation++}`,
      table: 'contacts',
      id,
      fields: {
        name: value(`Person ${c}`),
        emails: value([`person${c}@example.org`]),
        phones: value([]),
        profiles: value([]),
        tags: value(c % 5 === 0 ? ['vip'] : []),
        stage: value('customer'),
        userFields: value([]),
        company: value(`Company ${c % 997}`),
        createdAt: value(base),
        updatedAt: value(base + c),
      },
    };
    const count = c === contacts - 1 ? interactions - perContact * (contacts - 1) : perContact;
    for (let i = 0; i < count; i += 1) {
      yield {
        mutationId: `m${mutation++}`,
        table: 'interactions',
        id: `${id}-i${i}`,
        fields: {
          contactId: value(id),
          kind: value(i % 3 === 0 ? 'call' : 'email'),
          at: value(base - i * 86_400_000),
          ...(i % 3 === 0 ? { body: value(`Call ${i}`) } : { direction: value('in'), subject: value(`Re: order ${i}`) }),
        },
      };
    }
  }
}

/** A pushed change as the row it becomes in the browser's database: its id and its fields' values. */
export function storedRow(change: PushChange): Record<string, unknown> {
  return { id: change.id, ...Object.fromEntries(Object.entries(change.fields).map(([field, stamped]) => [field, (stamped as { value: unknown }).value])) };
}
