import { formToggle, formValuesSchema } from '../form-values';
import { identifyingKinds, type IdentifyingKind } from '../identifying-data';
import { isIsoDate } from '../stockholm-time';
import {
  CONCERN_FIELDS,
  DESCRIPTION_MAX_LENGTH,
  DESCRIPTION_MIN_LENGTH,
  ENVIRONMENTS,
  EVENT_TYPES,
  PLACE_TYPES,
  POLICE_INFORMED,
  YES_NO_NOT_APPLICABLE,
  type ConcernField,
  type Environment,
  type EventType,
  type PlaceType,
  type PoliceInformed,
  type YesNoNotApplicable,
} from './concern-options';

/**
 * What the user typed, exactly as the card sent it (every value a string). Kept verbatim so a
 * rejected form can come back with every value in place.
 */
export type ConcernFormValues = Record<ConcernField, string>;

/** A form that passed every rule; nothing identifying is left in it. */
export interface ConcernDraft {
  eventDate: string;
  eventTypes: EventType[];
  environment: Environment;
  placeType: PlaceType;
  area: string;
  unit: string;
  description: string;
  policeInformed: PoliceInformed;
  socialServicesReport: YesNoNotApplicable;
  reportedInIA: YesNoNotApplicable;
  contactMe: boolean;
}

export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'invalid_choice' }
  | { kind: 'invalid_date' }
  | { kind: 'future_date' }
  | { kind: 'too_short'; min: number }
  | { kind: 'too_long'; max: number }
  | { kind: 'identifying_data'; found: IdentifyingKind[] };

export type FieldProblems = Partial<Record<ConcernField, FieldProblem>>;

export type ConcernValidation =
  | { ok: true; draft: ConcernDraft }
  | { ok: false; problems: FieldProblems };

/** The choices that depend on the district (SPEC: areas and units come from district config). */
export interface DistrictChoices {
  areaIds: readonly string[];
  unitIds: readonly string[];
}

/** The concern form as the card sends it; the toggle's 'true'/'false' is kept as typed. */
export const concernFormSchema = formValuesSchema(CONCERN_FIELDS, { special: { contactMe: formToggle } });

function splitMulti(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * Applies every rule of SPEC §1. `today` is the Stockholm date `YYYY-MM-DD` (the domain never
 * reads the clock). Identifying data is looked for before anything could be stored.
 */
export function validateConcernForm(
  values: ConcernFormValues,
  choices: DistrictChoices,
  today: string,
): ConcernValidation {
  const problems: FieldProblems = {};
  const trimmed = (field: ConcernField) => values[field].trim();

  const eventDate = trimmed('eventDate');
  if (!eventDate) problems.eventDate = { kind: 'required' };
  else if (!isIsoDate(eventDate)) problems.eventDate = { kind: 'invalid_date' };
  else if (eventDate > today) problems.eventDate = { kind: 'future_date' };

  const eventTypeValues = splitMulti(values.eventTypes);
  const eventTypes = eventTypeValues.map((value) => oneOf(value, EVENT_TYPES));
  if (eventTypeValues.length === 0) problems.eventTypes = { kind: 'required' };
  else if (eventTypes.some((value) => value === undefined)) problems.eventTypes = { kind: 'invalid_choice' };

  const single = <T extends string>(field: ConcernField, allowed: readonly T[]): T | undefined => {
    const value = trimmed(field);
    if (!value) {
      problems[field] = { kind: 'required' };
      return undefined;
    }
    const chosen = oneOf(value, allowed);
    if (!chosen) problems[field] = { kind: 'invalid_choice' };
    return chosen;
  };
  const environment = single('environment', ENVIRONMENTS);
  const placeType = single('placeType', PLACE_TYPES);
  const area = single('area', choices.areaIds);
  const unit = single('unit', choices.unitIds);
  const policeInformed = single('policeInformed', POLICE_INFORMED);
  const socialServicesReport = single('socialServicesReport', YES_NO_NOT_APPLICABLE);
  const reportedInIA = single('reportedInIA', YES_NO_NOT_APPLICABLE);

  const description = trimmed('description');
  if (!description) problems.description = { kind: 'required' };
  else if (description.length < DESCRIPTION_MIN_LENGTH)
    problems.description = { kind: 'too_short', min: DESCRIPTION_MIN_LENGTH };
  else if (description.length > DESCRIPTION_MAX_LENGTH)
    problems.description = { kind: 'too_long', max: DESCRIPTION_MAX_LENGTH };
  else {
    const found = identifyingKinds(description);
    if (found.length > 0) problems.description = { kind: 'identifying_data', found };
  }

  const contactMe = trimmed('contactMe');
  if (contactMe !== '' && contactMe !== 'true' && contactMe !== 'false')
    problems.contactMe = { kind: 'invalid_choice' };

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    draft: {
      eventDate,
      eventTypes: [...new Set(eventTypes as EventType[])],
      environment: environment!,
      placeType: placeType!,
      area: area!,
      unit: unit!,
      description,
      policeInformed: policeInformed!,
      socialServicesReport: socialServicesReport!,
      reportedInIA: reportedInIA!,
      contactMe: contactMe === 'true',
    },
  };
}
