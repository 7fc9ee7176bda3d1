import type { SignedInUser } from '../types';

/** The signed-in user's identifiers: deduplicated, undefined when there are none. */
export function signedIn(emails: (string | undefined)[], profileUrls: (string | undefined)[] = []): SignedInUser | undefined {
  const cleanEmails = [...new Set(emails.filter((email): email is string => !!email))];
  const cleanProfiles = [...new Set(profileUrls.filter((url): url is string => !!url))];
  if (cleanEmails.length === 0 && cleanProfiles.length === 0) return undefined;
  return {
    ...(cleanEmails.length ? { emails: cleanEmails } : {}),
    ...(cleanProfiles.length ? { profileUrls: cleanProfiles } : {}),
  };
}
