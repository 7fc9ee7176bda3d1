// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { RestoreWarnings } from '@/components/io/RestoreWarnings';
import { reactHost } from '../ui/react-host';

const { host, render } = reactHost();

describe('RestoreWarnings (issue 16, item 7)', () => {
  it('warns before a restore that sync will send the rows to the shared workspace', async () => {
    await render(<RestoreWarnings refused={[]} syncWorkspace="acme-sales" />);
    expect(host.querySelector('[role="note"]')?.textContent).toMatch(/^Sync is on: the restored rows will be sent to the workspace “acme-sales”, and everyone who shares it will get them\./);
  });

  it('lists the rows left out, as text, and says nothing when there is nothing to say', async () => {
    await render(<RestoreWarnings refused={[{ table: 'contacts', id: '<b>x</b>', reason: 'tags: More than 200 tags (the limit per contact)' }]} syncWorkspace={undefined} />);
    expect(host.textContent).toBe('1 row of the file will be left out:contacts <b>x</b> — tags: More than 200 tags (the limit per contact)');
    expect(host.querySelector('b')).toBeNull();
    await render(<RestoreWarnings refused={[]} syncWorkspace={undefined} />);
    expect(host.textContent).toBe('');
  });
});
