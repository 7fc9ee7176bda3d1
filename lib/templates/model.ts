import { z } from 'zod';
import { MessageTemplate } from '../model/template';

/** The stored template is part of the data model (lib/model), which sync and backups read. */
export { MessageTemplate } from '../model/template';

/** What the editor submits: a new template has no id yet; no segmentId is for everyone. */
export const TemplateDraft = MessageTemplate.pick({ name: true, subject: true, body: true, segmentId: true }).extend({ id: z.string().min(1).optional() });
export type TemplateDraft = z.input<typeof TemplateDraft>;
