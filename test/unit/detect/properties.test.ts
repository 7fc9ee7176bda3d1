import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressAt } from '@/lib/detect/detectors/text';
import { mergeDetections } from '@/lib/detect/merge';
import { isUsableEmail } from '@/lib/detect/rules';
import { cleanPhone } from '@/lib/detect/field-values';
import type { DetectedContactInput } from '@/lib/model/detected';

/* Properties that hold for any input, checked on many generated ones. */

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const EMAILS = ['ada@engines.co.uk', 'info@engines.co.uk', 'grace@navy.net'];
/** What structured detectors report: few values, so that people collide often. */
const structured: fc.Arbitrary<DetectedContactInput> = fc.record(
  {
    name: pick(['Ada Lovelace', 'Ada', 'A. Lovelace', 'Grace Hopper', 'Grace', 'Mike']),
    emails: fc.uniqueArray(pick(EMAILS), { maxLength: 2 }),
    phones: fc.uniqueArray(pick(['+442079460000', '+14155550100']), { maxLength: 1 }),
    profiles: fc.uniqueArray(pick(['https://github.com/ada', 'https://navy.net/grace']).map((url) => ({ kind: 'website', url })), {
      maxLength: 1,
      selector: (profile) => profile.url,
    }),
    company: pick(['Analytical Engines', 'US Navy']),
    evidence: fc.constantFrom('h-card', 'mailto', 'rel-me').map((detector) => [{ detector, element: 'x' }]),
  },
  { requiredKeys: ['evidence'] },
);
/** What the text detector reports: one address, nothing else. */
const text: fc.Arbitrary<DetectedContactInput> = pick(EMAILS).map((email) => ({ emails: [email], evidence: [{ detector: 'text', element: 'x' }] }));
const detection = fc.oneof(structured, text);

describe('properties', () => {
  it('addressAt never throws, and finds only usable addresses that are in the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', '1', '.', '-', '@', ':', '/', ' ', '_', '+', 'é', 'co', 'uk', 'png') , maxLength: 80 }), (text) => {
        for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
          const address = addressAt(text, at);
          if (address === undefined) continue;
          expect(isUsableEmail(address)).toBe(true);
          expect(text.toLowerCase()).toContain(address);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('cleanPhone gives a leading + and 6 to 15 digits, or nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('+', '0', '4', '7', ' ', '-', '(', ')', '.', 'x', 't', 'e', 'l', ':', ';', '%'), maxLength: 30 }), (raw) => {
        const phone = cleanPhone(raw);
        if (phone !== undefined) expect(phone).toMatch(/^\+?\d{6,15}$/);
      }),
      { numRuns: 2_000 },
    );
  });

  it('merging is stable: merging merged detections changes nothing', () => {
    // Incremental scans merge the page's current people with new detections, again and again.
    fc.assert(
      fc.property(fc.array(detection, { maxLength: 12 }), (detections) => {
        const once = mergeDetections(detections);
        expect(mergeDetections(once)).toEqual(once);
      }),
      { numRuns: 1_000 },
    );
  });

  it('merging loses no address or profile except text sightings of reported addresses', () => {
    fc.assert(
      fc.property(fc.array(detection, { maxLength: 12 }), (detections) => {
        const merged = mergeDetections(detections);
        const all = (list: DetectedContactInput[]) => new Set(list.flatMap((d) => [...(d.emails ?? []), ...(d.profiles ?? []).map((p) => p.url), ...(d.phones ?? [])]));
        expect(all(merged)).toEqual(all(detections));
        // A text sighting survives only for an address no other detector reported.
        const reported = all(detections.filter((d) => d.evidence?.[0]?.detector !== 'text'));
        const textOnly = merged.filter((d) => d.evidence?.every((item) => item.detector === 'text'));
        expect(textOnly.flatMap((d) => d.emails ?? []).filter((email) => reported.has(email))).toEqual([]);
      }),
      { numRuns: 1_000 },
    );
  });
});
