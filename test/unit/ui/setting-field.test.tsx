// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SettingField } from '@/components/ui/SettingField';
import { reactHost } from './react-host';

const { host, render } = reactHost();

function renderField(error: string | undefined): void {
  render(
    <SettingField formId="f" name="horizonWeeks" label="Prediction horizon (weeks)" hint="How far ahead." inputMode="numeric" value="39" error={error} onChange={() => {}} />,
  );
}

describe('SettingField', () => {
  it('labels the input and describes it by its hint', () => {
    renderField(undefined);
    const input = host.querySelector('input')!;
    expect(host.querySelector('label')!.htmlFor).toBe(input.id);
    expect(host.querySelector('label')!.textContent).toBe('Prediction horizon (weeks)');
    expect(input.getAttribute('aria-describedby')).toBe('f-horizonWeeks-hint');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(input.value).toBe('39');
  });

  it('marks a bad value and adds its message to the description', () => {
    renderField('A whole number of weeks.');
    const input = host.querySelector('input')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('f-horizonWeeks-hint f-horizonWeeks-error');
    expect(host.querySelector('#f-horizonWeeks-error')!.textContent).toBe('A whole number of weeks.');
  });
});
