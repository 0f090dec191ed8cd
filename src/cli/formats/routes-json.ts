import { json } from '../output';
import { routesDocument } from '../routes-formats';
import { defineRoutesFormat } from './format';

/** `routes --format json`: the access map as data (README: "The access map as data"). */
defineRoutesFormat({ name: 'json', print: (r, io) => io.out(json(routesDocument(r.result.services))) });
