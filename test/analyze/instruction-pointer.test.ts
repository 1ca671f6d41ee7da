import { describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';

const detector = loadDefaultDetector();
const labelsOf = (text: string, platform: string | null = null) =>
  detector.analyze({ text, platform }).labels.map((l) => l.label);

// Synthetic, non-operational pointers: they say where material is, never what is in it.
describe('instruction pointers in the author’s own voice', () => {
  it('reads the author’s own sharing as the pointer’s voice, not as reported speech', () => {
    // "posted" and "read" are reporting verbs; here the author posted, and "read it" is a directive.
    expect(
      labelsOf('The ghost gun files are in the drive link I posted yesterday. Read it tonight.'),
    ).toContain('instruction');
    expect(
      labelsOf('Dropped the device guide in the archive, read the whole zip before you do anything.'),
    ).toContain('instruction');
  });
  it('keeps a report of such material a report', () => {
    expect(
      labelsOf('Police said the suspect had shared a bomb-making manual in a private channel.'),
    ).not.toContain('instruction');
    expect(
      labelsOf('The monitoring group noted that the outlet had republished old attack manuals.', 'news'),
    ).not.toContain('instruction');
  });
  it('does not read a time alone as the mark of a news report', () => {
    const analysis = detector.analyze({ text: 'Ghost gun files are on the drive link I posted yesterday.' });
    expect(analysis.labels.find((l) => l.label === 'instruction')?.score).toBeGreaterThanOrEqual(0.8);
  });
});
