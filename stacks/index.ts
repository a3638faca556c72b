import * as pulumi from '@pulumi/pulumi';

import { CONFIG_NAMESPACE, readStackConfig } from '../infra/config/stack-config.js';
import { buildAppModel } from '../infra/model/build-app-model.js';
import { deployDocker } from './docker-stack.js';
import { deployKubernetes } from './kubernetes-stack.js';

// The program Pulumi.yaml names for every stack: read config, build the model, render.
const config = new pulumi.Config(CONFIG_NAMESPACE);
const model = buildAppModel(readStackConfig(config), {
  project: pulumi.getProject(),
  stack: pulumi.getStack(),
});
const registryPassword = config.getSecret('registryPassword') ?? pulumi.secret('');

export default model.target === 'docker'
  ? deployDocker(model, registryPassword)
  : deployKubernetes(model, registryPassword);
