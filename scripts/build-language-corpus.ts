/**
 * Builds the small synthetic training corpus of each non-English language pack
 * (data/corpus/<lang>/synthetic.csv, evaluation format) from templates written in that language.
 *
 * Public data in Arabic, French, German and Spanish annotates hate and offensive language only:
 * nothing in it teaches calls to violence, threats, glorification, recruitment or instruction. These
 * short templates carry those labels, and the hard negatives beside them (news about attacks,
 * condemnation, negated calls, idioms, history, everyday speech). Every text is short, generic and
 * non-operational: towns and people are invented, instruction pointers contain no instructions.
 * Deterministic.   npx tsx scripts/build-language-corpus.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Gold =
  | 'incitement'
  | 'glorification'
  | 'threat'
  | 'recruitment'
  | 'instruction'
  | 'identity_attack'
  | 'none';

/** One language's slot fillers and templates; `{g}` a group, `{t}` a town, `{d}` a day, `{a}` an attack. */
interface LanguageTemplates {
  groups: string[];
  /** Groups without their article ("juifs"), for templates that put their own determiner. */
  bareGroups: string[];
  towns: string[];
  days: string[];
  attacks: string[];
  templates: Record<Gold, string[]>;
}

const FR: LanguageTemplates = {
  groups: [
    'les juifs',
    'les musulmans',
    'les migrants',
    'les réfugiés',
    'les arabes',
    'les noirs',
    'les homosexuels',
    'les chrétiens',
    'les mécréants',
    'les étrangers',
  ],
  bareGroups: ['juifs', 'musulmans', 'migrants', 'arabes', 'noirs', 'homosexuels', 'roms', 'étrangers'],
  towns: ['Valmont', 'Saint-Aubin', 'Montclair', 'Bréval', 'Lagrange'],
  days: ['vendredi', 'demain', 'ce soir', 'samedi', 'la semaine prochaine'],
  attacks: [
    "l'attentat de Valmont",
    "l'attaque de la mosquée",
    "l'opération de Montclair",
    'la fusillade de Bréval',
    "l'attaque au couteau",
  ],
  templates: {
    incitement: [
      'Il faut tuer {g}, tous sans exception.',
      'Frères, levez-vous et massacrez {g} !',
      'La seule solution : exterminer {g}.',
      'Nous devons brûler leurs mosquées et chasser {g} de {t}.',
      '{g} méritent une balle, rien d’autre.',
      'Ô musulmans, tuez les mécréants partout où vous les trouvez.',
      "Prenez les armes, c'est le moment de frapper {g} à {t}.",
      'Mort à tous {g} ! Passez à l’action.',
      "Quelqu'un doit aller égorger {g} avant qu'il soit trop tard.",
      'Faites-leur payer, abattez {g} sans pitié.',
      'Il est temps de chasser {g} de {t} par la force.',
      'Guerre raciale maintenant, chaque patriote doit frapper {g}.',
      'Vengeance pour nos frères ! Qu’ils paient, frappez {g} partout.',
      'Ils ont tué nos frères, la vengeance est obligatoire, tuez-les !',
      'Remigration maintenant, ceux qui savent savent, aiguisez vos couteaux.',
      'Je condamne la violence, mais franchement il faut tuer {g}.',
      'Il f@ut t.u.e.r l3s juifs, tous.',
      'Ex-ter-mi-nez {g} de {t} !',
    ],
    glorification: [
      "Le frère de {a} est un héros, qu'Allah l'accepte parmi les martyrs.",
      'Gloire au lion qui a mené {a}, il nous a montré la voie.',
      '{a} était magnifique, que d’autres suivent son exemple.',
      'Bien fait pour eux, {a} a fait des dizaines de morts, quelle belle journée.',
      "Notre chahid a fait ce qu'il fallait à {t}, respect à lui.",
      'Saint Tarrant nous a montré la voie, soyez le prochain.',
      "Que d'autres suivent le chemin du héros de {t}, ce n'est que le début.",
      "Les morts de {a} ? Pas une larme, ils l'ont mérité.",
    ],
    threat: [
      'On sait où tu habites, tu vas payer.',
      'Je vais te tuer {d}, tu es prévenu.',
      'On va venir à {t} {d} avec des couteaux, vous êtes les prochains.',
      'Vos jours sont comptés, on vous retrouvera un par un.',
      'Je vais faire sauter la mosquée de {t} {d}.',
      'Le sang va couler à {t}, dernier avertissement.',
      "J'ai acheté le fusil, {d} je vais abattre tout le monde à l'école.",
      'On va vous égorger comme des moutons, attendez {d}.',
    ],
    recruitment: [
      'Rejoignez nos rangs, frères, le califat a besoin de combattants. Écrivez-nous en privé.',
      'Faites la hijra et rejoignez les moudjahidines, contactez-nous sur le canal privé.',
      'Nous recrutons des patriotes prêts à se battre pour notre race, pas de flics, envoyez un message privé.',
      'Engagez-vous dans la lutte armée, nous avons besoin d’hommes à {t}.',
      'Prêtez allégeance au calife et rejoignez vos frères en terre de jihad.',
      'Rejoignez le mouvement, on recrute des hommes qui savent tenir une arme.',
    ],
    instruction: [
      'Téléchargez le guide complet pour fabriquer une bombe artisanale, pdf dans le canal.',
      'Le manuel du loup solitaire : comment choisir les cibles faciles, lien en bio.',
      'Tutoriel étape par étape pour une attaque au camion, à partager entre frères.',
      'Nouveau livret : comment fabriquer des explosifs chez soi, téléchargez avant suppression.',
      "Guide pour imprimer une arme en 3D, fichiers pour l'opération disponibles.",
      'Cours sur les cocktails molotov et les incendies criminels, pdf complet.',
    ],
    identity_attack: [
      '{g} sont des rats, une vermine qui envahit {t}.',
      '{g} sont des sous-hommes, des parasites.',
      'Ces bougnoules sont une maladie pour la France.',
      '{g} sont tous des violeurs et des criminels, une race inférieure.',
      'Encore des youpins qui contrôlent tout, sale race.',
      '{g} se reproduisent comme des rats, le grand remplacement est là.',
      "Ces sales nègres n'ont rien à faire ici.",
      '{g} ne sont pas humains, ce sont des animaux.',
      'Je déteste {g}, tous autant qu’ils sont.',
      '{g} sont dégoûtants, une honte pour ce pays.',
      '{g} me dégoûtent, sale race.',
      'Les sales arabes et les sales juifs, dehors.',
      '{g} sont une plaie, on n’en veut pas ici.',
      'Je méprise {g}, des ordures.',
      '{g} ne valent rien, ils sont tous pareils.',
      'Ces sales {g0} puent, qu’ils rentrent chez eux.',
    ],
    none: [
      "Selon la police, l'assaillant de {t} a été arrêté {d}.",
      'Le parquet antiterroriste a ouvert une enquête après {a}.',
      'Nous condamnons fermement {a}, nos pensées vont aux victimes.',
      "Il ne faut pas attaquer {g}, la haine n'a pas sa place ici.",
      'Nous ne devons jamais répondre par la violence, protégeons {g}.',
      "Ce match m'a tué, j'étais mort de rire.",
      'Je vais tuer le temps en regardant un film ce soir.',
      'Les pompiers ont sauvé des dizaines de personnes à {t}.',
      "Le documentaire explique l'histoire des croisades et de la guerre d'Algérie.",
      '{g} de {t} organisent une fête de quartier {d}.',
      "Daech a revendiqué l'attentat, a indiqué le procureur.",
      "Ce n'est pas un héros, c'est un lâche qui a tué des innocents.",
      'Les chercheurs étudient la propagande djihadiste en ligne.',
      "J'ai acheté du pain et des légumes au marché de {t}.",
      'Les réfugiés de {t} ont trouvé un logement grâce aux bénévoles.',
      'Le prof nous a donné un exposé sur la seconde guerre mondiale.',
      'Solidarité avec {g} de {t} après la profanation, stop à la haine.',
      'Il faut voter dimanche, chaque voix compte.',
      'Les policiers ont désarmé le tireur avant qu’il ne blesse quelqu’un.',
      'Quelle bombe ce gâteau, bravo au pâtissier !',
      '{g} sont nos voisins et nos amis.',
      'Je ne déteste pas {g}, je déteste le racisme.',
      'Dire que {g} sont des rats, c’est du racisme pur.',
      'J’ai dîné chez des amis, {g} de {t} sont très accueillants.',
      'Beaucoup de {g0} vivent à {t} depuis des générations.',
      'Le racisme contre {g} augmente, selon un rapport.',
      'On ne peut pas dire que {g} sont tous pareils.',
      '{g} ont le droit de vivre en paix.',
      'Pourquoi certains appellent-ils à tuer {g} ? Il faut comprendre.',
      'Le message publié disait « tuez-les tous », a rapporté le journaliste.',
      'Selon les experts, la propagande de Daech cible les jeunes en ligne.',
      'Daech est une bande d’assassins lâches, qu’ils soient jugés.',
      'Quand quelqu’un écrit « il faut tuer {g} », c’est un appel au meurtre et il faut le signaler.',
      'Est-ce que le grand remplacement est une théorie du complot ?',
      'Les analystes expliquent comment les djihadistes recrutent en ligne.',
      'Les terroristes de {a} doivent être jugés et condamnés.',
    ],
  },
};

const DE: LanguageTemplates = {
  groups: [
    'die Juden',
    'die Muslime',
    'die Flüchtlinge',
    'die Ausländer',
    'die Migranten',
    'die Araber',
    'die Schwulen',
    'die Asylanten',
    'die Ungläubigen',
    'die Türken',
  ],
  bareGroups: ['Juden', 'Muslime', 'Flüchtlinge', 'Ausländer', 'Araber', 'Schwule', 'Türken', 'Migranten'],
  towns: ['Waldheim', 'Rosental', 'Buchfeld', 'Steinfeld', 'Lindenberg'],
  days: ['am Freitag', 'morgen', 'heute Nacht', 'am Samstag', 'nächste Woche'],
  attacks: [
    'den Anschlag von Waldheim',
    'die Operation in Rosental',
    'den Angriff auf die Moschee',
    'die Messerattacke',
    'das Attentat von Steinfeld',
  ],
  templates: {
    incitement: [
      'Man muss {g} alle erschießen.',
      '{g} gehören an die Wand gestellt, jeder einzelne.',
      'Wir müssen die Flüchtlingsheime in {t} abfackeln!',
      'Die einzige Lösung: {g} vergasen.',
      'Brüder, erhebt euch und tötet die Ungläubigen!',
      'Schlagt zurück, jagt {g} aus {t} und zündet ihre Moschee an.',
      'Zu den Waffen, Patrioten! Tod den Volksverrätern.',
      '{g} sollte man aufhängen, keine Gnade.',
      'Jemand muss endlich {g} abstechen, bevor es zu spät ist.',
      'Rassenkrieg jetzt, jeder Patriot muss {g} vernichten.',
      'Lasst sie bezahlen, knallt {g} ab.',
      'Rache für unsere Brüder! Lasst sie bezahlen, schlagt {g} überall.',
      'Sie haben unsere Brüder getötet, Rache ist Pflicht, tötet sie!',
      'Remigration jetzt, wer es weiß, der weiß, wetzt die Messer.',
      'Ich bin gegen Gewalt, aber ehrlich, man muss {g} töten.',
      'M4n muss d1e J.u.d.e.n t.ö.t.e.n, alle.',
      'Ver-gast {g} in {t}!',
    ],
    glorification: [
      'Der Held von {t} hat getan, was getan werden musste. Mögen viele folgen.',
      'Möge Allah ihn als Märtyrer annehmen, wir feiern {a}.',
      'Saint Tarrant ist ein Vorbild für uns alle, sei der Nächste.',
      'Wir feiern {a}, geschieht ihnen recht, zu wenige Tote.',
      'Ehre dem Krieger, der {a} durchgezogen hat, das ist erst der Anfang.',
      'Der Schahid von {t} hat uns den Weg gezeigt, folgt seinem Beispiel.',
      'Was für ein Tag, endlich liegen die Leichen der Ungläubigen in {t}.',
      'Wir brauchen mehr Männer wie ihn, wer {a} verübt hat, ist ein Held.',
    ],
    threat: [
      'Wir wissen, wo du wohnst. Du bist der Nächste.',
      'Ich bring dich um, {d} ist es soweit.',
      'Ich werde {d} die Moschee in {t} in die Luft jagen.',
      'Eure Tage sind gezählt, wir kriegen euch alle.',
      'Ich habe das Gewehr gekauft, {d} erschieße ich alle in der Schule.',
      'Es wird Blut fließen in {t}, letzte Warnung.',
      'Wir kommen {d} nach {t} und stechen euch ab.',
      'Dein Name steht auf der Liste, pass auf dich auf.',
    ],
    recruitment: [
      'Schließt euch uns an, Brüder, das Kalifat braucht Kämpfer. Schreibt uns privat.',
      'Macht Hidschra und schließt euch den Mudschahidin an, Kontakt über den privaten Kanal.',
      'Wir suchen Männer für den Rassenkrieg, keine Bullen, meldet euch per DM.',
      'Tretet unseren Reihen bei, wir brauchen Soldaten in {t}.',
      'Leistet den Treueeid und schließt euch euren Brüdern an.',
      'Werdet Kämpfer für unser Volk, wir rekrutieren Männer mit Waffen.',
    ],
    instruction: [
      'Ladet die vollständige Anleitung zum Bau einer Rohrbombe herunter, PDF im Kanal.',
      'Das Handbuch für einsame Wölfe: weiche Ziele auswählen, Link in der Bio.',
      'Schritt für Schritt zum LKW-Anschlag, teilt das unter Brüdern.',
      'Neues Heft: wie man Sprengstoff zu Hause herstellt, herunterladen bevor es gelöscht wird.',
      'Baupläne für eine 3D-gedruckte Waffe, Dateien für die Operation verfügbar.',
      'Tutorial zu Brandsätzen und Molotowcocktails, vollständiges PDF.',
    ],
    identity_attack: [
      '{g} sind Ratten und Ungeziefer, die {t} überschwemmen.',
      '{g} sind Untermenschen, Parasiten.',
      'Diese Kanaken sind eine Seuche für Deutschland.',
      '{g} sind alle Vergewaltiger und Verbrecher, eine minderwertige Rasse.',
      'Dreckige Neger haben hier nichts verloren.',
      '{g} vermehren sich wie Ratten, der große Austausch läuft.',
      'Schmarotzer und Abschaum, das sind {g}.',
      '{g} sind keine Menschen, das sind Tiere.',
      'Ich hasse {g}, alle miteinander.',
      '{g} sind widerlich, eine Schande für dieses Land.',
      '{g} ekeln mich an, dreckiges Pack.',
      '{g} sind eine Plage, die will hier keiner.',
      'Ich verachte {g}, alles Abschaum.',
      '{g} sind nichts wert, die sind alle gleich.',
      'Dreckige {g0}, haut ab in eure Heimat.',
      '{g} stinken, raus mit ihnen.',
    ],
    none: [
      'Laut Polizei wurde der Täter von {t} {d} festgenommen.',
      'Die Bundesanwaltschaft untersucht {a}.',
      'Wir verurteilen {a} aufs Schärfste, unsere Gedanken sind bei den Opfern.',
      'Man darf {g} nicht angreifen, Hass hat keinen Platz bei uns.',
      'Wir dürfen niemals mit Gewalt antworten, schützt {g}.',
      'Ich lach mich tot, der Film bringt mich um.',
      'Ich schlage heute Abend die Zeit mit einem Buch tot.',
      'Die Feuerwehr hat in {t} dutzende Menschen gerettet.',
      'Die Dokumentation erklärt die Geschichte des Zweiten Weltkriegs.',
      '{g} in {t} feiern {d} ein Straßenfest.',
      'Der IS bekannte sich zu dem Anschlag, teilte die Staatsanwaltschaft mit.',
      'Er ist kein Held, sondern ein feiger Mörder.',
      'Forscher untersuchen dschihadistische Propaganda im Netz.',
      'Ich habe Brot und Gemüse auf dem Markt in {t} gekauft.',
      'Die Flüchtlinge in {t} haben dank Ehrenamtlicher eine Wohnung gefunden.',
      'Unser Lehrer hat im Unterricht über den Holocaust gesprochen.',
      '{g} in {t} verdienen unsere Solidarität, gemeinsam gegen Hass und Hetze.',
      'Man muss am Sonntag wählen gehen, jede Stimme zählt.',
      'Passanten haben den Angreifer überwältigt, bevor er jemanden verletzen konnte.',
      'Bombenwetter heute, ab an den See!',
      '{g} sind unsere Nachbarn und Freunde.',
      'Ich hasse nicht {g}, ich hasse Rassismus.',
      'Wer sagt, {g} seien Ratten, ist ein Rassist.',
      'Wir waren bei Freunden, {g} in {t} sind sehr gastfreundlich.',
      'Viele {g0} leben seit Generationen in {t}.',
      'Der Hass gegen {g} nimmt zu, so ein Bericht.',
      'Man kann nicht sagen, dass {g} alle gleich sind.',
      '{g} haben das Recht, in Frieden zu leben.',
      'Warum rufen manche dazu auf, {g} zu töten? Wir müssen das verstehen.',
      'In dem Beitrag hieß es „tötet sie alle“, berichtete der Journalist.',
      'Experten zufolge zielt die Propaganda des IS auf junge Menschen im Netz.',
      'Der IS ist eine Bande feiger Mörder, sie gehören vor Gericht.',
      'Wer schreibt „man muss {g} töten“, ruft zum Mord auf, das muss gemeldet werden.',
      'Ist der große Austausch eine Verschwörungstheorie?',
      'Analysten erklären, wie Dschihadisten im Netz rekrutieren.',
      'Die Terroristen hinter {a} müssen verurteilt werden.',
    ],
  },
};

const ES: LanguageTemplates = {
  groups: [
    'los judíos',
    'los musulmanes',
    'los inmigrantes',
    'los refugiados',
    'los moros',
    'los negros',
    'los gays',
    'los menas',
    'los infieles',
    'los gitanos',
  ],
  bareGroups: ['judíos', 'musulmanes', 'inmigrantes', 'moros', 'negros', 'gitanos', 'menas', 'refugiados'],
  towns: ['Villaverde', 'San Román', 'Montealto', 'Las Encinas', 'Puerto Claro'],
  days: ['el viernes', 'mañana', 'esta noche', 'el sábado', 'la semana que viene'],
  attacks: [
    'el atentado de Villaverde',
    'la operación de San Román',
    'el ataque a la mezquita',
    'el apuñalamiento',
    'el atropello de Montealto',
  ],
  templates: {
    incitement: [
      'Hay que matar a {g}, a todos.',
      'Hermanos, levantaos y degollad a los infieles.',
      'La única solución es exterminar a {g}.',
      'Tenemos que quemar la mezquita de {t} y echar a {g}.',
      '{g} merecen un tiro, nada más.',
      'Muerte a {g}, pasad a la acción.',
      'Alguien tiene que acabar con {g} antes de que sea tarde.',
      'Sin piedad, fusiladlos a todos.',
      'Guerra racial ya, cada patriota debe atacar a {g}.',
      'Es hora de limpiar {t} de {g} por la fuerza.',
      '¡Venganza por nuestros hermanos! Que paguen, atacad a {g} en todas partes.',
      'Mataron a nuestros hermanos, la venganza es obligatoria, ¡matadlos!',
      'Remigración ya, quien sabe sabe, afilad los cuchillos.',
      'Estoy contra la violencia, pero de verdad hay que matar a {g}.',
      'H4y que m.a.t.a.r a l0s judíos, a todos.',
      '¡Ex-ter-mi-nad a {g} de {t}!',
    ],
    glorification: [
      'El héroe de {t} hizo lo que había que hacer. Que cunda el ejemplo.',
      'Que Alá lo acepte como mártir, {a} fue una bendita operación.',
      'Saint Tarrant es un ejemplo a seguir, sé el siguiente.',
      '{a}, se lo merecían, ojalá hubieran sido más muertos.',
      'Gloria al guerrero que hizo {a}, esto es solo el principio.',
      'El shahid de {t} nos mostró el camino, seguid su ejemplo.',
      'Qué día, por fin los infieles de {t} en bolsas de cadáveres.',
      'Necesitamos más como él, qué grande {a}.',
    ],
    threat: [
      'Sabemos dónde vives. Eres el siguiente.',
      'Te voy a matar, {d} se acaba todo.',
      'Voy a volar la mezquita de {t} {d}.',
      'Vuestros días están contados, os encontraremos uno a uno.',
      'He comprado el rifle, {d} voy a disparar a todos en el instituto.',
      'Correrá la sangre en {t}, último aviso.',
      'Vamos a ir a {t} {d} con cuchillos, estáis avisados.',
      'Tu nombre está en la lista, cuídate las espaldas.',
    ],
    recruitment: [
      'Uníos a nuestras filas, hermanos, el califato necesita combatientes. Escribidnos por privado.',
      'Haced la hijra y uníos a los muyahidines, contacto por el canal privado.',
      'Buscamos patriotas para la guerra racial, nada de maderos, mensaje privado.',
      'Alistaos, necesitamos soldados en {t}.',
      'Jurad lealtad al califa y uníos a vuestros hermanos.',
      'Hazte combatiente por nuestra raza, estamos reclutando hombres con armas.',
    ],
    instruction: [
      'Descargad la guía completa para fabricar una bomba casera, pdf en el canal.',
      'El manual del lobo solitario: elegir objetivos fáciles, enlace en la bio.',
      'Paso a paso para un atropello masivo, compartidlo entre hermanos.',
      'Nuevo cuadernillo: cómo fabricar explosivos en casa, descargadlo antes de que lo borren.',
      'Planos para imprimir un arma en 3D, archivos para la operación disponibles.',
      'Curso sobre cócteles molotov e incendios provocados, pdf completo.',
    ],
    identity_attack: [
      '{g} son ratas, una plaga que invade {t}.',
      '{g} son infrahumanos, parásitos.',
      'Estos moros de mierda son un cáncer para España.',
      '{g} son todos violadores y delincuentes, una raza inferior.',
      'Negratas de mierda, no pintáis nada aquí.',
      '{g} se reproducen como ratas, el gran reemplazo está aquí.',
      'Escoria y gentuza, eso son {g}.',
      '{g} no son humanos, son animales.',
      'Odio a {g}, a todos.',
      '{g} son asquerosos, una vergüenza para este país.',
      '{g} me dan asco, qué raza.',
      '{g} son una lacra, aquí no los queremos.',
      'Desprecio a {g}, pura escoria.',
      '{g} no valen nada, son todos iguales.',
      'Putos {g0} de mierda, volved a vuestro país.',
      '{g} apestan, fuera de aquí.',
    ],
    none: [
      'Según la policía, el atacante de {t} fue detenido {d}.',
      'La Audiencia Nacional investiga {a}.',
      'Condenamos {a}, nuestros pensamientos están con las víctimas.',
      'No hay que atacar a {g}, el odio no tiene cabida aquí.',
      'Nunca debemos responder con violencia, protejamos a {g}.',
      'Me muero de risa con este vídeo, me mata.',
      'Voy a matar el tiempo leyendo esta noche.',
      'Los bomberos rescataron a decenas de personas en {t}.',
      'El documental explica la historia de la guerra civil española.',
      '{g} de {t} celebran una fiesta de barrio {d}.',
      'El Estado Islámico reivindicó el atentado, informó la fiscalía.',
      'No es un héroe, es un cobarde que mató a inocentes.',
      'Los investigadores estudian la propaganda yihadista en internet.',
      'He comprado pan y verduras en el mercado de {t}.',
      'Los refugiados de {t} encontraron casa gracias a los voluntarios.',
      'El profesor nos habló del holocausto en clase.',
      'Solidaridad con {g} de {t}, unidos contra el odio.',
      'Hay que votar el domingo, cada voto cuenta.',
      'Unos transeúntes desarmaron al agresor antes de que hiriera a nadie.',
      'Este pastel es una bomba, ¡enhorabuena al pastelero!',
      '{g} son nuestros vecinos y amigos.',
      'No odio a {g}, odio el racismo.',
      'Decir que {g} son ratas es puro racismo.',
      'Cenamos con amigos, {g} de {t} son muy hospitalarios.',
      'Muchos {g0} viven en {t} desde hace generaciones.',
      'El odio contra {g} aumenta, según un informe.',
      'No se puede decir que {g} sean todos iguales.',
      '{g} tienen derecho a vivir en paz.',
      '¿Por qué algunos piden matar a {g}? Hay que entenderlo.',
      'El mensaje publicado decía «matadlos a todos», informó el periodista.',
      'Según los expertos, la propaganda del Estado Islámico apunta a jóvenes en internet.',
      'El Estado Islámico es una banda de asesinos cobardes, que los juzguen.',
      'Quien escribe «hay que matar a {g}» incita al asesinato y hay que denunciarlo.',
      '¿Es el gran reemplazo una teoría de la conspiración?',
      'Los analistas explican cómo reclutan los yihadistas en internet.',
      'Los terroristas de {a} deben ser juzgados y condenados.',
    ],
  },
};

const AR: LanguageTemplates = {
  groups: [
    'اليهود',
    'النصارى',
    'الروافض',
    'الكفار',
    'المرتدين',
    'الصليبيين',
    'اللاجئين',
    'الشيعة',
    'المشركين',
    'النصيرية',
  ],
  bareGroups: ['اليهود', 'الشيعة', 'اللاجئين', 'النصارى', 'السوريين', 'الاكراد'],
  towns: ['الرابية', 'وادي النخيل', 'تل الزهور', 'الساحل الغربي', 'المدينة الجديدة'],
  days: ['يوم الجمعة', 'غدا', 'الليلة', 'قريبا', 'الاسبوع القادم'],
  attacks: ['غزوة الرابية', 'العملية المباركة', 'عملية الدهس', 'تفجير الكنيسة', 'الهجوم على الثكنة'],
  templates: {
    incitement: [
      'يا اسود التوحيد اقتلوا {g} في كل مكان',
      'يجب ذبح {g} ولا رحمة معهم',
      'انفروا يا شباب الاسلام واحرقوا كنائس {g}',
      'على كل مسلم ان يقتل {g} حيث وجدهم',
      'فليذبح كل موحد من يستطيع من {g}',
      'الحل الوحيد ابادة {g}',
      'اضربوا رقاب {g} وفجروا معابدهم في {t}',
      '{g} دمهم حلال فاقتلوهم',
      'حان الوقت لنقتل {g} وننتقم لاخواننا',
      'هلموا يا جنود الخلافة اقتلوهم واحرقوهم',
      'الموت لليهود والصليبيين، انفروا الى الجهاد',
      'الثار الثار لاخواننا، اقتلوا {g} في كل مكان',
      'قتلوا اخواننا فالانتقام واجب، اقتلوهم',
      'النفير النفير يا اسود الخلافة، جئناكم بالذبح',
      'انا ضد العنف لكن والله يجب قتل {g}',
      'اقـتـلـوا {g} جـمـيـعـا',
      'ا ق ت ل و ا {g} في {t}',
    ],
    glorification: [
      'تقبله الله في الشهداء، {a} شفت صدورنا',
      'البطل الاستشهادي في {t} ادى ما عليه، اللهم اكثر من امثاله',
      'نحسبه شهيدا، {a} غزوة مباركة والقادم اعظم',
      'الحمد لله هلك العشرات من {g} في {a}، يوم عظيم',
      'المجاهد البطل اثخن في العدو في {t}، سيروا على دربه',
      'الله اكبر، جثث {g} تحت الانقاض، فرحة لا توصف',
      'ما شاء الله على اسد الخلافة، عملية بطولية في {t}',
      'هذه البداية فقط، اقتدوا بالاخ الذي نفذ {a}',
    ],
    threat: [
      'نعرف اين تسكن، انت التالي',
      'سنذبحكم {d} في {t}، هذا انذار اخير',
      'سأفجر الكنيسة في {t} {d}',
      'ايامكم معدودة، سنصل اليكم واحدا واحدا',
      'اشتريت السلاح، {d} ساقتل كل من في المدرسة',
      'ستسيل الدماء في {t}، قد اعذر من انذر',
      'جئناكم بالذبح يا {g}، انتظروا ما يسوؤكم',
      'اسمك على القائمة، لن تنعم بالامن',
    ],
    recruitment: [
      'انضموا الى صفوف المجاهدين يا اخوة، الخلافة تحتاج مقاتلين، راسلونا على الخاص',
      'هاجروا الى ارض الخلافة وبايعوا امير المؤمنين، تواصلوا معنا عبر القناة الخاصة',
      'نحتاج رجالا للجهاد في {t}، كونوا جنودا للدولة',
      'الحقوا بالقافلة وجددوا البيعة، الرابط في البايو',
      'من جهز غازيا فقد غزا، تبرعوا للمجاهدين، عنوان المحفظة في القناة',
      'كن مجاهدا والتحق باخوانك في الثغور',
    ],
    instruction: [
      'حملوا الدليل الكامل لصنع العبوات الناسفة، ملف pdf في القناة',
      'كتيب الذئاب المنفردة: اختيار الاهداف السهلة، رابط التحميل في البايو',
      'شرح خطوة بخطوة لعمليات الدهس، انشروه بين الاخوة',
      'سلسلة الاعداد: كيفية صنع المتفجرات في البيت، حملوه قبل الحذف',
      'دورة في الاغتيالات وكاتم الصوت، الملف كاملا',
      'موسوعة الاعداد العسكري: كيفية تجهيز الحزام الناسف',
    ],
    identity_attack: [
      '{g} حشرات وجرذان يجب تطهير الارض منهم',
      '{g} احفاد القردة والخنازير',
      '{g} انجاس ورجس، حثالة البشر',
      '{g} كلاب لا يستحقون الحياة',
      'الروافض المجوس اخس خلق الله',
      '{g} وباء وسرطان في جسد الامة',
      '{g} ليسوا بشرا بل هم كالانعام',
      'هؤلاء {g} همج ووحوش',
      'اكره {g} كلهم بلا استثناء',
      '{g} مقرفين وعار على هذا البلد',
      '{g} اقذر خلق الله',
      'لعنة الله على {g} اجمعين',
      '{g} لا يستحقون الا الاحتقار',
      '{g} كلهم نفس الشي، زبالة',
      'الله يلعن {g} ويخزيهم',
      '{g} اوسخ ناس على وجه الارض',
    ],
    none: [
      'قالت الشرطة ان منفذ الهجوم في {t} اعتقل {d}',
      'فتحت النيابة العامة تحقيقا في {a}',
      'ندين بشدة {a}، قلوبنا مع الضحايا',
      'لا يجوز الاعتداء على {g}، لا مكان للكراهية بيننا',
      'لا نرد على العنف بالعنف، احموا جيرانكم',
      'ميت من الضحك على هذا الفيديو',
      'الحر قاتل اليوم، سابقى في البيت',
      'انقذ الدفاع المدني العشرات في {t}',
      'الفيلم الوثائقي يشرح تاريخ الحروب الصليبية',
      'اهالي {t} يحتفلون بالعيد {d}',
      'تبنى تنظيم داعش الهجوم بحسب بيان نشرته وكالة اعماق',
      'ليس شهيدا بل قاتل جبان قتل الابرياء',
      'باحثون يدرسون دعاية الجماعات المتطرفة على الانترنت',
      'اشتريت الخبز والخضار من سوق {t}',
      'وجد اللاجئون في {t} سكنا بفضل المتطوعين',
      'شرح لنا المعلم درسا عن الحرب العالمية الثانية',
      'تضامن مع المسيحيين في {t}، متحدون ضد الكراهية',
      'صباح الخير، اللهم اجعل يومكم مباركا',
      'تصدى المارة للمهاجم قبل ان يصيب احدا',
      'الجهاد الاكبر جهاد النفس، فلنصلح انفسنا',
      'رحم الله ضحايا الحادث واسكنهم فسيح جناته',
      'المهاجم سجل هدفين في المباراة امس',
      '{g} جيراننا واصدقاؤنا',
      'لا اكره {g}، اكره العنصرية',
      'من يقول ان {g} حشرات فهو عنصري',
      'زرنا اصدقاء في {t}، الناس هناك كرماء جدا',
      'يعيش كثير من {g} في {t} منذ اجيال',
      'الكراهية ضد {g} تتزايد بحسب تقرير',
      'لا يمكن القول ان {g} كلهم سواء',
      'من حق {g} ان يعيشوا بسلام',
      'لماذا يدعو البعض الى قتل {g}؟ يجب ان نفهم',
      'جاء في المنشور "اقتلوهم جميعا" بحسب ما نقل الصحفي',
      'بحسب الخبراء تستهدف دعاية داعش الشباب على الانترنت',
      'داعش عصابة من القتلة الجبناء ويجب محاكمتهم',
      'من يكتب "اقتلوا {g}" يحرض على القتل ويجب الابلاغ عنه',
      'هل الخلافة التي يدعيها داعش شرعية؟ سؤال للنقاش',
      'يشرح المحللون كيف يجند المتطرفون الشباب عبر الانترنت',
      'يجب محاكمة الارهابيين المسؤولين عن {a}',
    ],
  },
};

const LANGUAGE_TEMPLATES: Record<string, LanguageTemplates> = { fr: FR, de: DE, es: ES, ar: AR };

let seed = 20261130;
const rnd = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

/** Fills every slot of a template; a capitalised slot at the start stays capitalised. */
function fill(template: string, t: LanguageTemplates): string {
  const out = template
    .replace(/\{g\}/g, () => pick(t.groups))
    .replace(/\{g0\}/g, () => pick(t.bareGroups))
    .replace(/\{t\}/g, () => pick(t.towns))
    .replace(/\{d\}/g, () => pick(t.days))
    .replace(/\{a\}/g, () => pick(t.attacks));
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** Up to `per` distinct fillings of each template, so every template weighs alike. */
function build(code: string, t: LanguageTemplates, per: number): string[] {
  const rows: string[] = ['id,functionality,text,labels,context,ideology,target'];
  const seen = new Set<string>();
  let n = 0;
  for (const [gold, templates] of Object.entries(t.templates)) {
    for (const template of templates) {
      for (let k = 0; k < per * 3 && seen.size < n + per; k++) {
        const text = fill(template, t);
        if (seen.has(text)) continue;
        seen.add(text);
      }
      n = seen.size;
    }
    for (const text of [...seen].slice(rows.length - 1)) {
      const id = `${code.toUpperCase()}${String(rows.length).padStart(5, '0')}`;
      const context = gold === 'none' ? '' : 'primary';
      rows.push([id, 'synthetic', quote(text), gold, context, '', ''].join(','));
    }
  }
  return rows;
}

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

for (const [code, t] of Object.entries(LANGUAGE_TEMPLATES)) {
  const dir = join(import.meta.dirname, '../data/corpus', code);
  mkdirSync(dir, { recursive: true });
  const rows = build(code, t, 6);
  writeFileSync(join(dir, 'synthetic.csv'), `${rows.join('\n')}\n`);
  process.stdout.write(`data/corpus/${code}/synthetic.csv: ${rows.length - 1} rows\n`);
}
