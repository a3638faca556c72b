import * as pulumi from '@pulumi/pulumi';

import type { AppModel, SecretValues, ServiceRole } from '../model/app-model.js';
import { fileContents } from '../model/file-contents.js';

/** Each service's file contents as outputs; secret files stay secret. */
export type FileOutputs = Readonly<
  Record<ServiceRole, Readonly<Record<string, pulumi.Output<string>>>>
>;

/** Renders every service file from the generated secrets, one output per file. */
export function fileOutputs(model: AppModel, secrets: pulumi.Output<SecretValues>): FileOutputs {
  const contents = secrets.apply((values) => fileContents(model, values));
  const result = {} as Record<ServiceRole, Record<string, pulumi.Output<string>>>;

  for (const service of Object.values(model.services)) {
    const files: Record<string, pulumi.Output<string>> = {};
    for (const file of service.files) {
      const content = contents.apply((all) => all[service.role][file.id] ?? '');
      files[file.id] = file.secret ? pulumi.secret(content) : pulumi.unsecret(content);
    }
    result[service.role] = files;
  }
  return result;
}
