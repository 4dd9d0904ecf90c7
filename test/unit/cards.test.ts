import { describe, expect, it } from 'vitest';
import { activityFollowUpCard, activityRegistryCard } from '../../src/cards/activity-cards';
import type { Activity } from '../../src/domain/activity/activity';
import { caseReminderCard } from '../../src/cards/case-reminder-card';
import { concernFormCard, concernReceiptCard } from '../../src/cards/concern-cards';
import { concernChannelPostCard, concernDeletedCard, concernReportCard } from '../../src/cards/concern-post-cards';
import { forumFollowupCard, forumFollowupPostCard, forumNudgeCard, forumRegistryCard } from '../../src/cards/forum-cards';
import { helpCard, noticeCard, routineCard, welcomeCard } from '../../src/cards/general-cards';
import type { Forum } from '../../src/domain/forum/forum';
import { newMeeting } from '../../src/domain/forum/meeting';
import { surveyAdminCard, surveyCard, surveyResultsCard, surveyStatusCard, type StartRefusal } from '../../src/cards/survey-cards';
import { aggregateResults, type SurveyResults } from '../../src/domain/survey/results';
import type { CompletionTable } from '../../src/domain/survey/completion';
import type { SurveyAnswer } from '../../src/domain/survey/survey-answer';
import type { SurveyRound } from '../../src/domain/survey/survey-round';
import type { AdaptiveCardJson } from '../../src/cards/render-card';
import { DEFAULT_REPORTING_DUTY_REFERENCE, districtSchema, loadDistrictConfig } from '../../src/config/district';
import { concernFormSchema, validateConcernForm } from '../../src/domain/concern/concern-form';
import { buildConcernReport, type ConcernReport } from '../../src/domain/concern/concern-report';
import { applyCaseAction, CASE_NOTE_MAX_LENGTH, newCase, type CaseAction } from '../../src/domain/concern/case';
import type { FollowUpEntry } from '../../src/domain/concern/follow-up';
import { dueCaseReminders } from '../../src/domain/concern/case-deadlines';
import { stringsFor, type Language } from '../../src/domain/i18n';
import { checkCard, narrowTableProblems } from '../support/validate-card';
import { lagesbildCard } from '../../src/cards/lagesbild-card';
import { buildLagesbild } from '../../src/domain/lagesbild/lagesbild';

const district = loadDistrictConfig();
const now = new Date('2026-11-28T09:30:00Z');
const LONGEST = 'Å'.repeat(2000);

function report(overrides: Record<string, string> = {}, handled = false) {
  const values = concernFormSchema.parse({
    eventDate: '2026-11-20',
    eventTypes: 'concern_individual,graffiti,opinions,threats,posters,symbol,online,other',
    environment: 'islamist',
    placeType: 'public_transport',
    area: 'alvsjo',
    unit: 'socialtjanst-barn-unga',
    description: LONGEST,
    policeInformed: 'unknown',
    socialServicesReport: 'yes',
    reportedInIA: 'not_applicable',
    contactMe: 'true',
    ...overrides,
  });
  const validation = validateConcernForm(
    values,
    { areaIds: district.areas.map((a) => a.id), unitIds: district.units.map((u) => u.id) },
    '2026-11-28',
  );
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  const built = buildConcernReport({
    draft: validation.draft,
    districtId: district.id,
    year: 2026,
    sequence: 12,
    reference: 'VBE-2026-0012',
    now,
    reporter: { aadObjectId: 'x', name: 'Sara "Citat" Lärare', userPrincipalName: 'sara@example.org' },
  });
  return handled ? { ...built, status: 'handled' as const, handled: { byName: 'Kim', on: '2026-11-29' } } : built;
}

/** The report taken through its case up to `state`, with the longest close note. */
function caseReport(state: 'assessing' | 'closed'): ConcernReport {
  let record = newCase();
  const steps: CaseAction[] = [{ kind: 'acknowledge' }, { kind: 'assess' }];
  if (state === 'closed') steps.push({ kind: 'close', outcome: 'samverkan_referral', note: 'Ö'.repeat(CASE_NOTE_MAX_LENGTH) });
  for (const [i, action] of steps.entries()) {
    const result = applyCaseAction(record, action, 'Kim "Citat" Samordnare', new Date(now.getTime() + (i + 1) * 3_600_000));
    if (!result.ok) throw new Error(action.kind);
    record = result.case;
  }
  return { ...report(), case: record };
}

const FOLLOW_UPS: FollowUpEntry[] = [
  { id: 'q1', kind: 'question', at: '2026-11-29T10:00:00Z', text: 'Q'.repeat(1000), byName: 'Kim Samordnare' },
  { id: 'a1', kind: 'answer', at: '2026-11-29T12:00:00Z', text: 'A'.repeat(1000), questionId: 'q1' },
  { id: 'q2', kind: 'question', at: '2026-11-30T10:00:00Z', text: 'Fråga två?', byName: 'Kim Samordnare' },
  { id: 'd2', kind: 'declined', at: '2026-11-30T11:00:00Z', questionId: 'q2' },
  { id: 'x1', kind: 'addition', at: '2026-12-01T08:00:00Z', text: 'T'.repeat(1000) },
];

function round(state: SurveyRound['state']): SurveyRound {
  return { id: `enkat-2026-${state}`, year: 2026, opensOn: '2026-11-01', closesOn: '2026-11-30', targetUnitIds: district.units.map((u) => u.id), reminderDaysBeforeClose: [7, 2], state };
}

/** Every unit's teams: the first not found, the second too slow, and one unit with no team at all. */
function startRefusal(kind: 'teams_unreadable' | 'teams_try_again', canStartAnyway: boolean): StartRefusal {
  const [first, second] = district.units;
  return {
    roundId: 'enkat-2026-draft',
    kind,
    canStartAnyway,
    teams: [
      { unitId: first!.id, teamId: first!.teamIds[0], problem: kind === 'teams_try_again' ? 'try_again' : 'not_found', wholeUnit: true },
      { unitId: second!.id, teamId: second!.teamIds[0], problem: kind === 'teams_try_again' ? 'try_again' : 'not_found', wholeUnit: true },
      ...(kind === 'teams_unreadable' ? [{ unitId: 'enhet-utan-team', problem: 'no_team' as const, wholeUnit: true }] : []),
    ],
  };
}

function notReachedRound(): SurveyRound {
  const [first, second] = district.units;
  return { ...round('open'), notReached: [{ unitId: first!.id, teamId: first!.teamIds[0], problem: 'not_found', wholeUnit: true }, { unitId: second!.id, teamId: 'x', problem: 'not_found', wholeUnit: false }] };
}

function notReachedCompletion(): CompletionTable {
  const table: CompletionTable = completion(3);
  const [first, second] = district.units;
  table.units[0] = { ...table.units[0]!, unitId: first!.id, invited: 0, rate: null, notReached: 'whole_unit' };
  table.units[1] = { ...table.units[1]!, unitId: second!.id, notReached: 'some_teams' };
  return table;
}

/** A round for three of the district's units. */
const SURVEY_ROUND: SurveyRound = { ...round('open'), id: 'enkat-2026-abc', targetUnitIds: district.units.slice(1, 4).map((u) => u.id) };

function completion(units: number) {
  const figures = { invited: 120, pending: 3, delivered: 110, unreachable: 5, failed: 2, answered: 77, rate: 0.64 };
  return { units: Array.from({ length: units }, (_, i) => ({ ...figures, unitId: `enhet-${i}` })), total: { ...figures, invited: 120 * units } };
}

const FORUMS: Forum[] = ['SSPF Västberga', 'Polis–skola Älvsjö'].map((name, i) => ({
  id: `forum-${i}`,
  name,
  chair: { aadObjectId: `0000000${i}-3333-4333-8333-333333333333`, name: 'Mona Rektor' },
  cadence: i === 0 ? { kind: 'monthly', nth: 2, weekday: 2 } : { kind: 'dates', dates: ['2027-05-11', '2027-06-08'] },
  time: '13:00',
  leadWorkingDays: 5,
  nextMeetingOn: '2027-05-11',
  registeredOn: '2026-09-01',
}));
const MEETING = newMeeting('forum-0', '2027-05-11', '13:00');

/** The plan's 14 activities with the longest title, and a retired one. */
const ACTIVITIES: Activity[] = Array.from({ length: 15 }, (_, i) => ({
  id: `activity-${i}`,
  title: i === 0 ? LONGEST.slice(0, 500) : `Aktivitet ${i}: säkerställa att relevant personal genomför den webbaserade grundutbildningen om VBE.`,
  category: (['preventive', 'preventing', 'competence'] as const)[i % 3]!,
  responsible: { role: 'Avd. chef Samhällsplanering, Förvaltningens samordnare mot VBE', users: i % 2 ? [{ aadObjectId: `0000000${i % 10}-3333-4333-8333-333333333333`, name: 'Mona Rektor' }] : [] },
  schedule: i === 1 ? { kind: 'range', from: '2026-01-01', to: '2026-06-30' } : { kind: 'ongoing' },
  followUp: 'yearly',
  position: i,
  registeredOn: '2026-09-01',
  retired: i === 14,
  ...(i === 14 ? { retiredOn: '2026-10-01' } : {}),
}));

function activityCatalogue(language: Language): Array<[string, AdaptiveCardJson]> {
  const t = stringsFor(language);
  const answer = { activityId: 'activity-1', year: 2026, status: 'on_track' as const, whatWasDone: LONGEST, nextYear: LONGEST, answeredAt: '2026-11-03T10:00:00Z', answeredBy: { aadObjectId: 'x', name: 'Mona Rektor' } };
  const overview = {
    year: 2026,
    dueOn: '2026-11-02',
    sent: true,
    completion: new Map(ACTIVITIES.map((activity) => [activity.id, { asked: 2, answered: activity.id === 'activity-1' }])),
    answers: new Map([['activity-1', answer]]),
  };
  return [
    ['activity registry (empty)', activityRegistryCard({ t, activities: [], year: 2026, dueOn: '2026-11-02', sent: false, completion: new Map(), answers: new Map() })],
    ['activity registry (15 activities, one retired)', activityRegistryCard({ t, activities: ACTIVITIES, ...overview, message: t.activity.registry.saved })],
    [
      'activity registry (editing, refused)',
      activityRegistryCard({
        t,
        activities: ACTIVITIES,
        ...overview,
        editing: ACTIVITIES[1],
        values: { title: '', category: 'preventive', responsibleRole: 'Enhetschef', responsibleUsers: '29:someone', scheduleKind: 'range', scheduleFrom: '2026-06-30', scheduleTo: '2026-01-01' },
        problems: { title: { kind: 'required' }, responsibleUsers: { kind: 'unknown_user' }, scheduleTo: { kind: 'ends_before_start' } },
        users: [{ aadObjectId: '29:someone', name: 'Mona Rektor' }],
      }),
    ],
    ['activity follow-up', activityFollowUpCard({ t, activity: ACTIVITIES[0]!, year: 2026 })],
    ['activity follow-up (reminder, answered before)', activityFollowUpCard({ t, activity: ACTIVITIES[1]!, year: 2026, reminder: true, answer })],
    [
      'activity follow-up (refused identifying data)',
      activityFollowUpCard({
        t,
        activity: ACTIVITIES[1]!,
        year: 2026,
        values: { status: 'done', whatWasDone: 'Ring 070-123 45 67', nextYear: LONGEST },
        problems: { whatWasDone: { kind: 'identifying_data', found: ['phone'] }, nextYear: { kind: 'too_long', max: 2000 } },
      }),
    ],
  ];
}

function forumCatalogue(language: Language): Array<[string, AdaptiveCardJson]> {
  const t = stringsFor(language);
  const figures = { lastMonth: 4, year: 31 };
  return [
    ['forum registry (empty)', forumRegistryCard({ t, forums: [] })],
    ['forum registry (forums)', forumRegistryCard({ t, forums: FORUMS, message: t.forum.registry.saved })],
    [
      'forum registry (editing, refused)',
      forumRegistryCard({
        t,
        forums: FORUMS,
        editing: FORUMS[0],
        values: { name: 'SSPF Västberga', chair: FORUMS[0]!.chair.aadObjectId, cadence: 'monthly', time: '25:00' },
        problems: { time: { kind: 'invalid_time' }, name: { kind: 'duplicate_name' } },
      }),
    ],
    ['forum nudge', forumNudgeCard({ t, forum: FORUMS[0]!, meeting: MEETING, reminder: false, figures })],
    ['forum nudge (reminder, refused reason)', forumNudgeCard({ t, forum: FORUMS[0]!, meeting: MEETING, reminder: true, figures, values: { reason: 'x' }, problem: t.problems.too_long(500) })],
    ['forum follow-up', forumFollowupCard({ t, forum: FORUMS[0]!, meeting: MEETING })],
    ['forum follow-up post', forumFollowupPostCard(t, FORUMS[0]!, { ...MEETING, followup: { discussed: 'yes', note: 'Bra samtal.' } })],
    ['notice', noticeCard(t.survey.title, t.survey.thanks)],
  ];
}

/** A report still new at its close reminder (both reminders), one a day before the target, one past it. */
function caseReminderCatalogue(language: Language): Array<[string, AdaptiveCardJson]> {
  const t = stringsFor(language);
  const settings = { ackWorkingDays: 2, closeTargetDays: 90 };
  const [acknowledge, close] = dueCaseReminders(report(), '2027-02-12', settings);
  const [, tomorrow] = dueCaseReminders(report(), '2027-02-25', settings);
  const [, past] = dueCaseReminders(report(), '2027-03-10', settings);
  return [
    ['case reminder (acknowledge)', caseReminderCard(t, acknowledge!, settings)],
    ['case reminder (close, in 14 days)', caseReminderCard(t, close!, settings)],
    ['case reminder (close, tomorrow)', caseReminderCard(t, tomorrow!, settings)],
    ['case reminder (close, passed)', caseReminderCard(t, past!, settings)],
  ];
}

function catalogue(language: Language): Array<[string, AdaptiveCardJson]> {
  const t = stringsFor(language);
  const rejected = validateConcernForm(
    concernFormSchema.parse({ eventDate: '2030-01-01', eventTypes: 'x', description: 'Ring 070-123 45 67, mejla a@b.se' }),
    { areaIds: [], unitIds: [] },
    '2026-11-28',
  );
  return [
    ['welcome', welcomeCard(t)],
    ['routine', routineCard(t, district)],
    ['help (staff)', helpCard(t, 'staff')],
    ['help (coordinator)', helpCard(t, 'coordinator')],
    ['help (answering free text)', helpCard(t, 'staff', { unknownText: true })],
    ['concern form (empty)', concernFormCard({ t, district, today: '2026-11-28' })],
    [
      'concern form (every field refused, longest text kept)',
      concernFormCard({
        t,
        district,
        today: '2026-11-28',
        values: concernFormSchema.parse({ description: LONGEST, eventTypes: 'x', contactMe: 'maybe' }),
        problems: rejected.ok ? {} : rejected.problems,
      }),
    ],
    ['concern form (rate limited)', concernFormCard({ t, district, today: '2026-11-28', formError: t.errors.rate_limited('11:30') })],
    ['concern receipt', concernReceiptCard(t, district, report())],
    ['channel post (contact)', concernChannelPostCard(t, district, report())],
    ['channel post (anonymous)', concernChannelPostCard(t, district, report({ contactMe: 'false' }))],
    ['channel post (handled)', concernChannelPostCard(t, district, report({}, true))],
    ['channel post (new answer, being assessed)', concernChannelPostCard(t, district, { ...caseReport('assessing'), unseenFollowUp: true })],
    [
      'channel post (close refused, typed values kept)',
      concernChannelPostCard(t, district, caseReport('assessing'), { values: { outcome: 'nope', note: LONGEST.slice(0, 600) }, problems: { outcome: { kind: 'invalid_choice' }, note: { kind: 'too_long', max: 500 } } }),
    ],
    ['channel post (closed)', concernChannelPostCard(t, district, caseReport('closed'))],
    ['report view (new)', concernReportCard(t, district, report())],
    ['report view (closed, history, follow-ups)', concernReportCard(t, district, { ...caseReport('closed'), followUps: FOLLOW_UPS })],
    ['report deleted', concernDeletedCard(t, 'VBE-2026-0012', '2028-12-01')],
    ...caseReminderCatalogue(language),
    ['survey', surveyCard({ t, district, round: SURVEY_ROUND })],
    ['survey (reminder)', surveyCard({ t, district, round: SURVEY_ROUND, reminder: true })],
    [
      'survey (refused, answers kept)',
      surveyCard({
        t,
        district,
        round: round('open'),
        values: { q_observed: 'yes', q_frequency: '0', q_training_need: 'none,legal', q_comment: LONGEST.slice(0, 1000) },
        problems: { q_frequency: { kind: 'inconsistent' }, q_training_need: { kind: 'exclusive_choice', option: 'none' }, q_unit: { kind: 'required' }, q_comment: { kind: 'identifying_data', found: ['phone'] } },
      }),
    ],
    ['survey admin (no rounds)', surveyAdminCard({ t, district, rounds: [], today: '2026-11-28' })],
    [
      'survey admin (rounds, refused form)',
      surveyAdminCard({
        t,
        district,
        today: '2026-11-28',
        rounds: [round('draft'), round('open'), round('closed')],
        values: { year: '2026', opensOn: '2026-12-01', closesOn: '2026-11-01' },
        problems: { closesOn: { kind: 'closes_before_opens' }, round: { kind: 'another_round_open', roundId: 'x', opensOn: '2026-11-01', closesOn: '2026-11-30' } },
      }),
    ],
    [
      'survey admin (editing a draft, refused)',
      surveyAdminCard({
        t,
        district,
        today: '2026-11-28',
        rounds: [round('draft'), round('open')],
        editing: round('draft'),
        values: { year: '2026', opensOn: '2026-11-02', closesOn: '2026-11-30', targetUnitIds: 'narnia' },
        problems: { targetUnitIds: { kind: 'unknown_units', unitIds: ['narnia'] }, reminderDaysBeforeClose: { kind: 'reminder_before_open', days: [28] }, round: { kind: 'overlaps_round', roundId: 'y', opensOn: '2026-11-20', closesOn: '2026-12-10' } },
      }),
    ],
    ['survey admin (start refused: teams not readable)', surveyAdminCard({ t, district, today: '2026-11-28', rounds: [round('draft')], startRefusal: startRefusal('teams_unreadable', true) })],
    ['survey admin (start refused: no team readable)', surveyAdminCard({ t, district, today: '2026-11-28', rounds: [round('draft')], startRefusal: startRefusal('teams_unreadable', false) })],
    ['survey admin (start refused: try again)', surveyAdminCard({ t, district, today: '2026-11-28', rounds: [round('draft')], startRefusal: startRefusal('teams_try_again', false) })],
    [
      'survey admin (started anyway, refusal in red)',
      surveyAdminCard({ t, district, today: '2026-11-28', rounds: [notReachedRound()], message: t.survey.refusals.round_started, messageColor: 'Attention' }),
    ],
    ['survey status (units not reached)', surveyStatusCard(t, district, notReachedRound(), notReachedCompletion())],
    ['survey status (50 units)', surveyStatusCard(t, district, round('open'), completion(50))],
    ['survey results (50 units, 1000-character comments)', surveyResultsCard(t, district, round('closed'), results(50, 12))],
    ['survey results (too few answers)', surveyResultsCard(t, district, round('closed'), results(1, 3))],
    ['survey results (comments withheld)', surveyResultsCard(t, district, round('closed'), results(2, 5))],
    ...forumCatalogue(language),
    ...activityCatalogue(language),
    ...lagesbildCatalogue(language),
  ];
}

/** The lägesbild card: a first year with no survey, and a year compared with the one before. */
function lagesbildCatalogue(language: Language): Array<[string, AdaptiveCardJson]> {
  const t = stringsFor(language);
  const url = `https://bot.example.org/lagesbild/${'A'.repeat(43)}`;
  const base = { year: 2026, period: { from: '2026-01-01', to: '2027-01-01' }, previousPeriod: { from: '2025-01-01', to: '2026-01-01' }, forums: [], activities: [] };
  const reports = Array.from({ length: 14 }, (_, i) => ({ submittedOn: i < 9 ? '2026-03-01' : '2025-05-01', eventTypes: ['graffiti'], environment: 'white_power', placeType: 'school', area: 'hagersten' }));
  const first = buildLagesbild({ ...base, hasDataBefore: false, reports });
  const compared = buildLagesbild({
    ...base,
    hasDataBefore: true,
    reports,
    survey: { roundId: 'r', year: 2026, opensOn: '2026-11-02', closedOn: '2026-11-20', results: results(3, 6), completion: completion(3) },
  });
  return [
    ['lägesbild (first year, no survey)', lagesbildCard(t, district, { figures: first, url, minutes: 15 })],
    ['lägesbild (compared, survey)', lagesbildCard(t, district, { figures: compared, url, minutes: 15 })],
  ];
}

/** Results of `units` units with `perUnit` answers each, every answer with a comment of the longest kind. */
function results(units: number, perUnit: number): SurveyResults {
  const unitIds = Array.from({ length: units }, (_, i) => `enhet-${i}`);
  const answer: SurveyAnswer = {
    q_unit: '',
    q_observed: 'yes',
    q_types: ['posters', 'symbol', 'online'],
    q_frequency: '3-5',
    q_environment: ['white_power', 'islamist'],
    q_met_sympathiser: 'unsure',
    q_threatened: 'no',
    q_reported_police: 'not_applicable',
    q_problem: 4,
    q_knows_routine: 'yes',
    q_knows_coordinator: 'no',
    q_training_done: 'yes',
    q_training_need: ['legal'],
  };
  const answers = unitIds.flatMap((unitId, u) =>
    Array.from({ length: u === 0 ? 3 : perUnit }, (_, i) => ({ ...answer, q_unit: unitId, q_comment: `${u}-${i} ${LONGEST.slice(0, 990)}` })),
  );
  return aggregateResults(answers, { unitIds });
}

describe.each(['sv', 'en'] as const)('every card the bot sends, in %s', (language) => {
  it.each(catalogue(language))('%s parses without errors, is at most 1.5 and well under 80 KB', (_name, card) => {
    const check = checkCard(card);
    expect(check.errors).toEqual([]);
    expect(check.version).toBe('1.5');
    expect(check.bytes).toBeLessThan(80 * 1024);
  });
});

describe('card content', () => {
  it.each(['sv', 'en'] as const)('case reminder in %s: reference, state, age and what is overdue; no report text, no unit, no reporter', (language) => {
    const t = stringsFor(language);
    const settings = { ackWorkingDays: 2, closeTargetDays: 90 };
    const reminders = dueCaseReminders(report(), '2027-02-12', settings);
    expect(reminders.map((reminder) => reminder.kind)).toEqual(['acknowledge', 'close']);
    const [acknowledge, close] = reminders.map((reminder) => JSON.stringify(caseReminderCard(t, reminder, settings)));
    const unitName = district.units.find((unit) => unit.id === 'socialtjanst-barn-unga')!.name;
    for (const card of [acknowledge!, close!]) {
      expect(card).toContain('VBE-2026-0012');
      expect(card).toContain(t.case.states.new);
      expect(card).toContain(language === 'sv' ? '76 dagar' : '76 days');
      for (const leak of ['ÅÅÅ', unitName, 'socialtjanst-barn-unga', 'Lärare', 'sara@example.org']) expect(card).not.toContain(leak);
    }
    expect(acknowledge).toContain(language === 'sv' ? 'senast tisdag 1 december 2026 (2 arbetsdagar' : 'by Tuesday 1 December 2026 (2 working days');
    expect(close).toContain(language === 'sv' ? 'inom 90 dagar, senast fredag 26 februari 2027: om 14 dagar' : 'within 90 days, by Friday 26 February 2027: in 14 days');
  });

  it('results: says how many comments did not fit, withholds comments below 10 answers, shows nothing below 5', () => {
    const t = stringsFor('sv');
    const many = JSON.stringify(surveyResultsCard(t, district, round('closed'), results(50, 12)));
    expect(many).toMatch(/\d+ kommentarer till ryms inte i kortet/);
    const few = JSON.stringify(surveyResultsCard(t, district, round('closed'), results(2, 5)));
    expect(few).toContain('Kommentarer visas bara där det finns minst 10 svar');
    expect(few).not.toContain(LONGEST.slice(0, 990));
    const none = JSON.stringify(surveyResultsCard(t, district, round('closed'), results(1, 3)));
    expect(none).toContain('Färre än 5 svar i hela omgången');
    expect(none).not.toContain('FactSet');
  });

  it('survey admin: a refused round says in sentences what is wrong, naming the other round by its dates, never a field name', () => {
    const t = stringsFor('sv');
    const card = JSON.stringify(
      surveyAdminCard({ t, district, today: '2026-11-28', rounds: [], problems: { round: { kind: 'overlaps_round', roundId: 'y', opensOn: '2026-11-20', closesOn: '2026-12-10' }, closesOn: { kind: 'closes_before_opens' } } }),
    );
    expect(card).toContain('Dagarna överlappar utkastet 2026-11-20 – 2026-12-10.');
    expect(card).toContain('Stängningsdagen ligger före öppningsdagen.');
    expect(card).not.toMatch(/round: |closesOn: /);
  });

  it('survey admin: a draft has Starta, Ändra and a Ta bort that asks first; a started round has neither', () => {
    const t = stringsFor('sv');
    const card = surveyAdminCard({ t, district, today: '2026-11-28', rounds: [round('draft'), round('open')] });
    const [draft, open] = (card.body as any[]).filter((element) => element.type === 'Container' && element.items?.some((item: any) => item.type === 'ActionSet'));
    const titles = (container: any) => container.items.find((item: any) => item.type === 'ActionSet').actions.map((action: any) => action.title);
    expect(titles(draft)).toEqual(['Starta', 'Ändra', 'Ta bort']);
    const remove = draft.items.find((item: any) => item.type === 'ActionSet').actions[2];
    expect(remove.type).toBe('Action.ShowCard');
    expect(remove.card.actions[0]).toMatchObject({ title: 'Ja, ta bort utkastet', verb: 'survey.delete', associatedInputs: 'none', data: { roundId: 'enkat-2026-draft' } });
    expect(titles(open)).toEqual(['Stäng i förväg', 'Visa status']);
  });

  it('survey admin: unreadable teams are named by unit and team id with what to do; "Starta ändå" only where someone can be reached', () => {
    const t = stringsFor('sv');
    const [first] = district.units;
    const card = (refusal: StartRefusal) => surveyAdminCard({ t, district, today: '2026-11-28', rounds: [round('draft')], startRefusal: refusal });
    const unreadable = JSON.stringify(card(startRefusal('teams_unreadable', true)));
    expect(unreadable).toContain(`${first!.name} (team ${first!.teamIds[0]}): Teams ger inte appen tillgång till teamet. Appen måste läggas till i teamet i Teams`);
    expect(unreadable).toContain('inget team är angivet för enheten');
    expect(unreadable).toMatch(/"title":"Starta ändå","verb":"survey\.start","associatedInputs":"none","data":\{"roundId":"enkat-2026-draft","startAnyway":true\}/);
    expect(JSON.stringify(card(startRefusal('teams_unreadable', false)))).not.toContain('Starta ändå');
    const passing = JSON.stringify(card(startRefusal('teams_try_again', false)));
    expect(passing).toContain('Tryck Starta igen om en stund.');
    expect(passing).not.toContain('Starta ändå');
    expect(passing).not.toContain('Appen måste läggas till');
  });

  it('survey status: a unit the round did not reach says so in its row, with a note', () => {
    const t = stringsFor('sv');
    const card = JSON.stringify(surveyStatusCard(t, district, notReachedRound(), notReachedCompletion()));
    const [first, second] = district.units;
    expect(card).toContain(`${first!.name} (nåddes inte)`);
    expect(card).toContain(`${second!.name} (delvis nådd)`);
    expect(card).toContain('fick ingen enkät och räknas inte bland de inbjudna');
    expect(JSON.stringify(surveyStatusCard(t, district, round('open'), completion(3)))).not.toMatch(/nåddes inte|delvis nådd/);
  });

  it('the validator catches what it must (a test that can fail)', () => {
    const broken = { type: 'AdaptiveCard', version: '1.6', body: [{ type: 'Input.Text', id: 'a', isRequired: true }] };
    expect(checkCard(broken).errors.join('\n')).toMatch(/above 1\.5[\s\S]*no label[\s\S]*no errorMessage/);
  });

  it('the validator refuses a required input whose error message only repeats its label (a test that can fail)', () => {
    const card = (errorMessage: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Date', id: 'opensOn', label: 'Öppnar', isRequired: true, errorMessage }] });
    expect(checkCard(card('Öppnar')).errors.join('\n')).toMatch(/errorMessage that is no sentence of its own: "Öppnar"/);
    expect(checkCard(card('välj en dag')).errors).toHaveLength(1);
    expect(checkCard(card('Välj dagen då enkäten öppnar.')).errors).toEqual([]);
  });

  it('the validator refuses an action that would validate a form it does not submit (a test that can fail)', () => {
    const form = { type: 'Input.Text', id: 'year', label: 'År', isRequired: true, errorMessage: 'Ange året.' };
    const start = { type: 'Action.Execute', title: 'Starta', verb: 'survey.start', data: { roundId: 'r' } };
    const card = (...actions: object[]) => ({ type: 'AdaptiveCard', version: '1.5', body: [form, { type: 'ActionSet', actions }] });
    expect(checkCard(card(start)).errors.join('\n')).toMatch(/"Starta" \(survey\.start\) collects inputs it does not submit \(year\); the empty required year would block the click/);
    expect(checkCard(card({ ...start, associatedInputs: 'none' })).errors).toEqual([]);
    // Inside a ShowCard an action also takes the parent card's inputs.
    const confirm = { type: 'Action.Execute', title: 'Ja', verb: 'meeting.cancel', data: {} };
    const nested = card({ type: 'Action.ShowCard', title: 'Ställ in', card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Säker?' }], actions: [confirm] } });
    expect(checkCard(nested).errors.join('\n')).toMatch(/"Ja" \(meeting\.cancel\) collects inputs it does not submit \(year\)/);
    // The form's own submit may collect its inputs, but must not send none of them.
    expect(checkCard(card({ type: 'Action.Execute', title: 'Skapa', verb: 'survey.create', data: {} })).errors).toEqual([]);
    expect(checkCard(card({ type: 'Action.Execute', title: 'Skapa', verb: 'survey.create', associatedInputs: 'none' })).errors.join('\n')).toMatch(/submits a form but sends none/);
  });

  it('survey: the unit question offers the round\'s units only, and the card says the last day (and that a reminder is one)', () => {
    const t = stringsFor('sv');
    const card = surveyCard({ t, district, round: SURVEY_ROUND });
    const unitQuestion = JSON.stringify(card).match(/"id":"q_unit".*?"choices":(\[[^\]]*\])/)?.[1];
    expect(JSON.parse(unitQuestion!).map((choice: { value: string }) => choice.value)).toEqual(SURVEY_ROUND.targetUnitIds);
    const texts = JSON.stringify(card);
    expect(texts).toContain('Svara senast måndag 30 november 2026.');
    expect(texts).not.toContain('Påminnelse');
    const reminder = JSON.stringify(surveyCard({ t, district, round: SURVEY_ROUND, reminder: true }));
    expect(reminder).toContain('Påminnelse: du har inte svarat ännu. Sista dagen att svara är måndag 30 november 2026.');
    expect(JSON.stringify(surveyCard({ t: stringsFor('en'), district, round: SURVEY_ROUND, reminder: true }))).toContain('Reminder: you have not answered yet.');
  });

  it('survey status: a refresh button that asks for the same status, reading no input', () => {
    const card = surveyStatusCard(stringsFor('sv'), district, round('open'), completion(2));
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', title: 'Uppdatera', verb: 'survey.status', associatedInputs: 'none', data: { roundId: 'enkat-2026-open' } })]);
    expect(narrowTableProblems(card)).toEqual([]);
  });

  it.each(['sv', 'en'] as const)('help in %s, answering free text: says nothing was sent and offers the form as the welcome card does', (language) => {
    const t = stringsFor(language);
    const card = helpCard(t, 'staff', { unknownText: true });
    expect((card.body as Array<{ text: string }>)[0]!.text).toBe(t.help.notSent);
    expect(t.help.notSent).toMatch(language === 'sv' ? /inte skickats till någon/ : /not been sent to anyone/);
    const formButton = (welcomeCard(t).actions as Array<{ data: unknown; title: string }>)[0]!;
    expect(card.actions).toEqual([expect.objectContaining({ title: formButton.title, data: formButton.data, associatedInputs: 'none' })]);
    // Asked for, the help is just the help.
    expect(JSON.stringify(helpCard(t, 'staff'))).not.toContain(t.help.notSent);
    expect(helpCard(t, 'staff').actions ?? []).toEqual([]);
  });

  it('nudge: cancelling has its own button and asks first; removing a forum asks first, naming it', () => {
    const t = stringsFor('sv');
    const nudge = forumNudgeCard({ t, forum: FORUMS[0]!, meeting: MEETING, reminder: false, figures: { lastMonth: 1, year: 2 } });
    const showCards = (nudge.actions as Array<{ type: string; title: string; card?: { actions: Array<{ verb: string; title: string }> } }>).filter((a) => a.type === 'Action.ShowCard');
    expect(showCards.map((a) => [a.title, a.card!.actions.map((inner) => inner.verb)])).toEqual([
      ['Inte aktuellt denna gång', ['agenda.skip']],
      ['Flytta mötet', ['meeting.move']],
      ['Ställ in mötet', ['meeting.cancel']],
    ]);
    const registry = forumRegistryCard({ t, forums: FORUMS });
    const json = JSON.stringify(registry);
    // "Ta bort" sends nothing itself: the remove verb sits behind "Ja, ta bort <forum>".
    expect(json).toMatch(/"type":"Action.ShowCard","title":"Ta bort","card":\{[^]*?"title":"Ja, ta bort SSPF Västberga","verb":"forum.remove"/);
    expect(json.match(/"verb":"forum.remove"/g)).toHaveLength(FORUMS.length);
    expect(json).not.toMatch(/"title":"Ta bort","verb"/);
  });

  it('a notice keeps a text that is still needed as a paragraph of its own', () => {
    const t = stringsFor('sv');
    const card = noticeCard('SSPF Västberga', [t.forum.nudge.confirmed, t.forum.nudge.suggestion]);
    expect((card.body as Array<{ text: string }>).map((block) => block.text)).toEqual(['SSPF Västberga', t.forum.nudge.confirmed, t.forum.nudge.suggestion]);
  });

  it('a refused nudge answer says under which button the typed text waits', () => {
    for (const language of ['sv', 'en'] as const) {
      const t = stringsFor(language);
      const refused = (values: { reason?: string; newDate?: string }) =>
        JSON.stringify(forumNudgeCard({ t, forum: FORUMS[0]!, meeting: MEETING, reminder: false, figures: { lastMonth: 1, year: 2 }, values, problem: t.problems.too_long(500) }));
      expect(refused({ reason: 'för långt' })).toContain(t.forum.nudge.keptUnder(t.forum.nudge.skip));
      expect(refused({ newDate: '2027-05-12' })).toContain(t.forum.nudge.keptUnder(t.forum.nudge.move));
      expect(JSON.stringify(forumNudgeCard({ t, forum: FORUMS[0]!, meeting: MEETING, reminder: false, figures: { lastMonth: 1, year: 2 } }))).not.toContain(t.forum.nudge.keptUnder(t.forum.nudge.skip));
    }
  });

  it('routine: cites the duty to report from the district file, the act in force (2025:400) by default', () => {
    const sv = JSON.stringify(routineCard(stringsFor('sv'), district));
    expect(sv).toContain('Anmälningsskyldigheten finns i socialtjänstlagen (2025:400).');
    expect(sv).not.toContain('14 kap.');
    expect(JSON.stringify(routineCard(stringsFor('en'), district))).toContain('Social Services Act (2025:400)');
    // Without the field the schema's default applies; with it, the district's own text.
    const { reportingDutyReference: _omitted, ...raw } = district;
    expect(districtSchema.parse(raw).reportingDutyReference).toEqual(DEFAULT_REPORTING_DUTY_REFERENCE);
    const corrected = districtSchema.parse({ ...raw, reportingDutyReference: { sv: '19 kap. 2 § socialtjänstlagen (2025:400)', en: 'x' } });
    expect(JSON.stringify(routineCard(stringsFor('sv'), corrected))).toContain('19 kap. 2 § socialtjänstlagen (2025:400)');
  });

  it('shows no reporter on an anonymous channel post, and no contact action', () => {
    const card = concernChannelPostCard(stringsFor('sv'), district, report({ contactMe: 'false' }));
    const json = JSON.stringify(card);
    expect(json).not.toContain('Sara');
    expect(json).not.toContain('sara@example.org');
    expect(json).toContain('Anonym');
    expect((card.actions as Array<{ type: string }>).map((action) => action.type)).not.toContain('Action.OpenUrl');
  });

  it.each(['sv', 'en'] as const)('channel post in %s: no description, the unit only with contactMe, the buttons the state allows', (language) => {
    const t = stringsFor(language);
    const unitName = district.units.find((unit) => unit.id === 'socialtjanst-barn-unga')!.name;
    const titles = (card: AdaptiveCardJson) => (card.actions as Array<{ title: string }>).map((action) => action.title);
    const anonymous = concernChannelPostCard(t, district, report({ contactMe: 'false' }));
    expect(JSON.stringify(anonymous)).not.toContain('ÅÅÅ');
    expect(JSON.stringify(anonymous)).not.toContain(unitName);
    expect(titles(anonymous)).toEqual([t.case.view, t.followUp.ask.button, t.channelPost.acknowledge]);
    const withContact = concernChannelPostCard(t, district, report());
    expect(JSON.stringify(withContact)).not.toContain('ÅÅÅ');
    expect(JSON.stringify(withContact)).toContain(unitName);
    expect(titles(concernChannelPostCard(t, district, caseReport('assessing')))).toEqual([t.case.view, t.followUp.ask.button, t.case.buttons.close, t.channelPost.contactButton]);
    const closed = concernChannelPostCard(t, district, caseReport('closed'));
    expect(titles(closed)).toEqual([t.case.view, t.case.buttons.reopen, t.channelPost.contactButton]);
    expect(JSON.stringify(closed)).toContain(t.case.stateWithOutcome(t.case.states.closed, t.case.outcomes.samverkan_referral));
    // A closed case asks the reporter nothing more (their way back goes 30 days after close).
    expect(titles(closed)).not.toContain(t.followUp.ask.button);
    // The close note is shown on request only; Visa rapporten has it, and the description.
    expect(JSON.stringify(closed)).not.toContain('ÖÖÖ');
    const view = JSON.stringify(concernReportCard(t, district, caseReport('closed')));
    expect(view).toContain('Ö'.repeat(CASE_NOTE_MAX_LENGTH));
    expect(view).toContain(LONGEST);
    expect(view).toContain(unitName);
  });

  it('keeps user text as data: template syntax in a description is not evaluated', () => {
    const sneaky = '${t.title} {{DATE(2017-02-14T06:08:39Z, SHORT)}} ${$root}';
    const card = concernFormCard({ t: stringsFor('sv'), district, today: '2026-11-28', values: concernFormSchema.parse({ description: sneaky }) });
    expect(JSON.stringify(card)).toContain(JSON.stringify(sneaky).slice(1, -1));
  });

  it('labels options in the card language', () => {
    expect(JSON.stringify(concernFormCard({ t: stringsFor('en'), district, today: '2026-11-28' }))).toContain('Posters/stickers/leaflets');
    expect(JSON.stringify(concernFormCard({ t: stringsFor('sv'), district, today: '2026-11-28' }))).toContain('Affischering/klistermärken/flygblad');
  });
});

describe('the lägesbild card', () => {
  it('says the link works once and for 15 minutes, and opens it with an Action.OpenUrl', () => {
    for (const language of ['sv', 'en'] as const) {
      const [, card] = lagesbildCatalogue(language)[1]!;
      expect((card.body as any[]).map((element) => element.text)).toContain(stringsFor(language).lagesbild.card.linkNote(15));
      expect((card as any).actions).toEqual([{ type: 'Action.OpenUrl', id: 'download', title: stringsFor(language).lagesbild.card.download, url: `https://bot.example.org/lagesbild/${'A'.repeat(43)}` }]);
    }
    const [, first] = lagesbildCatalogue('sv')[0]!;
    expect(JSON.stringify(first)).toContain(stringsFor('sv').lagesbild.firstYear);
    // 9 reports this year against 5 last year.
    expect(JSON.stringify(lagesbildCatalogue('sv')[1]![1])).toContain('"title":"Blanketter","value":"9 (+4)"');
  });
});
