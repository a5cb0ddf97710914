// The AsyncAPI document as a validator, for tests: does a message as the hub sends it (or as a
// test builds it) match the schema of its type? Not part of the package's API.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const ASYNCAPI_PATH = fileURLToPath(new URL('../../resources/asyncapi/tickhub.yaml', import.meta.url));

interface Schema {
  properties?: Record<string, unknown>;
  required?: string[];
}

export interface AsyncApiDocument {
  components: { schemas: Record<string, Schema>; messages: Record<string, { payload: { $ref: string }; examples?: { payload: unknown }[] }> };
}

export const document = parse(readFileSync(ASYNCAPI_PATH, 'utf8')) as AsyncApiDocument;

const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
ajv.addSchema(document as object, 'asyncapi');

const validators = new Map<string, ValidateFunction>();

/** The validator of components.schemas[name]. */
export function validatorOf(name: string): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    v = ajv.compile({ $ref: `asyncapi#/components/schemas/${name}` });
    validators.set(name, v);
  }
  return v;
}

/** The schema of a server message, chosen by its `type` (or the compact form's keys). */
export function schemaNameOf(message: Record<string, unknown>): string {
  const byType: Record<string, string> = {
    price_update: 'PriceUpdate', bar: 'BarUpdate', news: 'NewsUpdate', connection: 'Connection', recovered: 'Recovered',
    heartbeat: 'Heartbeat', subscription: 'Subscription', subscriptions: 'Subscriptions', error: 'ErrorMessage',
    auth: 'AuthMessage', pong: 'Pong', close: 'CloseMessage',
  };
  if (message.type === undefined && 's' in message) return 'CompactPriceUpdate';
  const name = byType[String(message.type)];
  if (!name) throw new Error(`no schema for a message of type ${String(message.type)}`);
  return name;
}

/** The schema errors of one message, empty when it conforms. */
export function violations(message: Record<string, unknown>): string[] {
  const validate = validatorOf(schemaNameOf(message));
  if (validate(message)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
