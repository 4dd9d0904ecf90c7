import type { TurnContext } from 'botbuilder';
import { languageOf, stringsFor, type Language, type Strings } from '../domain/i18n';
import { roleOf, type Role } from '../domain/roles';

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

export function turnInfo(context: TurnContext, coordinatorIds: ReadonlySet<string>): TurnInfo {
  const activity = context.activity;
  const language = languageOf(activity.locale);
  const aadObjectId = activity.from?.aadObjectId ?? '';
  const conversationType = activity.conversation?.conversationType;
  return {
    userAadObjectId: aadObjectId,
    userName: activity.from?.name ?? '',
    language,
    t: stringsFor(language),
    role: roleOf(aadObjectId, coordinatorIds),
    conversationType: conversationType === 'channel' || conversationType === 'groupChat' ? conversationType : 'personal',
    tenantId: activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
  };
}
