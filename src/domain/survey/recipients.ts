/**
 * Who gets the survey card (SPEC §2): the members of the Teams teams mapped to the target
 * units, each person once, under the first unit in district-config order where they appear.
 * Counting a person under one unit only keeps the per-unit completion figures honest (nobody is
 * invited, or counted as not having answered, twice).
 *
 * The caller passes the target units only, in config order; a unit with several teams may come
 * as one entry with the merged roster or as several entries with the same `unitId`.
 */
export interface SurveyRosterMember {
  /** The AAD object id: the identity a person has in every team (Teams user ids are per app). */
  aadObjectId?: string;
  /** The Teams account id: `29:…` for people, `28:…` for bots. */
  id?: string;
  userRole?: string;
}

export interface UnitRoster<M extends SurveyRosterMember> {
  unitId: string;
  members: readonly M[];
}

export interface UnitRecipients<M extends SurveyRosterMember> {
  unitId: string;
  recipients: M[];
}

/** Bots (the roster lists ours and any other app installed in the team) cannot answer a survey. */
export function isBotAccount(member: SurveyRosterMember): boolean {
  return member.userRole === 'bot' || (member.id ?? '').startsWith('28:') || (member.aadObjectId ?? '').startsWith('28:');
}

/**
 * Recipients per unit, in the order given; units with nobody left are kept (with no recipients)
 * so completion shows them. A member without an AAD object id is skipped: it cannot be told apart
 * from the same person in another team, nor marked as having answered.
 */
export function assignRecipients<M extends SurveyRosterMember>(
  unitsInConfigOrder: readonly UnitRoster<M>[],
): UnitRecipients<M>[] {
  const seen = new Set<string>();
  const byUnit = new Map<string, M[]>();
  for (const { unitId, members } of unitsInConfigOrder) {
    const recipients = byUnit.get(unitId) ?? [];
    byUnit.set(unitId, recipients);
    for (const member of members) {
      // AAD object ids are GUIDs; the roster API does not promise one letter case.
      const key = (member.aadObjectId ?? '').trim().toLowerCase();
      if (!key || isBotAccount(member) || seen.has(key)) continue;
      seen.add(key);
      recipients.push(member);
    }
  }
  return [...byUnit.entries()].map(([unitId, recipients]) => ({ unitId, recipients }));
}
