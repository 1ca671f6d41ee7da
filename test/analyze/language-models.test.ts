import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Detector } from '../../src/analyze/detector.js';
import { loadDefaultDetector, projectRoot } from '../../src/analyze/load.js';
import { LANGUAGE_DATASETS } from '../../src/analyze/model/language-datasets.js';
import { SHIPPED_LANGUAGES } from '../../src/analyze/model/language-training.js';
import { loadModel } from '../../src/analyze/model/linear-model.js';
import type { Label } from '../../src/domain/index.js';

const root = projectRoot();
const models = join(root, 'models');

/** Short synthetic sentences per shipped language: what each must flag, and what it must leave alone. */
const CASES: Record<string, { flag: [string, Label][]; neutral: string[] }> = {
  fr: {
    flag: [
      ['Il faut égorger tous les mécréants de cette ville.', 'incitement'],
      ['Je vais te tuer ce soir, tu es prévenu.', 'threat'],
      ["Gloire au martyr qui a mené l'attaque, qu'Allah l'accepte.", 'glorification'],
      ['Rejoignez nos rangs, le califat a besoin de combattants, écrivez-nous en privé.', 'recruitment'],
      ['Téléchargez le manuel pour fabriquer des explosifs, pdf complet.', 'instruction'],
      ['Ces bougnoules sont des parasites qui envahissent notre pays.', 'identity_attack'],
    ],
    neutral: [
      'Le marché de la ville ouvre samedi matin, venez nombreux.',
      "Nous condamnons l'attentat, nos pensées vont aux victimes.",
      "Ce film m'a tué, j'étais mort de rire toute la soirée.",
      'Les musulmans de notre quartier ont organisé une collecte pour les sans-abri.',
    ],
  },
  de: {
    flag: [
      ['Man muss alle Ungläubigen in dieser Stadt abschlachten.', 'incitement'],
      ['Ich bring dich um, du bist der Nächste.', 'threat'],
      ['Der Märtyrer hat getan, was getan werden musste, folgt seinem Beispiel.', 'glorification'],
      ['Schließt euch uns an, Brüder, wir brauchen Kämpfer, schreibt uns privat.', 'recruitment'],
      ['Ladet die Anleitung zum Bau einer Rohrbombe herunter, vollständiges PDF.', 'instruction'],
      ['Die Kanaken sind Ungeziefer und gehören nicht hierher.', 'identity_attack'],
    ],
    neutral: [
      'Der Wochenmarkt öffnet am Samstag um acht Uhr morgens.',
      'Wir verurteilen den Anschlag, unsere Gedanken sind bei den Opfern.',
      'Ich lach mich tot über diesen Film, einfach herrlich.',
      'Die Muslime in unserem Viertel haben ein Fest für alle Nachbarn organisiert.',
    ],
  },
  es: {
    flag: [
      ['Hay que degollar a todos los infieles de esta ciudad.', 'incitement'],
      ['Te voy a matar esta noche, estás avisado.', 'threat'],
      ['Gloria al mártir que hizo el ataque, que Alá lo acepte.', 'glorification'],
      ['Únete a nuestras filas, el califato necesita combatientes, escríbenos en privado.', 'recruitment'],
      ['Descargad el manual para fabricar explosivos, pdf completo.', 'instruction'],
      ['Esos moros son parásitos que invaden nuestro país.', 'identity_attack'],
    ],
    neutral: [
      'El mercado del barrio abre el sábado por la mañana.',
      'Condenamos el atentado, nuestros pensamientos están con las víctimas.',
      'Me muero de risa con esta película, buenísima.',
      'Los musulmanes del barrio organizaron una comida para los vecinos.',
    ],
  },
  ar: {
    flag: [
      ['يجب ذبح الكفار في كل مكان', 'incitement'],
      ['سنذبحكم قريبا، انت التالي', 'threat'],
      ['تقبله الله في الشهداء، البطل الاستشهادي ادى ما عليه في العملية', 'glorification'],
      ['انضموا الى صفوف المجاهدين، راسلونا على الخاص', 'recruitment'],
      ['حملوا الدليل الكامل لصنع العبوات الناسفة، ملف pdf', 'instruction'],
      ['الروافض انجاس وحثالة البشر', 'identity_attack'],
    ],
    neutral: [
      'يفتح السوق يوم السبت صباحا',
      'ندين بشدة الهجوم الارهابي، قلوبنا مع الضحايا',
      'ميت من الضحك على هذا الفيلم',
      'نظم المسلمون في حينا حفلا خيريا',
    ],
  },
};

describe('shipped language packs', () => {
  let detector: Detector;
  const load = () => {
    detector ??= loadDefaultDetector();
    return detector;
  };

  it('covers every shipped language with cases', () => {
    expect(Object.keys(CASES).sort()).toEqual([...SHIPPED_LANGUAGES].sort());
  });

  for (const language of SHIPPED_LANGUAGES) {
    const cases = CASES[language] ?? { flag: [], neutral: [] };
    it(`${language}: loads its model and flags its own language with exact evidence spans`, () => {
      const d = load();
      expect(d.languages).toContain(language);
      for (const [text, label] of cases.flag) {
        const a = d.analyze({ text });
        expect(a.language, text).toMatchObject({ code: language, supported: true });
        expect(a.model, text).toContain(`vigil-linear-${language}@`);
        const found = a.labels.find((l) => l.label === label);
        expect(found, `${label}: ${text}`).toBeDefined();
        expect(found?.evidence.length).toBeGreaterThan(0);
        for (const e of found?.evidence ?? []) expect(text.slice(e.start, e.end)).toBe(e.text);
      }
    }, 120_000);

    it(`${language}: leaves neutral sentences alone`, () => {
      const d = load();
      for (const text of cases.neutral) {
        const a = d.analyze({ text });
        expect(a.language?.code, text).toBe(language);
        expect(a.labels, text).toEqual([]);
      }
    }, 120_000);
  }
});

describe('Arabizi', () => {
  it('the Arabic pack reads Arabic written in Latin letters and digits', () => {
    const text = 'ya shabab lazem 2tlo el kuffar kolhom';
    const detector = loadDefaultDetector();
    const a = detector.analyze({ text, language: 'ar' });
    const call = a.labels.find((l) => l.label === 'incitement');
    expect(call?.evidence.map((e) => text.slice(e.start, e.end))).toEqual(call?.evidence.map((e) => e.text));
    expect(call?.evidence[0]?.text).toContain('2tlo el kuffar');
    expect(detector.analyze({ text: 'ana ra7 a3mel shay 3al 3asha', language: 'ar' }).labels).toEqual([]);
  }, 120_000);
});

describe('shipped model manifests', () => {
  for (const language of SHIPPED_LANGUAGES) {
    it(`${language}: the model loads and its manifest lists training data with licences`, () => {
      const model = loadModel(join(models, language, 'vigil-linear.bin'));
      expect(model.manifest.name).toBe(`vigil-linear-${language}`);
      const manifest = JSON.parse(readFileSync(join(models, language, 'vigil-linear.manifest.json'), 'utf8'));
      expect(manifest.language).toBe(language);
      expect(manifest.training.length).toBeGreaterThan(1);
      for (const t of manifest.training) {
        expect(t.dataset).toEqual(expect.any(String));
        expect(t.licence).toEqual(expect.any(String));
        expect(t.rows).toBeGreaterThan(0);
      }
      expect(
        manifest.training.some(
          (t: { dataset: string }) => t.dataset === `data/corpus/${language}/synthetic.csv`,
        ),
      ).toBe(true);
      expect(manifest.carried_by_rules_and_synthetic.labels).toContain('recruitment');
      expect(Object.keys(manifest.label_support)).toHaveLength(6);
    });
  }

  it('no shipped model learned from a non-commercial set', () => {
    const nonCommercial = LANGUAGE_DATASETS.filter((d) => d.nonCommercial).map((d) => d.name);
    expect(nonCommercial).toContain('hateval2019_es');
    const manifests = manifestFiles(models);
    expect(manifests.length).toBeGreaterThanOrEqual(1 + SHIPPED_LANGUAGES.length);
    for (const file of manifests) {
      const text = readFileSync(file, 'utf8');
      for (const name of nonCommercial) expect(text, file).not.toContain(name);
      expect(text, file).not.toMatch(/non-commercial use only/i);
    }
  });

  it('all shipped models together stay under 60 MB', () => {
    const bytes = allFiles(models).reduce((sum, f) => sum + statSync(f).size, 0);
    expect(bytes).toBeLessThan(60 * 1024 * 1024);
  });
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function manifestFiles(dir: string): string[] {
  return allFiles(dir).filter((f) => f.endsWith('.manifest.json'));
}
