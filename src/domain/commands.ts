import type { Language } from './i18n';
import type { Role } from './roles';

/**
 * The text commands of SPEC "Commands": Swedish or English, case-insensitive, surrounding
 * whitespace and punctuation ignored. The bot's @mention is stripped by the transport first.
 */
export type CommandName = 'report' | 'routine' | 'help' | 'bindChannel' | 'survey' | 'surveyAdmin';

interface CommandDefinition {
  name: CommandName;
  words: Record<Language, string>;
  roles: readonly Role[];
}

export const COMMANDS: readonly CommandDefinition[] = [
  { name: 'report', words: { sv: 'rapportera', en: 'report' }, roles: ['staff', 'coordinator'] },
  { name: 'routine', words: { sv: 'rutin', en: 'routine' }, roles: ['staff', 'coordinator'] },
  { name: 'help', words: { sv: 'hjälp', en: 'help' }, roles: ['staff', 'coordinator'] },
  { name: 'survey', words: { sv: 'enkät', en: 'survey' }, roles: ['staff', 'coordinator'] },
  { name: 'bindChannel', words: { sv: 'koppla kanal', en: 'bind channel' }, roles: ['coordinator'] },
  { name: 'surveyAdmin', words: { sv: 'enkät admin', en: 'survey admin' }, roles: ['coordinator'] },
];

function normalise(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s.!?:;,]+|[\s.!?:;,]+$/g, '');
}

/** The command a message asks for; anything unknown is a request for help (SPEC). */
export function parseCommand(text: string | undefined): CommandName {
  const said = normalise(text ?? '');
  const match = COMMANDS.find((command) => command.words.sv === said || command.words.en === said);
  return match?.name ?? 'help';
}

export function commandWord(name: CommandName, language: Language): string {
  return COMMANDS.find((command) => command.name === name)!.words[language];
}

export function commandsFor(role: Role): CommandName[] {
  return COMMANDS.filter((command) => command.roles.includes(role)).map((command) => command.name);
}
