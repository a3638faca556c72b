import type { FastifyInstance, FastifyRequest } from 'fastify';

/** What Fastify's `request.routeOptions` gives: the route's URL template, config and schema. */
export type RouteInfo = FastifyRequest['routeOptions'];

declare module 'fastify' {
  interface FastifyRequest {
    /** `routeOptions` as the first onRequest hook read it; null before that hook ran. */
    routeInfo: RouteInfo | null;
  }
}

/**
 * Reads each request's route options once. Fastify's `request.routeOptions` getter builds a
 * new object (and asks the router about its constraint strategies) on every read, and six of
 * the service's hooks read it per request. Install it before every other hook.
 */
export function installRouteInfo(app: FastifyInstance): void {
  app.decorateRequest('routeInfo', null);
  app.addHook('onRequest', (request, _reply, done) => {
    request.routeInfo = request.routeOptions;
    done();
  });
}

/** The request's route options: the copy read at onRequest, or a fresh read without one. */
export function routeOf(request: FastifyRequest): RouteInfo {
  return request.routeInfo ?? request.routeOptions;
}
