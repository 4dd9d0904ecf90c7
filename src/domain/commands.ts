import type { Language } from './i18n';
import type { Role } from './roles';

/**
 * The text commands of SPEC "Commands": Swedish or English, case-insensitive, surrounding
 * whitespace and punctuation ignored. The bot's @mention is stripped by the transport first.
 */
export type CommandName = 'report' | 'routine' | 'help' | 'bindChannel' | 'survey' | 'surveyAdmin' | 'forum' | 'digest' | 'status' | 'activities' | 'lagesbild';

interface CommandDefinition {
  name: CommandName;
  words: Record<Language, string>;
  roles: readonly Role[];
  /** The command takes one word after it (e.g. `sammanfattning 2026-11`); the handler checks it. */
  takesArgument?: boolean;
}

export const COMMANDS: readonly CommandDefinition[] = [
  { name: 'report', words: { sv: 'rapportera', en: 'report' }, roles: ['staff', 'coordinator'] },
  { name: 'routine', words: { sv: 'rutin', en: 'routine' }, roles: ['staff', 'coordinator'] },
  { name: 'help', words: { sv: 'hjälp', en: 'help' }, roles: ['staff', 'coordinator'] },
  { name: 'survey', words: { sv: 'enkät', en: 'survey' }, roles: ['staff', 'coordinator'] },
  // `status VBE-2026-0012`: the state of one's own report (issue 13).
  { name: 'status', words: { sv: 'status', en: 'status' }, roles: ['staff', 'coordinator'], takesArgument: true },
  { name: 'bindChannel', words: { sv: 'koppla kanal', en: 'bind channel' }, roles: ['coordinator'] },
  { name: 'surveyAdmin', words: { sv: 'enkät admin', en: 'survey admin' }, roles: ['coordinator'] },
  { name: 'forum', words: { sv: 'forum', en: 'forum' }, roles: ['coordinator'] },
  { name: 'digest', words: { sv: 'sammanfattning', en: 'digest' }, roles: ['coordinator'], takesArgument: true },
  { name: 'activities', words: { sv: 'aktiviteter', en: 'activities' }, roles: ['coordinator'] },
  { name: 'lagesbild', words: { sv: 'lägesbild', en: 'situation report' }, roles: ['coordinator'], takesArgument: true },
];

function normalise(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s.!?:;,]+|[\s.!?:;,]+$/g, '');
}

/** The command a message asks for, and the word after it for a command that takes one. */
export function parseCommandLine(text: string | undefined): { name: CommandName; argument?: string; unknown?: true } {
  const said = normalise(text ?? '');
  const exact = COMMANDS.find((command) => command.words.sv === said || command.words.en === said);
  if (exact) return { name: exact.name };
  for (const command of COMMANDS.filter((candidate) => candidate.takesArgument)) {
    for (const word of [command.words.sv, command.words.en]) {
      if (said.startsWith(`${word} `)) return { name: command.name, argument: said.slice(word.length + 1).trim() };
    }
  }
  // Anything unknown is a request for help (SPEC); the help then says the text went to no one.
  return { name: 'help', unknown: true };
}

export function parseCommand(text: string | undefined): CommandName {
  return parseCommandLine(text).name;
}

export function commandWord(name: CommandName, language: Language): string {
  return COMMANDS.find((command) => command.name === name)!.words[language];
}

export function commandsFor(role: Role): CommandName[] {
  return COMMANDS.filter((command) => command.roles.includes(role)).map((command) => command.name);
}
