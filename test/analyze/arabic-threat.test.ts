import { describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';

const detector = loadDefaultDetector();
/** The threat label the Arabic threat-to-life reading gave, if any. */
const toLife = (text: string) => {
  const threat = detector.analyze({ text, language: 'ar' }).labels.find((l) => l.label === 'threat');
  return threat?.evidence.some((e) => e.reason.startsWith('threat.to_life')) ? threat : undefined;
};

// Synthetic, one per form of `arabic-threat.ts`, in MSA and several dialects; people and places invented.
const THREATS: [form: string, text: string][] = [
  ['first person, separate future word (Levantine رح)', 'رح نقتلك بكرا قدام بيتك'],
  ['first person, Moroccan غادي', 'غادي نقتلك ملي تخرج من الخدمة'],
  ['first person, MSA سوف, object -هم', 'سوف نحرقهم في مخيمهم الليلة'],
  ['first person, Egyptian fused ه, reader after a preposition', 'هنولع فيكم المحل يوم الخميس'],
  ['an oath with ل and the emphatic ن', 'والله لأذبحنكم واحد واحد يا خونة'],
  ['plural passive to come (Egyptian ه)', 'الجيران الجدد هيتحرقوا في شقتهم قريب'],
  ['death to come, second person', 'يا مدير الشركة، ستموت قبل نهاية الأسبوع'],
  ['a future denied with a time: not live to see', 'مش هتشوف العيد يا حسين'],
  ["the reader's blood with a future verb", 'دمكم سيسيل في الشارع قريبا'],
  ['making a place into ashes', 'بكرة نخلي المصنع رماد واللي فيه'],
  ['a weapon emoji with a place, a time and "wait for us"', '💣 لعمال المصنع، الأحد الصبح، انتظرونا'],
  ['the victim watched, and our coming', 'نعرف متى تخرج من البيت، وجايينك قريب'],
];

const NOT_THREATS: [why: string, text: string][] = [
  ['harm that has happened', 'قتلوا ثلاثة أشخاص في السوق أمس'],
  ['the author as the object: a complaint', 'أمي رح تقتلني إذا رجعت متأخر الليلة'],
  ['a thing as the object: an idiom', 'رح نقتل الوقت بلعب الورق بكرا'],
  ['dying of laughter', 'هتموت من الضحك لما تشوف الفيلم بكرة'],
  ['knowing where someone lives, with no reckoning', 'نعرف وين ساكن، رح نزوره بكرا نعايده'],
  ['a joke', 'رح نذبحك بكرا إذا خلصت الكيك 😂'],
  ['a harm denied', 'ما رح نقتلك بكرا، لا تخاف'],
  ['an active third person is not the author', 'الشرطة ستقتل المجرمين؟ لا أظن'],
  ['reported speech', 'قال الوزير إن المتهم هدد بقتل جاره غدا'],
];

describe('Arabic threats to life', () => {
  for (const [form, text] of THREATS) {
    it(`reads ${form}`, () => {
      const threat = toLife(text);
      expect(threat).toBeDefined();
      // Evidence lies on the original text, and names a victim and a when like the English reading.
      for (const e of threat?.evidence ?? []) expect(text.slice(e.start, e.end)).toBe(e.text);
      expect(threat?.indicators).toEqual(expect.arrayContaining(['target', 'timeframe']));
    });
  }
  for (const [why, text] of NOT_THREATS) {
    it(`leaves alone ${why}`, () => {
      expect(toLife(text)).toBeUndefined();
    });
  }
});

// Everyday sentences in the first person future with a lethal root: the thing they fall on, not the
// verb's form, decides. None is a threat by any rule.
const EVERYDAY: string[] = [
  'سنذبح الخروف يوم العيد إن شاء الله',
  'هنولع الشموع في عيد الميلاد',
  'تبرع بدمك في المستشفى غدا',
  'والله لأقتلك إذا ما جبتلي الشاورما 😂',
  // The dialects' future denied ("ما رح") is no intent.
  'ما رح نقتل حدا، نحنا ناس مسالمين',
];

describe('Arabic everyday speech with lethal roots', () => {
  for (const text of EVERYDAY) {
    it(`is no threat: ${text}`, () => {
      const labels = detector.analyze({ text, language: 'ar' }).labels.map((l) => l.label);
      expect(labels).not.toContain('threat');
    });
  }
});
