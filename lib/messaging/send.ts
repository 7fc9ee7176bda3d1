import { browser } from 'wxt/browser';
import type { ExtensionPageMessageType, MessageInput, RejectedMessage, Responses } from './protocol';

/**
 * Sends a typed message from an extension page (side panel, options, board) to the background
 * and returns its typed answer. Content scripts use content-script-runtime.ts instead.
 */
export async function sendToBackground<T extends ExtensionPageMessageType>(
  message: MessageInput<T>,
): Promise<Responses[T] | RejectedMessage> {
  return (await browser.runtime.sendMessage(message)) as Responses[T] | RejectedMessage;
}
