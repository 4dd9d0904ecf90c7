/**
 * The district the bot gets in the Agents Playground (scripts/playground.ts, and the browser test,
 * which adds forums of its own): the example district, with
 *  - one unit, "Enheten för ung fritid", whose team is the playground's team, so that a survey
 *    round for it reads a real roster (the playground serves /v3/conversations/<team>/pagedmembers
 *    for its own team and group chat only); the other units have no team there, so they are
 *    invited nobody instead of failing the start on a team the playground does not know;
 *  - the forum "SSPF Hägersten (playground)" chaired by the config's forum chair (Ali), meeting
 *    every other week from nine days on.
 */
import type { DistrictConfig } from '../../src/config/district';
import { loadDistrictConfig } from '../../src/config/district';

/** The unit whose staff is the playground's team. */
export const PLAYGROUND_UNIT_ID = 'ung-fritid';

type SeedForum = DistrictConfig['forums'][number];

export function playgroundDistrict(options: {
  /** The playground team's id (its General channel's conversation id). */
  teamId: string;
  chair?: SeedForum['chair'];
  /** Stockholm's date today, YYYY-MM-DD. */
  today: string;
}): DistrictConfig {
  const district = loadDistrictConfig();
  district.units = district.units.map((unit) => ({ ...unit, teamIds: unit.id === PLAYGROUND_UNIT_ID ? [options.teamId] : [] }));
  const nextMeetingOn = new Date(Date.parse(`${options.today}T12:00:00Z`) + 9 * 86_400_000).toISOString().slice(0, 10);
  district.forums = options.chair
    ? [{ id: 'playground-sspf', name: 'SSPF Hägersten (playground)', chair: options.chair, cadence: 'biweekly', nextMeetingOn, time: '13:00', leadWorkingDays: 5 }]
    : [];
  return district;
}
