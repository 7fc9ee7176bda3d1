/**
 * Where the content script reads pages without asking: the supported sites, plus localhost, where
 * `npm start` serves its demo page and the end-to-end tests serve their fixtures.
 */
export const CONTENT_SCRIPT_MATCHES = [
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.live.com/*',
  'https://www.linkedin.com/*',
  'https://github.com/*',
  'http://localhost/*',
  'http://127.0.0.1/*',
];
