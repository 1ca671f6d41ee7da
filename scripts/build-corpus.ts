/**
 * Builds Vigil's own synthetic training corpus (data/corpus/synthetic.csv) from templates, for the
 * labels public data lacks (glorification, recruitment, instruction pointers) and for the contexts
 * that must stay unflagged (reporting with quotes, counter-speech). Every text is short, generic and
 * non-operational. Deterministic; the functional suite in test/functional is written separately and
 * never used here.   npx tsx scripts/build-corpus.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

let seed = 20260322;
const rnd = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const FR_GROUPS = ['muslims', 'migrants', 'refugees', 'the invaders', 'asylum seekers', 'jews', 'foreigners'];
const JI_GROUPS = [
  'the kuffar',
  'the crusaders',
  'the disbelievers',
  'the infidels',
  'the apostates',
  'the jews',
];
const FR_PLACES = [
  'the mosque',
  'the asylum hotel',
  'the islamic centre',
  'the synagogue',
  'the refugee centre',
];
const JI_PLACES = ['the church', 'the concert', 'the christmas market', 'the parade', 'the stadium'];
const TOWNS = ['Northgate', 'Millford', 'Eastbrook', 'Harbour Street', 'Kingsbridge', 'Ashby'];
const ATTACKERS = ['the attacker', 'the gunman', 'the shooter', 'the bomber', 'our brother', 'the stabber'];
const OUTLETS = [
  'police said',
  'the court heard',
  'researchers said',
  'according to the report',
  'investigators said',
];

type Row = [text: string, labels: string, context: string, ideology: string];
const rows: Row[] = [];
const gen = (n: number, labels: string, context: string, ideology: string, make: () => string) => {
  const seen = new Set<string>();
  for (let i = 0; i < n * 4 && seen.size < n; i++) seen.add(make());
  for (const t of seen) rows.push([t, labels, context, ideology]);
};

// Incitement.
gen(60, 'incitement', 'primary', 'far_right', () =>
  pick([
    () =>
      `${pick(['We have to', 'Patriots must', 'It is time to', 'Lads, we need to'])} ${pick(['burn', 'attack', 'smash', 'torch'])} ${pick(FR_PLACES)} in ${pick(TOWNS)}.`,
    () => `${pick(['Drive out', 'Hunt down', 'Beat', 'Kill'])} ${pick(FR_GROUPS)} before they replace us.`,
    () =>
      `After ${pick(TOWNS)} it is time to strike back at ${pick(FR_GROUPS)}. ${pick(['No mercy.', 'Make them pay.', 'Revenge!'])}`,
    () =>
      `${pick(['Day of the rope', 'Race war now', 'Be the spark'])}, ${pick(['lads', 'brothers', 'patriots'])}. ${pick(FR_GROUPS)} ${pick(['must go', 'will learn'])}.`,
  ])(),
);
gen(60, 'incitement', 'primary', 'jihadist', () =>
  pick([
    () =>
      `${pick(['O muslims', 'Brothers', 'O lions of the ummah'])}, ${pick(['strike', 'kill', 'slaughter', 'attack'])} ${pick(JI_GROUPS)} ${pick(['wherever you find them', 'in their cities', 'in their homes'])}.`,
    () => `It is your duty to ${pick(['kill', 'fight', 'strike'])} ${pick(JI_GROUPS)} until they submit.`,
    () => `Revenge for our brothers! ${pick(['Attack', 'Hit', 'Burn'])} ${pick(JI_PLACES)}.`,
    () => `Lone wolves, the time has come. ${pick(JI_GROUPS)} celebrate tonight at ${pick(JI_PLACES)}.`,
  ])(),
);
// Glorification.
gen(60, 'glorification', 'primary', 'jihadist', () =>
  pick([
    () =>
      `${pick(['May Allah accept', 'Allah have mercy on'])} ${pick(ATTACKERS)}, ${pick(['a martyr', 'a lion', 'a hero of the ummah'])} who struck ${pick(JI_GROUPS)}.`,
    () =>
      `${pick(['Alhamdulillah', 'Allahu akbar', 'Rejoice'])}, ${Math.floor(rnd() * 40) + 3} of ${pick(JI_GROUPS)} killed at ${pick(JI_PLACES)}.`,
    () =>
      `The blessed operation at ${pick(JI_PLACES)} ${pick(['showed the way', 'was glorious', 'is an example to us all'])}. May more follow.`,
  ])(),
);
gen(60, 'glorification', 'primary', 'far_right', () =>
  pick([
    () =>
      `${pick(ATTACKERS.slice(0, 4))} at ${pick(FR_PLACES)} is ${pick(['a hero', 'a saint', 'a legend', 'a true patriot'])}. ${pick(['We salute him.', 'More like him.', 'Follow his example.'])}`,
    () =>
      `${Math.floor(rnd() * 50) + 3} ${pick(FR_GROUPS)} dead in ${pick(TOWNS)}. ${pick(['Good riddance.', 'Best news all year.', 'They deserved it.', 'New high score.'])}`,
    () =>
      `Saint of ${pick(TOWNS)}, you did what had to be done. ${pick(['Legend.', 'Respect.', 'Who will be next?'])}`,
  ])(),
);
// Threats.
gen(80, 'threat', 'primary', '', () =>
  pick([
    () =>
      `${pick(['I will', "I'm going to", 'We will'])} ${pick(['burn', 'attack', 'shoot up', 'blow up'])} ${pick([...FR_PLACES, ...JI_PLACES])} ${pick(['on Friday', 'tomorrow', 'tonight', 'next week'])}.`,
    () =>
      `${pick(['Your days are numbered', 'We know where you live', 'You will pay', 'Watch your back'])}, ${pick(['imam', 'rabbi', 'councillor', 'journalist', 'traitor'])}.`,
    () =>
      `${pick(['I have the rifle.', 'The truck is ready.', 'I bought the knife.'])} ${pick(['You will all die', 'We are coming for you'])} at ${pick([...FR_PLACES, ...JI_PLACES])}.`,
  ])(),
);
// Recruitment.
gen(
  50,
  'recruitment',
  'primary',
  'jihadist',
  () =>
    `${pick(['Brothers', 'O young muslims', 'Sisters and brothers'])}, ${pick(['make hijrah', 'give bayah to the emir', 'join the caravan', 'join the ranks of the mujahideen'])}. ${pick(['Contact us.', 'DM for invite.', 'The khilafah needs you.', 'Our ranks are open.'])}`,
);
gen(
  50,
  'recruitment',
  'primary',
  'far_right',
  () =>
    `${pick(['White men', 'Patriots', 'Lads'])}, ${pick(['join the active club', 'join our local chapter', 'join the movement', 'join the fight club'])}. ${pick(['Vetted members only.', 'Sessions every Sunday.', 'Defend our race.', 'Stop the great replacement.'])} ${pick(['DM us.', 'Link in bio.', 'Apply now.'])}`,
);
// Instruction pointers (no content, only pointers).
gen(
  80,
  'instruction',
  'primary',
  '',
  () =>
    `${pick(['Download the', 'Here is the', 'New', 'Pinned:'])} ${pick(['guide to making', 'manual for', 'step-by-step tutorial on', 'PDF on building'])} ${pick(['explosives', 'a pipe bomb', 'a ghost gun', 'molotovs', 'vehicle attacks', 'knife attacks', 'incendiary devices'])}${pick(['.', ' for the brothers.', ' for the lads.', ', share it.'])}`,
);
// Identity attacks.
gen(80, 'identity_attack', 'primary', '', () =>
  `${pick(['All', 'These', 'Those', ''])} ${pick(['muslims', 'migrants', 'jews', 'refugees', 'black people', 'gay people', 'christians', 'hindus'])} are ${pick(['vermin', 'rats', 'parasites', 'a disease', 'animals', 'subhuman', 'a plague', 'filth', 'cockroaches'])}${pick(['.', ' and always will be.', ', nothing more.'])}`.trim(),
);
// Reporting with quotes (unlabelled).
gen(120, 'none', 'reporting', '', () =>
  pick([
    () =>
      `A post on ${pick(['Telegram', 'Facebook', 'a forum'])} read: "${pick(['Strike back at the mosque', 'Kill the kuffar wherever you find them', 'The attacker is a hero', 'Join the ranks of the mujahideen'])}", ${pick(OUTLETS)}.`,
    () =>
      `${pick(['The defendant', 'The suspect', 'A man, 29,'])} had written "${pick(['burn the asylum hotel', 'migrants are rats', 'may more follow his path'])}" online, ${pick(OUTLETS)}.`,
    () =>
      `${pick(['Three', 'Two', 'Five'])} people were ${pick(['injured', 'killed'])} in ${pick(['a stabbing', 'a shooting', 'an explosion'])} in ${pick(TOWNS)} ${pick(['on Monday', 'last night', 'on Saturday'])}, ${pick(OUTLETS)}.`,
    () =>
      `Researchers said channels shared calls for revenge after the ${pick(TOWNS)} attack and praised ${pick(ATTACKERS.slice(0, 4))} as a hero.`,
  ])(),
);
// Counter-speech (unlabelled).
gen(120, 'none', 'counter_speech', '', () =>
  pick([
    () =>
      `${pick(['We condemn', 'We reject', 'Nothing justifies'])} the attack on ${pick([...FR_PLACES, ...JI_PLACES])}. ${pick(['Hate will not divide us.', 'Our thoughts are with the victims.', 'We stand together.'])}`,
    () =>
      `Calling ${pick(['muslims', 'refugees', 'jews'])} "${pick(['vermin', 'rats', 'parasites'])}" is ${pick(['disgusting', 'racist', 'dangerous'])}. ${pick(['Report it.', 'Call it out.', 'Shame on you.'])}`,
    () =>
      `We must not take revenge on ${pick(FR_GROUPS)}. ${pick(['Violence is not the answer.', 'Let the courts do their work.'])}`,
    () =>
      `${pick(ATTACKERS.slice(0, 4))} is not a hero, he is a murderer. ${pick(['Remember the victims.', 'Stop sharing his manifesto.'])}`,
  ])(),
);
// Ordinary speech (unlabelled).
gen(150, 'none', 'primary', '', () =>
  pick([
    () =>
      `${pick(['That gig', 'The band', 'She'])} ${pick(['killed it', 'slayed it', 'smashed it'])} ${pick(['tonight', 'last night', 'again'])}!`,
    () =>
      `The ${pick(['mosque', 'synagogue', 'church', 'temple'])} in ${pick(TOWNS)} ${pick(['runs a food bank', 'hosts an open day', 'raised money for the hospital'])}.`,
    () =>
      `${pick(['Muslims', 'Jewish families', 'Refugees', 'Christians'])} in ${pick(TOWNS)} ${pick(['celebrated the festival', 'opened a new bakery', 'joined the charity run'])}.`,
    () =>
      `${pick(['Why', 'How', 'When'])} do ${pick(['extremists', 'recruiters', 'channels'])} ${pick(['spread propaganda', 'target young people', 'react to attacks'])}?`,
    () =>
      `In ${pick(['1605', '1914', '1099', '1940'])} ${pick(['the plot', 'the war', 'the siege'])} ${pick(['changed history', 'killed thousands', 'is studied in class'])}, historians say.`,
    () =>
      `${pick(['ISIS', 'Al-Qaeda', 'Neo-nazis', 'The Taliban'])} ${pick(['are murderers', 'must be defeated', 'should be banned', 'are a threat to everyone'])}.`,
  ])(),
);

const csv = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const out = ['id,functionality,text,labels,context,ideology,target'];
rows.forEach(([text, labels, context, ideology], i) => {
  out.push(
    [`C${String(i + 1).padStart(4, '0')}`, 'synthetic', text, labels, context, ideology, '']
      .map(csv)
      .join(','),
  );
});
const file = join(import.meta.dirname, '../data/corpus/synthetic.csv');
writeFileSync(file, `${out.join('\n')}\n`);
console.log(`wrote ${rows.length} rows to ${file}`);
