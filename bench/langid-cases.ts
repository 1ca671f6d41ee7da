/**
 * A small synthetic set for language identification, written for Vigil (no public benchmark text):
 * short posts and quotes in the languages Vigil has packs for, from a few words to a few
 * sentences, with everyday and extremism-adjacent wording, plus a few texts in languages without a
 * pack. `bench/langid-bench.ts` measures libraries on it; tests read it for regressions.
 */
export interface LangIdCase {
  /** ISO 639-1 of the text. */
  lang: string;
  text: string;
}

const en = [
  'See you tomorrow',
  'Not today, thanks',
  'They said the march starts at noon',
  'Burn it all down, every last one of them',
  'The channel posted a video praising the attack',
  'Meeting moved to Friday, bring the flyers',
  'I cannot believe the match ended like that',
  'Police arrested two men after the rally in the city centre',
  'Our brothers are waiting for you, join the caravan before it is too late',
  'Read the report before you share it, half of it is rumours',
  'Good morning everyone',
  'Who wrote this?',
  'Stay safe out there tonight',
  'They will pay for what they did to our town',
  'This is a peaceful protest, no violence please',
  'the weather is lovely and the kids are at school',
];
const ar = [
  'صباح الخير',
  'نراكم غدا',
  'قال إنه سيحضر الاجتماع غدا',
  'نشرت القناة بيانا جديدا اليوم',
  'اللهم احفظ بلادنا من كل سوء',
  'لا تصدقوا كل ما ينشر على الإنترنت',
  'الطقس جميل اليوم والأطفال في المدرسة',
  'دعا الشيخ إلى الهدوء وضبط النفس بعد الأحداث',
  'انضموا إلى إخوانكم قبل فوات الأوان',
  'كتب أحد المستخدمين أن الهجوم كان انتقاما',
  'شكرا جزيلا',
  'من كتب هذا؟',
  'سيدفعون ثمن ما فعلوه بمدينتنا',
  'المباراة انتهت بالتعادل في الدقيقة الأخيرة',
  'الشرطة اعتقلت رجلين بعد المظاهرة في وسط المدينة',
  'هذا احتجاج سلمي، لا للعنف من فضلكم',
];
const fr = [
  'À demain',
  'Bonne journée à tous',
  'Ils ont dit que la marche commence à midi',
  "La chaîne a publié une vidéo qui fait l'éloge de l'attentat",
  'Réunion déplacée à vendredi, apportez les tracts',
  "Je n'arrive pas à croire que le match s'est terminé ainsi",
  'La police a arrêté deux hommes après le rassemblement',
  "Rejoignez vos frères avant qu'il ne soit trop tard",
  'Lisez le rapport avant de le partager',
  'Qui a écrit ça ?',
  'Ils vont payer pour ce qu’ils ont fait à notre ville',
  "C'est une manifestation pacifique, pas de violence",
  'Il fait beau et les enfants sont à l’école',
  'Merci beaucoup',
  '« Nous reviendrons », a déclaré le porte-parole',
  'On se voit ce soir chez Paul',
];
const de = [
  'Bis morgen',
  'Guten Morgen zusammen',
  'Sie sagten, der Marsch beginnt um zwölf Uhr',
  'Der Kanal hat ein Video veröffentlicht, das den Anschlag verherrlicht',
  'Treffen auf Freitag verschoben, bringt die Flugblätter mit',
  'Ich kann nicht glauben, dass das Spiel so geendet hat',
  'Die Polizei hat nach der Kundgebung zwei Männer festgenommen',
  'Schließt euch euren Brüdern an, bevor es zu spät ist',
  'Lest den Bericht, bevor ihr ihn teilt',
  'Wer hat das geschrieben?',
  'Sie werden für das bezahlen, was sie unserer Stadt angetan haben',
  'Das ist ein friedlicher Protest, bitte keine Gewalt',
  'Das Wetter ist schön und die Kinder sind in der Schule',
  'Vielen Dank',
  '„Wir kommen wieder“, sagte der Sprecher',
  'Wir sehen uns heute Abend',
];
const es = [
  'Hasta mañana',
  'Buenos días a todos',
  'Dijeron que la marcha empieza a mediodía',
  'El canal publicó un vídeo que elogia el atentado',
  'Reunión cambiada al viernes, traed los folletos',
  'No puedo creer que el partido terminara así',
  'La policía detuvo a dos hombres después de la concentración',
  'Uníos a vuestros hermanos antes de que sea demasiado tarde',
  'Leed el informe antes de compartirlo',
  '¿Quién escribió esto?',
  'Van a pagar por lo que le hicieron a nuestro pueblo',
  'Es una protesta pacífica, nada de violencia por favor',
  'Hace buen tiempo y los niños están en el colegio',
  'Muchas gracias',
  '«Volveremos», dijo el portavoz',
  'Nos vemos esta noche en casa',
];
/** Languages without a pack: they should not be taken for one that has. */
const other = [
  { lang: 'it', text: 'Ci vediamo domani sera al solito posto' },
  { lang: 'it', text: 'La polizia ha arrestato due uomini dopo la manifestazione' },
  { lang: 'pt', text: 'A polícia prendeu dois homens depois da manifestação' },
  { lang: 'pt', text: 'Obrigado a todos pela ajuda de hoje' },
  { lang: 'nl', text: 'De politie heeft twee mannen aangehouden na de betoging' },
  { lang: 'tr', text: 'Polis gösteriden sonra iki adamı gözaltına aldı' },
  { lang: 'ru', text: 'Полиция задержала двух мужчин после митинга' },
  { lang: 'fa', text: 'پلیس دو مرد را پس از تظاهرات بازداشت کرد' },
];

export const LANGID_CASES: readonly LangIdCase[] = [
  ...en.map((text) => ({ lang: 'en', text })),
  ...ar.map((text) => ({ lang: 'ar', text })),
  ...fr.map((text) => ({ lang: 'fr', text })),
  ...de.map((text) => ({ lang: 'de', text })),
  ...es.map((text) => ({ lang: 'es', text })),
  ...other,
];

/** Arabizi (Arabic in Latin letters, digits for letters) and English leetspeak that must stay English. */
export const ARABIZI_CASES: readonly LangIdCase[] = [
  { lang: 'ar', text: 'inshallah nshoofak bokra ya 7abibi' },
  { lang: 'ar', text: 'ana 3ayez aroo7 el shoghl' },
  { lang: 'ar', text: 'wallah ma3ak 7a2 ya akhi' },
  { lang: 'ar', text: 'shu 3am ta3mel hala2?' },
  { lang: 'ar', text: 'el 7amdulillah kolo tamam' },
  { lang: 'ar', text: 'mashallah 3alaik ya 5ayi' },
  { lang: 'en', text: 'l33t h4x0r 1s b4ck 2day' },
  { lang: 'en', text: 'gr8 game m8, c u l8r' },
  { lang: 'en', text: 'k1ll 4ll th3 r4ts' },
  { lang: 'en', text: 'meet at 7 near gate 3 with 2 friends' },
];

/** Mixed posts: the dominant language wins over hashtags and names in another. */
export const MIXED_CASES: readonly LangIdCase[] = [
  { lang: 'ar', text: 'الله أكبر على كل من ظلمنا #Gaza #FreePalestine #breaking' },
  { lang: 'ar', text: 'انشروا هذا المقطع في كل مكان #news #video #share' },
  { lang: 'fr', text: 'Tous dehors samedi place de la République #manif #RT' },
  { lang: 'en', text: 'Huge crowd today at the square #يوم_الغضب' },
];
