import { useId } from 'react';

/** One export filter: a labelled select whose first choice, the empty value, means "all". */
export function FilterSelect<V extends string>(props: {
  label: string;
  allLabel: string;
  values: readonly V[];
  labelOf: (value: V) => string;
  value: V | '';
  onChange: (value: V | '') => void;
}) {
  const id = useId();
  return (
    <div className="setting">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value as V | '')}>
        <option value="">{props.allLabel}</option>
        {props.values.map((value) => (
          <option key={value} value={value}>
            {props.labelOf(value)}
          </option>
        ))}
      </select>
    </div>
  );
}
