// Entry point the Pulumi CLI loads (`pulumi preview --policy-pack policies`). Its policy runner
// (`@pulumi/pulumi/cmd/run-policy-pack`) compiles this file with ts-node and loads it as an ES
// module; the files it imports are loaded by Node's own TypeScript support, whose resolver does
// not map our `.js` import specifiers to `.ts` files. The hook below does that, so the pack keeps
// the repository's NodeNext import style. It needs Node >= 22.18 (type stripping and
// module.registerHooks).
import { registerHooks } from 'node:module';

import { PolicyPack } from '@pulumi/policy';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      if (!relative || !specifier.endsWith('.js')) throw error;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});

// A static import would be resolved before the hook exists; PolicyPack starts the gRPC server
// the CLI connects to, once the policies are loaded.
void Promise.all([import('./pack.js'), import('./identity.js')]).then(
  ([{ policies }, { PACK_NAME }]) => new PolicyPack(PACK_NAME, { policies }),
);
