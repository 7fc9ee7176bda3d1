/**
 * The extension's HTTP client for an encrypted workspace's routes (issue 19): the key envelopes
 * (`GET/PUT/DELETE /v1/w/:ws/keys`) and the in-place rewrite (`POST /v1/w/:ws/rewrite`) that turns
 * encryption on or off and rotates the key. Replies parsed with the shared schemas; failures are
 * SyncErrors whose message Options → Sync shows.
 */
import { RewriteReply, type RewriteRequest } from '../shared/encryption';
import { KeyEnvelope, KeysReply } from '../shared/key-envelope';
import { jsonRequester, type HttpTransportOptions } from './transport';

export interface KeyTransport {
  keys(): Promise<KeyEnvelope[]>;
  putKey(envelope: KeyEnvelope): Promise<KeyEnvelope>;
  deleteKey(keyId: string): Promise<void>;
  rewrite(request: RewriteRequest): Promise<RewriteReply>;
}

const Anything = { safeParse: (value: unknown) => ({ success: true as const, data: value }) };

export function keyTransport(options: HttpTransportOptions & { workspace: string }): KeyTransport {
  const request = jsonRequester(options);
  const ws = `/v1/w/${encodeURIComponent(options.workspace)}`;
  return {
    keys: async () => (await request(`${ws}/keys`, KeysReply)).keys,
    putKey: (envelope) => request(`${ws}/keys`, KeyEnvelope, { method: 'PUT', body: JSON.stringify(envelope) }),
    deleteKey: async (keyId) => {
      await request(`${ws}/keys/${encodeURIComponent(keyId)}`, Anything, { method: 'DELETE' });
    },
    rewrite: (body) => request(`${ws}/rewrite`, RewriteReply, { method: 'POST', body: JSON.stringify(body) }),
  };
}
