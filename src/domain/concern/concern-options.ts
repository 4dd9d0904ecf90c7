/** The closed choice lists of SPEC §1. Labels live in the i18n tables, keyed by these values. */
export const EVENT_TYPES = [
  'concern_individual',
  'graffiti',
  'opinions',
  'threats',
  'posters',
  'symbol',
  'online',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const ENVIRONMENTS = ['white_power', 'left_autonomous', 'islamist', 'unclear'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const PLACE_TYPES = [
  'school',
  'preschool',
  'youth_centre',
  'public_space',
  'public_transport',
  'online',
  'workplace',
  'other',
] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

export const POLICE_INFORMED = ['yes', 'no', 'unknown'] as const;
export type PoliceInformed = (typeof POLICE_INFORMED)[number];

export const YES_NO_NOT_APPLICABLE = ['yes', 'no', 'not_applicable'] as const;
export type YesNoNotApplicable = (typeof YES_NO_NOT_APPLICABLE)[number];

export const DESCRIPTION_MIN_LENGTH = 10;
export const DESCRIPTION_MAX_LENGTH = 2000;

/** Input ids of the concern card, in the order the card shows them (SPEC §1). */
export const CONCERN_FIELDS = [
  'eventDate',
  'eventTypes',
  'environment',
  'placeType',
  'area',
  'unit',
  'description',
  'policeInformed',
  'socialServicesReport',
  'reportedInIA',
  'contactMe',
] as const;
export type ConcernField = (typeof CONCERN_FIELDS)[number];
