import { describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';

const detector = loadDefaultDetector();
const threatOf = (text: string) => detector.analyze({ text }).labels.find((l) => l.label === 'threat');

// Synthetic threats to life without ideology, each composed of a harm, a victim and a when, in
// forms the threat formulas and first-person rules do not list. Places and names are invented.
const THREATS = [
  'Wednesday they all die in room 4B.',
  'Everyone who laughed at me in the canteen will be dead by Friday.',
  'The new supervisor is getting a knife in the gut the second he clocks in on Monday.',
  "Tell Corin from 9C he's dead after school.",
  'My landlord is dead the minute he walks through that door tonight.',
  "I'm driving down to the depot and strangling them all on Thursday.",
  'Anyone still in the Fernley call centre at 5pm Friday is getting shot.',
  'There will be a shooting at Oakvale Academy next week.',
  'You ruined my life so I am going to end yours. See you after your shift.',
  "Laugh all you want in chemistry. Thursday ur all getting it, I've loaded the bullets.",
  'To the night shift at Orrin Foods: none of you leaves the building alive on Saturday.',
  'A bomb is in the sports hall and will go off at 10am tomorrow.',
  'ur dead friday',
  // An address is no call: "all of you" names whom the threat falls on.
  'all of you in chemistry are dead tomorrow.',
  "Mr Pell's class, 10am thursday. I'll have the gun.",
  "I'll burn the whole garage down with him inside it tonight.",
  // A survival denied, a life's last, a killing verb split around its object.
  'Dorian from the call centre will never make it home on Friday.',
  'nobody in that bakery gets out on saturday',
  'u wont see easter marta',
  'Enjoy your last summer, Colm.',
  'Your last day on this earth is Tuesday.',
  "Friday I'm setting the bike shed on fire with the whole family inside it.",
  'Next week I am putting him in the ground.',
  // A past in a relative clause describes the victim; a reporting verb there does too.
  'Everyone who mocked me at Pellham Tech dies on Monday.',
  'I will stab the first clerk who tells me to wait tomorrow.',
  // Someone named by what they are.
  "I'm going to beat the old man next door to death tonight.",
  'that woman from the bakery gets stabbed on saturday',
  // A survival denied by walking out.
  "Dr Vance has an appointment with me Wednesday. She won't be walking out of it.",
  'nobody is walking out of that gym on saturday',
  // A survival made the price of coming; a reckoning with the author's grievance in view.
  'skip the Ashdown gig on Saturday if you like breathing',
  'Coach Brent, you will regret benching me. Saturday.',
  'The whole shift laughed at me. Tomorrow they find out what happens.',
  // A place spelt as posts spell it; a survival denied as a progressive.
  'gonna shoot up the skool tmrw, dont come in',
  'Next Friday you will not be walking home, Councillor.',
];

// Violent words about things, harm that has happened, harm that falls on the author, jokes,
// and shooting someone a message: none is a threat to life.
const NOT_THREATS = [
  'Gonna absolutely murder this burger, I am starving.',
  'I will shoot you the slides tomorrow morning.',
  'Terminate all the stale threads before you deploy, or the build will choke.',
  'My boss is going to kill me if I am late to the office tomorrow.',
  'In 1998 a bomb at the market killed 29 people on a Saturday.',
  'A teenager was arrested after threatening to shoot pupils at the school on Monday.',
  'The lads are going to kill it at the office quiz on Friday haha',
  'Going to destroy this exam tomorrow, wish me luck.',
  "Quiz night tonight: I'm going to slaughter Priya's team in the picture round.",
  'gonna blow up your inbox with holiday photos tonight, be ready',
  'Gonna murder this report before lunch, the office is dead today anyway.',
  // The author's own evening, a condition, a last that is the last of something else, a denied
  // future that is not a survival, and "am" without a number.
  "I won't make it home tonight, the trains are cancelled.",
  'Nobody goes home until the stock count is done tonight.',
  "It's his last day at work on Friday, bring cake.",
  "Hurting the guards won't bring anyone back tomorrow.",
  'This stew go kill person o! Sweet die. I am telling you.',
  // Reckonings that are a bill, an offer, or said without a wrong done to the author.
  "You'll regret missing the sale on Friday!",
  'You will regret this tomorrow, trust me, that curry is hot.',
  'If you like living near the sea, the Friday market is for you.',
  // The dead mourned, not threatened.
  'We will not let them divide us. We will bury our dead, and then we will defeat their ideas.',
  // A weapon in a simile is a figure of speech.
  "We're going to come down on this like a hammer, and anyone who threatens our staff will be prosecuted.",
];

describe('threats to life read as harm, victim and when', () => {
  for (const text of THREATS) {
    it(`is a threat with a target and a timeframe: ${text}`, () => {
      const threat = threatOf(text);
      expect(threat, text).toBeDefined();
      expect(threat?.indicators).toEqual(expect.arrayContaining(['target', 'timeframe']));
      // The evidence is the author's words, inside one sentence of the text.
      for (const e of threat?.evidence ?? []) expect(text.slice(e.start, e.end)).toBe(e.text);
    });
  }
  for (const text of NOT_THREATS) {
    it(`is not a threat: ${text}`, () => expect(threatOf(text), text).toBeUndefined());
  }
  it("reads a last that is the last of something else as no life's last", () => {
    // The rules' reading. The model alone gives this text a threat (0.79): a used blind set holds
    // "enjoy your last week of teaching 🔪" as a threat, and a model of words cannot tell the two.
    const threat = threatOf('Enjoy your last weekend before uni, Tom!');
    expect(threat?.evidence.filter((e) => !e.reason.startsWith('model.')) ?? []).toEqual([]);
  });
  it('reads veiled formulas of threat assessment as threats', () => {
    for (const text of [
      'We know where you pray, imam.',
      "Listen here, reporter. You'll be next.",
      'Nice car, Mr Dunne. Shame if something happened to it.',
      'Count your days, traitor.',
    ])
      expect(threatOf(text), text).toBeDefined();
  });
  it('reads formulas that are also everyday speech as threats only beside a target, arms or violence', () => {
    // The rule's reading: the model may still weigh the words, and is measured on whole sets.
    for (const text of ['Lovely dinner last night, see you soon!', 'The bus is late again, we are coming!'])
      expect(threatOf(text)?.evidence.filter((e) => !e.reason.startsWith('model.')) ?? [], text).toEqual([]);
    expect(threatOf('See you soon, kafir. Your mosque days are over.')).toBeDefined();
  });
  it('names the place a harm is to happen by its word, not its determiner', () => {
    const threat = threatOf('Your last day on earth is Thursday, see you at the bus stop.');
    const reasons = threat?.evidence.map((e) => e.reason).join(' ');
    expect(reasons).toContain('"bus"');
    expect(reasons).not.toContain('"the"');
  });
  it('leaves the threat to its reporting when a news article tells of it', () => {
    const analysis = detector.analyze({
      text: 'Police said a man told staff at the depot that "everyone in accounts is dead on Monday". He was arrested.',
      platform: 'news',
    });
    expect(analysis.labels).toEqual([]);
  });
});

describe('tense, dates and sending', () => {
  const ruleThreat = (text: string) =>
    threatOf(text)?.evidence.some((e) => e.reason.startsWith('threat.to_life')) ?? false;
  it('reads a participle after a present passive as no past ("if i get evicted")', () => {
    expect(ruleThreat('if i get evicted the property manager is getting stabbed tomorrow.')).toBe(true);
  });
  it('reads an ordinal date as a when ("on the 30th")', () => {
    const threat = threatOf('my manager is getting stabbed on the 30th');
    expect(ruleThreat('my manager is getting stabbed on the 30th')).toBe(true);
    expect(threat?.indicators).toEqual(expect.arrayContaining(['target', 'timeframe']));
  });
  it('reads "shoot me the slides" as sending, not a call to shoot', () => {
    const labels = detector.analyze({ text: 'Shoot me the slides so I can look them over' }).labels;
    expect(labels.filter((l) => l.evidence.some((e) => !e.reason.startsWith('model.')))).toEqual([]);
  });
});

describe('a bomb said to lie somewhere', () => {
  // Synthetic bomb threats: no verb of killing and no future, only an explosive and where it lies.
  const hasRule = (text: string) =>
    threatOf(text)?.evidence.some((e) => e.reason.startsWith('threat.planted_explosive')) ?? false;
  it.each([
    'there is a bomb in the school and it goes off at noon',
    'theres a bomb under ur car',
    'I planted a bomb in the library',
    "thr's a pipe bmb under the stands for sunday's match",
  ])('%s is a threat, read by the planted-explosive rule', (text) => {
    expect(hasRule(text), text).toBe(true);
  });
  it.each([
    'there was a bomb in the station in 1998, police said',
    "there's a bath bomb in the bathroom for you",
    "there's no bomb in the school, it was a hoax",
    'Is there a bomb in the building?',
    'there are bombs in the old quarry from the war',
    "There's a bomb in the new Marvel film that levels half of New York",
  ])('%s is not read as a planted bomb', (text) => {
    expect(hasRule(text), text).toBe(false);
  });
  it('names where the bomb lies by its word, not its determiner', () => {
    const evidence = threatOf('there is a bomb in the school')?.evidence.find((e) =>
      e.reason.startsWith('threat.planted_explosive'),
    );
    expect(evidence?.text).toBe('there is a bomb in the school');
  });
});

describe('killing verbs whose object is a thing', () => {
  const labelsOf = (text: string) => detector.analyze({ text }).labels.map((l) => l.label);
  it('are idioms of work and chores, whatever place or people the sentence names', () => {
    for (const text of [
      'Blitz day in the office: we kill every open ticket before 5.',
      'Need to kill this spreadsheet before the all-staff meeting on Monday.',
      'Have to kill the old build before the school network backup runs at midnight.',
    ])
      expect(labelsOf(text), text).toEqual([]);
  });
  it('still call for violence when the object is people, a slur written in pieces, or property', () => {
    expect(labelsOf('Kill those who gather at the mosque on Sunday.')).toContain('incitement');
    expect(labelsOf('k1ll every m*zzie in Elmbridge, no mercy')).toContain('incitement');
    expect(labelsOf('Lads, torch the caravans at the Roma camp tonight.')).toContain('incitement');
  });
});
