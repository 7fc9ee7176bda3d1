import { describe, expect, it } from 'vitest';
import { renderTemplate, type TemplateContact } from '@/lib/templates';

const grace: TemplateContact = {
  name: 'Grace Hopper',
  emails: ['grace@cobol.dev', 'g.hopper@navy.mil'],
  phones: ['+12025550123'],
  company: 'US Navy',
  title: 'Rear Admiral',
  location: 'Arlington, VA',
  tags: ['vip', 'school: Yale', 'Team:Compilers', 'school: Vassar'],
};

describe('renderTemplate', () => {
  it('fills every built-in field from the contact', () => {
    const body = '{{firstName}}|{{lastName}}|{{name}}|{{company}}|{{title}}|{{location}}|{{email}}|{{phone}}';
    expect(renderTemplate(body, grace)).toEqual({
      text: 'Grace|Hopper|Grace Hopper|US Navy|Rear Admiral|Arlington, VA|grace@cobol.dev|+12025550123',
      missing: [],
      errors: [],
    });
  });

  it('reads custom fields from "key: value" tags, keys in any case, the first tag winning', () => {
    const { text, missing } = renderTemplate('{{custom.school}} / {{custom.team}} / {{CUSTOM.School}}', grace);
    expect(text).toBe('Yale / Compilers / Yale');
    expect(missing).toEqual([]);
  });

  it('uses the fallback when the contact has no value, and ignores it when there is one', () => {
    const stranger: TemplateContact = { emails: ['someone@example.org'] };
    expect(renderTemplate('Hi {{firstName|there}},', stranger).text).toBe('Hi there,');
    expect(renderTemplate('Hi {{firstName|there}},', grace).text).toBe('Hi Grace,');
    expect(renderTemplate('Hi {{ firstName | my friend }}!', stranger).text).toBe('Hi my friend!');
    expect(renderTemplate('At {{company|}}.', stranger).text).toBe('At .');
    expect(renderTemplate('{{custom.school|your school}}', stranger).text).toBe('your school');
  });

  it('keeps a placeholder with no value and no fallback as written, and lists it once', () => {
    const result = renderTemplate('Hi {{firstName}} at {{company}}, {{company}} and {{custom.team}}', { name: 'Ada' });
    expect(result.text).toBe('Hi Ada at {{company}}, {{company}} and {{custom.team}}');
    expect(result.missing).toEqual(['company', 'custom.team']);
    expect(result.errors).toEqual([]);
  });

  it('treats blank values as missing', () => {
    expect(renderTemplate('{{company}}', { company: '   ' }).missing).toEqual(['company']);
  });

  it('never reads the address webmail shows in place of a name as a name', () => {
    const result = renderTemplate('{{firstName|there}} {{name}}', { name: 'katherine@langley-aero.com' });
    expect(result.text).toBe('there {{name}}');
    expect(result.missing).toEqual(['name']);
  });

  it('accepts built-in names in any letter case', () => {
    expect(renderTemplate('{{FirstName}} {{COMPANY}}', grace).text).toBe('Grace US Navy');
  });

  it('flags unknown, empty and unclosed placeholders and leaves them as written', () => {
    const result = renderTemplate('Dear {{nickname}}, {{}} {{ firstName', grace);
    expect(result.text).toBe('Dear {{nickname}}, {{}} {{ firstName');
    expect(result.errors.map((error) => error.raw)).toEqual(['{{nickname}}', '{{}}', '{{ firstName']);
    expect(result.errors[0]!.message).toContain('unknown placeholder “nickname”');
    expect(result.errors[2]!.message).toContain('not closed');
  });

  it('flags an unclosed placeholder followed by a good one, and still fills the good one', () => {
    const result = renderTemplate('{{company and {{firstName}}', grace);
    expect(result.text).toBe('{{company and Grace');
    expect(result.errors).toHaveLength(1);
  });

  it('flags custom keys with characters a key cannot have', () => {
    expect(renderTemplate('{{custom.}} {{custom.a b}}', grace).errors).toHaveLength(2);
  });

  it('leaves text without placeholders, single braces and stray closers alone', () => {
    const body = 'Price: {5} }} done\nLine two';
    expect(renderTemplate(body, grace)).toEqual({ text: body, missing: [], errors: [] });
  });

  it('inserts values as plain text, never interpreting them', () => {
    const hostile: TemplateContact = { name: '<img src=x onerror=alert(1)> {{company}}', company: 'ACME' };
    expect(renderTemplate('{{name}}', hostile).text).toBe('<img src=x onerror=alert(1)> {{company}}');
  });
});
