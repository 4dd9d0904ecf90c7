/**
 * Swedish strings of the anonymous follow-up (issue 13): a coordinator's question, the reporter's
 * answer, information added later and `status`. They say plainly what anonymous means here: the
 * bot knows who the reporter is, so that a question can reach them; the coordinators do not.
 */
export const followUpSv = {
  noIdentifyingData: 'Skriv inga namn, personnummer, adresser, telefonnummer eller annat som kan identifiera en person.',
  ask: {
    button: 'Fråga rapportören',
    title: (reference: string) => `Fråga rapportören om ${reference}`,
    intro:
      'Frågan skickas till rapportörens chatt med VBE-stöd. Du får inte veta vem rapportören är: VBE-stöd vet det, för att frågan ska nå fram, men svaret kommer till rapporten utan namn.',
    question: 'Din fråga',
    questionRequired: 'Skriv frågan.',
    send: 'Skicka frågan',
    sentTitle: (reference: string) => `Frågan om ${reference} är skickad`,
    sent: 'Rapportören får frågan i sin chatt med VBE-stöd. När svaret kommer visas "Nytt svar" på rapporten.',
    unreachable:
      'Rapportören kan inte nås genom VBE-stöd för den här rapporten: den skickades innan uppföljningen fanns, ärendet avslutades för mer än 30 dagar sedan, eller rapporten är gallrad.',
    notFound: 'Rapporten finns inte (längre).',
    rateLimited: (time: string) => `Du har ställt 5 frågor om den här rapporten den senaste timmen. Försök igen efter kl. ${time} – frågan finns kvar.`,
  },
  question: {
    title: (reference: string) => `Samordnaren har en fråga om din rapport ${reference}`,
    intro: 'Ditt svar går till samordnaren utan ditt namn. Samordnaren vet inte vem du är, om du inte själv bett om att bli kontaktad.',
    answer: 'Ditt svar',
    answerRequired: 'Skriv ett svar, eller tryck "Jag vill inte svara".',
    send: 'Skicka svar',
    decline: 'Jag vill inte svara',
    thanksTitle: 'Tack för ditt svar',
    thanks: (reference: string) => `Ditt svar är skickat till samordnaren och sparat med rapport ${reference}.`,
    declinedTitle: 'Du svarar inte på frågan',
    declined: 'Samordnaren får veta att du inte vill svara, inget mer.',
    alreadyAnswered: 'Den här frågan är redan besvarad.',
    gone: 'Den här frågan kan inte besvaras längre.',
  },
  add: {
    button: 'Lägg till information',
    title: (reference: string) => `Lägg till information till rapport ${reference}`,
    intro: 'Det du skriver läggs till rapporten och når samordnaren utan ditt namn.',
    addition: 'Det du vill lägga till',
    additionRequired: 'Skriv det du vill lägga till.',
    send: 'Skicka',
    thanksTitle: 'Tack',
    thanks: (reference: string) => `Informationen är tillagd till rapport ${reference} och samordnaren ser den.`,
    more: 'Lägg till mer',
    gone: 'Det går inte längre att lägga till information till den här rapporten.',
  },
  rateLimited: (time: string) => `Du har skickat 10 svar eller tillägg den senaste timmen. Försök igen efter kl. ${time} – det du skrivit finns kvar.`,
  storeUnavailable: 'Det gick inte att spara just nu. Försök igen om en stund – det du skrivit finns kvar.',
  status: {
    answer: (reference: string, state: string) => `Rapport ${reference}: ${state}.`,
    unknown: (reference: string) => `Jag hittar ingen rapport från dig med referensnumret ${reference}. Du kan bara fråga om dina egna rapporter.`,
    usage: 'Skriv "status" följt av referensnumret på din rapport, t.ex. "status VBE-2026-0012".',
    personalChatOnly: 'Skriv "status" och referensnumret i din personliga chatt med VBE-stöd, så att ingen annan ser svaret.',
    states: {
      new: 'Ny – samordnaren har inte hunnit ta emot den än',
      received: 'Mottagen av samordnaren',
      assessing: 'Under bedömning',
      closed: 'Avslutad',
    },
  },
};
