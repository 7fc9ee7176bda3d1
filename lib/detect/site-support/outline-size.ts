/**
 * The most a page outline (Copy diagnostics) may be, in characters. Apart from the model's
 * schemas because the content scripts that build outlines carry no Zod: importing a value from
 * lib/model/detected.ts would bundle it (measured: +97 KB per webmail script).
 */
export const MAX_OUTLINE_CHARS = 32_000;
