import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allPrecisionOf,
  LABELS_PATH,
  measureAuthorConformance,
  MIN_PRECISION,
  MIN_RECALL,
  precisionOf,
  readLabels,
  recallOf,
  REPORT_PATH,
  report,
  SET_NAMES,
  type SetFigures,
} from '../../../tools/conformance/authors';
import { requireSharedSet } from '../../shared-data';

/*
 * Author recall and precision on real pages nobody here wrote (tools/conformance/authors.ts says
 * how each is counted; `npm run bench` prints the same figures). The people on those pages who
 * are not an expected author are hand-labelled in test/conformance/people-labels.json.
 *
 * `UPDATE_CONFORMANCE_REPORT=1` rewrites test/conformance/authors-report.md (figures and each
 * miss by page); otherwise the run fails when a set is below the bars (90% recall, 90%
 * precision of the people shown) or below the report's figures, so a regression fails and an
 * improvement means regenerating the report.
 */

const UPDATE = process.env.UPDATE_CONFORMANCE_REPORT === '1';

const readabilitySet = requireSharedSet('conformance', 'html-readability-bylines');
const postlightSet = requireSharedSet('conformance', 'html-postlight-authors');

describe('people labels', () => {
  it('label every person with one of three verdicts and a reason', () => {
    const labels = readLabels();
    expect(Object.keys(labels).sort()).toEqual([...SET_NAMES].sort());
    for (const pages of Object.values(labels)) {
      for (const [page, people] of Object.entries(pages)) {
        for (const [key, entry] of Object.entries(people)) {
          expect(['relevant', 'irrelevant', 'not-a-person'], `${page}: ${key}`).toContain(entry.label);
          expect(entry.reason.length, `${page}: ${key} has a reason`).toBeGreaterThan(5);
        }
      }
    }
    expect(readFileSync(LABELS_PATH, 'utf8')).toMatch(/\n$/);
  });
});

describe.skipIf(!readabilitySet || !postlightSet)('author conformance (real pages)', () => {
  it('meets 90% recall and precision per set, and the checked-in report', () => {
    const sets = measureAuthorConformance(readabilitySet!, postlightSet!);
    expect(sets[0]!.results).toHaveLength(45);
    expect(sets[1]!.results.length).toBeGreaterThanOrEqual(116);
    const unlabelled = sets.flatMap(({ name, results }) =>
      results.flatMap((result) => result.people.filter((person) => person.verdict === 'unlabelled').map((person) => `${name} ${result.expectation.page}: ${person.shown}`)),
    );
    expect(unlabelled, 'every proposed person who is not an expected author is hand-labelled').toEqual([]);
    const text = report(sets);
    if (UPDATE) {
      writeFileSync(REPORT_PATH, text);
      return;
    }
    const baseline = /<!-- figures (.*) -->/.exec(readFileSync(REPORT_PATH, 'utf8'))?.[1];
    expect(baseline, 'the report holds its figures').toBeDefined();
    const floor = JSON.parse(baseline!) as Record<string, SetFigures>;
    for (const { name, figures } of sets) {
      const misses = sets.find((set) => set.name === name)!.results.filter((result) => result.missing.length > 0).map((result) => `${result.expectation.page}: ${result.missing.join(', ')}`);
      expect(recallOf(figures), `${name} recall; misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(MIN_RECALL);
      expect(precisionOf(figures), `${name} precision of the people shown`).toBeGreaterThanOrEqual(MIN_PRECISION);
      const before = floor[name]!;
      expect(recallOf(figures), `${name} recall (regenerate the report if it rose)`).toBeGreaterThanOrEqual(recallOf(before));
      expect(precisionOf(figures), `${name} precision of the people shown`).toBeGreaterThanOrEqual(precisionOf(before));
      expect(allPrecisionOf(figures), `${name} precision of everything proposed`).toBeGreaterThanOrEqual(allPrecisionOf(before));
    }
  });
});
