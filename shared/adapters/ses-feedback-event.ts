/**
 * The SES feedback SNS carries (event publishing `eventType`, or the older `notificationType`),
 * and which addresses it puts in bounce memory: permanent bounces and complaints only.
 */
import * as z from 'zod/mini';
import { bouncedDestinations, type SuppressionReason } from '../domain/bounce-policy';

const recipients = z._default(z.array(z.object({ emailAddress: z.string() })), []);

/** SES event publishing (`eventType`) and the older notifications (`notificationType`). */
export const SesFeedbackSchema = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(
    z.object({ bounceType: z.string(), bouncedRecipients: recipients, timestamp: z.optional(z.string()) }),
  ),
  complaint: z.optional(z.object({ complainedRecipients: recipients })),
  /** The mail the event is about, as SES sent it: its recipients (bouncedDestinations). */
  mail: z.optional(z.object({ destination: z.optional(z.array(z.string())), messageId: z.optional(z.string()) })),
});

/** Addresses that must stop getting automatic mail, from one SES feedback event. */
export function addressesToSuppress(
  feedback: z.infer<typeof SesFeedbackSchema>,
): { address: string; reason: SuppressionReason }[] {
  const type = (feedback.eventType ?? feedback.notificationType ?? '').toLowerCase();
  if (type === 'bounce' && feedback.bounce?.bounceType === 'Permanent') {
    const bounced = feedback.bounce.bouncedRecipients.map((r) => r.emailAddress);
    return bouncedDestinations(bounced, feedback.mail?.destination).map((address) => ({
      address,
      reason: 'ses-permanent-bounce' as const,
    }));
  }
  if (type === 'complaint' && feedback.complaint) {
    return feedback.complaint.complainedRecipients.map((r) => ({
      address: r.emailAddress,
      reason: 'ses-complaint' as const,
    }));
  }
  return [];
}
