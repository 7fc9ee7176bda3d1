import { useEffect } from 'react';
import { BackupSection } from '@/components/io/BackupSection';
import { ExportSection } from '@/components/io/ExportSection';
import { ImportSection } from '@/components/io/ImportSection';
import { SyncSettingsSection } from '@/components/sync/SyncSettingsSection';
import { TeamSection } from '@/components/team/TeamSection';
import { NbaSettingsSection } from '@/components/nba/NbaSettingsSection';
import { TierCadenceSettings } from '@/components/cadences/TierCadenceSettings';
import { TemplatesSection } from '@/components/templates/TemplatesSection';
import { CaptureSettingsSection } from '@/components/capture/CaptureSettingsSection';
import { PipelinesSection } from '@/components/pipelines/PipelinesSection';
import { TeamPrefsSection } from '@/components/team/TeamPrefsSection';
import { ValueSettingsSection } from '@/components/value/ValueSettingsSection';

/** The options page: value-model settings, then import, export, backup and restore, then sync and the team. */
export function OptionsApp() {
  // The panel's welcome opens options.html#import. The browser looked for the anchor before React
  // rendered the sections, so go there once they exist.
  useEffect(() => {
    if (location.hash === '#import') document.getElementById('import')?.scrollIntoView();
  }, []);
  return (
    <main className="options">
      <h1>Sidebar CRM options</h1>
      <ValueSettingsSection />
      <NbaSettingsSection />
      <TierCadenceSettings />
      <div id="import">
        <ImportSection />
      </div>
      <ExportSection />
      <BackupSection />
      <CaptureSettingsSection />
      <TemplatesSection />
      <PipelinesSection />
      <SyncSettingsSection />
      <TeamSection />
      <TeamPrefsSection />
    </main>
  );
}
