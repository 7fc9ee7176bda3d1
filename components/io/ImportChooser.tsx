import { useEffect, useId, useRef, useState, type DragEvent } from 'react';

/**
 * The import's first step: what can be imported, the currency for amounts without one, and the
 * file, picked or dropped.
 */
export function ImportChooser(props: {
  currency: string;
  onCurrency: (currency: string) => void;
  /** The user started choosing a file (the file dialog opens, a file is dragged over): time to get ready. */
  onChoosing?: () => void;
  /** The file dialog was closed without a file (its `cancel` event, or a change to no file): what got ready can stop. */
  onChoosingCancelled?: () => void;
  onFile: (file: File | undefined) => void;
}) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { onChoosingCancelled } = props;

  // The file input's `cancel` event (the dialog closed without a file); React passes `onCancel`
  // on to dialogs only, so it is listened to here.
  useEffect(() => {
    const input = fileInput.current;
    if (!input || !onChoosingCancelled) return;
    input.addEventListener('cancel', onChoosingCancelled);
    return () => input.removeEventListener('cancel', onChoosingCancelled);
  }, [onChoosingCancelled]);

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
          ref={fileInput}
          id={`${id}-file`}
          type="file"
          accept=".csv,.tsv,.txt,.vcf,.vcard,.json,text/csv,text/vcard"
          aria-describedby={`${id}-drop-hint`}
          // Before the file dialog opens (a click, or Enter or Space on the input).
          onClick={props.onChoosing}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // A dialog answered with no file (or a selection cleared) is a cancel too.
            if (!file) props.onChoosingCancelled?.();
            props.onFile(file);
          }}
        />
        <p id={`${id}-drop-hint`} className="hint">
          Or drop the file here.
        </p>
      </div>
    </>
  );
}
