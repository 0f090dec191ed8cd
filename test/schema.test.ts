import { validateSchema } from './util';

describe('the schema helper', () => {
  test('accepts a valid Service', () => {
    expect(() => validateSchema({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 80 }] } })).not.toThrow();
  });

  test('fails when the kind is unknown', () => {
    expect(() => validateSchema({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'a' } }))
      .toThrow(/unknown apiVersion\/kind example.com\/v1\/Widget/);
  });

  test('fails when a field has the wrong type', () => {
    expect(() => validateSchema({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 'eighty' }] } }))
      .toThrow(/does not pass the schema/);
  });

  test('fails when a required field is missing', () => {
    expect(() => validateSchema({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' }, spec: { template: {} } }))
      .toThrow(/does not pass the schema/);
  });
});
