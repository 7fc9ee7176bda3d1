import type { RefusedRow } from '@/lib/io/backup';
import { plural } from './format-labels';

const LISTED = 10;

/**
 * What a restore preview must say before Confirm: the rows of the file that will be left out
 * (over a limit, invalid) with their reasons, and — when sync is on — that the restored rows go
 * to the shared workspace too. Row ids and reasons come from the file: they render as text.
 */
export function RestoreWarnings({ refused, syncWorkspace }: { refused: readonly RefusedRow[]; syncWorkspace: string | undefined }) {
  return (
    <>
      {syncWorkspace ? (
        <p role="note" className="warning">
          Sync is on: the restored rows will be sent to the workspace “{syncWorkspace}”, and everyone who shares it will get them. To restore
          only into this browser, sign out of sync first (Options → Sync).
        </p>
      ) : null}
      {refused.length > 0 ? (
        <div role="note" className="warning">
          <p>{plural(refused.length, 'row')} of the file will be left out:</p>
          <ul>
            {refused.slice(0, LISTED).map((row, index) => (
              <li key={index}>
                {row.table} {row.id ?? '(no id)'} — {row.reason}
              </li>
            ))}
            {refused.length > LISTED ? <li>…and {(refused.length - LISTED).toLocaleString('en')} more</li> : null}
          </ul>
        </div>
      ) : null}
    </>
  );
}
