// Request validators and response serializers compiled once per process, on first use, and shared
// by every app the process builds: compiling them all took most of an app's start.
import { createRequire } from 'node:module';
import type { AjvCompiler } from '@fastify/ajv-compiler';
import type { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type BuildValidator = NonNullable<CompilersFactory['buildValidator']>;
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>;

/** What Fastify calls a compiled validator with, and reads back from it. */
interface Validator {
  (data: unknown, context?: unknown): unknown;
  errors?: unknown;
}
type Serializer = (payload: unknown) => string;

/**
 * Compiled functions by the text of their schema and the options they were compiled with. Keyed
 * by content, not identity: some schemas are built afresh for each app (per family, per status),
 * and equal schemas compile to functions that behave the same. Each schema object's key is
 * computed once.
 */
class CompiledCache<F> {
  readonly #byText = new Map<string, F>();
  readonly #textOf = new WeakMap<object, string>();

  get(options: string, schema: unknown, compile: () => F): F {
    const text = `${options}\n${this.#schemaText(schema)}`;
    let compiled = this.#byText.get(text);
    if (compiled === undefined) {
      compiled = compile();
      this.#byText.set(text, compiled);
    }
    return compiled;
  }

  #schemaText(schema: unknown): string {
    if (typeof schema !== 'object' || schema === null) return JSON.stringify(schema);
    let text = this.#textOf.get(schema);
    if (text === undefined) {
      text = JSON.stringify(schema);
      this.#textOf.set(schema, text);
    }
    return text;
  }
}

/**
 * Fastify's own factories, one per process (Ajv instances are pooled by their options), loaded at
 * the first compile: Ajv and fast-json-stringify are a good part of the package's import time.
 */
const require = createRequire(import.meta.url);
let ajvPool: ReturnType<typeof AjvCompiler> | undefined;
let serializerFactory: ReturnType<typeof SerializerSelector> | undefined;
function loadAjvPool() {
  const compiler = require('@fastify/ajv-compiler') as { AjvCompiler: typeof AjvCompiler };
  return (ajvPool ??= compiler.AjvCompiler());
}
function loadSerializerFactory() {
  const selector = require('@fastify/fast-json-stringify-compiler') as {
    SerializerSelector: typeof SerializerSelector;
  };
  return (serializerFactory ??= selector.SerializerSelector());
}
const validators = new CompiledCache<Validator>();
const serializers = new CompiledCache<Serializer>();

/**
 * A function that compiles on its first call. Fastify passes Ajv's root-mutation context to
 * validators that carry `schemaEnv` (coercion of a whole scalar part needs it), so the lazy
 * validator carries one and always passes the context on.
 */
function lazyValidator(compile: () => Validator): Validator {
  let compiled: Validator | undefined;
  const validate: Validator = (data, context) => {
    compiled ??= compile();
    const valid = compiled(data, context);
    validate.errors = compiled.errors;
    return valid;
  };
  Object.assign(validate, { schemaEnv: true });
  return validate;
}

function lazySerializer(compile: () => Serializer): Serializer {
  let compiled: Serializer | undefined;
  return (payload) => {
    compiled ??= compile();
    return compiled(payload);
  };
}

/** Validators compiled by Fastify's Ajv compiler with the app's Ajv options. */
const buildValidator: BuildValidator = (externalSchemas, options) => {
  const key = JSON.stringify([externalSchemas, options]);
  const compileWith = () => (ajvPool ?? loadAjvPool())(externalSchemas, options);
  return (route) =>
    validators.get(key, route.schema, () =>
      lazyValidator(() => compileWith()(route) as Validator),
    ) as never;
};

/** Serializers compiled by fast-json-stringify, as Fastify's default does. */
const buildSerializer: BuildSerializer = (externalSchemas, options) => {
  const key = JSON.stringify([externalSchemas, options ?? {}]);
  const compileWith = () =>
    (serializerFactory ?? loadSerializerFactory())(externalSchemas, options ?? {});
  return (route) =>
    serializers.get(key, route.schema, () =>
      lazySerializer(() => compileWith()(route) as Serializer),
    ) as never;
};

/** Fastify's `schemaController` option: the shared, compile-on-first-use compilers. */
export const SHARED_SCHEMA_COMPILERS = {
  compilersFactory: { buildValidator, buildSerializer },
} as const;
