import type { Hono } from 'hono';
import { formatHlc } from '../../lib/sync/shared/hlc';
import { type RowState, mergeRow } from '../../lib/sync/shared/merge';
import type { PullReply, PushReply, PushRequestInput } from '../../lib/sync/shared/protocol';

/** How tests reach a server: in-process through `app.request`, or over loopback with fetch. */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

export const appFetcher = (app: Hono): Fetcher => async (path, init) => app.request(path, init);
export const httpFetcher = (baseUrl: string): Fetcher => (path, init) => fetch(baseUrl + path, init);

/** A stamp at `millis` (2026-01-01 plus this many ms when small), for tests that want control. */
export function stamp(millis: number, counter = 0, node = '0000000000000001'): string {
  return formatHlc({ millis: millis < 1e12 ? Date.UTC(2026, 0, 1) + millis : millis, counter, node });
}

export class SyncClient {
  constructor(
    private readonly fetcher: Fetcher,
    readonly workspace: string,
    readonly token: string,
  ) {}

  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.fetcher(`/v1/w/${this.workspace}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async push(body: PushRequestInput): Promise<PushReply> {
    const response = await this.request('POST', '/push', body);
    if (response.status !== 200) throw new Error(`push: ${response.status} ${await response.text()}`);
    return (await response.json()) as PushReply;
  }

  async pull(since: number, limit?: number): Promise<PullReply> {
    const response = await this.request('GET', `/pull?since=${since}${limit === undefined ? '' : `&limit=${limit}`}`);
    if (response.status !== 200) throw new Error(`pull: ${response.status} ${await response.text()}`);
    return (await response.json()) as PullReply;
  }

  /** Pages through everything after `since`, as the extension will: until hasMore is false. */
  async pullAll(since = 0, limit?: number): Promise<{ changes: PullReply['changes']; cursor: number; pages: number }> {
    const changes: PullReply['changes'] = [];
    let cursor = since;
    let pages = 0;
    for (;;) {
      const page = await this.pull(cursor, limit);
      pages++;
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return { changes, cursor, pages };
    }
  }
}

/** A client's local copy: rows merged with the shared merge, keyed `table/id`. */
export class Replica {
  readonly rows = new Map<string, RowState>();

  apply(table: string, id: string, change: { fields?: Record<string, { value: unknown; hlc: string }>; deleted?: string }): void {
    const key = `${table}/${id}`;
    this.rows.set(key, mergeRow(this.rows.get(key), change).row);
  }

  /** A stable, comparable form: sorted keys, plain objects. */
  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of [...this.rows.keys()].sort()) {
      const row = this.rows.get(key)!;
      const fields = Object.fromEntries(Object.entries(row.fields).sort(([a], [b]) => (a < b ? -1 : 1)));
      out[key] = row.deleted === undefined ? { fields } : { fields, deleted: row.deleted };
    }
    return out;
  }
}
