/**
 * A report's case on the channel post and in *Visa rapporten* (issue 13), in Swedish.
 * `case-en.ts` holds the same keys.
 */
export const caseSv = {
  states: { new: 'Ny', received: 'Mottagen', assessing: 'Under bedömning', closed: 'Avslutad' },
  outcomes: {
    no_action: 'Ingen åtgärd behövs',
    social_services_report: 'Orosanmälan till socialtjänsten',
    police_information: 'Information till polisen',
    samverkan_referral: 'Hänvisning till SIG eller annan samverkan',
    unit_support: 'Information och stöd till enheten',
    other: 'Annat',
  },
  /** The buttons of the post, one per step. */
  /** The buttons of the post after the first (channelPost.acknowledge acknowledges). */
  buttons: { assess: 'Påbörja bedömning', close: 'Avsluta', reopen: 'Öppna igen' },
  /** The steps as the history and the post's last line name them. */
  steps: { acknowledge: 'Mottagen', assess: 'Bedömning påbörjad', close: 'Avslutad', reopen: 'Öppnad igen' },
  state: 'Status',
  stateWithOutcome: (state: string, outcome: string) => `${state} – ${outcome}`,
  lastStep: (step: string, name: string, when: string) => `${step} av ${name} ${when}.`,
  newAnswer: 'Nytt svar från rapportören. Tryck Visa rapporten för att läsa det.',
  noText: 'Rapportens text visas inte här i kanalen. Tryck Visa rapporten: den visas då bara för dig, och visningen loggas.',
  view: 'Visa rapporten',
  back: 'Tillbaka',
  viewTitle: (reference: string) => `Rapport ${reference}`,
  viewNote: 'Bara du ser det här. Att du har öppnat rapporten är loggat. Tryck Tillbaka när du läst klart.',
  history: 'Ärendets gång',
  noHistory: 'Inga steg ännu.',
  historyStep: (step: string, name: string, when: string) => `${when}: ${step} (${name})`,
  outcome: 'Vad gjordes?',
  outcomeRequired: 'Välj vad som gjordes.',
  note: 'Kort anteckning (frivillig)',
  notePlaceholder: 'Skriv inga namn eller andra uppgifter som kan identifiera någon',
  closeSend: 'Avsluta ärendet',
  closeNote: 'Anteckning vid avslut',
  followUps: 'Frågor och svar',
  followUpKinds: {
    question: 'Fråga från samordnaren',
    answer: 'Svar från rapportören',
    declined: 'Rapportören ville inte svara',
    addition: 'Tillägg från rapportören',
  },
  refusals: {
    view_needs_update:
      'Rapporten visas inte här: din Teams-version skulle visa den för alla i kanalen. Uppdatera Teams, eller öppna kanalen i Teams på webben, och tryck Visa rapporten igen.',
    not_found: 'Rapporten finns inte, eller har gallrats. Ingenting ändrades.',
    not_allowed: (reference: string, state: string) =>
      `Ingenting ändrades: rapporten ${reference} har status ${state} nu, så det steget går inte att ta. Någon kan ha hunnit före dig.`,
    close: (problem: string) => `Ärendet avslutades inte. ${problem} Det du skrev finns kvar under Avsluta.`,
  },
  deletedTitle: (reference: string) => `Rapport ${reference}`,
  deleted: (date: string) => `Gallrad ${date}. Rapporten är raderad enligt reglerna för gallring.`,
};
