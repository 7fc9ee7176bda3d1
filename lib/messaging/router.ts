import { CONTENT_SCRIPT_MESSAGES, Message, type MessageOf, type MessageType, type RejectedMessage, type Responses } from './protocol';
import { contentSenderProblem, type MessageSender } from './sender-checks';

export type { MessageSender };

export type MessageHandlers = {
  [T in MessageType]: (message: MessageOf<T>, sender: MessageSender) => Promise<Responses[T]>;
};

const FROM_CONTENT_SCRIPTS: ReadonlySet<MessageType> = new Set(CONTENT_SCRIPT_MESSAGES);

/**
 * Turns handlers into one listener. Anything malformed, or from the wrong kind of sender, is
 * answered with `{ok: false}` and logged; a handler that throws is answered the same way. The
 * listener itself never throws, so one bad page cannot take the service worker down.
 */
export function createMessageRouter(handlers: MessageHandlers) {
  return async function route(raw: unknown, sender: MessageSender): Promise<Responses[MessageType] | RejectedMessage> {
    const parsed = Message.safeParse(raw);
    if (!parsed.success) {
      const error = `malformed message: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
      console.warn('[sidebar-crm] rejected', error);
      return { ok: false, error };
    }
    const message = parsed.data;
    const fromContentScript = !sender.fromExtensionPage && sender.tabId !== undefined;
    if (FROM_CONTENT_SCRIPTS.has(message.type) !== fromContentScript) {
      const error = `message ${message.type} not accepted from this sender`;
      console.warn('[sidebar-crm] rejected', error);
      return { ok: false, error };
    }
    const misfit = fromContentScript ? contentSenderProblem(message, sender) : undefined;
    if (misfit !== undefined) {
      const error = `message ${message.type} not accepted: ${misfit}`;
      console.warn('[sidebar-crm] rejected', error);
      return { ok: false, error };
    }
    try {
      const handler = handlers[message.type] as (m: Message, s: MessageSender) => Promise<Responses[MessageType]>;
      return await handler(message, sender);
    } catch (error) {
      console.error(`[sidebar-crm] handler for ${message.type} failed`, error);
      return { ok: false, error: `${message.type} failed` };
    }
  };
}
