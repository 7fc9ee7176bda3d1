import browser from 'webextension-polyfill';
import type { MessageInput, MessageType, RejectedMessage, Responses } from './protocol';

/** Sends a typed message to the background and returns its typed answer. */
export async function sendToBackground<T extends MessageType>(
  message: MessageInput<T>,
): Promise<Responses[T] | RejectedMessage> {
  return (await browser.runtime.sendMessage(message)) as Responses[T] | RejectedMessage;
}
