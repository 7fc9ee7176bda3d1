// The field cipher and the workspace key, bundled for a page (tools/bench/crypto.ts; the browsers' cipher test in test/e2e-firefox).
export * from '../../lib/sync/client/crypto/workspace-key';
export * from '../../lib/sync/client/crypto/field-cipher';
