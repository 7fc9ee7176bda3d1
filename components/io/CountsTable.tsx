/** A preview's counts, one labelled row each: what an import will do, what a backup holds. */
export function CountsTable({ label, rows }: { label: string; rows: readonly (readonly [string, number])[] }) {
  return (
    <table className="io-counts" aria-label={label}>
      <tbody>
        {rows.map(([name, count]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{count.toLocaleString('en')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
