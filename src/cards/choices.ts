import type { DistrictConfig } from '../config/district';
import { ENVIRONMENTS, EVENT_TYPES, PLACE_TYPES } from '../domain/concern/concern-options';
import type { Strings } from '../domain/i18n';

export interface Choice {
  title: string;
  value: string;
}

/** Display labels for stored choice values, so every card names a value the same way. */
export function concernLabels(t: Strings, district: DistrictConfig) {
  const byId = (list: ReadonlyArray<{ id: string; name: string }>) => new Map(list.map((entry) => [entry.id, entry.name]));
  const areas = byId(district.areas);
  const units = byId(district.units);
  const answers: Record<string, string> = {
    yes: t.common.yes,
    no: t.common.no,
    unknown: t.common.unknown,
    not_applicable: t.common.notApplicable,
  };
  return {
    eventType: (value: string) => t.options.eventTypes[value as keyof typeof t.options.eventTypes] ?? value,
    environment: (value: string) => t.options.environments[value as keyof typeof t.options.environments] ?? value,
    placeType: (value: string) => t.options.placeTypes[value as keyof typeof t.options.placeTypes] ?? value,
    area: (value: string) => areas.get(value) ?? value,
    unit: (value: string) => units.get(value) ?? value,
    answer: (value: string) => answers[value] ?? value,
  };
}

export function concernChoices(t: Strings, district: DistrictConfig) {
  const labels = concernLabels(t, district);
  const of = (values: readonly string[], label: (value: string) => string): Choice[] =>
    values.map((value) => ({ title: label(value), value }));
  return {
    eventTypes: of(EVENT_TYPES, labels.eventType),
    environment: of(ENVIRONMENTS, labels.environment),
    placeType: of(PLACE_TYPES, labels.placeType),
    area: district.areas.map((area) => ({ title: area.name, value: area.id })),
    unit: district.units.map((unit) => ({ title: unit.name, value: unit.id })),
    policeInformed: of(['yes', 'no', 'unknown'], labels.answer),
    yesNoNotApplicable: of(['yes', 'no', 'not_applicable'], labels.answer),
  };
}
