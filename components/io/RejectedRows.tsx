import type { RejectedRow } from '@/lib/io/types';
import { datedFileName, downloadText } from './download';
import { plural } from './format-labels';
import { rejectedRowsCsv } from './rejected-csv';

const SHOWN = 20;

/** The rows a file could not use: the first few listed, all of them downloadable as CSV. */
export function RejectedRows({ rows, headingId }: { rows: readonly RejectedRow[]; headingId: string }) {
  if (rows.length === 0) return null;
  return (
    <section className="io-rejected" aria-labelledby={headingId}>
      <h4 id={headingId}>
        {plural(rows.length, 'row')} will not be imported{rows.length > SHOWN ? ` (first ${SHOWN} shown)` : ''}
      </h4>
      <table>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((row, index) => (
            <tr key={`${row.line}-${index}`}>
              <td>{row.line}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => downloadText(datedFileName('rejected-rows', 'csv'), rejectedRowsCsv(rows), 'text/csv')}>
        Download all rejected rows (CSV)
      </button>
    </section>
  );
}
