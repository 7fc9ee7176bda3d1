/**
 * What is captured without asking, kept in `storage.local`: profile visits (on by default: a
 * recruiter's visits are history), and adding people emailed repeatedly (off by default: adding
 * contacts on one's behalf must be a choice).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';

export const CAPTURE_SETTINGS_KEY = 'settings:capture';

export const CaptureSettings = z.object({
  logProfileVisits: z.boolean().catch(true).default(true),
  autoAddCorrespondents: z.boolean().catch(false).default(false),
});
export type CaptureSettings = z.infer<typeof CaptureSettings>;

export async function readCaptureSettings(): Promise<CaptureSettings> {
  const stored = await browser.storage.local.get(CAPTURE_SETTINGS_KEY);
  return CaptureSettings.parse(stored[CAPTURE_SETTINGS_KEY] ?? {});
}

export async function saveCaptureSettings(settings: CaptureSettings): Promise<void> {
  await browser.storage.local.set({ [CAPTURE_SETTINGS_KEY]: CaptureSettings.parse(settings) });
}
