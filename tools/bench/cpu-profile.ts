/**
 * CPU profiles of Chromium targets (the extension's service worker, a page) over the DevTools
 * protocol, for a bench that wants to say where the time went. Playwright opens CDP sessions on
 * pages only, so a worker is reached through the browser's remote-debugging port and a plain
 * WebSocket (Node's own: run with `--experimental-websocket` on Node 20).
 *
 * `summariseProfile` turns a profile into the functions with the most self time, the figure a
 * profile is read for first.
 */
import { writeFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Profiler {
  stop(): Promise<CpuProfile>;
}

/** Starts sampling the first target of `type` whose URL starts with `urlPrefix`. */
export async function startProfiler(port: number, type: string, urlPrefix: string): Promise<Profiler> {
  const Socket = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!Socket) throw new Error('profiling needs a global WebSocket: run node with --experimental-websocket (Node 20)');
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ type: string; url: string; webSocketDebuggerUrl: string }>;
  const target = targets.find((candidate) => candidate.type === type && candidate.url.startsWith(urlPrefix));
  if (!target) throw new Error(`no ${type} target at ${urlPrefix} among ${targets.map((t) => `${t.type} ${t.url}`).join(', ')}`);
  const socket = new Socket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  };
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 500 });
  await send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
      socket.close();
      return profile;
    },
  };
}

/** Self time per function (name and script position), largest first, in milliseconds. */
export function summariseProfile(profile: CpuProfile, top = 25): Array<{ ms: number; fn: string }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.split('/').pop() ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ ms: Math.round(ms), fn }));
}

export function saveProfile(path: string, profile: CpuProfile): void {
  writeFileSync(path, JSON.stringify(profile));
}

/**
 * Profiles the extension's service worker and its side panel (the two threads a background job
 * and the user share; the worker alone without `withPanel`) until `stop`, which saves both as `<dir>/<prefix>-worker.cpuprofile` and
 * `-panel.cpuprofile` and returns each one's summary. Without `dir`, profiles nothing.
 */
export async function profileWorkerAndPanel(
  dir: string | undefined,
  port: number,
  extensionId: string,
  prefix: string,
  withPanel = true,
): Promise<{ stop(): Promise<Record<string, unknown>> }> {
  if (!dir) return { stop: async () => ({}) };
  const profilers = {
    worker: await startProfiler(port, 'service_worker', `chrome-extension://${extensionId}/`),
    ...(withPanel ? { panel: await startProfiler(port, 'page', `chrome-extension://${extensionId}/sidepanel.html`) } : {}),
  };
  return {
    async stop() {
      const summaries: Record<string, unknown> = {};
      for (const [name, profiler] of Object.entries(profilers)) {
        const profile = await profiler.stop();
        saveProfile(`${dir}/${prefix}-${name}.cpuprofile`, profile);
        summaries[name] = summariseProfile(profile);
      }
      return summaries;
    },
  };
}
