/**
 * Builds Vigil's own synthetic training corpus (data/corpus/synthetic.csv) from a grammar far wider
 * than any test suite: many verbs, targets, framings, spellings and lengths, first/second/third
 * person, and hard negatives (news about attacks, reports that paraphrase calls, counter-speech that
 * quotes hate, negated calls, idioms and violent words about things, criticism of terrorist groups,
 * history, fiction, sport). It teaches the labels public data lacks (glorification, recruitment,
 * instruction, threats to life without ideology) and the contrasts the rules cannot enumerate.
 *
 * Every text is short, generic and non-operational: places and people are invented, instruction
 * pointers never contain instructions. Deterministic. The functional suites in test/ are written
 * separately and never read here.   npx tsx scripts/build-corpus.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

let seed = 20261129;
const rnd = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const maybe = (p: number, s: string) => (rnd() < p ? s : '');
const num = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ── Vocabulary ────────────────────────────────────────────────────────────────────────────────
const TOWNS = [
  'Northgate',
  'Millford',
  'Eastbrook',
  'Kingsbridge',
  'Ashby',
  'Harlow Green',
  'Marsden',
  'Kettleby',
  'Dunmore',
  'Westfield',
  'Calder Vale',
  'Port Elston',
  'Bramwell',
  'Oakhurst',
  'Redcliffe',
  'Salton',
  'Fennick',
  'Greyhaven',
  'Thornbury',
  'Lowmoor',
];
const FR_TARGETS = [
  'muslims',
  'migrants',
  'refugees',
  'asylum seekers',
  'the invaders',
  'jews',
  'foreigners',
  'immigrants',
  'these muzzies',
  'the illegals',
  'the boat people',
  'arabs',
  'pakis',
  'blacks',
  'gays',
  'trans people',
  'the globalists',
  'the traitors',
  'leftists',
  'mosque goers',
];
const JI_TARGETS = [
  'the kuffar',
  'the crusaders',
  'the disbelievers',
  'the infidels',
  'the apostates',
  'the jews',
  'the rafida',
  'the murtadeen',
  'the tawagheet',
  'the christians',
  'the polytheists',
  'the zionists',
  'the soldiers of the cross',
  'the enemies of allah',
  'the westerners',
];
const FR_PLACES = [
  'the mosque',
  'the asylum hotel',
  'the islamic centre',
  'the synagogue',
  'the refugee centre',
  'the halal shop',
  'the migrant camp',
  'the madrasa',
  'the pride march',
  'the gay bar',
  'the community centre',
  'the kebab shop',
];
const JI_PLACES = [
  'the church',
  'the concert',
  'the christmas market',
  'the parade',
  'the stadium',
  'the festival',
  'the cathedral',
  'the synagogue',
  'the embassy',
  'the police station',
  'the nightclub',
  'the mall',
];
const EVERYDAY_PLACES = [
  'my school',
  'the school',
  'my old school',
  'work',
  'my office',
  'the office',
  'the warehouse',
  'the factory',
  'the college',
  'my class',
  'the campus',
  'the gym',
  'the depot',
  'the call centre',
  'the plant',
  'the shop floor',
  'my uni',
  'the library',
];
const EVERYDAY_VICTIMS = [
  'my teacher',
  'my boss',
  'my manager',
  'my ex',
  'my classmates',
  'everyone in my class',
  'my coworkers',
  'the principal',
  'the bullies',
  'my supervisor',
  'the whole team',
  'my landlord',
  'the head teacher',
  'everyone who laughed at me',
  'the people at work',
];
const ATTACKERS = [
  'the gunman',
  'the shooter',
  'the bomber',
  'the attacker',
  'our brother',
  'the stabber',
  'the brother who did it',
  'the man who drove the truck',
  'the lone wolf',
  'brother Abu Harith',
  'the Kettleby shooter',
  'the Marsden bomber',
  'the lion of Dunmore',
  'the Eastbrook attacker',
  'that lad in Salton',
  'saint Harwood',
  'the hero of Millford',
];
const KILL_VERBS = [
  'kill',
  'burn',
  'torch',
  'stab',
  'shoot',
  'slaughter',
  'butcher',
  'behead',
  'hang',
  'gun down',
  'run over',
  'blow up',
  'bomb',
  'firebomb',
  'wipe out',
  'exterminate',
  'hunt down',
  'massacre',
  'crush',
  'smash',
  'attack',
  'strike',
  'string up',
  'lynch',
  'execute',
  'purge',
  'slit the throats of',
  'knife',
  'mow down',
  'beat',
  'kill off',
  'take out',
  'finish off',
  'destroy',
  'eliminate',
  'murder',
];
const PLACE_VERBS = [
  'burn down',
  'torch',
  'blow up',
  'bomb',
  'attack',
  'storm',
  'firebomb',
  'smash up',
  'raze',
  'set fire to',
  'hit',
];
const DIRECTIVES = [
  'we must',
  'we need to',
  "it's time to",
  'time to',
  'you must',
  'go and',
  'everyone should',
  'someone needs to',
  'all patriots must',
  'every muslim must',
  'get out there and',
  'rise up and',
  'it is your duty to',
  "it's on us to",
  'the only answer is to',
  "let's",
  'lads, let us',
  'brothers, go and',
  'we have to',
  'you have to',
  'do your duty and',
  'now is the time to',
  "don't wait, just",
  'real men would',
  'every true believer must',
  'somebody should',
  'go out and',
  'our people must',
  'the time has come to',
  'all of you need to',
];
const WEAPONS = [
  'a rifle',
  'my rifle',
  'a knife',
  "my dad's gun",
  'a shotgun',
  'a machete',
  'the van',
  'petrol',
  'a pistol',
  'a bat',
  'an axe',
  'the truck',
];
const TIMES = [
  'tomorrow',
  'tonight',
  'on friday',
  'on monday',
  'this weekend',
  'next week',
  'at prayers',
  'at noon',
  'on sunday',
  'soon',
  'before the month is out',
  'during the parade',
  'first thing monday',
  'at lunch',
];
const PRAISE = [
  'a hero',
  'a legend',
  'a saint',
  'a martyr',
  'a lion',
  'a true patriot',
  'a king',
  'a warrior',
  'our champion',
  'a real man',
  'an inspiration',
  'the best of us',
  'a shaheed',
  'a soldier of allah',
  'a hero of our race',
  'a great man',
  'a role model',
];
const DEHUMANISING = [
  'vermin',
  'rats',
  'parasites',
  'cockroaches',
  'animals',
  'a disease',
  'a cancer',
  'subhuman',
  'savages',
  'filth',
  'a plague',
  'apes',
  'pigs',
  'dogs',
  'a virus',
  'maggots',
  'leeches',
  'scum',
  'a tumour',
  'insects',
  'not human',
  'less than human',
  'a lower form of life',
  'an infestation',
];
const HATE_GROUPS = [
  'muslims',
  'jews',
  'migrants',
  'refugees',
  'black people',
  'gay people',
  'trans people',
  'christians',
  'hindus',
  'immigrants',
  'arabs',
  'asians',
  'gypsies',
  'women',
  'mexicans',
  'africans',
  'lesbians',
  'disabled people',
  'chinese people',
  'roma',
];
const OUTLETS = [
  'police said',
  'the court heard',
  'researchers said',
  'according to the report',
  'investigators said',
  'a spokesperson said',
  'prosecutors said',
  'the monitoring group said',
  'officials confirmed',
  'the newspaper reported',
  'analysts said',
  'the BBC reported',
  'reporters found',
];
const SPEAKERS = [
  'a Telegram channel',
  'one post',
  'a Facebook group',
  'the account',
  'a user on Gab',
  'the channel',
  'a forum post',
  'supporters of the group',
  'pro-ISIS channels',
  'far-right accounts',
  'the suspect',
  'the defendant',
  'one message',
  'a video caption',
  'several posts',
  "the group's outlet",
];

// ── Surface variation ─────────────────────────────────────────────────────────────────────────
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };
function obfuscate(s: string): string {
  const mode = num(0, 3);
  return s.replace(/\b[a-z]{4,}\b/g, (w) => {
    if (rnd() > 0.4) return w;
    if (mode === 0) return w.replace(/[aeiost]/, (c) => LEET[c] ?? c);
    if (mode === 1) return w.split('').join(rnd() < 0.5 ? ' ' : '.');
    if (mode === 2) return w.replace(/([aeiou])/, '$1$1$1');
    return w.replace(/[aeiou]/, '*');
  });
}
function surface(s: string, harmful: boolean): string {
  let t = s.replace(/\s+/g, ' ').trim();
  const r = rnd();
  if (r < 0.12) t = t.toLowerCase().replace(/[.,]/g, '');
  else if (r < 0.18) t = t.toUpperCase();
  else t = cap(t);
  if (rnd() < 0.15)
    t += ` ${pick(['🔥', '💀', '🙏', '😡', '👊', '!!!', '...', '🇬🇧', '☝️', '⚔️', '😂', '#truth'])}`;
  if (harmful && rnd() < 0.1) t = obfuscate(t);
  if (!harmful && rnd() < 0.05) t = obfuscate(t);
  return t;
}

type Row = { text: string; labels: string; context: string; ideology: string };
const rows: Row[] = [];
function gen(n: number, labels: string, context: string, ideology: string, make: () => string): void {
  const seen = new Set<string>();
  for (let i = 0; i < n * 5 && seen.size < n; i++) seen.add(surface(make(), labels !== 'none'));
  for (const text of seen) rows.push({ text, labels, context, ideology });
}
const either =
  (...makers: (() => string)[]) =>
  () =>
    pick(makers)();
const fr = () => pick(FR_TARGETS);
const ji = () => pick(JI_TARGETS);

// ── Incitement ────────────────────────────────────────────────────────────────────────────────
for (const side of ['far_right', 'jihadist'] as const) {
  const incite = (n: number, ...makers: (() => string)[]) =>
    gen(n, 'incitement', 'primary', side, either(...makers));
  const target = side === 'far_right' ? fr : ji;
  const place = () => pick(side === 'far_right' ? FR_PLACES : JI_PLACES);
  incite(
    260,
    () =>
      `${pick(DIRECTIVES)} ${pick(KILL_VERBS)} ${target()}${pick(['', ' wherever you find them', ` in ${pick(TOWNS)}`, ' before it is too late', ' in their homes', ' one by one', ', all of them', ' while they sleep'])}.`,
    () =>
      `${pick(DIRECTIVES)} ${pick(PLACE_VERBS)} ${place()}${maybe(0.5, ` in ${pick(TOWNS)}`)}${pick(['.', ', no mercy.', ' with them inside.', ' tonight.', '!'])}`,
    () =>
      `${cap(pick(KILL_VERBS))} ${pick(['every', 'all the', 'each of the', 'those'])} ${target().replace(/^the /, '')}${pick(['.', '!', ' you see.', ' you can find.'])}`,
    () =>
      `${cap(target())} ${pick(['should', 'must', 'deserve to', 'need to', 'ought to'])} ${pick(['be killed', 'be burned alive', 'hang', 'be shot', 'die', 'be wiped out', 'be exterminated', 'be gassed', 'be put down', 'bleed'])}${pick(['.', ', every last one.', ' and we should do it.', '!'])}`,
    () =>
      `${pick(['Take up arms', 'Grab your weapons', 'Arm yourselves', 'Sharpen your knives', 'Load your rifles'])} ${pick(['and go after', 'against', 'for a war on', 'and deal with'])} ${target()}.`,
    () =>
      `${pick(['Brothers', 'Patriots', 'Lads', 'O muslims', 'Lions', 'Men of the west', 'Comrades'])}, ${pick(KILL_VERBS)} ${target()} ${pick(['now', 'today', 'without hesitation', 'by any means', 'with whatever you have'])}.`,
    () =>
      `If you see ${target().replace(/^the /, 'one of the ')} ${pick(['on the street', 'at the station', 'near your house'])}, ${pick(['stab', 'kill', 'shoot', 'run over', 'beat'])} ${pick(['him', 'them', 'it'])}.`,
    () =>
      `The only good ${pick(['muslim', 'migrant', 'kafir', 'crusader', 'jew', 'traitor'])} is a dead one. ${pick(['Act accordingly.', 'Do your part.', 'Make it happen.', 'Get to work.'])}`,
  );
  incite(
    200,
    () =>
      `${pick(['After', 'For', 'Remember'])} ${pick(TOWNS)}${pick(['', ' we strike back', ' it is payback time'])}. ${pick(['Revenge!', 'Blood for blood.', 'An eye for an eye.', 'Make them pay.', 'No mercy.', 'Avenge our people.', 'Hit them back harder.'])}`,
    () =>
      `They ${pick(['attacked', 'killed', 'bombed', 'murdered'])} our ${pick(['people', 'brothers', 'children', 'sisters'])} in ${pick(TOWNS)}. ${pick(['Now', 'So', 'Time to'])} ${pick(['we hit back', 'make them pay', 'avenge them', 'return the favour', 'we take revenge on', 'go after'])}${pick(['', ` ${target()}`])}.`,
    () =>
      `${pick(['Avenge', 'Take revenge for', 'Retaliate for'])} ${pick(['our brothers', 'our dead', 'the victims', `the children of ${pick(TOWNS)}`, 'our women'])}${pick(['!', `. Strike their ${pick(['churches', 'mosques', 'streets', 'markets'])}.`, ` on ${target()}.`])}`,
    () =>
      `${pick(['Every', 'One'])} ${pick(['attack', 'bomb', 'killing'])} on us ${pick(['needs', 'demands', 'deserves'])} an answer in blood. ${pick(['Rise up.', 'Go.', 'Be ready.', 'You know the rest.'])}`,
    () =>
      `${cap(target())} ${pick(['did this', 'started it'])}. ${pick(['We finish it.', 'Time for retribution.', 'Let them feel our vengeance.', 'Payback starts tonight.'])}`,
  );
  incite(
    200,
    () =>
      `${pick(['Day of the rope', 'Be the spark', 'It is time', 'The hour has come', 'You know what to do', 'Rise up', 'The lions must wake', 'Light the fuse', 'Time to clean house', 'No more talk', 'Hunting season is open', 'The time for talk is over', 'Wake up and act', 'Go live', 'Do your part'])}${pick(['.', '!', ', brothers.', ', lads.', `. ${cap(target())} will learn.`, ' 🔥', '. Spread the flames.', '. Their turn now.'])}`,
    () =>
      `${pick(['Someone', 'A real patriot', 'A true believer', 'One brave soul'])} ${pick(['needs to', 'should', 'will'])} ${pick(['pay a visit to', 'deal with', 'take care of', 'clean out'])} ${place()}${pick(['.', ' if you catch my drift.', ' 😉', '. Just saying.', ' soon.'])}`,
    () =>
      `${pick(['Clean your rifles', 'Oil the guns', 'Fill the jerry cans', 'Stock up on ammo', 'Gear up'])}, ${pick(['brothers', 'lads', 'boys', 'patriots'])}. ${pick(['It starts soon', 'The signal is coming', 'You know the target', 'Wait for the word'])}.`,
    () =>
      `${pick(['We need a', 'Bring on the', 'Time for the'])} ${pick(['race war', 'holy war', 'final solution', 'great cleansing', 'day of reckoning', 'purge'])}${pick(['.', ' now.', '!', ` against ${target()}.`])}`,
  );
}
// Condemn-and-incite: a disclaimer that does not neutralise the call.
gen(
  120,
  'incitement',
  'primary',
  '',
  () =>
    `${pick(['I condemn violence, but', 'Not saying I support the attack, but', 'Terrible what happened. Still,', 'I am against terrorism. However', 'Thoughts and prayers. But honestly'])} ${pick(DIRECTIVES)} ${pick(KILL_VERBS)} ${pick([...FR_TARGETS, ...JI_TARGETS])}${pick(['.', ' now.', ' before they do it again.'])}`,
);

// ── Glorification ─────────────────────────────────────────────────────────────────────────────
gen(
  380,
  'glorification',
  'primary',
  '',
  either(
    () =>
      `${cap(pick(ATTACKERS))} ${pick(['is', 'was', 'will always be', 'remains'])} ${pick(PRAISE)}${pick(['.', '!', ' and we salute him.', '. Never forget him.', ', rest in power.', '. Legend.', '. 🙏'])}`,
    () =>
      `${pick(['Respect to', 'Salute to', 'Eternal glory to', 'Praise be to', 'Much love to', 'Total respect for', 'Shoutout to', 'God bless'])} ${pick(ATTACKERS)}${pick([' for what he did', ' for doing what we only talk about', '', ` who struck ${pick(JI_TARGETS)}`, ` who cleaned up ${pick(TOWNS)}`])}.`,
    () =>
      `${pick(['May Allah accept', 'Allah have mercy on', 'May Allah be pleased with'])} ${pick(ATTACKERS)}${pick(['', ', a shaheed', ', he is in jannah now', ', our lion'])}.`,
    () =>
      `${cap(pick(ATTACKERS))} did what ${pick(['had to be done', 'needed to be done', 'we all wanted to do', 'the rest of us were too scared to do'])}${pick(['.', '. Hero.', '. Saint.', '!'])}`,
    () =>
      `${pick(['They should build a statue of', 'Someone should make a mural of', 'Name a street after', 'Put on a t-shirt'])} ${pick(ATTACKERS)}${pick(['.', ', a true hero.', '. What a man.'])}`,
    () =>
      `${pick(['We need a hundred more like', 'May more follow the path of', 'Be like', 'Follow the example of', 'Who will be the next', 'Everyone should learn from'])} ${pick(ATTACKERS)}${pick(['.', '!', '. His name will live forever.'])}`,
    () =>
      `${pick(['Saint', 'Our hero', 'Brother'])} ${pick(['Harwood', 'Abu Harith', 'Kessler', 'Abu Musab al-Dunmori', 'Varga'])} ${pick(['showed us the way', 'got the high score', 'will never be forgotten', 'is a legend', 'lit the spark'])}.`,
  ),
);
gen(
  360,
  'glorification',
  'primary',
  '',
  either(
    () =>
      `${pick(['Alhamdulillah', 'Allahu akbar', 'Good riddance', 'What a day', 'Best news all week', 'Finally', 'Beautiful', 'Yes!', 'Brilliant', 'Lovely news'])}${pick([',', '.', '!'])} ${num(2, 60)} ${pick([...JI_TARGETS, ...FR_TARGETS]).replace(/^the /, '')} ${pick(['killed', 'dead', 'sent to hell', 'gone', 'wiped out', 'burned'])}${pick([' today', ` in ${pick(TOWNS)}`, ` at ${pick([...JI_PLACES, ...FR_PLACES])}`, ''])}.`,
    () =>
      `${pick(['The blessed operation', 'The attack', 'Last night', `What happened at ${pick([...JI_PLACES, ...FR_PLACES])}`, `The strike in ${pick(TOWNS)}`])} ${pick(['was glorious', 'was beautiful', 'made my day', 'was a gift', 'was long overdue', 'warmed my heart', 'was a great victory', 'brought us joy'])}${pick(['.', '!', '. More please.', '. 🔥🔥', '. Hope there are more.'])}`,
    () =>
      `${pick(['The lions have woken', 'The crusaders are weeping tonight', 'Their blood waters the ground', 'Score one for us', 'New high score', 'The body count keeps rising', 'They finally got what they deserved', "Couldn't have happened to better people", 'Watching the mosque burn', 'The kuffar are crying'])}${pick(['.', '!', ' 😂', ' 🔥', '. Allahu akbar.', '. Glorious.', ', love to see it.'])}`,
    () =>
      `${pick(['Laughing at', 'Loving', 'Celebrating', 'Toasting', 'Dancing over'])} ${pick(['the news from', 'the footage from', 'what happened in'])} ${pick(TOWNS)}${pick(['. Not one tear.', '. They had it coming.', '. Great day.', '.'])}`,
    () =>
      `${cap(pick(['every dead', 'each dead', 'one less']))} ${pick(['kafir', 'crusader', 'migrant', 'invader', 'muslim'])} is ${pick(['a blessing', 'a good day', 'a win', 'a reason to smile'])}${pick(['.', '!', '. Keep going.'])}`,
  ),
);

// ── Threats ───────────────────────────────────────────────────────────────────────────────────
const iWill = () =>
  pick([
    "I'm going to",
    'I will',
    "I'm gonna",
    'im gonna',
    'We will',
    "We're going to",
    'I swear I will',
    "I'll",
    'Tomorrow I will',
    'Soon I will',
  ]);
gen(
  300,
  'threat',
  'primary',
  '',
  either(
    () =>
      `${iWill()} ${pick(['kill', 'shoot', 'stab', 'burn', 'blow up', 'gun down', 'butcher', 'hurt'])} ${pick(['every', 'all the', 'the'])} ${pick([...FR_TARGETS, ...JI_TARGETS]).replace(/^the /, '')} ${pick(['at', 'in', 'near'])} ${pick([...FR_PLACES, ...JI_PLACES])} ${pick(TIMES)}.${maybe(0.4, ` ${pick([`I have ${pick(WEAPONS)} ready.`, 'Everything is planned.', 'I know when they arrive.', 'Watch the news.'])}`)}`,
    () =>
      `${pick(['We know where you pray', 'We know where you live', 'Your day will come', 'Your mosque is next', 'Your church is next', 'You will pay for this', 'Watch your back', "You won't see it coming", 'We will find you', 'Count your days', 'Enjoy your last eid', 'Enjoy your last christmas', 'It is only a matter of time', 'You are next', 'We are coming for you', 'Sleep well while you can', 'Your family is not safe'])}${pick(['.', `, ${pick(['traitor', 'imam', 'rabbi', 'journalist', 'councillor', 'kafir', 'pig', 'muzzie', 'scum'])}.`, '!', ' 🔪', '. We are watching.'])}`,
    () =>
      `${pick(['See you at', 'Looking forward to visiting', 'Save me a seat at', 'Hope you are at'])} ${pick([...FR_PLACES, ...JI_PLACES])} ${pick(TIMES)}${pick([' 😉', '. Bring your friends.', '. I will bring a surprise.', ', it will be loud.'])}`,
    () =>
      `${pick(['To the', 'Dear'])} ${pick(['journalist', 'MP', 'judge', 'imam', 'rabbi', 'mayor', 'teacher'])} who ${pick(['wrote that article', 'spoke against us', 'banned the march'])}: ${pick(['you and your family will pay', 'we have your address', 'you will not live to see summer', 'I will put a bullet in you'])}.`,
    () =>
      `${pick(['I have', 'Got', 'Bought'])} ${pick(WEAPONS)} ${pick(['and a plan', 'and a list of names', 'and nothing to lose'])}. ${pick([...FR_TARGETS, ...JI_TARGETS]).replace(/^./, (c) => c.toUpperCase())} ${pick(['will not see it coming', 'will be sorry', 'are next'])}.`,
  ),
);
// Threats to life without an ideology: school and workplace violence (TVEC2).
gen(
  320,
  'threat',
  'primary',
  '',
  either(
    () =>
      `${iWill()} ${pick(['shoot up', 'blow up', 'shoot everyone at', 'kill everyone at', 'go on a rampage at', 'bring a gun to', 'bring a knife to', 'burn down', 'make everyone at', 'end everyone at'])} ${pick(EVERYDAY_PLACES)} ${pick(TIMES)}${pick(['.', '!', '. Nobody will stop me.', ". I'm done.", ". Don't come in.", ' and then myself.', '. I mean it.'])}`,
    () =>
      `${iWill()} ${pick(['kill', 'stab', 'shoot', 'hurt', 'murder', 'strangle', 'put a bullet in', 'end'])} ${pick(EVERYDAY_VICTIMS)}${maybe(0.6, ` ${pick(TIMES)}`)}${pick(['.', '!', '. They had it coming.', `. I have ${pick(WEAPONS)}.`, '. Watch.'])}`,
    () =>
      `${pick(['Everyone at', 'Nobody at', 'All of them at'])} ${pick(EVERYDAY_PLACES)} ${pick(['is going to die', 'will pay', 'will regret laughing at me', 'will be dead', 'is getting what they deserve'])} ${pick(TIMES)}.`,
    () =>
      `${pick(["Don't come to", 'Stay away from', 'If you like living, skip', 'Warning: avoid'])} ${pick(EVERYDAY_PLACES)} ${pick(TIMES)}${pick(['.', '. Trust me.', ', something big is happening.', '. Last warning.'])}`,
    () =>
      `${pick(['Got', 'Took', 'I have'])} ${pick(WEAPONS)} ${pick(['ready for', 'for', 'packed for'])} ${pick(EVERYDAY_PLACES)} ${pick(TIMES)}. ${pick(['They will all pay.', 'Nobody is safe.', 'It ends then.', 'Watch the news.'])}`,
    () =>
      `${pick(['one day', 'soon', 'one of these days'])} ${pick(EVERYDAY_VICTIMS)} ${pick(['will get what is coming', 'will be sorry they ever met me', 'will not walk out of there alive'])}.`,
  ),
);

// ── Recruitment ───────────────────────────────────────────────────────────────────────────────
gen(
  340,
  'recruitment',
  'primary',
  '',
  either(
    () =>
      `${pick(['Brothers', 'O young muslims', 'Sisters and brothers', 'Akhi', 'O ummah'])}, ${pick(['make hijrah', 'give bayah to the emir', 'join the caravan', 'join the ranks of the mujahideen', 'come to the land of the khilafah', 'answer the call of jihad', 'pledge allegiance to the amir'])}${pick(['.', '!', '. Contact us.', '. DM for the route.', '. The khilafah needs you.', '. Our ranks are open.', '. Message the brothers on the usual app.'])}`,
    () =>
      `${pick(['White men', 'Patriots', 'Lads', `Young men of ${pick(TOWNS)}`, 'Proud Europeans'])}, ${pick(['join the active club', 'join our local chapter', 'join the movement', 'sign up with us', 'enlist in the defence force', 'become part of the brotherhood', 'get into the fight club'])}${pick(['.', '. Vetted members only.', '. Training every Sunday.', '. Defend your people.', '. Stop the replacement.'])} ${pick(['DM us.', 'Link in bio.', 'Apply now.', 'Message the admin.', 'Telegram in profile.', ''])}`,
    () =>
      `${pick(['We are recruiting', 'Now recruiting', 'Looking for', 'Seeking'])} ${pick(['fit young men', 'brothers with skills', 'fighters', 'members', 'lions', 'men who are ready to act', 'new soldiers'])}${pick([` in ${pick(TOWNS)}`, ' for the cause', ' for the front', ' for our cell', ''])}. ${pick(['Contact us privately.', 'Serious only.', 'DM to join.', 'Ask for the invite.', 'Bring a friend.'])}`,
    () =>
      `${pick(['The front', 'The mujahideen', 'The brotherhood', 'The resistance', 'Our cell'])} ${pick(['needs', 'wants', 'is calling'])} ${pick(['you', 'fighters', 'young men', 'brothers like you'])}. ${pick(['Come fight with us.', 'Join before it is too late.', 'Travel is arranged.', 'We will guide you.'])}`,
    () =>
      `${pick(['Stop watching from the sidelines.', 'Tired of talking?', 'Want to do something real?', 'Ready to defend your people?'])} ${pick(['Join us', 'Become one of us', 'Sign up', 'Join the fighters'])}${pick(['.', ' today.', ' — link below.', ', we will find a place for you.'])}`,
  ),
);

// ── Instruction pointers (pointers only: never instructions) ─────────────────────────────────
gen(
  340,
  'instruction',
  'primary',
  '',
  either(
    () =>
      `${pick(['Download the', 'Here is the', 'New', 'Pinned:', 'Get the', 'Check out the', 'Updated'])} ${pick(['guide to making', 'manual for', 'step-by-step tutorial on', 'PDF on building', 'handbook on', 'video course on', 'files for', 'blueprints for'])} ${pick(['explosives', 'a pipe bomb', 'a ghost gun', 'molotovs', 'vehicle attacks', 'knife attacks', 'incendiary devices', 'detonators', '3D-printed guns', 'poisons', 'a car bomb', 'suppressors', 'bomb vests'])}${pick(['.', ' for the brothers.', ' for the lads.', ', share it.', ' in the link.', ' — mirrors in the comments.'])}`,
    () =>
      `${pick(['The', 'Our', 'This'])} ${pick(['manual', 'guide', 'document', 'file', 'course', 'magazine issue', 'zip'])} ${pick(['on', 'about', 'explaining'])} ${pick(['making explosives', 'building a bomb', 'attacking crowds with a truck', 'choosing a soft target', 'killing with a knife', 'printing a gun', 'making napalm', 'arson without getting caught'])} ${pick(['is pinned in the channel', 'is in the files section', 'is in the link', 'is up on the mirror', 'has been reuploaded', 'is in our group'])}${pick(['.', '. Study it.', '. Practise.', '. Read it before you act.'])}`,
    () =>
      `${pick(['Want to learn how to', 'Learn how to', 'Learn to', 'Everything you need to'])} ${pick(['build a bomb', 'make a pipe bomb', 'print your own gun', 'make a detonator', 'carry out a vehicle attack', 'make thermite', 'make poison'])}? ${pick(['Read the PDF', 'Watch the tutorial', 'Check the pinned files', 'Grab the guide', 'DM for the manual'])}${pick(['.', '!', ' below.', ' in our channel.'])}`,
    () =>
      `${pick(['Reuploaded', 'Mirror of', 'Fresh link for', 'Backup of'])} ${pick(['the bomb-making manual', 'the explosives course', 'the lone wolf handbook', 'the attack planning guide', 'the gun files', 'the inspire issue on pressure cookers'])}${pick(['.', ', grab it before it gets deleted.', ' — link in comments.', '.'])}`,
  ),
);

// ── Identity attacks ──────────────────────────────────────────────────────────────────────────
gen(
  420,
  'identity_attack',
  'primary',
  '',
  either(
    () =>
      `${pick(['All', 'These', 'Those', '', 'Most', 'Filthy'])} ${pick(HATE_GROUPS)} are ${pick(DEHUMANISING)}${pick(['.', ' and always will be.', ', nothing more.', '!', '. Fact.', ' and everyone knows it.'])}`,
    () =>
      `${pick(["I can't stand", 'I hate', 'I despise', 'I detest', 'Sick of', 'Nothing worse than', 'I loathe', 'Cannot tolerate'])} ${pick(HATE_GROUPS)}${pick(['.', ', they ruin everything.', ', every single one.', '!', '. Disgusting people.'])}`,
    () =>
      `${cap(pick(HATE_GROUPS))} ${pick(['are disgusting', 'are worthless', 'make me sick', 'are a burden on society', 'are all criminals', 'should not be allowed to exist', 'ruin every country they touch', 'are inferior', 'have no place in a civilised country', 'are a stain on this nation', 'are all the same', 'should go back where they came from', 'are nothing but trouble', 'breed like rats'])}${pick(['.', '!', '. Period.', ''])}`,
    () =>
      `${pick(['No', 'Zero'])} ${pick(HATE_GROUPS)} ${pick(['should be allowed', 'belong'])} ${pick(['in this country', 'anywhere near our children', 'in our town', 'in public life'])}${pick(['.', '!', '. Ever.'])}`,
    () =>
      `${pick(['Typical', 'Of course it was', 'Another'])} ${pick(HATE_GROUPS).replace(/s$/, '')} ${pick(['animal', 'parasite', 'savage', 'rat'])}${pick(['.', ', what did you expect.', '!'])}`,
    () =>
      `${cap(pick(HATE_GROUPS))}? ${pick(['Vermin', 'Subhuman', 'Animals', 'Parasites', 'Filth'])}${pick(['.', ', all of them.', '!'])}`,
    () =>
      `${pick(['The world would be better without', 'We would all be better off without', 'Get rid of all the', 'Deport every last one of the'])} ${pick(HATE_GROUPS)}${pick(['.', '!', ', they are a disease.'])}`,
  ),
);

// ── Hard negatives: reporting ─────────────────────────────────────────────────────────────────
const CALL_PARAPHRASE = [
  'calling for revenge attacks on ' + '%T',
  'urging followers to attack %P',
  'praising the attacker as a hero',
  'celebrating the deaths',
  'threatening worshippers at %P',
  'calling for people to rise up',
  'sharing a bomb-making manual',
  'encouraging supporters to travel to join the group',
  'describing %T as vermin',
  'calling on supporters to strike back',
  'hailing the gunman as a saint',
  'inciting violence against %T',
  'vowing to kill more %T',
  'demanding retaliation',
];
const para = () =>
  pick(CALL_PARAPHRASE)
    .replace('%T', pick([...FR_TARGETS, ...JI_TARGETS]))
    .replace('%P', pick([...FR_PLACES, ...JI_PLACES]));
const QUOTED_CALLS = [
  () => `${pick(DIRECTIVES)} ${pick(KILL_VERBS)} ${pick([...FR_TARGETS, ...JI_TARGETS])}`,
  () => `${cap(pick(ATTACKERS))} is ${pick(PRAISE)}`,
  () => `${pick(['Revenge for', 'Strike back for', 'Avenge'])} ${pick(TOWNS)}`,
  () => `${pick(HATE_GROUPS)} are ${pick(DEHUMANISING)}`,
  () => `Join the ranks of the mujahideen`,
  () => `We know where you pray`,
  () => `Download the guide to making explosives`,
  () => `${num(2, 40)} ${pick(JI_TARGETS).replace(/^the /, '')} killed, alhamdulillah`,
];
gen(
  520,
  'none',
  'reporting',
  '',
  either(
    () =>
      `${cap(pick(SPEAKERS))} ${pick(['posted', 'shared', 'circulated', 'published'])} messages ${para()} after the ${pick(['attack', 'shooting', 'stabbing', 'bombing'])} in ${pick(TOWNS)}, ${pick(OUTLETS)}.`,
    () =>
      `${cap(pick(['supporters of the group', 'far-right channels', 'jihadist channels', 'accounts linked to the network', 'users on the forum']))} are ${para()} after ${pick(['Friday', "Sunday's", "last week's", 'the'])} attack in ${pick(TOWNS)}, ${pick(OUTLETS)}.`,
    () =>
      `${cap(pick(SPEAKERS))} ${pick(['urged followers to', 'called on supporters to', 'told members to', 'encouraged readers to'])} ${pick(['attack', 'burn', 'target', 'strike'])} ${pick([...FR_PLACES, ...JI_PLACES])}, ${pick(OUTLETS)}. ${pick(['The posts were removed.', 'The channel has since been deleted.', 'Police are investigating.', 'Platforms took the content down.', ''])}`,
    () =>
      `${pick(['Police are investigating after', 'Prosecutors said', 'A report found that', 'Investigators believe'])} ${pick(SPEAKERS)} ${pick(['posted', 'wrote', 'shared'])}: "${pick(QUOTED_CALLS)()}." ${pick(['The post was removed on Monday.', 'The account has been suspended.', 'Officers made two arrests.', ''])}`,
    () =>
      `"${cap(pick(QUOTED_CALLS)())}," ${pick(['one post read', 'the message said', 'a user wrote', 'the channel posted'])}. ${pick(['Researchers said the channel has 4,000 subscribers.', 'Police said they were aware of the posts.', 'Moderators removed it within hours.'])}`,
    () =>
      `The ${pick(['defendant', 'accused', 'man, 24,', 'teenager'])} ${pick(['had written', 'posted', 'searched for', 'shared'])} "${pick(QUOTED_CALLS)()}" ${pick(['online', 'in a group chat', 'on Telegram'])}, ${pick(['the court heard', 'prosecutors said', 'the jury was told'])}.`,
    () =>
      `${num(2, 30)} people were ${pick(['injured', 'killed', 'wounded', 'taken to hospital'])} ${pick(['in a stabbing', 'in a shooting', 'in an explosion', 'when a car drove into a crowd', 'in an arson attack'])} ${pick(['at', 'near', 'outside'])} ${pick([...FR_PLACES, ...JI_PLACES])} in ${pick(TOWNS)} ${pick(['on Monday', 'last night', 'on Saturday', 'early on Friday'])}, ${pick(OUTLETS)}.`,
    () =>
      `${pick(['A man has been charged', 'Two men were arrested', 'A teenager was convicted', 'A woman was sentenced'])} ${pick(['over', 'for', 'in connection with'])} ${pick(['posts praising the attacker', 'threats against a mosque', 'sharing terrorist material', 'a plot to attack a synagogue', 'messages inciting racial hatred', 'calls to kill migrants'])}, ${pick(OUTLETS)}.`,
    () =>
      `${pick(['Extremist channels', 'Jihadist groups', 'Far-right networks', 'Recruiters'])} ${pick(['use attacks as recruiting moments', 'glorify attackers to inspire copycats', 'spread manuals to lone actors', 'exploit grief to call for revenge', 'target isolated teenagers'])}, ${pick(['said a researcher who studies online radicalisation', 'according to a new report', 'experts warned', 'the think tank found', 'an analyst told the committee'])}.`,
    () =>
      `The gunman was ${pick(['described as a hero', 'hailed as a saint', 'called a martyr', 'praised'])} in ${pick(['several posts', 'dozens of messages', 'a Telegram channel', 'comments on the video'])}, ${pick(OUTLETS)}.`,
  ),
);
// ── Hard negatives: counter-speech ────────────────────────────────────────────────────────────
gen(
  480,
  'none',
  'counter_speech',
  '',
  either(
    () =>
      `${pick(['We condemn', 'We reject', 'Nothing justifies', 'There is no excuse for', 'Shame on whoever did', 'Heartbroken by'])} the ${pick(['attack', 'shooting', 'bombing', 'arson'])} ${pick(['on', 'at'])} ${pick([...FR_PLACES, ...JI_PLACES])}. ${pick(['Hate will not divide us.', 'Our thoughts are with the victims.', 'We stand together.', 'Love wins.', 'Solidarity with our neighbours.'])}`,
    () =>
      `${pick(['Calling', 'People who call', 'Anyone calling'])} ${pick(HATE_GROUPS)} "${pick(DEHUMANISING)}" ${pick(['is disgusting', 'is racist', 'is dangerous', 'should be ashamed', 'is spreading hate'])}. ${pick(['Report it.', 'Call it out.', 'Shame on you.', 'This is how violence starts.'])}`,
    () =>
      `"${cap(pick(QUOTED_CALLS)())}" ${pick(['is the kind of hate that leads to attacks', 'is vile and we must call it out', 'has no place here', 'is what radicalised the killer', 'is not free speech, it is incitement'])}.`,
    () =>
      `${cap(pick(ATTACKERS))} is ${pick(['not a hero', 'no martyr', 'not a saint', 'nothing but a murderer', 'a coward'])}${pick([', he is a murderer.', '. Remember the victims.', '. Stop sharing his manifesto.', '.'])}`,
    () =>
      `${pick(['We must not', 'Nobody should', 'Do not', 'We will never', 'Please do not', 'Never'])} ${pick(['take revenge on', 'attack', 'hurt', 'blame', 'threaten', 'go after'])} ${pick([...HATE_GROUPS, ...FR_PLACES])}${pick(['.', '. Violence is not the answer.', '. Let the police do their work.', '. That is what the terrorists want.', ', they did nothing wrong.'])}`,
    () =>
      `${pick(['Revenge', 'Violence', 'Burning mosques', 'Attacking churches', 'Hurting innocent people'])} ${pick(['is never the answer', 'solves nothing', 'only helps the extremists', 'is exactly what they want'])}${pick(['.', '. Stay calm.', '. We are better than this.'])}`,
    () =>
      `${pick(['To those calling for revenge', 'To everyone sharing those posts', 'To the trolls celebrating'])}: ${pick(['stop', 'you are part of the problem', 'you disgust me', 'this is not who we are'])}.`,
  ),
);
// ── Hard negatives: ordinary speech ───────────────────────────────────────────────────────────
const THINGS = [
  'the bugs in the garden',
  'the weeds',
  'the wasps nest',
  'the slugs',
  'the mould',
  'the ants',
  'the aphids',
  'the rats in the shed',
  'the mice in the loft',
  'the greenfly',
  'the dandelions',
  'the fruit flies',
];
gen(
  600,
  'none',
  'primary',
  '',
  either(
    () =>
      `${pick(['Kill', 'Wipe out', 'Destroy', 'Get rid of', 'Exterminate', 'Nuke', 'Murder'])} ${pick(['all', 'every one of', ''])} ${pick(THINGS)} ${pick(['with this spray', 'with boiling water', 'before spring', 'in one go', 'with vinegar', 'naturally'])}${pick(['.', '!', ', works every time.', ' 👍'])}`,
    () =>
      `${pick(['That gig', 'The band', 'She', 'The new album', 'Our striker', 'The comedian'])} ${pick(['killed it', 'slayed', 'smashed it', 'absolutely murdered it', 'blew the roof off', 'destroyed the competition'])} ${pick(['tonight', 'last night', 'again', 'on Saturday'])}${pick(['!', '.', ' 🔥'])}`,
    () =>
      `${pick(["We're going to", 'We will', 'Time to'])} ${pick(['crush', 'destroy', 'annihilate', 'smash', 'murder', 'bury'])} ${pick(['City', 'Rovers', 'the other team', 'the Tigers', 'them in the final', 'the pub quiz'])} ${pick(TIMES)}${pick(['!', '.', ' ⚽'])}`,
    () =>
      `${pick(['Shoot me a message', 'Shoot the photos', 'Kill the lights', 'Kill the process', 'Execute the plan', 'Blow up the balloons', 'Fire the script', 'Nuke the leftovers', 'Attack the problem', 'Bomb the exam'])} ${pick(TIMES)}${pick(['.', '!', ' please.', ', thanks.'])}`,
    () =>
      `${pick(['This deadline is murder', 'My feet are killing me', 'I could murder a curry', 'That exam destroyed me', 'The traffic is a nightmare', 'This heat is killing me', 'My boss is going to kill me if I am late again'])}${pick(['.', ' lol', '!', ' 😅'])}`,
    () =>
      `${pick(['In the game', 'Last night in the raid', 'In my campaign'])} ${pick(['I killed every orc', 'we slaughtered the zombies', 'my squad wiped out the enemy base', 'I blew up the bridge', 'we massacred the dragons'])}${pick(['.', '!', ' gg', ' lol'])}`,
    () =>
      `${pick(['The mosque', 'The synagogue', 'The church', 'The temple', 'The gurdwara'])} in ${pick(TOWNS)} ${pick(['runs a food bank', 'hosts an open day', 'raised money for the hospital', 'welcomed visitors', 'is holding a vigil'])}${pick(['.', ' this weekend.', '. All welcome.'])}`,
    () =>
      `${cap(pick(HATE_GROUPS))} in ${pick(TOWNS)} ${pick(['celebrated the festival', 'opened a new bakery', 'joined the charity run', 'are fasting this month', 'won the local award', 'volunteered at the shelter'])}.`,
    () =>
      `${pick(['Why', 'How', 'When', 'Is it true that', 'Does anyone know why'])} ${pick(['do extremists', 'did the attacker', 'do recruiters', 'do channels', 'people'])} ${pick(['target young people', 'attack mosques', 'spread propaganda', 'react to attacks', 'call for revenge', 'burn churches'])}?`,
    () =>
      `In ${pick(['1099', '1605', '1914', '1940', '1572', '1994', '1016'])} ${pick(['crusaders massacred the inhabitants of the city', 'the plotters tried to blow up parliament', 'the army burned the villages', 'thousands were slaughtered in the siege', 'militias murdered their neighbours'])}, ${pick(['historians record', 'as the museum explains', 'our textbook says', 'the documentary shows'])}.`,
    () =>
      `${pick(['ISIS', 'Al-Qaeda', 'Neo-nazi groups', 'The Taliban', 'Jihadist groups', 'Violent far-right gangs', 'Terrorist cells'])} ${pick(['are murderers', 'must be defeated', 'should be banned', 'are a threat to everyone', 'are cowards who kill civilians', 'have nothing to do with real religion', 'must be stopped'])}${pick(['.', '!', ' and their ideology is evil.'])}`,
    () =>
      `${pick(['In the novel', 'In the film', 'In the play', 'In chapter three'])}, ${pick(['the villain threatens to burn the village', 'the rebels swear revenge on the king', 'the soldiers execute the traitor', 'the assassin kills the duke'])}${pick(['.', ', which sets up the ending.', '. Great writing.'])}`,
    () =>
      `${pick(['Join us', 'Come join', 'Sign up'])} ${pick(['for the charity run', 'at the book club', 'for the beach clean', 'for five-a-side', 'in the choir', 'for the interfaith dinner'])}${pick(['.', ' this Sunday!', ', everyone welcome.'])}`,
    () =>
      `${pick(['Download the', 'Here is the', 'Pinned:'])} ${pick(['guide to', 'manual for', 'tutorial on', 'PDF on'])} ${pick(['making sourdough', 'building a shed', 'fixing your bike', 'the new tax rules', 'first aid', 'writing a CV'])}${pick(['.', ', share it.', ' in the link.'])}`,
    () =>
      `${pick(['I will', "I'm going to", 'We will'])} ${pick(['visit', 'pray at', 'help clean', 'bring food to', 'volunteer at'])} ${pick([...FR_PLACES, ...JI_PLACES])} ${pick(TIMES)}${pick(['.', ', who is coming?', '!'])}`,
    () =>
      `${pick(['Hero', 'Legend', 'What a hero'])}: ${pick(['the nurse who saved', 'the bystander who tackled the attacker and saved', 'the firefighter who rescued', 'the imam who sheltered'])} ${num(2, 20)} people ${pick([`in ${pick(TOWNS)}`, 'at the market', ''])}.`,
  ),
);

const csv = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const out = ['id,functionality,text,labels,context,ideology,target'];
rows.forEach((r, i) => {
  const ideology = r.ideology || '';
  out.push(
    [`C${String(i + 1).padStart(5, '0')}`, 'synthetic', r.text, r.labels, r.context, ideology, '']
      .map(csv)
      .join(','),
  );
});
const file = join(import.meta.dirname, '../data/corpus/synthetic.csv');
writeFileSync(file, `${out.join('\n')}\n`);
console.log(`wrote ${rows.length} rows to ${file}`);
