import { crmDatabase } from '@/lib/db';
import type { MessageHandlers } from '@/lib/messaging';
import { changePassphrase, disableEncryption, enableEncryption, encryptionStatus, lockEncryption, rotateKey, unlockEncryption } from '@/lib/sync/client/encryption-actions';
import { discardUndecryptable } from '@/lib/sync/client/undecryptable';
import { syncScheduler } from './sync';

type EncryptionHandlers = Pick<
  MessageHandlers,
  'encryption:status' | 'encryption:enable' | 'encryption:unlock' | 'encryption:change-passphrase' | 'encryption:rotate' | 'encryption:disable' | 'encryption:lock' | 'encryption:discard-undecryptable'
>;

/** After a key change sync runs at once: a locked scheduler starts again, the rewrite pass begins. */
async function thenSync<T extends { ok: boolean }>(answer: Promise<T>): Promise<T> {
  const result = await answer;
  if (result.ok) syncScheduler().resume();
  return result;
}

/**
 * Options → Sync → End-to-end encryption. The router has parsed each message and refused it from
 * content scripts; the passphrase is used here and forgotten, and keys never leave this worker.
 */
export const encryptionHandlers: EncryptionHandlers = {
  'encryption:status': () => encryptionStatus({ db: crmDatabase() }),
  'encryption:enable': ({ passphrase }) => thenSync(enableEncryption({ db: crmDatabase() }, passphrase)),
  'encryption:unlock': ({ passphrase, recoveryKey }) =>
    thenSync(unlockEncryption({ db: crmDatabase() }, passphrase !== undefined ? { passphrase } : { recoveryKey: recoveryKey ?? '' })),
  'encryption:change-passphrase': ({ passphrase, newPassphrase }) => changePassphrase({ db: crmDatabase() }, passphrase, newPassphrase),
  'encryption:rotate': ({ passphrase, newPassphrase }) => thenSync(rotateKey({ db: crmDatabase() }, passphrase, newPassphrase)),
  'encryption:disable': ({ passphrase }) => thenSync(disableEncryption({ db: crmDatabase() }, passphrase)),
  'encryption:lock': () => lockEncryption({ db: crmDatabase() }),
  'encryption:discard-undecryptable': async () => {
    await discardUndecryptable(crmDatabase());
    return { ok: true };
  },
};
