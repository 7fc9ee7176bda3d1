import { useHeldLiveQuery } from '@/components/sync/use-held-live-query';
import { useId } from 'react';
import { crmDatabase, listSegments } from '@/lib/db';

/** The saved segments, by name, live (a rename or delete, here or synced, shows at once). */
export function useSegments() {
  return useHeldLiveQuery(() => listSegments(crmDatabase()), [], []);
}

/**
 * "Segment: All contacts / <a saved segment>", for pages that show one segment or everyone
 * (Analytics, the Board), and "Use for: Everyone / <a saved segment>" on a template. Shown once a
 * segment exists. `value` is a segment id, '' for everyone; a segment deleted meanwhile reads as
 * everyone, and the select shows so.
 */
export function SegmentChoice({
  value,
  onChange,
  className,
  label = 'Segment',
  everyone = 'All contacts',
  describedBy,
}: {
  value: string;
  onChange: (segmentId: string) => void;
  className?: string;
  label?: string;
  /** The choice that is no segment. */
  everyone?: string;
  describedBy?: string;
}) {
  const segments = useSegments();
  const id = useId();
  if (segments.length === 0) return null;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={segments.some((segment) => segment.id === value) ? value : ''}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{everyone}</option>
        {segments.map((segment) => (
          <option key={segment.id} value={segment.id}>
            {segment.name}
          </option>
        ))}
      </select>
    </div>
  );
}
