/**
 * The Analys section's draft paragraph: plain, neutral sentences written from the figures, for
 * the coordinator to review ("Utkast – granskas av samordnaren"). They print only what the
 * tables print: a suppressed cell stays "1–2" (or is left unsaid), never an exact count.
 */
import type { Strings } from '../i18n';
import type { CountRow, Lagesbild } from './lagesbild';
import type { ShownCount } from './counts';

export function countText(t: Strings, count: ShownCount): string {
  if (count.kind === 'few') return t.lagesbild.few;
  if (count.kind === 'atLeast3') return t.lagesbild.atLeast3;
  return String(count.value);
}

function reportsSentence(t: Strings, figures: Lagesbild): string {
  const a = t.lagesbild.analysis;
  const total = figures.reports.total;
  if (total.current.kind === 'exact' && total.current.value === 0) {
    return a.reportsNone;
  }
  const start = a.reports(countText(t, total.current));
  if (!total.previous) return start + a.firstYear;
  if (total.change !== null) return start + (total.change > 0 ? a.increase(total.change) : total.change < 0 ? a.decrease(-total.change) : a.same);
  return start + (total.previous.kind === 'few' ? a.previousFew : a.previousUnknown);
}

/** The environment with the most reports, said only as exactly as its cell is shown. */
function environmentSentence(t: Strings, figures: Lagesbild): string | undefined {
  const a = t.lagesbild.analysis;
  const total = figures.reports.total.current;
  if (total.kind !== 'exact' || total.value === 0) return undefined;
  const rows = figures.reports.rows.environment;
  const exactRows = rows.filter((row) => row.current.kind === 'exact' && row.current.value > 0);
  const top = exactRows.sort((x, y) => value(y) - value(x))[0];
  const name = (row: CountRow) => a.environments[row.key as keyof typeof a.environments] ?? row.key;
  if (top && value(top) === total.value) return a.environmentAll(name(top));
  // A cell shown as "≥3" may be larger than the top exact one: then no environment is named.
  if (!top || rows.some((row) => row.current.kind === 'atLeast3')) return undefined;
  if (value(top) * 2 > total.value) return a.environmentSome(value(top), name(top));
  return exactRows.filter((row) => value(row) === value(top)).length === 1 ? a.environmentMost(name(top)) : undefined;
}

function value(row: CountRow): number {
  return row.current.kind === 'exact' ? row.current.value : 0;
}

function eventTypeSentence(t: Strings, figures: Lagesbild): string | undefined {
  const rows = figures.reports.rows.eventType.filter((row) => row.current.kind === 'exact' && row.current.value > 0);
  if (rows.length === 0) return undefined;
  const top = Math.max(...rows.map(value));
  const leaders = rows.filter((row) => value(row) === top);
  // A tie has no single most common type; a "1–2" cell is never ranked against another.
  if (leaders.length !== 1) return undefined;
  const label = t.options.eventTypes[leaders[0]!.key as keyof typeof t.options.eventTypes] ?? leaders[0]!.key;
  return t.lagesbild.analysis.eventTypeMost(label.toLowerCase());
}

function surveySentences(t: Strings, figures: Lagesbild): string[] {
  const a = t.lagesbild.analysis;
  const survey = figures.survey;
  if (!survey) return [a.noSurvey];
  const sentences: string[] = [];
  if (survey.answered !== null)
    sentences.push(survey.invited && survey.responseRate !== null ? a.surveyAnswered(survey.answered, survey.invited, t.lagesbild.percent(survey.responseRate)) : a.surveyAnswers(survey.answered));
  if (!survey.keyFigures) return [...sentences, a.surveyTooFew(survey.minGroupSize)];
  if (survey.keyFigures.q_observed !== null) sentences.push(a.surveyObserved(t.lagesbild.percent(survey.keyFigures.q_observed)));
  if (survey.keyFigures.q_training_done !== null) sentences.push(a.surveyTrainingDone(t.lagesbild.percent(survey.keyFigures.q_training_done)));
  return sentences;
}

function forumSentences(t: Strings, figures: Lagesbild): string[] {
  const a = t.lagesbild.analysis;
  const forums = figures.forums.current;
  if (forums.forums === 0) return [];
  const sentences = [forums.meetings > 0 && forums.discussedShare !== null ? a.forumMeetings(forums.meetings, forums.discussed, t.lagesbild.percent(forums.discussedShare)) : a.forumNoMeetings];
  if (forums.flagged.length > 0) sentences.push(a.forumsFlagged(forums.flagged.length));
  return sentences;
}

function activitySentence(t: Strings, figures: Lagesbild): string | undefined {
  const a = t.lagesbild.analysis;
  const rows = figures.activities;
  if (rows.length === 0) return undefined;
  const parts = (['done', 'on_track', 'delayed', 'not_started'] as const)
    .map((status) => ({ status, count: rows.filter((row) => row.status === status).length }))
    .filter(({ count }) => count > 0)
    .map(({ status, count }) => a.activityPart[status](count));
  const missing = rows.filter((row) => !row.status).length;
  if (missing > 0) parts.push(a.activityNoFollowUp(missing));
  return a.activities(rows.length, parts.join(', '));
}

/** The draft paragraphs of the Analys section, in the document's language. */
export function analysisParagraphs(t: Strings, figures: Lagesbild): string[] {
  const reports = [reportsSentence(t, figures), environmentSentence(t, figures), eventTypeSentence(t, figures)].filter((s): s is string => Boolean(s));
  const survey = surveySentences(t, figures);
  const forums = forumSentences(t, figures);
  const activities = activitySentence(t, figures);
  return [reports.join(' '), survey.join(' '), forums.join(' '), activities ?? ''].filter((paragraph) => paragraph !== '');
}
