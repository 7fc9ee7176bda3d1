import type { ContentScriptMessageType, MessageInput, RejectedMessage, Responses } from './protocol';

/**
 * `browser.runtime` as a content script may use it: only the messages the router accepts from
 * content scripts, each with its typed answer. A type rather than a wrapper function because
 * content scripts sit at their size limit (page.js was 18 bytes under 40 KB): with `import type`
 * and `(browser.runtime as ContentScriptRuntime).sendMessage(…)`, the bundle holds exactly the
 * call it held before.
 */
export interface ContentScriptRuntime {
  sendMessage<T extends ContentScriptMessageType>(message: MessageInput<T>): Promise<Responses[T] | RejectedMessage>;
}
