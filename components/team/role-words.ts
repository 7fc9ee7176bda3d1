import type { Role } from '@/lib/sync/shared/protocol';

/** Each role's name and what it may do, as Options and the invite form say them. */
export const ROLE_WORDS: Record<Role, { label: string; can: string }> = {
  owner: { label: 'Owner', can: 'everything, including members and invites' },
  editor: { label: 'Editor', can: 'reads and changes the data' },
  viewer: { label: 'Viewer', can: 'reads only' },
};
