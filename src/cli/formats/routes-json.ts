import { writeJsonDocument } from '../output';
import { ROUTES_SCHEMA_VERSION, serviceDocuments } from '../routes-formats';
import { defineRoutesFormat } from './format';

/** `routes --format json`: the access map as data (README: "The access map as data"). */
defineRoutesFormat({
  name: 'json',
  print: (r, io) =>
    writeJsonDocument({ schemaVersion: ROUTES_SCHEMA_VERSION }, 'services', serviceDocuments(r.services), io.out),
});
