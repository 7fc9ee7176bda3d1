import { z } from 'zod';
import { DetectedContact, DetectionLimit, DetectionReader, MAX_LIMITS, PageContext, type TabDetections } from '../model/detected';
import type { RenderedTemplate } from '../templates/for-contact';
import type { EncryptionStatus } from '../sync/client/encryption-actions';
import { AuditQuery, InviteRequest, JoinRequest, Role, WorkspaceSettingsPatch, type AuditEntry, type InviteReply, type Member, type WorkspaceSettings } from '../sync/shared/protocol';

/**
 * Every message between content scripts, the background and extension pages, in one place.
 * Each is parsed on receipt: content scripts relay data from hostile pages.
 */
export const DetectionsReport = z.object({
  type: z.literal('detections'),
  url: z.string().max(4096),
  title: z.string().max(1000).default(''),
  contacts: z.array(DetectedContact).max(500),
  context: PageContext.optional(),
  /** The caps detection reached on the page, so the panel can say what was not read. */
  limits: z.array(DetectionLimit).max(MAX_LIMITS).default([]),
  /** Set when the site's own reader fell short and a generic fallback read the page. */
  reader: DetectionReader.optional(),
});

/**
 * The bundled sample page (sample.html) reports the people it shows. It is an extension page, where
 * no content script runs, so it reads itself with the same engine; the background stores the
 * report only for the tab that shows the sample page (samplePageProblem). Extension pages only.
 */
export const SampleDetections = z.object({
  type: z.literal('sample-detections'),
  title: z.string().max(1000).default(''),
  contacts: z.array(DetectedContact).max(500),
});

export const GetTabDetections = z.object({
  type: z.literal('get-tab-detections'),
  tabId: z.number().int().nonnegative(),
});

/** "Sync now" from the options page or the side panel. */
export const SyncNow = z.object({
  type: z.literal('sync-now'),
});

/** The compose button (a content script) asks for every template rendered for a recipient. */
export const RenderTemplates = z.object({
  type: z.literal('render-templates'),
  email: z.string().trim().min(3).max(320),
});

/**
 * Options → Team and Join a team (issue 18): the background makes the call with the token it
 * keeps, so no page ever holds it. Extension pages only (not in CONTENT_SCRIPT_MESSAGES).
 */
export const TeamMembers = z.object({ type: z.literal('team:members') });
export const TeamInvite = InviteRequest.extend({ type: z.literal('team:invite') });
const MemberId = z.string().min(1).max(64);
export const TeamSetRole = z.object({ type: z.literal('team:set-role'), user: MemberId, role: Role });
export const TeamRemove = z.object({ type: z.literal('team:remove'), user: MemberId });
export const TeamUpdateSettings = WorkspaceSettingsPatch.extend({ type: z.literal('team:update-settings') });
export const TeamJoin = JoinRequest.extend({ type: z.literal('team:join'), serverUrl: z.string().trim().max(2048) });

/**
 * Options → Sync → End-to-end encryption (issue 19): the background does every key operation, so
 * the passphrase goes from the options page to the background only, and no page holds a key.
 * Extension pages only (not in CONTENT_SCRIPT_MESSAGES).
 */
const Passphrase = z.string().min(1).max(1000);
export const EncryptionStatusRequest = z.object({ type: z.literal('encryption:status') });
export const EncryptionEnable = z.object({ type: z.literal('encryption:enable'), passphrase: Passphrase });
/** The passphrase, or the recovery key printed when the key was made: exactly one. */
export const EncryptionUnlock = z
  .object({ type: z.literal('encryption:unlock'), passphrase: Passphrase.optional(), recoveryKey: z.string().min(1).max(200).optional() })
  .refine((message) => (message.passphrase === undefined) !== (message.recoveryKey === undefined), 'a passphrase or a recovery key');
export const EncryptionChangePassphrase = z.object({ type: z.literal('encryption:change-passphrase'), passphrase: Passphrase, newPassphrase: Passphrase });
export const EncryptionRotate = z.object({ type: z.literal('encryption:rotate'), passphrase: Passphrase, newPassphrase: Passphrase });
export const EncryptionDisable = z.object({ type: z.literal('encryption:disable'), passphrase: Passphrase });
export const EncryptionLock = z.object({ type: z.literal('encryption:lock') });
/** Forgets the pulled rows set aside as undecryptable (this browser keeps what it had of them). */
export const EncryptionDiscardUndecryptable = z.object({ type: z.literal('encryption:discard-undecryptable') });

/** An owner's Changes view asks for one row's audit; the background holds the token and asks the server. */
export const ReadAudit = AuditQuery.extend({ type: z.literal('read-audit') });

export const Message = z.discriminatedUnion('type', [DetectionsReport, SampleDetections, GetTabDetections, SyncNow, RenderTemplates, TeamMembers, TeamInvite, TeamSetRole, TeamRemove, TeamJoin, TeamUpdateSettings, ReadAudit, EncryptionStatusRequest, EncryptionEnable, EncryptionUnlock, EncryptionChangePassphrase, EncryptionRotate, EncryptionDisable, EncryptionLock, EncryptionDiscardUndecryptable]);
export type Message = z.infer<typeof Message>;
export type MessageType = Message['type'];

/**
 * Messages only a content script in a tab may send; every other one only the extension's own
 * pages. The router refuses a message from the wrong kind of sender, and the two typed senders
 * (lib/messaging/send.ts for pages, content-script-runtime.ts for content scripts) only offer
 * their own side's messages. Data changes are not messages: the background follows IndexedDB
 * through Dexie live queries.
 */
export const CONTENT_SCRIPT_MESSAGES = ['detections', 'render-templates'] as const satisfies readonly MessageType[];
export type ContentScriptMessageType = (typeof CONTENT_SCRIPT_MESSAGES)[number];
export type ExtensionPageMessageType = Exclude<MessageType, ContentScriptMessageType>;

/** What each message answers. */
export interface Responses {
  detections: { ok: true; stored: number };
  'sample-detections': { ok: true; stored: number } | { ok: false; error: string };
  'get-tab-detections': { ok: true; detections: TabDetections | null };
  'sync-now': { ok: true };
  'render-templates': { ok: true; templates: RenderedTemplate[] };
  'team:members': TeamAnswer<{ members: Member[] }>;
  'team:invite': TeamAnswer<{ invite: InviteReply }>;
  'team:set-role': TeamAnswer<object>;
  'team:remove': TeamAnswer<object>;
  'team:join': TeamAnswer<{ workspace: string; role: Role }>;
  'team:update-settings': TeamAnswer<{ settings: WorkspaceSettings }>;
  'read-audit': { ok: true; changes: AuditEntry[] } | { ok: false; error: string };
  'encryption:status': TeamAnswer<{ status: EncryptionStatus }>;
  'encryption:enable': TeamAnswer<{ recoveryKey: string }>;
  'encryption:unlock': TeamAnswer<{ note?: string }>;
  'encryption:change-passphrase': TeamAnswer<object>;
  'encryption:rotate': TeamAnswer<{ recoveryKey: string }>;
  'encryption:disable': TeamAnswer<object>;
  'encryption:lock': TeamAnswer<object>;
  'encryption:discard-undecryptable': TeamAnswer<object>;
}

/** A team call's answer: done, or refused with words for the form (not a rejected message). */
export type TeamAnswer<T extends object> = ({ ok: true } & T) | { ok: false; error: string };

export interface RejectedMessage {
  ok: false;
  error: string;
}

export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;
export type MessageInput<T extends MessageType> = z.input<typeof Message> & { type: T };
