/**
 * Activity types and names as logged: the sender chooses both, so only names Bot Framework and
 * Teams define are written; anything else is logged as `other`.
 */
const KNOWN_TYPES = new Set([
  'message', 'conversationUpdate', 'invoke', 'event', 'typing', 'messageReaction', 'messageUpdate', 'messageDelete',
  'installationUpdate', 'endOfConversation', 'contactRelationUpdate', 'deleteUserData', 'handoff', 'trace', 'suggestion',
  'command', 'commandResult',
]);

const KNOWN_NAMES = new Set([
  'adaptiveCard/action', 'task/fetch', 'task/submit', 'tab/fetch', 'tab/submit', 'config/fetch', 'config/submit',
  'composeExtension/query', 'composeExtension/queryLink', 'composeExtension/submitAction', 'composeExtension/fetchTask',
  'composeExtension/selectItem', 'composeExtension/setting', 'composeExtension/querySettingUrl', 'composeExtension/onCardButtonClicked',
  'composeExtension/anonymousQueryLink', 'actionableMessage/executeAction', 'fileConsent/invoke', 'signin/verifyState',
  'signin/tokenExchange', 'signin/failure', 'healthCheck', 'handoff/action', 'application/search', 'message/submitAction',
  'application/vnd.microsoft.readReceipt', 'application/vnd.microsoft.meetingStart', 'application/vnd.microsoft.meetingEnd',
  'application/vnd.microsoft.meetingParticipantJoin', 'application/vnd.microsoft.meetingParticipantLeave',
]);

export function loggedActivityType(type: unknown): string {
  return typeof type === 'string' && KNOWN_TYPES.has(type) ? type : 'other';
}

/** Undefined when the activity has no name (most messages); `other` for a name nobody defined. */
export function loggedActivityName(name: unknown): string | undefined {
  if (name === undefined) return undefined;
  return typeof name === 'string' && KNOWN_NAMES.has(name) ? name : 'other';
}
