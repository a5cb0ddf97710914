// The three descriptions of the stream must not drift: the AsyncAPI schemas, the TypeScript
// types (messages.ts) and what the hub's Java encoders send (live.test.ts validates every
// message a real hub sends against the same schemas).
import { describe, expect, it } from 'vitest';
import { document, validatorOf, violations } from './contract.js';
import { MESSAGE_FIELDS } from './messages.js';
import { quote } from './testing.js';

describe('the AsyncAPI document', () => {
  it.each(Object.entries(MESSAGE_FIELDS))('has exactly the properties of the TypeScript type %s', (name, fields) => {
    const schema = document.components.schemas[name];
    expect(schema, `components.schemas.${name}`).toBeDefined();
    expect(Object.keys(schema!.properties ?? {}).sort()).toEqual([...fields].sort());
  });

  it('has a TypeScript type for every message schema', () => {
    const payloads = Object.values(document.components.messages).map((m) => m.payload.$ref.split('/').at(-1)!);
    const clientActions = ['Subscribe', 'Unsubscribe', 'List', 'Ping', 'Authenticate', 'Batch'];
    expect(payloads.filter((p) => !clientActions.includes(p) && !(p in MESSAGE_FIELDS))).toEqual([]);
  });

  it('has examples that match their schemas', () => {
    for (const [name, message] of Object.entries(document.components.messages)) {
      const validate = validatorOf(message.payload.$ref.split('/').at(-1)!);
      for (const example of message.examples ?? []) {
        expect(validate(example.payload), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it('accepts what the client tests build and refuses a wrong or unknown field', () => {
    expect(violations(quote('AAPL', 1, { snapshot: true }))).toEqual([]);
    expect(violations({ ...quote('AAPL', 1), seq: '1' })).not.toEqual([]);
    expect(violations({ ...quote('AAPL', 1), extra: 1 })).not.toEqual([]);
  });
});
