import type { DistrictConfig } from '../config/district';
import type { SurveyRosterEntry } from './survey-service';

/** Someone found in one of the district's teams: the bot can reach them and knows their name. */
export interface DistrictMember {
  aadObjectId: string;
  name: string;
  userId: string;
}

/**
 * Finds a person a people picker named (an AAD object id in lower case, or a Teams user id
 * `29:…`) in the district's team rosters. A team the bot is not in (or cannot read now) is passed
 * over; the person may be in another.
 */
export async function findDistrictMember(
  district: DistrictConfig,
  readRoster: (teamId: string) => Promise<SurveyRosterEntry[]>,
  personId: string,
): Promise<DistrictMember | undefined> {
  for (const unit of district.units) {
    for (const teamId of unit.teamIds) {
      const roster = await readRoster(teamId).catch(() => []);
      const member = roster.find((entry) => entry.id === personId || entry.aadObjectId.toLowerCase() === personId);
      if (member?.aadObjectId) return { aadObjectId: member.aadObjectId.toLowerCase(), name: member.name, userId: member.id };
    }
  }
  return undefined;
}
