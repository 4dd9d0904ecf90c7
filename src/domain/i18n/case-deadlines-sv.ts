/** The case-deadline reminders in Swedish (issue 13). `case-deadlines-en.ts` holds the same keys. */
export const caseDeadlinesSv = {
  reminder: {
    acknowledgeTitle: (reference: string) => `Påminnelse: ${reference} är inte mottagen`,
    closeTitle: (reference: string) => `Påminnelse: ${reference} närmar sig målet för avslut`,
    reference: 'Rapport',
    state: 'Läge',
    age: 'Ålder',
    ageDays: (days: number) => (days === 1 ? '1 dag' : `${days} dagar`),
    acknowledgeOverdue: (date: string, workingDays: number) =>
      `Rapporten skulle ha markerats som mottagen senast ${date} (${workingDays === 1 ? '1 arbetsdag' : `${workingDays} arbetsdagar`} efter dagen den kom in).`,
    closeDue: (date: string, days: number, daysLeft: number) =>
      `Målet är att ärendet avslutas inom ${days} dagar, senast ${date}: ${
        daysLeft > 0 ? (daysLeft === 1 ? 'i morgon' : `om ${daysLeft} dagar`) : daysLeft === 0 ? 'i dag' : daysLeft === -1 ? 'i går' : `för ${-daysLeft} dagar sedan`
      }.`,
    whatToDo: 'Ta hand om det från rapportens inlägg i kanalen. Påminnelsen kommer en gång.',
  },
};
