/** An OpenAPI document, as far as the links need it. */
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, Record<string, unknown>> }>>;
}

/** One OpenAPI link from a 200 response of `from` to the operation `to`. */
interface LinkSpec {
  from: string;
  name: string;
  to: [path: string, method: string];
  parameters?: Record<string, string>;
  requestBody?: Record<string, string>;
}

const SIGNED_IN = ['/api/v1/auth/login', '/api/v1/auth/register', '/api/v1/auth/refresh'];

/**
 * Links the sign-in flow for schemathesis' stateful phase: a challenge's message goes to
 * login and register, the tokens they return go to refresh and the session and user routes.
 * The service's document declares no OpenAPI links, so the fuzz harness adds these to its
 * copy; declaring them on the routes would let client generators follow the flow too.
 */
const LINKS: LinkSpec[] = [
  ...['login', 'register'].map((flow): LinkSpec => ({
    from: '/api/v1/auth/challenge',
    name: `Signed${flow}`,
    to: [`/api/v1/auth/${flow}`, 'post'],
    requestBody: { message: '$response.body#/message' },
  })),
  ...SIGNED_IN.flatMap((from): LinkSpec[] => [
    {
      from,
      name: 'Refresh',
      to: ['/api/v1/auth/refresh', 'post'],
      requestBody: { refreshToken: '$response.body#/refreshToken' },
    },
    {
      from,
      name: 'ReadSession',
      to: ['/api/v1/sessions/{session_id}', 'get'],
      parameters: { session_id: '$response.body#/sessionId' },
    },
    {
      from,
      name: 'RevokeSession',
      to: ['/api/v1/sessions/{session_id}', 'delete'],
      parameters: { session_id: '$response.body#/sessionId' },
    },
    {
      from,
      name: 'ReadUser',
      to: ['/api/v1/users/{user_id}', 'get'],
      parameters: { user_id: '$response.body#/user/id' },
    },
  ]),
];

// JSON pointer to an operation, as OpenAPI's operationRef spells it (RFC 6901 escapes).
const ref = (path: string, method: string) =>
  `#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`;

/** Returns a copy of the document with the sign-in flow's links added where routes exist. */
export function withSignInLinks<T extends OpenApiDocument>(document: T): T {
  const copy = structuredClone(document);
  for (const spec of LINKS) {
    const response = copy.paths[spec.from]?.post?.responses?.['200'];
    if (!response || !copy.paths[spec.to[0]]?.[spec.to[1]]) continue;

    const link = {
      operationRef: ref(...spec.to),
      ...(spec.parameters ? { parameters: spec.parameters } : {}),
      ...(spec.requestBody ? { requestBody: spec.requestBody } : {}),
    };
    response.links = { ...(response.links as object | undefined), [spec.name]: link };
  }
  return copy;
}
