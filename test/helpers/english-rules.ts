import { projectRoot } from '../../src/analyze/load.js';
import { englishLexicon } from '../../src/analyze/model/english-detector.js';
import { type RuleHit, runRules } from '../../src/analyze/rules.js';
import { buildView } from '../../src/analyze/text-view.js';

const lexicon = englishLexicon(projectRoot(), undefined);

/** The English rules' hits on a text, without the model: what the rules alone read in it. */
export const englishRuleHits = (text: string): RuleHit[] => runRules(buildView(text, lexicon));
