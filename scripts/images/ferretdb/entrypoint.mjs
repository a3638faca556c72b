// Starts FerretDB the way the official mongo image starts mongod: settings come from the
// environment, and the setup user's password from a file named by
// FERRETDB_SETUP_PASSWORD_FILE, so no secret sits in the container's configuration.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import process from 'node:process';

const env = { ...process.env };
const passwordFile = env.FERRETDB_SETUP_PASSWORD_FILE;
if (passwordFile) {
  env.FERRETDB_SETUP_PASSWORD = readFileSync(passwordFile, 'utf8').trim();
  delete env.FERRETDB_SETUP_PASSWORD_FILE;
}

const child = spawn('/usr/local/bin/ferretdb', process.argv.slice(2), { env, stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
