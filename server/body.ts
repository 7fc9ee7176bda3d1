/**
 * Reads a JSON request body within limits, before anything parses it with a schema: the size is
 * capped while streaming (413), and nesting is measured without recursion (400), because Zod
 * and JSON.stringify recurse and a body of 100,000 brackets would overflow their stack.
 */
export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; error: string; message: string };

export async function readJsonBody(request: Request, maxBytes: number, maxDepth: number): Promise<BodyResult> {
  const tooLarge = { ok: false, status: 413, error: 'too-large', message: `request body larger than ${maxBytes} bytes` } as const;
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) return tooLarge;
  const bytes = await readCapped(request, maxBytes);
  if (bytes === undefined) return tooLarge;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, status: 400, error: 'bad-json', message: 'request body is not UTF-8 JSON' };
  }
  if (nestedDeeperThan(value, maxDepth)) {
    return { ok: false, status: 400, error: 'too-deep', message: `request body nested deeper than ${maxDepth} levels` };
  }
  return { ok: true, value };
}

export async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** Depth of arrays and objects, counted with an explicit stack. */
export function nestedDeeperThan(root: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(value)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
