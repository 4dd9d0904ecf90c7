import type { DistrictConfig } from '../config/district';
import { DESCRIPTION_MAX_LENGTH, CONCERN_FIELDS } from '../domain/concern/concern-options';
import type { ConcernFormValues, FieldProblem, FieldProblems } from '../domain/concern/concern-form';
import type { ConcernReport } from '../domain/concern/concern-report';
import type { Strings } from '../domain/i18n';
import { concernChoices, concernLabels } from './choices';
import { renderCard, type AdaptiveCardJson } from './render-card';

export const EMPTY_CONCERN_VALUES: ConcernFormValues = Object.fromEntries(
  CONCERN_FIELDS.map((field) => [field, field === 'contactMe' ? 'false' : '']),
) as ConcernFormValues;

export function describeProblem(t: Strings, problem: FieldProblem): string {
  switch (problem.kind) {
    case 'too_short':
      return t.problems.too_short(problem.min);
    case 'too_long':
      return t.problems.too_long(problem.max);
    case 'identifying_data':
      // Names the kind of data found, never the data itself.
      return t.problems.identifying_data(problem.found.map((kind) => t.identifyingKinds[kind]).join(', '));
    default:
      return t.problems[problem.kind];
  }
}

/**
 * The concern form. With `values` and `problems` it is the same form handed back after a refusal:
 * every value the user typed is in place and each problem stands under its field.
 */
export function concernFormCard(input: {
  t: Strings;
  district: DistrictConfig;
  today: string;
  values?: ConcernFormValues;
  problems?: FieldProblems;
  formError?: string;
}): AdaptiveCardJson {
  const { t, district } = input;
  const problems = Object.fromEntries(
    CONCERN_FIELDS.map((field) => {
      const problem = input.problems?.[field];
      return [field, problem ? describeProblem(t, problem) : ''];
    }),
  );
  const hasProblems = Object.values(problems).some((text) => text !== '');
  return renderCard('concern-form', {
    t: t.concernForm,
    common: t.common,
    required: t.requiredMessages,
    today: input.today,
    values: { ...EMPTY_CONCERN_VALUES, ...input.values },
    problems,
    formError: input.formError ?? (hasProblems ? t.concernForm.formHasErrors : ''),
    choices: concernChoices(t, district),
    descriptionMaxLength: DESCRIPTION_MAX_LENGTH,
  });
}

/** Every fact of a report but its free text, for the reporter's receipt and *Visa rapporten*. */
export function reportFacts(t: Strings, district: DistrictConfig, report: ConcernReport) {
  const label = concernLabels(t, district);
  return [
    { title: t.fields.eventDate, value: report.eventDate },
    { title: t.fields.eventTypes, value: report.eventTypes.map(label.eventType).join(', ') },
    { title: t.fields.environment, value: label.environment(report.environment) },
    { title: t.fields.placeType, value: label.placeType(report.placeType) },
    { title: t.fields.area, value: label.area(report.area) },
    { title: t.fields.unit, value: label.unit(report.unit) },
    { title: t.fields.policeInformed, value: label.answer(report.policeInformed) },
    { title: t.fields.socialServicesReport, value: label.answer(report.socialServicesReport) },
    { title: t.fields.reportedInIA, value: label.answer(report.reportedInIA) },
  ];
}

/** The receipt in the reporter's chat: the reference and the categories, never the description (it would stay in Teams). */
export function concernReceiptCard(t: Strings, district: DistrictConfig, report: ConcernReport): AdaptiveCardJson {
  return renderCard('concern-receipt', {
    t: t.receipt,
    common: t.common,
    reference: report.reference,
    facts: reportFacts(t, district, report),
    contactLine: report.contactMe ? t.receipt.contactMeYes : t.receipt.contactMeNo,
    // The follow-up: the reporter adds to their own report later (issue 13).
    addInformation: t.followUp.add.button,
  });
}
