import { Activity } from '@microsoft/agents-activity';
import { z } from 'zod';

/**
 * The shape of an inbound Bot Framework activity, checked once at the door. Only what the bot
 * reads and what the Agents SDK needs to run a turn is checked (its own schema last); everything else (channelData,
 * attachments, a card's value, types and names the bot does not know) passes through, because
 * real Teams activities vary. A body that fails is malformed: 400, and no turn runs.
 */
const account = z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }).passthrough();

// The SDK lower-cases `type` of every entity and reads `mentioned.id` of every mention.
const entity = z
  .object({ type: z.string() })
  .passthrough()
  .superRefine((value, context) => {
    if (value.type.toLowerCase() !== 'mention') return;
    const mention = z.object({ mentioned: z.object({ id: z.string() }).passthrough(), text: z.string().optional() }).passthrough();
    if (!mention.safeParse(value).success) context.addIssue({ code: z.ZodIssueCode.custom, message: 'a mention names no one' });
  });

const serviceUrl = z
  .string()
  .refine((value) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol), 'must be an http(s) URL');

const activityShape = z
  .object({
    type: z.string().min(1),
    id: z.string().optional(),
    name: z.string().optional(),
    channelId: z.string(),
    serviceUrl,
    from: account,
    recipient: account,
    conversation: z
      .object({ id: z.string(), tenantId: z.string().optional(), conversationType: z.string().optional(), isGroup: z.boolean().optional() })
      .passthrough(),
    locale: z.string().optional(),
    text: z.string().optional(),
    replyToId: z.string().optional(),
    deliveryMode: z.string().optional(),
    entities: z.array(entity).optional(),
    attachments: z.array(z.unknown()).optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
    channelData: z
      .object({ tenant: z.object({ id: z.string().optional() }).passthrough().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough()
  // The SDK strips the bot's mention from a message's text: a mention needs text to strip it from.
  .refine((activity) => activity.type !== 'message' || !activity.entities?.some((e) => e.type.toLowerCase() === 'mention') || activity.text !== undefined, {
    message: 'a message with a mention has no text',
    path: ['text'],
  });

/**
 * Deepest nesting accepted anywhere in an activity. Teams' own are under 10 levels (a card's
 * data is flat); the SDK and our code walk values recursively, and 50,000 levels overflow the stack.
 */
export const MAX_ACTIVITY_DEPTH = 32;

/** Whether `value` nests no deeper than `maxDepth`; iterative, so depth itself cannot overflow it. */
export function nestsWithin(value: unknown, maxDepth: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= maxDepth) return false;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return true;
}

export type ActivityCheck = { ok: true } | { ok: false; problem: string };

/** Checks an inbound body; the problem names the first field that is wrong (never its value). */
export function checkActivity(body: unknown): ActivityCheck {
  if (!nestsWithin(body, MAX_ACTIVITY_DEPTH)) return { ok: false, problem: 'too_deep' };
  const parsed = activityShape.safeParse(body);
  if (!parsed.success) return problemOf(parsed.error.issues);
  // The SDK parses every activity with its own schema and throws (a 500) for one it refuses.
  try {
    Activity.fromObject(body as object);
  } catch (error) {
    return problemOf((error as { issues?: Array<{ path: Array<string | number> }> }).issues ?? []);
  }
  return { ok: true };
}

function problemOf(issues: ReadonlyArray<{ path: ReadonlyArray<string | number> }>): ActivityCheck {
  const issue = issues[0];
  return { ok: false, problem: issue && issue.path.length > 0 ? `invalid:${issue.path.slice(0, 3).join('.')}` : 'not_an_activity' };
}
