import { z } from 'zod';
import { OwnerId, ValueTier } from './activity';
import { CadenceDays } from './cadence';
import { EmailAddress } from './email';
import { RecordedAt } from './timestamps';

export const LIFECYCLE_STAGES = ['lead', 'prospect', 'customer', 'expansion', 'at-risk', 'churned'] as const;
export const LifecycleStage = z.enum(LIFECYCLE_STAGES);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** Profile links: http(s) only; mailto/tel are stored as emails and phones instead. */
export const ProfileLink = z.object({
  kind: z.string().min(1).max(40),
  url: z.url({ protocol: /^https?$/ }).max(2048),
});
export type ProfileLink = z.infer<typeof ProfileLink>;

export const ContactSource = z.object({
  kind: z.string().min(1).max(40),
  url: z.string().max(2048).optional(),
  at: RecordedAt,
});
export type ContactSource = z.infer<typeof ContactSource>;

/** Fields a person can type; once typed, scraped data never overwrites them. */
export const EDITABLE_FIELDS = ['name', 'company', 'title', 'location', 'avatarUrl'] as const;
export const EditableField = z.enum(EDITABLE_FIELDS);
export type EditableField = z.infer<typeof EditableField>;

/**
 * How much one contact may hold. The model enforces it, so it holds wherever data enters (a page,
 * an import, a restore, an edit, a pulled row) and on the server, which checks every pushed field
 * against this model: a contact with 20,000 tags is refused at the door, not at every sync.
 */
export const CONTACT_LIMITS = { emails: 50, phones: 50, profiles: 50, tags: 200 } as const;

const tooMany = (what: string, limit: number) => `More than ${limit} ${what} (the limit per contact)`;

/** Bounds of the fields an import keeps beside the lists above (issue 17). */
export const CONTACT_FIELD_LIMITS = { addresses: 10, addressPart: 300, phoneText: 40, vcardExtras: 200, vcardExtraChars: 190_000 } as const;

/**
 * vCard content lines no field holds (X- properties, NOTE, BDAY, a second ORG, an embedded
 * photo…), unfolded, as an address book client wrote them (CardDAV, issue 20): kept so the card
 * it reads back is the card it wrote. Bounded in count and in total length (under the sync
 * protocol's 200,000 characters per value).
 */
export const VcardExtras = z
  .array(z.string().min(1).max(CONTACT_FIELD_LIMITS.vcardExtraChars).regex(/^[^\r\n]*$/, 'one unfolded content line per entry'))
  .max(CONTACT_FIELD_LIMITS.vcardExtras, tooMany('unknown vCard properties', CONTACT_FIELD_LIMITS.vcardExtras))
  .refine(
    (lines) => lines.reduce((total, line) => total + line.length, 0) <= CONTACT_FIELD_LIMITS.vcardExtraChars,
    `unknown vCard properties longer than ${CONTACT_FIELD_LIMITS.vcardExtraChars} characters in all`,
  );

/**
 * The parts of a postal address, in vCard ADR order (RFC 6350 6.3.1): post office box, extended
 * address, street, locality, region, postal code, country. Each is free text, bounded.
 */
export const ADDRESS_PARTS = ['poBox', 'extended', 'street', 'locality', 'region', 'postalCode', 'country'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];
const addressPart = z.string().min(1).max(CONTACT_FIELD_LIMITS.addressPart).optional();

/** One postal address as a file had it: its type (home, work, other…) and its parts. */
export const PostalAddress = z.object({
  type: z.string().min(1).max(40).optional(),
  poBox: addressPart,
  extended: addressPart,
  street: addressPart,
  locality: addressPart,
  region: addressPart,
  postalCode: addressPart,
  country: addressPart,
});
export type PostalAddress = z.infer<typeof PostalAddress>;

/**
 * A phone as it was written, keyed by its stored form in `phones` (E.164 where it could be
 * normalised): `{"+18003537426": "1 800 ELEPHANT"}`. Only phones whose text differs have an
 * entry; lib/db drops entries whose phone is gone.
 */
export const PhoneText = z
  .record(z.string().min(1).max(40), z.string().min(1).max(CONTACT_FIELD_LIMITS.phoneText))
  .refine((map) => Object.keys(map).length <= CONTACT_LIMITS.phones, tooMany('phone spellings', CONTACT_LIMITS.phones));

export const Contact = z.object({
  id: z.string().min(1),
  name: z.string().max(300).optional(),
  emails: z.array(EmailAddress).max(CONTACT_LIMITS.emails, tooMany('email addresses', CONTACT_LIMITS.emails)).default([]),
  phones: z.array(z.string().max(40)).max(CONTACT_LIMITS.phones, tooMany('phone numbers', CONTACT_LIMITS.phones)).default([]),
  /** The original text of phones whose stored form differs (see PhoneText). */
  phoneText: PhoneText.optional(),
  company: z.string().max(300).optional(),
  title: z.string().max(300).optional(),
  location: z.string().max(300).optional(),
  /** Postal addresses as a file had them (see PostalAddress); `location` shows one as a place. */
  addresses: z.array(PostalAddress).max(CONTACT_FIELD_LIMITS.addresses, tooMany('postal addresses', CONTACT_FIELD_LIMITS.addresses)).optional(),
  avatarUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  profiles: z.array(ProfileLink).max(CONTACT_LIMITS.profiles, tooMany('profile links', CONTACT_LIMITS.profiles)).default([]),
  /** What an address book client's vCard held beyond these fields (see VcardExtras). */
  vcardExtras: VcardExtras.optional(),
  tags: z.array(z.string().min(1).max(80)).max(CONTACT_LIMITS.tags, tooMany('tags', CONTACT_LIMITS.tags)).default([]),
  stage: LifecycleStage.default('lead'),
  pipelineStage: z.string().max(80).optional(),
  source: ContactSource.optional(),
  /** The member taking care of this person (see OwnerId); absent: unassigned. */
  ownerId: OwnerId.optional(),
  /**
   * The value tier a browser last computed for this person, published for the clients that cannot
   * compute it (the address book serves it read-only, issue 20). The panel and every rule read
   * the local `values` table; this copy is written only by lib/db/published-tiers.ts, only while
   * syncing a plain workspace, so it is absent without sync and in encrypted workspaces.
   */
  publishedTier: ValueTier.optional(),
  /** Keep in touch with this person this often (lib/cadences); absent: only their segments' and tier's cadences. */
  cadenceDays: CadenceDays.optional(),
  /** Editable fields the user has typed (see EDITABLE_FIELDS). */
  userFields: z.array(EditableField).default([]),
  createdAt: RecordedAt,
  updatedAt: RecordedAt,
  deletedAt: RecordedAt.optional(),
  // Derived index keys, maintained by lib/db on every write (never typed by anyone).
  profileUrls: z.array(z.string()).default([]),
  searchTokens: z.array(z.string()).default([]),
});
export type Contact = z.infer<typeof Contact>;

/** A phone as the contact shows and exports it: the text it was written as, else its stored form. */
export function phoneAsWritten(contact: Pick<Contact, 'phoneText'>, phone: string): string {
  return contact.phoneText?.[phone] ?? phone;
}

/** "Home: 12 Elm St, Springfield, 62704, USA": one address on one line, for display. */
export function addressLine(address: PostalAddress): string {
  const parts = ADDRESS_PARTS.map((part) => address[part]).filter((part): part is string => part !== undefined);
  const type = address.type?.split(',')[0];
  return `${type ? `${type[0]!.toUpperCase()}${type.slice(1)}: ` : ''}${parts.join(', ')}`;
}
