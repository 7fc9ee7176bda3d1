import { describe, expect, it } from 'vitest';
import { SyncSettings } from '@/lib/sync/client/settings';
import { PullQuery, PushRequest, SYNCED_FIELDS, SYNC_LIMITS, isWellFormedJson, modelProblem } from '@/lib/sync/shared/protocol';

const hlc = '2026-11-22T10:04:05.123Z-0003-9f2c41d07a11b3e5';
const change = (over: Record<string, unknown> = {}) => ({ mutationId: 'm1', table: 'contacts', id: 'c1', fields: { name: { value: 'Ada', hlc } }, ...over });
const push = (changes: unknown[]) => PushRequest.safeParse({ clientId: 'browser-1', changes });

describe('push requests', () => {
  it('accepts the documented shape, with deleted as its own stamp', () => {
    expect(push([change(), change({ mutationId: 'm2', fields: undefined, deleted: hlc })]).success).toBe(true);
  });

  it('names the problem: unknown table, bad stamp, bad field name, empty change', () => {
    const message = (changes: unknown[]) => {
      const parsed = push(changes);
      return parsed.success ? '' : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    };
    expect(message([change({ table: 'values' })])).toMatch(/changes\.0\.table/);
    expect(message([change({ fields: { name: { value: 1, hlc: 'yesterday' } } })])).toMatch(/changes\.0\.fields\.name\.hlc: expected an HLC stamp/);
    expect(message([change({ fields: { "name'; DROP TABLE rows; --": { value: 1, hlc } } })])).toMatch(/field names are letters/);
    expect(message([change({ fields: {} })])).toMatch(/at least one field or deleted/);
    expect(message([change({ fields: { name: { hlc } } })])).toMatch(/value is required/);
  });

  it('enforces the per-field, per-push and per-request limits', () => {
    expect(push([change({ fields: { name: { value: 'x'.repeat(SYNC_LIMITS.valueChars), hlc } } })]).success).toBe(false);
    const big = { value: 'x'.repeat(SYNC_LIMITS.valueChars - 10), hlc };
    const many = Array.from({ length: 11 }, (_, i) => change({ mutationId: `m${i}`, fields: { body: big } }));
    expect(push(many).success).toBe(false);
    const tooMany = Array.from({ length: SYNC_LIMITS.changesPerPush + 1 }, (_, i) => change({ mutationId: `m${i}` }));
    expect(push(tooMany).success).toBe(false);
    expect(push(tooMany.slice(1)).success).toBe(true);
  });
});

describe('pull queries', () => {
  it('takes integer cursors only', () => {
    expect(PullQuery.parse({ since: '0' })).toEqual({ since: 0, limit: SYNC_LIMITS.pullDefault });
    expect(PullQuery.parse({ since: '42', limit: '10' })).toEqual({ since: 42, limit: 10 });
    for (const since of [undefined, '', '-1', '1.5', '0 OR 1=1', '1e3']) expect(PullQuery.safeParse({ since }).success, String(since)).toBe(false);
    expect(PullQuery.safeParse({ since: '0', limit: '0' }).success).toBe(false);
    expect(PullQuery.safeParse({ since: '0', limit: String(SYNC_LIMITS.pullMax + 1) }).success).toBe(false);
  });
});

describe('well-formed Unicode', () => {
  it('refuses a lone surrogate in a row id, a value or a nested key, and takes emoji', () => {
    expect(isWellFormedJson('Ada 🦄')).toBe(true);
    expect(isWellFormedJson(['a', { b: 'c' }, 1, null])).toBe(true);
    for (const bad of ['\ud83e', 'x\udd84', ['ok', '\ud800'], { ['k\udfff']: 1 }, { nested: [{ deep: '\ud800!' }] }]) expect(isWellFormedJson(bad), JSON.stringify(bad)).toBe(false);
    const named = (id: string, value: unknown) => ({ clientId: 'c', changes: [{ mutationId: 'm1', table: 'contacts', id, fields: { name: { value, hlc } } }] });
    expect(PushRequest.safeParse(named('row-1', 'Ada 🦄')).success).toBe(true);
    expect(PushRequest.safeParse(named('row\ud800', 'Ada')).success).toBe(false);
    expect(PushRequest.safeParse(named('row-1', { first: 'A\udc00' })).success).toBe(false);
  });
});

describe('field checks against the data model', () => {
  it('syncs model fields but not ids or derived index keys', () => {
    expect(SYNCED_FIELDS.contacts).toContain('name');
    expect(SYNCED_FIELDS.contacts).not.toContain('id');
    expect(SYNCED_FIELDS.contacts).not.toContain('searchTokens');
    expect(SYNCED_FIELDS.deals).toContain('amount');
  });

  it('explains what is wrong instead of throwing', () => {
    expect(modelProblem('contacts', { name: { value: 'Ada', hlc } })).toBeUndefined();
    expect(modelProblem('contacts', { name: { value: null, hlc } })).toBeUndefined();
    expect(modelProblem('contacts', { nickname: { value: 'A', hlc } })).toBe('contacts has no synced field "nickname"');
    expect(modelProblem('deals', { amount: { value: 19.99, hlc } })).toMatch(/^deals\.amount: /);
    expect(modelProblem('deals', { amount: { value: null, hlc } })).toBe('deals.amount cannot be cleared');
    expect(modelProblem('contacts', { avatarUrl: { value: 'javascript:alert(1)', hlc } })).toMatch(/^contacts\.avatarUrl/);
  });
});

describe('the sync server address', () => {
  it('is https, or plain http only to this machine', () => {
    const address = (serverUrl: string) => SyncSettings.shape.serverUrl.safeParse(serverUrl);
    for (const ok of ['https://crm.example.org', 'https://10.0.0.5:8443/base', 'http://localhost:8787', 'http://127.0.0.1:8787', 'http://127.10.0.1', 'http://[::1]:8787']) expect(address(ok).success, ok).toBe(true);
    for (const bad of ['http://crm.example.org', 'http://10.0.0.5:8787', 'http://localhost.evil.example', 'http://127.0.0.1.evil.example', 'ftp://crm.example.org']) expect(address(bad).success, bad).toBe(false);
    expect(address('http://crm.example.org').error?.issues[0]?.message).toMatch(/^Use an https:\/\/ address/);
  });
});
