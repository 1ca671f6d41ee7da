import { describe, expect, it } from 'vitest';
import { settlesItem } from '../../src/domain/index.js';

describe('which decisions settle an item', () => {
  it('final decisions always; confirmations and corrections unless a second analyst must confirm', () => {
    for (const d of ['referred', 'dismissed', 'verified']) {
      expect(settlesItem(d, false)).toBe(true);
      expect(settlesItem(d, true)).toBe(true);
    }
    for (const d of ['confirmed', 'corrected']) {
      expect(settlesItem(d, false)).toBe(true);
      expect(settlesItem(d, true)).toBe(false);
    }
  });
});
