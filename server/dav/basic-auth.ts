/**
 * HTTP Basic credentials (RFC 7617) as DAV clients send them: the user's email and a token as
 * the app password. Phones, Thunderbird and vdirsyncer speak Basic, not Bearer.
 */
import { TOKEN_PATTERN } from '../auth';

export interface BasicCredentials {
  email: string;
  token: string;
}

/** The email and token of an `Authorization: Basic …` header, or undefined when absent or malformed. */
export function basicCredentials(header: string | undefined): BasicCredentials | undefined {
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const email = decoded.slice(0, colon).trim().toLowerCase();
  const token = decoded.slice(colon + 1);
  return TOKEN_PATTERN.test(token) ? { email, token } : undefined;
}

export const BASIC_CHALLENGE = 'Basic realm="Sidebar CRM", charset="UTF-8"';
