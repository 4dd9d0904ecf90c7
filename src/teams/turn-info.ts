import type { TurnContext } from '@microsoft/agents-hosting';
import { languageOf, stringsFor, type Language, type Strings } from '../domain/i18n';
import { roleOf, type Role } from '../domain/roles';
import type { NamedTenants } from '../domain/tenant';

/** What a handler needs to know about the turn, read once from the activity. */
export interface TurnInfo {
  userAadObjectId: string;
  userName: string;
  language: Language;
  t: Strings;
  role: Role;
  conversationType: 'personal' | 'channel' | 'groupChat';
  tenantId?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const field = (value: unknown, name: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined);

/** The two places Teams names the tenant (see domain/tenant). */
export function namedTenants(activity: TurnContext['activity']): NamedTenants {
  return { conversationTenantId: text(field(activity.conversation, 'tenantId')), channelDataTenantId: text(field(field(activity.channelData, 'tenant'), 'id')) };
}

/**
 * Reads only strings: the door (activity-shape.ts) has checked the activity's shape, but this also
 * serves the error handler, which must not throw whatever the activity holds.
 */
export function turnInfo(context: TurnContext, coordinatorIds: ReadonlySet<string>): TurnInfo {
  const activity = context.activity;
  const language = languageOf(text(activity.locale));
  const aadObjectId = text(field(activity.from, 'aadObjectId')) ?? '';
  const conversationType = field(activity.conversation, 'conversationType');
  const tenants = namedTenants(activity);
  return {
    userAadObjectId: aadObjectId,
    userName: text(field(activity.from, 'name')) ?? '',
    language,
    t: stringsFor(language),
    role: roleOf(aadObjectId, coordinatorIds),
    conversationType: conversationType === 'channel' || conversationType === 'groupChat' ? conversationType : 'personal',
    tenantId: (tenants.conversationTenantId ?? tenants.channelDataTenantId)?.toLowerCase(),
  };
}
