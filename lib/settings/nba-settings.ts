/**
 * Next-best-action thresholds in `storage.local`, like the value-model settings: they belong to
 * this browser profile. What they mean and how they are parsed is lib/nba/settings.ts.
 */
import { NbaSettings, parseStoredNbaSettings } from '../nba/settings';
import { localSetting } from './storage-key';

export const NBA_SETTINGS_KEY = 'settings:next-best-action';

/** Read forgivingly, saved strictly (out-of-range days throw), watched for the options page's changes. */
export const {
  read: readNbaSettings,
  save: saveNbaSettings,
  onChanged: onNbaSettingsChanged,
} = localSetting(NBA_SETTINGS_KEY, parseStoredNbaSettings, (settings) => NbaSettings.parse(settings));
