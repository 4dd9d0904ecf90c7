import type { DistrictConfig } from '../config/district';
import type { Strings } from '../domain/i18n';
import { countText } from '../domain/lagesbild/analysis';
import { lastDayOf } from '../domain/lagesbild/period';
import { changeText } from '../lagesbild/names';
import type { LagesbildIssue } from '../services/lagesbild-links';
import { renderCard, type AdaptiveCardJson } from './render-card';

/** The coordinator's answer to `lägesbild ÅÅÅÅ`: the key figures and the single-use download link. */
export function lagesbildCard(t: Strings, district: DistrictConfig, issue: LagesbildIssue): AdaptiveCardJson {
  const l = t.lagesbild;
  const { figures } = issue;
  const reports = figures.reports.total;
  const survey = figures.survey;
  const withChange = (value: string, change: number | null) => (figures.comparable ? `${value} (${changeText(t, change)})` : value);
  const vbe = figures.sources.vbeMeetings;
  const facts = [
    { title: l.card.period, value: `${figures.period.from} – ${lastDayOf(figures.period)}` },
    { title: l.card.reports, value: withChange(countText(t, reports.current), reports.change) },
    {
      title: l.card.surveyAnswers,
      value:
        !survey || survey.answered === null
          ? l.card.noSurvey
          : survey.invited !== null && survey.responseRate !== null
            ? `${l.survey.answered(survey.answered, survey.invited)} (${l.percent(survey.responseRate)})`
            : String(survey.answered),
    },
    { title: l.card.vbeMeetings, value: withChange(String(vbe.current), vbe.previous === null ? null : vbe.current - vbe.previous) },
    { title: l.card.flaggedForums, value: String(figures.forums.current.flagged.length) },
  ];
  return renderCard('lagesbild', {
    title: l.card.title(figures.year),
    district: district.name,
    facts,
    comparison: figures.comparable ? l.comparedWith(figures.previousPeriod.from, lastDayOf(figures.previousPeriod)) : l.firstYear,
    draftNote: l.card.draftNote,
    linkNote: l.card.linkNote(issue.minutes),
    download: l.card.download,
    url: issue.url,
  });
}
