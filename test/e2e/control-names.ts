import type { Page } from '@playwright/test';

/** The roles someone operates; headings, lists and regions may repeat names without harm. */
const CONTROL_ROLES = [
  'button',
  'link',
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'switch',
  'slider',
  'spinbutton',
  'menuitem',
  'tab',
];

const CONTROL_LINE = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')}) "((?:[^"\\\\]|\\\\.)*)"`);

/**
 * The role+name pairs that occur more than once among the visible controls of `page`, read from
 * Playwright's ARIA snapshot (what the accessibility tree exposes: hidden controls are left out).
 */
export async function duplicateControlNames(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const counts = new Map<string, number>();
  for (const line of snapshot.split('\n')) {
    const match = CONTROL_LINE.exec(line);
    if (!match) continue;
    const key = `${match[1]} "${match[2]}"`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([key, count]) => `${key} ×${count}`);
}
