import { createMessageRouter, type MessageHandlers } from '@/lib/messaging';
import { readTabDetections, saveTabDetections } from '@/lib/session/tab-detections';

export const handlers: MessageHandlers = {
  async detections(report, sender) {
    // The router only lets content scripts in a tab send this, so tabId is present.
    const tabId = sender.tabId!;
    await saveTabDetections({
      tabId,
      url: report.url,
      title: report.title,
      contacts: report.contacts,
      ...(report.context ? { context: report.context } : {}),
      at: Date.now(),
    });
    return { ok: true, stored: report.contacts.length };
  },
  async 'get-tab-detections'(request) {
    return { ok: true, detections: await readTabDetections(request.tabId) };
  },
};

export const routeMessage = createMessageRouter(handlers);
