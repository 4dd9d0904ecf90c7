import type { DistrictConfig } from '../config/district';
import { commandWord, commandsFor, type CommandName } from '../domain/commands';
import type { Language, Strings } from '../domain/i18n';
import type { Role } from '../domain/roles';
import { renderCard, type AdaptiveCardJson } from './render-card';

export function welcomeCard(t: Strings): AdaptiveCardJson {
  const language = t.language as Language;
  return renderCard('welcome', {
    t: t.welcome,
    common: t.common,
  });
}

export function routineCard(t: Strings, district: DistrictConfig): AdaptiveCardJson {
  const language = t.language as Language;
  return renderCard('routine', {
    t: t.routine,
    reportingDuty: t.routine.reportingDuty(district.reportingDutyReference[language]),
    coordinatorContact: district.coordinatorContact[language],
    policeContact: district.policeContact[language],
  });
}

/**
 * The commands. Answering text that was no command (`unknownText`) it first says plainly that the
 * message went to no one — staff write to the bot as to a person ("Jag såg något konstigt …") —
 * and offers the form, as the welcome card does.
 */
export function helpCard(t: Strings, role: Role, options: { unknownText?: boolean } = {}): AdaptiveCardJson {
  const language = t.language as Language;
  const descriptions: Record<CommandName, string> = {
    report: t.help.report,
    routine: t.help.routine,
    help: t.help.help,
    bindChannel: t.help.bindChannel,
    survey: t.help.survey,
    surveyAdmin: t.help.surveyAdmin,
    forum: t.help.forum,
    digest: t.help.digest,
    status: t.help.status,
    activities: t.help.activities,
    lagesbild: t.help.lagesbild,
  };
  return renderCard('help', {
    t: t.help,
    common: t.common,
    unknownText: options.unknownText === true,
    reportButton: t.welcome.reportButton,
    commands: commandsFor(role).map((name) => ({ command: commandWord(name, language), description: descriptions[name] })),
  });
}

/**
 * A short card that replaces a card once its work is done (a thank-you, a refusal); a text that is
 * still needed (the agenda item a chair wants to copy) stays as a paragraph of its own.
 */
export function noticeCard(title: string, text: string | readonly string[]): AdaptiveCardJson {
  return renderCard('notice', { title, paragraphs: (typeof text === 'string' ? [text] : text).map((paragraph) => ({ text: paragraph })) });
}
