import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';

/** What every policy of the pack declares about itself. */
interface PolicyHeader {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  configSchema?: PolicyConfigSchema;
}

/** What a resource check receives besides the resource's inputs. */
export interface ResourceContext<C> {
  config: C;
  args: ResourceValidationArgs;
}

/** What a stack check receives. */
export interface StackContext<C> {
  config: C;
  resources: PolicyResource[];
  args: StackValidationArgs;
}

/** Reports one violation; stack checks name the resource it concerns. */
export type Report = (message: string, urn?: string) => void;

interface ResourceSpec<P, C> extends PolicyHeader {
  types: readonly string[];
  validate: (props: P, context: ResourceContext<C>, report: Report) => void;
}

interface StackSpec<C> extends PolicyHeader {
  validate: (context: StackContext<C>, report: Report) => void;
}

/**
 * Config as a check sees it: the schema's defaults under whatever the engine passed. The engine
 * already applies defaults (ReconcilePolicyPackConfig), but older CLIs and in-process callers do
 * not, so the pack never depends on it.
 */
export function configWithDefaults<C>(schema: PolicyConfigSchema | undefined, given: object): C {
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    if (property.default !== undefined) defaults[key] = property.default;
  }
  return { ...defaults, ...given } as C;
}

/** Defines a policy that checks the inputs of resources of the given types. */
export function resourcePolicy<P, C = Record<string, never>>(
  spec: ResourceSpec<P, C>,
): ResourceValidationPolicy {
  const { types, validate, ...header } = spec;
  const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!types.includes(args.type)) return;
    const config = configWithDefaults<C>(header.configSchema, args.getConfig());
    validate(args.props as P, { config, args }, (message) => reportViolation(message));
  };

  // The SDK's server skips a policy without calling it when the function carries one type.
  if (types.length === 1) {
    Object.assign(validateResource, { __pulumiType: types[0] });
  }
  return { ...header, validateResource };
}

/** Defines a policy that sees every resource of the stack at once. */
export function stackPolicy<C = Record<string, never>>(spec: StackSpec<C>): StackValidationPolicy {
  const { validate, ...header } = spec;
  return {
    ...header,
    validateStack: (args, reportViolation) => {
      const config = configWithDefaults<C>(header.configSchema, args.getConfig());
      validate({ config, resources: args.resources, args }, (message, urn) =>
        reportViolation(message, urn),
      );
    },
  };
}
