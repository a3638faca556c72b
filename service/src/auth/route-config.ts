import type { AuthContext } from '../tokens/access-tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * True for routes anyone may call. Every other route requires a valid bearer access
     * token: protection is the default, and a route opts out here, never by URL.
     */
    public?: boolean;
  }

  interface FastifyRequest {
    /** The verified caller on protected routes; null on public ones. */
    auth: AuthContext | null;
  }
}

export {};
