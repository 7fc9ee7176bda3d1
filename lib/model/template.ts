import { z } from 'zod';
import { RecordedAt } from './timestamps';

/**
 * A message template as stored (lib/db/templates.ts). Subject is optional: many are reply snippets.
 * `segmentId` limits the template to one saved segment ("Use for: Strategic customers", issue 22);
 * absent is everyone, which is what every template written before it reads as. A segment deleted
 * meanwhile leaves the id dangling: readers then treat the template as for everyone (lib/templates/audience.ts).
 */
export const MessageTemplate = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'Give the template a name.').max(120, 'Keep the name under 120 characters.'),
  subject: z.string().max(300, 'Keep the subject under 300 characters.').optional(),
  body: z.string().trim().min(1, 'Write the message body.').max(20_000, 'Keep the body under 20,000 characters.'),
  segmentId: z.string().min(1).max(64).optional(),
  createdAt: RecordedAt,
  updatedAt: RecordedAt,
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;
