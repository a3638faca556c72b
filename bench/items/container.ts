import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { notMeasured, type Figure } from '../report.js';

const moduleUrl = new URL('../container.ts', import.meta.url);

/**
 * The container figures (image size against its base, seconds from `docker run` to
 * healthy), measured by bench/container.ts, which the container work owns. When that file
 * or a Docker engine is missing, the figures are reported as not measured, with the reason.
 */
export async function containerFigures(quick: boolean): Promise<Figure[]> {
  if (!existsSync(fileURLToPath(moduleUrl))) {
    return [notMeasured('container', 'Container image figures', 'bench/container.ts is missing')];
  }
  // Imported by a computed path so the bench still builds while that file is being written.
  const specifier = moduleUrl.href.replace(/\.ts$/, '.js');
  const module = (await import(specifier)) as {
    containerFigures?: (options: { quick: boolean }) => Promise<Figure[]>;
  };
  if (typeof module.containerFigures !== 'function') {
    return [
      notMeasured(
        'container',
        'Container image figures',
        'bench/container.ts has no containerFigures',
      ),
    ];
  }
  return module.containerFigures({ quick });
}
