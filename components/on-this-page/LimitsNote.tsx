import type { DetectionLimit } from '@/lib/model';

/** What each cap counts, as the panel names it. */
const NOUNS: Readonly<Record<DetectionLimit['what'], string>> = {
  addresses: 'addresses',
  cards: 'h-cards',
  'json-ld': 'JSON-LD blocks',
  items: 'schema.org people',
  'phone-links': 'phone links',
  'rel-me-links': 'rel=me links',
  people: 'people',
};

const count = (value: number) => value.toLocaleString('en-US');

/** "200 of 50,000 addresses read": one cap detection reached on the page. */
export function limitText(limit: DetectionLimit): string {
  return `${count(limit.read)} of ${count(limit.found)} ${NOUNS[limit.what]} ${limit.what === 'people' ? 'shown' : 'read'}`;
}

/**
 * Says what detection left unread on a page too large for its caps, so a short list is never
 * mistaken for everyone on the page.
 */
export function LimitsNote({ limits }: { limits: readonly DetectionLimit[] }) {
  if (limits.length === 0) return null;
  return (
    <p className="muted" role="note">
      This page is larger than Sidebar CRM reads in full: {limits.map(limitText).join('; ')}.
    </p>
  );
}
