/**
 * Writes manifest.json and config.json next to a layer.tar, making the folder an image
 * archive in the format `docker save` produces and `docker load` reads. Used by
 * load_rootfs in lib.sh: this engine ignores `docker import --platform`, so an arm64 root
 * filesystem imported that way would be recorded as amd64.
 *   node scripts/images/image-archive.ts <folder> <tag> <amd64|arm64> <config JSON>
 * The config JSON holds Docker's image settings: User, Env, Entrypoint, Cmd, WorkingDir,
 * Labels, ExposedPorts.
 */
import { createHash } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder, tag, arch, settings] = process.argv.slice(2);
if (!folder || !tag || !settings || (arch !== 'amd64' && arch !== 'arm64')) {
  console.error('usage: image-archive.ts <folder> <tag> <amd64|arm64> <config JSON>');
  process.exit(2);
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const diffId = `sha256:${await sha256(join(folder, 'layer.tar'))}`;
// A fixed date keeps the image id a function of the content alone.
const created = '1970-01-01T00:00:00Z';
const config = {
  architecture: arch,
  ...(arch === 'arm64' ? { variant: 'v8' } : {}),
  os: 'linux',
  created,
  config: JSON.parse(settings) as Record<string, unknown>,
  rootfs: { type: 'layers', diff_ids: [diffId] },
  history: [{ created, created_by: 'scripts/images (root filesystem from Debian packages)' }],
};

writeFileSync(join(folder, 'config.json'), JSON.stringify(config));
const manifest = [{ Config: 'config.json', RepoTags: [tag], Layers: ['layer.tar'] }];
writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
