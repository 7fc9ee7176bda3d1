import { plural } from './format-labels';

/**
 * The preview's offer for purchases whose email is nobody's yet: create a contact for each
 * (email, and the file's name column when it has one) rather than reject the rows, so a seller
 * need not prepare a contacts file first. Re-plans on change; nothing is written before Confirm.
 */
export function FromPurchasesOption(props: { id: string; missing: number; checked: boolean; withNames: boolean; onChange: (create: boolean) => void }) {
  const contacts = plural(props.missing, 'new contact');
  return (
    <div className="io-check">
      <input id={props.id} type="checkbox" checked={props.checked} aria-describedby={`${props.id}-hint`} onChange={(event) => props.onChange(event.target.checked)} />
      <label htmlFor={props.id}>Create {contacts} from purchases</label>
      <p id={`${props.id}-hint`} className="hint">
        {props.checked
          ? `${contacts} from purchases: one per email that no contact has${props.withNames ? ', named from the file’s name column' : ''}, and their purchases added to them.`
          : `${plural(props.missing, 'email')} in the purchases ${props.missing === 1 ? 'matches' : 'match'} no contact, so ${props.missing === 1 ? 'its rows are' : 'their rows are'} rejected below. Tick to create a contact for each from the purchase rows (email, and name when the file has a name column).`}
      </p>
    </div>
  );
}
