import type { LagesbildInput, LagesbildReportFacts } from '../../src/domain/lagesbild/lagesbild';
import { previousPeriod, twelveMonthsUpTo } from '../../src/domain/lagesbild/period';
import { newMeeting, type ForumMeeting } from '../../src/domain/forum/meeting';
import { aggregateResults } from '../../src/domain/survey/results';
import type { SurveyAnswer } from '../../src/domain/survey/survey-answer';

/** n reports on a day, with the given facts. */
export function reports(n: number, submittedOn: string, facts: Partial<LagesbildReportFacts> = {}): LagesbildReportFacts[] {
  return Array.from({ length: n }, () => ({ submittedOn, eventTypes: ['graffiti'], environment: 'white_power', placeType: 'school', area: 'hagersten', ...facts }));
}

const answer: SurveyAnswer = {
  q_unit: '',
  q_observed: 'no',
  q_met_sympathiser: 'no',
  q_threatened: 'no',
  q_reported_police: 'not_applicable',
  q_problem: 2,
  q_knows_routine: 'yes',
  q_knows_coordinator: 'yes',
  q_training_done: 'no',
  q_training_need: ['symbols'],
};
const answers = (unit: string, n: number, trained: number, overrides: Partial<SurveyAnswer> = {}) =>
  Array.from({ length: n }, (_, i) => ({ ...answer, q_unit: unit, q_training_done: i < trained ? ('yes' as const) : ('no' as const), ...overrides }));

function meeting(forumId: string, date: string, change: (meeting: ForumMeeting) => void): ForumMeeting {
  const held = newMeeting(forumId, date, '10:00');
  change(held);
  return held;
}

/**
 * The hand-counted district. The period is the 12 months up to the survey's close on 2026-11-20:
 * [2025-11-21, 2026-11-21), across the new year; the previous period is [2024-11-21, 2025-11-21).
 *
 * This period, 14 reports: 11 white power (8 on school, 3 in public space; 9 in Hägersten, 2 in
 * Älvsjö), 3 Islamist (online, Älvsjö). Graffiti on 9 of them, symbols on 4 (two of them with
 * graffiti too), posters on 2, online on 3.
 * Previous period, 17 reports: 15 white power, 2 left-autonomous.
 * Outside both: one report on 2026-11-21 (the day after) and one on 2024-11-20.
 */
export function district(): LagesbildInput {
  const period = twelveMonthsUpTo('2026-11-20');
  const current = [
    ...reports(1, '2025-11-21'), // the first day counts
    ...reports(4, '2025-12-31'),
    ...reports(1, '2025-12-31', { eventTypes: ['graffiti', 'symbol'] }),
    ...reports(2, '2026-01-01', { eventTypes: ['graffiti', 'posters'] }),
    ...reports(1, '2026-05-04', { eventTypes: ['graffiti', 'symbol'], placeType: 'public_space' }),
    ...reports(2, '2026-06-10', { eventTypes: ['symbol'], placeType: 'public_space', area: 'alvsjo' }),
    ...reports(3, '2026-11-20', { eventTypes: ['online'], environment: 'islamist', placeType: 'online', area: 'alvsjo' }), // the last day counts
  ];
  const previous = [
    ...reports(1, '2024-11-21'),
    ...reports(13, '2025-03-02'),
    ...reports(2, '2025-06-01', { environment: 'left_autonomous', eventTypes: ['threats'] }),
    ...reports(1, '2025-11-20'),
  ];
  const outside = [...reports(1, '2026-11-21'), ...reports(1, '2024-11-20')];
  const survey = [...answers('a', 5, 5, { q_observed: 'yes', q_types: ['graffiti'], q_frequency: '1-2', q_environment: ['white_power'] }), ...answers('b', 4, 4), ...answers('c', 6, 3)];
  return {
    year: 2026,
    period,
    previousPeriod: previousPeriod(period),
    hasDataBefore: true,
    reports: [...current, ...previous, ...outside],
    survey: {
      roundId: 'enkat-2026',
      year: 2026,
      opensOn: '2026-11-02',
      closedOn: '2026-11-20',
      results: aggregateResults(survey, { unitIds: ['a', 'b', 'c'] }),
      completion: {
        units: [],
        total: { invited: 20, pending: 0, delivered: 20, unreachable: 0, failed: 0, answered: 15, rate: 0.75 },
      },
    },
    previousSurvey: {
      roundId: 'enkat-2025',
      year: 2025,
      opensOn: '2025-11-03',
      closedOn: '2025-11-20',
      results: aggregateResults(answers('a', 4, 0), { unitIds: ['a'] }),
      completion: { units: [], total: { invited: 9, pending: 0, delivered: 9, unreachable: 0, failed: 0, answered: 4, rate: 4 / 9 } },
    },
    forums: [
      {
        id: 'trygghet',
        name: 'Trygghetsrådet',
        registeredOn: '2025-01-01',
        meetings: [
          meeting('trygghet', '2025-05-13', (m) => (m.followup.discussed = 'yes')),
          meeting('trygghet', '2026-03-10', (m) => (m.followup.discussed = 'yes')),
          meeting('trygghet', '2026-06-09', (m) => (m.agenda.state = 'confirmed')),
          meeting('trygghet', '2026-10-13', (m) => (m.agenda.state = 'skipped')),
          meeting('trygghet', '2026-08-11', (m) => (m.cancelled = true)),
        ],
      },
      {
        id: 'sspf',
        name: 'SSPF Västberga',
        registeredOn: '2026-02-01',
        meetings: [meeting('sspf', '2026-11-10', (m) => ((m.agenda.state = 'confirmed'), (m.followup.discussed = 'yes')))],
      },
    ],
    activities: [],
  };
}

