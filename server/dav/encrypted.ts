/** Why an encrypted workspace has no feed or address book: the words a calendar or address-book app shows. */
export const ENCRYPTED_NO_DAV =
  'this workspace is end-to-end encrypted: the server cannot read its contacts or follow-ups, so it offers no address book or calendar for it';
