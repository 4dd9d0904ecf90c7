/** Swedish, the product's own language. `en.ts` must hold the same keys (checked by its type). */
export const sv = {
  language: 'sv',
  common: {
    emergency: 'Vid akut fara – ring 112.',
    yes: 'Ja',
    no: 'Nej',
    unknown: 'Vet inte',
    notApplicable: 'Ej aktuellt',
    choose: 'Välj',
  },
  options: {
    eventTypes: {
      concern_individual: 'Oro för individ',
      graffiti: 'Klotter',
      opinions: 'Uttryck av åsikter',
      threats: 'Hot/kränkningar',
      posters: 'Affischering/klistermärken/flygblad',
      symbol: 'Person som burit symbol',
      online: 'Digital propaganda/rekrytering',
      other: 'Annat',
    },
    environments: {
      white_power: 'Vit makt-miljön/våldsbejakande högerextremism',
      left_autonomous: 'Autonoma miljön/vänsterextremism',
      islamist: 'Islamistisk extremism',
      unclear: 'Oklart/annat',
    },
    placeTypes: {
      school: 'Skola',
      preschool: 'Förskola',
      youth_centre: 'Fritidsgård/mötesplats för unga',
      public_space: 'Offentlig miljö',
      public_transport: 'Kollektivtrafik',
      online: 'Internet/sociala medier',
      workplace: 'Arbetsplats',
      other: 'Annan plats',
    },
  },
  welcome: {
    title: 'Välkommen till VBE-stöd',
    body: 'Här kan du lämna avidentifierad information till förvaltningens samordnare mot våldsbejakande extremism när du känner oro eller har sett en händelse.',
    reportButton: 'Fyll i blanketten',
    routineButton: 'Visa rutinen',
  },
  concernForm: {
    title: 'Blankett för avidentifierad information',
    noIdentifyingData: 'Skriv inga namn, personnummer, adresser, telefonnummer eller annat som kan identifiera en person.',
    eventDate: 'Datum för händelsen',
    eventTypes: 'Typ av händelse',
    environment: 'Vilken miljö bedömer du att det gäller?',
    placeType: 'Typ av plats',
    area: 'Område',
    unit: 'Din enhet',
    description: 'Beskriv vad som hänt eller vad som oroar dig',
    descriptionPlaceholder: 'Beskriv utan namn eller andra uppgifter som kan identifiera någon',
    policeInformed: 'Har polisen informerats?',
    socialServicesReport: 'Har en orosanmälan gjorts till socialtjänsten?',
    reportedInIA: 'Har händelsen rapporterats i IA?',
    contactMeYes: 'Ja, jag kan kontaktas',
    contactMe: 'Samordnaren får kontakta mig',
    submit: 'Skicka till samordnaren',
    formHasErrors: 'Blanketten skickades inte. Rätta det som är markerat nedan – allt du skrivit finns kvar.',
  },
  requiredMessages: {
    eventDate: 'Ange ett datum som inte ligger i framtiden.',
    eventTypes: 'Välj minst en typ av händelse.',
    environment: 'Välj en miljö.',
    placeType: 'Välj typ av plats.',
    area: 'Välj område.',
    unit: 'Välj din enhet.',
    description: 'Beskriv händelsen med 10–2000 tecken.',
    policeInformed: 'Svara om polisen har informerats.',
    socialServicesReport: 'Svara om en orosanmälan har gjorts.',
    reportedInIA: 'Svara om händelsen har rapporterats i IA.',
  },
  problems: {
    required: 'Fältet måste fyllas i.',
    invalid_choice: 'Välj ett av alternativen.',
    invalid_date: 'Ange ett giltigt datum (ÅÅÅÅ-MM-DD).',
    future_date: 'Datumet får inte ligga i framtiden.',
    too_short: (min: number) => `Skriv minst ${min} tecken.`,
    too_long: (max: number) => `Skriv högst ${max} tecken.`,
    identifying_data: (kinds: string) =>
      `Texten verkar innehålla uppgifter som kan identifiera en person (${kinds}). Ta bort dem och skicka igen.`,
  },
  identifyingKinds: {
    personnummer: 'personnummer',
    samordningsnummer: 'samordningsnummer',
    phone: 'telefonnummer',
    email: 'e-postadress',
    street_address: 'gatuadress',
    postnummer: 'postnummer',
    apartment_number: 'lägenhetsnummer',
  },
  receipt: {
    title: 'Tack – din rapport är skickad',
    reference: 'Referensnummer',
    summary: 'Det här skickades',
    nextSteps:
      'Samordnaren läser rapporten och använder den i arbetet med den lokala lägesbilden. Om du bett om det kan samordnaren kontakta dig. Spara referensnumret om du vill hänvisa till rapporten.',
    contactMeYes: 'Samordnaren får kontakta dig.',
    contactMeNo: 'Du är anonym för samordnaren.',
  },
  channelPost: {
    title: (reference: string) => `Ny rapport ${reference}`,
    reporter: 'Rapportör',
    anonymous: 'Anonym (har inte bett om kontakt)',
    contactButton: 'Kontakta rapportören',
    markHandled: 'Markera som hanterad',
    handledBy: (name: string, date: string) => `Hanterad av ${name} ${date}.`,
    submittedAt: 'Inkom',
  },
  fields: {
    eventDate: 'Datum',
    eventTypes: 'Typ',
    environment: 'Miljö',
    placeType: 'Plats',
    area: 'Område',
    unit: 'Enhet',
    description: 'Beskrivning',
    policeInformed: 'Polisen informerad',
    socialServicesReport: 'Orosanmälan gjord',
    reportedInIA: 'Rapporterad i IA',
  },
  routine: {
    title: 'Rutin vid oro eller händelse som rör våldsbejakande extremism',
    acute: 'Akut fara: ring 112.',
    manager: 'Informera din chef.',
    form: 'Fyll i blanketten för avidentifierad information här i Teams.',
    coordinator: 'Samordnare',
    police: 'Polisen',
    socialServices:
      'Gör en orosanmälan till socialtjänsten om du får kännedom om eller misstänker att ett barn (under 18 år) far illa. Anmälningsplikten gäller dig som arbetar i kommunen (14 kap. 1 § socialtjänstlagen).',
    ia: 'Skadegörelse som klotter och klistermärken med extremistiska budskap rapporteras i incidentsystemet IA.',
    formButton: 'Fyll i blanketten',
  },
  help: {
    title: 'Det här kan du göra med VBE-stöd',
    report: 'Lämna avidentifierad information om en händelse eller oro.',
    routine: 'Visa rutinen vid oro eller händelse.',
    help: 'Visa den här hjälpen.',
    bindChannel: 'Gör den här kanalen till samordnarnas kanal (skriv det i kanalen).',
    commandsHeading: 'Skriv något av följande:',
  },
  channel: {
    bound: 'Den här kanalen är nu samordnarnas kanal. Nya rapporter publiceras här.',
  },
  /** The closed set of failures a user can meet, each said once per language. */
  errors: {
    personal_chat_only: 'Blanketten fylls i i en personlig chatt med VBE-stöd, så att ingen annan ser den. Skriv "rapportera" till mig där.',
    validation: 'Uppgifterna kunde inte tas emot. Kontrollera formuläret och försök igen.',
    forbidden: 'Det här får bara samordnare göra.',
    rate_limited: (time: string) =>
      `Du har skickat 10 rapporter den senaste timmen. Försök igen efter kl. ${time} – allt du skrivit finns kvar.`,
    store_unavailable:
      'Rapporten kunde inte sparas just nu. Försök igen om en stund – allt du skrivit finns kvar.',
    unknown_action: 'Den här åtgärden känns inte igen. Skriv "hjälp" för att se vad du kan göra.',
    not_in_channel: 'Skriv "koppla kanal" i den kanal som ska bli samordnarnas kanal.',
    unexpected: 'Något gick fel. Försök igen om en stund.',
  },
};

/** The shape every language must fill: the same keys, strings where Swedish has strings. */
export type Strings = {
  [K in keyof typeof sv]: (typeof sv)[K] extends string ? string : Widen<(typeof sv)[K]>;
};
type Widen<T> = {
  [K in keyof T]: T[K] extends string ? string : T[K] extends (...args: infer A) => string ? (...args: A) => string : Widen<T[K]>;
};
