import { describe, expect, it } from 'vitest';

import { testServices } from '../support/services.js';
import { fuzz } from './fuzz.js';

// A small schemathesis budget on every change; `npm run fuzz` runs at least 10,000 requests.
describe('schemathesis against the service process', () => {
  it(
    'finds no 5xx, no undocumented status or content type and no response off its schema',
    { timeout: 600_000 },
    async () => {
      const summary = await fuzz(testServices(), { maxExamples: 5, workers: 2, seed: 7 }, 1, 1);

      const serverErrors = Object.entries(summary.statuses).filter(([status]) =>
        status.startsWith('5'),
      );
      expect(summary.requests).toBeGreaterThan(200);
      expect(serverErrors).toEqual([]);
      expect(summary.errorLogLines).toEqual([]);
      const goalExamples = Object.keys(summary.failures).map((key) => summary.examples[key]);
      expect(summary.failures, goalExamples.join('\n')).toEqual({});
    },
  );
});
