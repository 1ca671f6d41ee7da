import { describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';

const detector = loadDefaultDetector();
/** Whether the threat-to-life reading gave the text its threat label. */
const toLife = (text: string, language: string) =>
  detector
    .analyze({ text, language })
    .labels.some(
      (l) => l.label === 'threat' && l.evidence.some((e) => e.reason.startsWith('threat.to_life')),
    );
const threatened = (text: string, language: string) =>
  detector.analyze({ text, language }).labels.some((l) => l.label === 'threat');

// Synthetic, one per form the words of `french-threat.ts`, `german-threat.ts` and
// `spanish-threat.ts` bring to the shared reading; people and places invented.
const THREATS: [language: string, form: string, text: string][] = [
  ['fr', 'a survival denied to the reader', "Tu ne finiras pas l'année, on connaît ton adresse."],
  [
    'fr',
    'a safety denied with the future of "être"',
    'Vous ne serez en sécurité nulle part, vos églises vont brûler.',
  ],
  ['fr', 'a killing verb with "aller" and a day', 'Tu crèveras samedi, sale traître.'],
  ['fr', 'a death state to come', 'Monsieur le maire, tu vas finir pendu.'],
  [
    'de',
    'nobody able to walk after a day',
    'Samstag kommen wir vorbei und danach kann keiner von euch mehr laufen.',
  ],
  [
    'de',
    'bleeding with "werden" and a week',
    'Einer nach dem anderen wird bluten, Herr Weber, noch diese Woche.',
  ],
  ['es', 'a survival denied to a person', 'Al alcalde: no terminas el año.'],
  ['es', 'burning with "ir a" and people inside', 'Su templo va a arder y ustedes adentro.'],
  ['es', 'a safety denied to the readers', 'No estaréis a salvo ni en vuestras casas.'],
];

const NOT_THREATS: [language: string, why: string, text: string][] = [
  ['fr', 'a death that has happened', "Mon grand-père est mort hier à l'hôpital."],
  ['fr', 'a thing that is dead', 'Tu vas brûler les feuilles mortes demain.'],
  ['fr', 'tiredness, not death', 'Je suis crevé après le boulot, je vais crever de sommeil demain.'],
  ['fr', 'a visit with no harm', 'Ta mosquée est magnifique, on vient samedi.'],
  ['de', 'a death that has happened', 'Mein Opa ist gestern gestorben.'],
  ['de', 'candles, not people, burn', 'Die Kerzen werden heute Abend für alle Kinder brennen.'],
  ['de', 'dying of laughter', 'Morgen wirst du vor Lachen sterben.'],
  ['de', 'the author dying of heat', 'Ich werde morgen sterben vor Hitze, so heiß ist es.'],
  ['de', 'a government surviving', 'Die Regierung wird das nicht überleben, wir wählen im Herbst.'],
  ['es', 'the author dying of heat', 'Mañana voy a morir de calor en la oficina.'],
  ['es', 'a death that has happened', 'Mi abuelo murió ayer en el hospital.'],
  ['es', 'burning leaves', 'Mañana vamos a quemar las hojas secas del jardín, niños.'],
  ['es', 'suffering at the gym', 'Hoy vas a sufrir en el gimnasio, campeón.'],
];

describe('threats to life in French, German and Spanish', () => {
  for (const [language, form, text] of THREATS) {
    it(`reads ${language}: ${form}`, () => {
      expect(toLife(text, language)).toBe(true);
    });
  }
  for (const [language, why, text] of NOT_THREATS) {
    it(`leaves ${language}: ${why}`, () => {
      expect(threatened(text, language)).toBe(false);
    });
  }
});

describe('word keys read what languages join to or cut from a word', () => {
  it('reads Spanish object pronouns off the verb, and leaves nouns whole', () => {
    expect(toLife('Hay que ir a por los moros del barrio y reventarlos a palos', 'es')).toBe(false);
    const call = detector.analyze({
      text: 'Hay que reventarlos a palos a todos los moros del barrio',
      language: 'es',
    });
    expect(call.labels.map((l) => l.label)).toContain('incitement');
  });

  it('keeps the French elided "ne": "c\'est" and "il a" are no negation', () => {
    const text = 'Ces migrants c’est des bêtes, pas des humains.';
    expect(detector.analyze({ text, language: 'fr' }).labels.map((l) => l.label)).toContain(
      'identity_attack',
    );
  });
});

// Synthetic, one per class of lexicon forms; groups, places and people invented or generic.
const LABELLED: [language: string, label: string, form: string, text: string][] = [
  [
    'de',
    'threat',
    'addresses known and a knock to come',
    'An die Redaktion: wir kennen eure Adressen, bald klopft es bei euch.',
  ],
  [
    'de',
    'incitement',
    'a separable verb opening a call, its particle at the end',
    'Zündet ihre Moschee in Bergdorf an, Kameraden!',
  ],
  [
    'fr',
    'incitement',
    'a call on whoever insults the Prophet',
    'Quiconque insulte le Prophète doit être abattu, frères.',
  ],
  [
    'fr',
    'incitement',
    'Zionists named as targets',
    'Les sionistes du quartier sont des cibles, faut les frapper.',
  ],
  ['de', 'incitement', 'cartoonists to be killed', 'Die Zeichner der Zeitung muss man töten, Brüder.'],
  [
    'es',
    'incitement',
    'death deserved by whoever draws the Prophet',
    'Quien dibuje al Profeta merece la muerte.',
  ],
  [
    'fr',
    'glorification',
    'praise of the man who did it',
    'Gloire à lui, un vrai héros, le gars qui a foncé dans la foule du marché.',
  ],
  [
    'fr',
    'recruitment',
    'money and contact for armed brothers',
    "Contactez l'admin pour rejoindre le groupe, chaque euro pour la cause des frères armés.",
  ],
  [
    'fr',
    'instruction',
    'a file of addresses sent in private',
    "J'ai les adresses de tous les foyers du coin, je vous mets le fichier en DM.",
  ],
  ['fr', 'identity_attack', 'a slang group name said not to be human', "Ces clandos c'est pas des humains."],
  [
    'de',
    'glorification',
    'respect for the man from a named attack',
    'Respekt, was für ein Held, der Typ aus Hanau.',
  ],
  [
    'de',
    'recruitment',
    'men with arms asked to write in private',
    'Meldet euch per PN, wir suchen Kameraden mit Waffen für die Zelle.',
  ],
  [
    'de',
    'instruction',
    'building instructions in a file, with a bomb ("Bombe" is no idiom alone)',
    'Die Bauanleitung für die Bombe steht alles in der Datei, Link per PN.',
  ],
  [
    'es',
    'recruitment',
    'joining an armed section by contact',
    'Súmate a la sección armada, contacto por Telegram, solo patriotas con armas.',
  ],
  [
    'es',
    'instruction',
    'a guide for a van attack ("para" is no negation)',
    'Tengo la guía completa para el atropello con furgoneta, pedidla por priv.',
  ],
  [
    'es',
    'incitement',
    'driving people out with gunfire',
    'Hay que sacarlos a balazos de la plaza a esos menas.',
  ],
];

describe('lexicon forms of French, German and Spanish', () => {
  it('leaves a German separable verb that grabs a thing', () => {
    // The rules' reading: "greift" without its particle is no attack. The German model alone gives
    // this text incitement (0.71), from "greift … an" in calls it was trained on.
    const labels = detector.analyze({ text: 'Er greift die Zeitung und liest.', language: 'de' }).labels;
    expect(labels.filter((l) => l.evidence.some((e) => !e.reason.startsWith('model.')))).toEqual([]);
  });

  for (const [language, label, form, text] of LABELLED) {
    it(`gives ${language} ${label}: ${form}`, () => {
      expect(detector.analyze({ text, language }).labels.map((l) => l.label)).toContain(label);
    });
  }
});
