import { parseHTML } from 'linkedom';

/** A linkedom document of an HTML fragment (the DOM `npm run detect` uses). */
export function page(body: string, head = ''): Document {
  return parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;
}

export const PAGE_URL = new URL('https://www.northwind-traders.com/team');
