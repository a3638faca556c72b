import { containerPolicy } from '../lib/docker.js';

/** Rotates logs so a chatty container cannot fill the Pi's SD card (CIS Docker 2.13). */
export const dockerContainerLogRotation = containerPolicy({
  name: 'docker-container-log-rotation',
  description:
    "Docker containers log through the rotating 'local' driver, or 'json-file' with max-size " +
    'and max-file set (the json-file default never rotates).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: (container, _context, report) => {
    const driver = container.logDriver;
    if (driver === 'local') return;
    if (driver === 'json-file') {
      const options = container.logOpts ?? {};
      for (const option of ['max-size', 'max-file']) {
        if (options[option] === undefined) report(`logOpts lacks ${option}; set it.`);
      }
      return;
    }
    report(
      `logDriver is ${driver === undefined ? 'unset' : `'${driver}'`}; use 'local', or ` +
        "'json-file' with max-size and max-file.",
    );
  },
});
