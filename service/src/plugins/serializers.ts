import {
  SerializerSelector,
  type SerializerCompiler,
  type SerializerFactory,
} from '@fastify/fast-json-stringify-compiler';

const compileSerializers = SerializerSelector();

/**
 * Fastify's serializer builder, compiling each distinct response schema once. Fastify
 * compiles one serializer per route and status, and every error status of every route has
 * the same body (ErrorResponse, a union of every error code): compiling it again for each
 * of some ninety route and status pairs was about a sixth of the service's start-up time.
 * Schemas are told apart by their JSON, so equal schemas share a serializer; the factory is
 * called again whenever shared schemas change, and each call starts its own cache.
 */
export const buildSharedSerializers: SerializerFactory = (externalSchemas, options) => {
  const compile = compileSerializers(externalSchemas, options);
  const compiled = new Map<string, ReturnType<SerializerCompiler>>();

  return (route) => {
    const key = JSON.stringify(route.schema);
    let serializer = compiled.get(key);
    if (serializer === undefined) {
      serializer = compile(route);
      compiled.set(key, serializer);
    }
    return serializer;
  };
};
