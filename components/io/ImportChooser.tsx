import { useId, useState, type DragEvent } from 'react';

/**
 * The import's first step: what can be imported, the currency for amounts without one, and the
 * file, picked or dropped.
 */
export function ImportChooser(props: {
  currency: string;
  onCurrency: (currency: string) => void;
  /** The user started choosing a file (the file dialog opens, a file is dragged over): time to get ready. */
  onChoosing?: () => void;
  onFile: (file: File | undefined) => void;
}) {
  const id = useId();
  const [dragging, setDragging] = useState(false);

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    props.onFile(event.dataTransfer.files[0]);
  }

  return (
    <>
      <p className="hint">
        Contacts from Google Contacts, Outlook, LinkedIn (Connections.csv), HubSpot or any CSV; vCard files (.vcf); purchases as a
        transactions CSV (email or contact id, date, amount, currency) or the CDNOW file. You see what will happen before anything is
        written.
      </p>
      <div className="setting">
        <label htmlFor={`${id}-currency`}>Currency of amounts without one (purchase files)</label>
        <input
          id={`${id}-currency`}
          value={props.currency}
          maxLength={3}
          autoComplete="off"
          onChange={(event) => props.onCurrency(event.target.value.toUpperCase().replace(/[^A-Z]/g, ''))}
        />
      </div>
      <div
        className={`io-drop${dragging ? ' io-drop-active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          if (!dragging) props.onChoosing?.();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor={`${id}-file`}>File to import</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.tsv,.txt,.vcf,.vcard,.json,text/csv,text/vcard"
          aria-describedby={`${id}-drop-hint`}
          // Before the file dialog opens (a click, or Enter or Space on the input).
          onClick={props.onChoosing}
          onChange={(event) => props.onFile(event.target.files?.[0])}
        />
        <p id={`${id}-drop-hint`} className="hint">
          Or drop the file here.
        </p>
      </div>
    </>
  );
}
